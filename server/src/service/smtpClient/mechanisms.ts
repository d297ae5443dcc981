// Which SASL mechanisms the client may choose, before TLS (smtp_sasl_security_options) and inside TLS
// (smtp_sasl_tls_security_options), after smtp_sasl_mechanism_filter. The client is Cyrus SASL: a
// mechanism stays when its plugin has every property the options ask for.
import { saslMechanisms } from '../data/cyrusOptions';
import type { Origin } from '../instance/services';
import { cyrusMechanismProperties, requiredProperties } from '../smtpd/mechanisms/properties';
import { origin, words, type ClientTransport } from './transports';

export interface MechanismPolicy {
  options: string[];
  origin: Origin;
  /** Upper-case names of the known mechanisms left. */
  allowed: string[];
  plaintext: boolean;
  anonymous: boolean;
}

function allowedBy(options: readonly string[], filter: readonly string[]): string[] {
  const required = requiredProperties(options);
  // A filter word with a table (type:name) cannot be read here: it lets every name through.
  const filtered = filter.length > 0 && !filter.some((w) => w.includes(':') || w.startsWith('$'));
  return saslMechanisms
    .map((m) => m.name)
    .filter((name) => {
      if (filtered && !filter.includes(name.toLowerCase())) return false;
      // A mechanism without a Cyrus plugin of its own here (XOAUTH2 ...) is not judged.
      const has = cyrusMechanismProperties(name);
      return !has || required.every((p) => has.includes(p));
    });
}

function policy(t: ClientTransport, parameter: string, filter: readonly string[]): MechanismPolicy {
  const options = words(t, parameter).map((w) => w.toLowerCase());
  const allowed = allowedBy(options, filter);
  return { options, origin: origin(t, parameter), allowed, plaintext: allowed.includes('PLAIN') || allowed.includes('LOGIN'), anonymous: allowed.includes('ANONYMOUS') };
}

/** Whether smtp_sasl_mechanism_filter lets PLAIN or LOGIN through at all (unset, a table, or either named). */
export function filterAdmitsPlaintext(t: ClientTransport): boolean {
  const allowed = allowedBy([], words(t, 'smtp_sasl_mechanism_filter').map((w) => w.toLowerCase()));
  return allowed.includes('PLAIN') || allowed.includes('LOGIN');
}

export function clientMechanisms(t: ClientTransport): { beforeTls: MechanismPolicy; afterTls: MechanismPolicy } {
  const filter = words(t, 'smtp_sasl_mechanism_filter').map((w) => w.toLowerCase());
  return { beforeTls: policy(t, 'smtp_sasl_security_options', filter), afterTls: policy(t, 'smtp_sasl_tls_security_options', filter) };
}
