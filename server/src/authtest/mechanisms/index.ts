import { cramMd5 } from './cramMd5';
import { digestMd5 } from './digestMd5';
import { login } from './login';
import { plain } from './plain';
import { scram } from './scram';
import { Credentials, SaslClient } from './types';
import { oauthBearer, xoauth2 } from './xoauth2';

export type { Credentials, SaslClient, SaslStep } from './types';
export { MechanismError } from './types';

/** The mechanisms we can run, by their SASL name; a token mechanism gets undefined without a token. */
const FACTORIES: Record<string, (c: Credentials, host: string) => SaslClient | undefined> = {
  PLAIN: (c) => plain(c),
  LOGIN: (c) => login(c),
  'CRAM-MD5': (c) => cramMd5(c),
  'DIGEST-MD5': (c, host) => digestMd5(c, host),
  'SCRAM-SHA-1': (c) => scram('sha1', c),
  'SCRAM-SHA-256': (c) => scram('sha256', c),
  XOAUTH2: (c) => (c.token ? xoauth2(c, c.token) : undefined),
  OAUTHBEARER: (c) => (c.token ? oauthBearer(c, c.token) : undefined),
};

export const SUPPORTED_MECHANISMS = Object.keys(FACTORIES);

/**
 * Mechanisms that take a bearer token, not a password. They run only with a token (never with the
 * password in its place); "all" includes them when a token was given.
 */
export const TOKEN_MECHANISMS = ['XOAUTH2', 'OAUTHBEARER'];

/** What "all" tries of what a server offers. */
export const PASSWORD_MECHANISMS = SUPPORTED_MECHANISMS.filter((m) => !TOKEN_MECHANISMS.includes(m));

/** Mechanisms that send the password itself (only base64-encoded). */
export const PLAINTEXT_MECHANISMS = ['PLAIN', 'LOGIN'];

export function createMechanism(name: string, c: Credentials, host: string): SaslClient | undefined {
  return FACTORIES[name.toUpperCase()]?.(c, host);
}
