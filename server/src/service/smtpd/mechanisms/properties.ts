// What each SASL mechanism guarantees, in the words of Postfix's *_sasl_security_options: a
// mechanism is offered only when it has every property the options ask for. Cyrus keeps these as
// plugin flags (SASL_SEC_NOPLAINTEXT ...), Dovecot as the vulnerabilities it announces to Postfix
// (plaintext, dictionary, active ...), which Postfix turns into the same six words.
import { lookupDovecotMechanism } from '../../data/dovecotSettings';

export type SecurityProperty = 'noplaintext' | 'noanonymous' | 'nodictionary' | 'noactive' | 'mutual_auth' | 'forward_secrecy';

export const SECURITY_PROPERTIES: readonly SecurityProperty[] = ['noplaintext', 'noanonymous', 'nodictionary', 'noactive', 'mutual_auth', 'forward_secrecy'];

/** Why a mechanism falls to each option, in a few words. */
export const LACKS: Record<SecurityProperty, string> = {
  noplaintext: 'sends the password',
  noanonymous: 'anonymous',
  nodictionary: 'open to dictionary attacks',
  noactive: 'open to active attacks',
  mutual_auth: 'does not prove the server',
  forward_secrecy: 'no forward secrecy',
};

const SCRAM: readonly SecurityProperty[] = ['noplaintext', 'noactive', 'noanonymous', 'mutual_auth'];
const KERBEROS: readonly SecurityProperty[] = ['noplaintext', 'noactive', 'noanonymous', 'mutual_auth'];

/** The security flags of the Cyrus SASL 2.1 server plugins, per mechanism. */
const cyrusProperties: ReadonlyMap<string, readonly SecurityProperty[]> = new Map<string, readonly SecurityProperty[]>([
  ['PLAIN', ['noanonymous']],
  ['LOGIN', ['noanonymous']],
  ['ANONYMOUS', ['noplaintext']],
  ['CRAM-MD5', ['noplaintext', 'noanonymous']],
  ['DIGEST-MD5', ['noplaintext', 'noanonymous', 'mutual_auth']],
  ['NTLM', ['noplaintext', 'noanonymous']],
  ['SCRAM-SHA-1', SCRAM],
  ['SCRAM-SHA-224', SCRAM],
  ['SCRAM-SHA-256', SCRAM],
  ['SCRAM-SHA-384', SCRAM],
  ['SCRAM-SHA-512', SCRAM],
  ['GSSAPI', KERBEROS],
  ['GS2-KRB5', KERBEROS],
  ['GS2-IAKERB', KERBEROS],
  ['OTP', ['noplaintext', 'noanonymous', 'forward_secrecy']],
  ['SRP', SECURITY_PROPERTIES],
]);

/** Cyrus plugin libraries (lib<name>.so in the plugin folder) and the mechanisms each serves. */
export const cyrusPluginMechanisms: ReadonlyMap<string, readonly string[]> = new Map([
  ['anonymous', ['ANONYMOUS']],
  ['crammd5', ['CRAM-MD5']],
  ['digestmd5', ['DIGEST-MD5']],
  ['login', ['LOGIN']],
  ['plain', ['PLAIN']],
  ['ntlm', ['NTLM']],
  ['scram', ['SCRAM-SHA-512', 'SCRAM-SHA-384', 'SCRAM-SHA-256', 'SCRAM-SHA-224', 'SCRAM-SHA-1']],
  ['gssapiv2', ['GSSAPI']],
  ['gs2', ['GS2-KRB5', 'GS2-IAKERB']],
  ['otp', ['OTP']],
  ['srp', ['SRP']],
]);

/** The plugins of Debian's libsasl2-modules, taken as installed when nobody told us what is. */
export const USUAL_CYRUS_PLUGINS: readonly string[] = ['anonymous', 'crammd5', 'digestmd5', 'login', 'ntlm', 'plain', 'scram'];

export function cyrusMechanismProperties(name: string): readonly SecurityProperty[] | undefined {
  return cyrusProperties.get(name.toUpperCase());
}

/** Dovecot announces weaknesses; a mechanism has each property whose weakness it does not announce. */
export function dovecotMechanismProperties(name: string): readonly SecurityProperty[] | undefined {
  const info = lookupDovecotMechanism(name);
  if (!info) return undefined;
  const out: SecurityProperty[] = [];
  if (!info.plaintext) out.push('noplaintext');
  if (!info.anonymous) out.push('noanonymous');
  if (!info.dictionary) out.push('nodictionary');
  if (!info.active) out.push('noactive');
  if (info.mutualAuth) out.push('mutual_auth');
  return out;
}

/** The option words of a *_sasl_security_options value that ask for a property (others are ignored). */
export function requiredProperties(words: readonly string[]): SecurityProperty[] {
  const known = new Set<string>(SECURITY_PROPERTIES);
  return [...new Set(words.map((w) => w.toLowerCase()).filter((w): w is SecurityProperty => known.has(w)))];
}
