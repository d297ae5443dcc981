// Which SASL mechanisms the client may choose, before TLS (smtp_sasl_security_options) and inside TLS
// (smtp_sasl_tls_security_options), after smtp_sasl_mechanism_filter. The security words exclude
// mechanisms by their properties; those are the mechanisms' own, so Dovecot's table of them serves.
import { saslMechanisms } from '../data/cyrusOptions';
import { lookupDovecotMechanism } from '../data/dovecotSettings';
import type { Origin } from '../instance/services';
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
  const has = (o: string) => options.includes(o);
  // A filter word with a table (type:name) cannot be read here: it lets every name through.
  const filtered = filter.length > 0 && !filter.some((w) => w.includes(':') || w.startsWith('$'));
  return saslMechanisms
    .map((m) => m.name)
    .filter((name) => {
      if (filtered && !filter.includes(name.toLowerCase())) return false;
      const info = lookupDovecotMechanism(name);
      const anonymous = name === 'ANONYMOUS';
      const plaintext = name === 'PLAIN' || name === 'LOGIN';
      return !((has('noplaintext') && plaintext) || (has('noanonymous') && anonymous) || (has('nodictionary') && info?.dictionary) || (has('noactive') && info?.active) || (has('mutual_auth') && !info?.mutualAuth));
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
