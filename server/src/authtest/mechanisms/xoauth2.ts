import { Credentials, SaslClient, secretStep } from './types';

/**
 * Google/Microsoft XOAUTH2: `user=U^Aauth=Bearer TOKEN^A^A`. On failure the server sends a 334 with a JSON
 * error, and the client must answer with an empty line to get the final 535.
 */
export function xoauth2(c: Credentials): SaslClient {
  return {
    name: 'XOAUTH2',
    initial: () => secretStep(`user=${c.user}\x01auth=Bearer ${c.password}\x01\x01`),
    challenge: () => ({ response: '', display: '' }),
    checkSuccess: () => undefined,
  };
}
