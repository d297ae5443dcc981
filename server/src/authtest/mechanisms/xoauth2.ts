import { Credentials, SaslClient, secretStep } from './types';

/**
 * Google/Microsoft XOAUTH2: `user=U^Aauth=Bearer TOKEN^A^A`. On failure the server sends a 334 with a JSON
 * error, and the client must answer with an empty line to get the final 535.
 */
export function xoauth2(c: Credentials, token: string): SaslClient {
  return {
    name: 'XOAUTH2',
    initial: () => secretStep(`user=${c.user}\x01auth=Bearer ${token}\x01\x01`),
    challenge: () => ({ response: '', display: '' }),
    checkSuccess: () => undefined,
  };
}

/**
 * RFC 7628 OAUTHBEARER: a GS2 header naming the user, then `auth=Bearer TOKEN`, fields ended by ^A. A
 * failure comes as a 334 with a JSON status, answered by a lone ^A to get the final reply.
 */
export function oauthBearer(c: Credentials, token: string): SaslClient {
  const gs2User = c.user.replace(/=/g, '=3D').replace(/,/g, '=2C');
  return {
    name: 'OAUTHBEARER',
    initial: () => secretStep(`n,a=${gs2User},\x01auth=Bearer ${token}\x01\x01`),
    challenge: () => ({ response: Buffer.from('\x01').toString('base64'), display: '^A' }),
    checkSuccess: () => undefined,
  };
}
