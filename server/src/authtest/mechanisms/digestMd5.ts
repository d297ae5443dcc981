import { createHash, randomBytes } from 'node:crypto';
import { Credentials, MechanismError, SaslClient } from './types';

const md5 = (...parts: Array<string | Buffer>) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

function parseDirectives(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\s*([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0]) {
    const key = m[1].toLowerCase();
    if (!out.has(key)) out.set(key, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
  }
  return out;
}

/** DIGEST-MD5 (RFC 2831, obsoleted by RFC 6331) with qop=auth; the server's rspauth is checked. Kept because servers still offer it. */
export function digestMd5(c: Credentials, host: string, cnonce = randomBytes(12).toString('hex')): SaslClient {
  let expectedRspAuth: string | undefined;
  let verified = false;
  return {
    name: 'DIGEST-MD5',
    initial: () => undefined,
    challenge(data) {
      const d = parseDirectives(data.toString('utf8'));
      if (!expectedRspAuth) {
        const nonce = d.get('nonce');
        if (!nonce) throw new MechanismError('the DIGEST-MD5 challenge has no nonce');
        const qops = (d.get('qop') ?? 'auth').split(',').map((q) => q.trim());
        if (!qops.includes('auth')) throw new MechanismError(`the server offers no qop=auth (${qops.join(',')})`);
        const realm = d.get('realm') ?? '';
        const digestUri = `smtp/${host}`;
        const nc = '00000001';
        const a1 = Buffer.concat([md5(`${c.user}:${realm}:${c.password}`), Buffer.from(`:${nonce}:${cnonce}`)]);
        const ha1 = md5(a1).toString('hex');
        const kd = (a2: string) => md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(a2).toString('hex')}`).toString('hex');
        expectedRspAuth = kd(`:${digestUri}`);
        const q = (s: string) => `"${s.replace(/([\\"])/g, '\\$1')}"`;
        const head = `charset=utf-8,username=${q(c.user)},realm=${q(realm)},nonce=${q(nonce)},nc=${nc},cnonce=${q(cnonce)},digest-uri=${q(digestUri)}`;
        const response = kd(`AUTHENTICATE:${digestUri}`);
        const msg = `${head},response=${response},qop=auth`;
        return { response: Buffer.from(msg).toString('base64'), display: `<${head},response=redacted>`, secrets: [response] };
      }
      if (d.get('rspauth') !== expectedRspAuth) {
        throw new MechanismError("the server's rspauth does not verify: it does not know the password, or something sits in between");
      }
      verified = true;
      return { response: '', display: '' };
    },
    checkSuccess: () => (verified ? undefined : 'the server accepted without sending rspauth'),
  };
}
