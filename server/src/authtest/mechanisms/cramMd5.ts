import { createHmac } from 'node:crypto';
import { Credentials, SaslClient, openStep } from './types';

/** RFC 2195: `user HEX(HMAC-MD5(password, challenge))`. The digest alone permits an offline guess, so it is not shown. */
export function cramMd5(c: Credentials): SaslClient {
  return {
    name: 'CRAM-MD5',
    initial: () => undefined,
    challenge(data) {
      const digest = createHmac('md5', Buffer.from(c.password, 'utf8')).update(data).digest('hex');
      const step = openStep(`${c.user} ${digest}`);
      return { response: step.response, display: `<${c.user} and digest, redacted>`, secrets: [digest] };
    },
    checkSuccess: () => undefined,
  };
}
