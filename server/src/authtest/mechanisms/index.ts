import { cramMd5 } from './cramMd5';
import { digestMd5 } from './digestMd5';
import { login } from './login';
import { plain } from './plain';
import { scram } from './scram';
import { Credentials, SaslClient } from './types';
import { xoauth2 } from './xoauth2';

export type { Credentials, SaslClient, SaslStep } from './types';
export { MechanismError } from './types';

/** The mechanisms we can run, by their SASL name. */
const FACTORIES: Record<string, (c: Credentials, host: string) => SaslClient> = {
  PLAIN: (c) => plain(c),
  LOGIN: (c) => login(c),
  'CRAM-MD5': (c) => cramMd5(c),
  'DIGEST-MD5': (c, host) => digestMd5(c, host),
  'SCRAM-SHA-1': (c) => scram('sha1', c),
  'SCRAM-SHA-256': (c) => scram('sha256', c),
  XOAUTH2: (c) => xoauth2(c),
};

export const SUPPORTED_MECHANISMS = Object.keys(FACTORIES);

/**
 * Mechanisms that take a bearer token, not a password: "all" leaves them out, so that a password is never
 * handed to a server as a token; they run only when named.
 */
export const TOKEN_MECHANISMS = ['XOAUTH2'];

/** What "all" tries of what a server offers. */
export const PASSWORD_MECHANISMS = SUPPORTED_MECHANISMS.filter((m) => !TOKEN_MECHANISMS.includes(m));

/** Mechanisms that send the password itself (only base64-encoded). */
export const PLAINTEXT_MECHANISMS = ['PLAIN', 'LOGIN'];

export function createMechanism(name: string, c: Credentials, host: string): SaslClient | undefined {
  return FACTORIES[name.toUpperCase()]?.(c, host);
}
