import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Credentials, MechanismError, SaslClient, SaslStep } from './types';

type Hash = 'sha1' | 'sha256';
const HASH_BYTES: Record<Hash, number> = { sha1: 20, sha256: 32 };
/** Refuse absurd iteration counts: a hostile server could otherwise keep us busy for minutes. */
const MAX_ITERATIONS = 1_000_000;

/** The RFC 5802 computations, apart from the protocol so tests can check them against the RFC vectors. */
export function scramProofs(hash: Hash, password: string, salt: Buffer, iterations: number, authMessage: string) {
  const salted = pbkdf2Sync(Buffer.from(saslPrep(password), 'utf8'), salt, iterations, HASH_BYTES[hash], hash);
  const hmac = (key: Buffer, text: string) => createHmac(hash, key).update(text, 'utf8').digest();
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash(hash).update(clientKey).digest();
  const clientSignature = hmac(storedKey, authMessage);
  const clientProof = Buffer.alloc(clientKey.length);
  for (let i = 0; i < clientKey.length; i++) clientProof[i] = clientKey[i] ^ clientSignature[i];
  const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage);
  return { clientProof, serverSignature };
}

/**
 * SASLprep (RFC 4013) reduced to its common effect: NFKC normalisation and non-ASCII spaces mapped to
 * a space. Passwords of plain ASCII, the usual case, are unchanged either way.
 */
export function saslPrep(s: string): string {
  return s.replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]/g, ' ').replace(/[\u00ad\u200b\u2060\ufeff]/g, '').normalize('NFKC');
}

function saslName(user: string): string {
  return saslPrep(user).replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const m = /^([a-zA-Z])=(.*)$/s.exec(part);
    if (m && !out.has(m[1])) out.set(m[1], m[2]);
  }
  return out;
}

/** SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding; the server's signature is checked. */
export function scram(hash: Hash, c: Credentials, nonce = randomBytes(18).toString('base64')): SaslClient {
  const name = hash === 'sha1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
  const clientFirstBare = `n=${saslName(c.user)},r=${nonce}`;
  let expectedServerSignature: Buffer | undefined;
  let verified = false;
  return {
    name,
    initial: (): SaslStep => {
      const msg = `n,,${clientFirstBare}`;
      return { response: Buffer.from(msg).toString('base64'), display: Buffer.from(msg).toString('base64') };
    },
    challenge(data: Buffer): SaslStep {
      const text = data.toString('utf8');
      const attrs = parseAttributes(text);
      if (!expectedServerSignature) {
        if (attrs.has('e')) throw new MechanismError(`the server refused: ${attrs.get('e')}`);
        const r = attrs.get('r');
        const s = attrs.get('s');
        const i = Number(attrs.get('i'));
        if (!r || !s || !attrs.has('i')) throw new MechanismError(`the server's first SCRAM message lacks r, s or i: "${text.slice(0, 100)}"`);
        if (!r.startsWith(nonce) || r.length === nonce.length) throw new MechanismError("the server's nonce does not extend ours");
        if (!Number.isInteger(i) || i < 1 || i > MAX_ITERATIONS) throw new MechanismError(`unacceptable iteration count ${attrs.get('i')}`);
        const salt = Buffer.from(s, 'base64');
        const withoutProof = `c=biws,r=${r}`;
        const authMessage = `${clientFirstBare},${text},${withoutProof}`;
        const { clientProof, serverSignature } = scramProofs(hash, c.password, salt, i, authMessage);
        expectedServerSignature = serverSignature;
        const final = `${withoutProof},p=${clientProof.toString('base64')}`;
        // The proof allows an offline guess at the password, so it is not shown.
        return { response: Buffer.from(final).toString('base64'), display: `<${withoutProof},p=redacted>`, secrets: [clientProof.toString('base64'), clientProof.toString('hex')] };
      }
      if (attrs.has('e')) throw new MechanismError(`the server refused: ${attrs.get('e')}`);
      const v = Buffer.from(attrs.get('v') ?? '', 'base64');
      if (v.length !== expectedServerSignature.length || !timingSafeEqual(v, expectedServerSignature)) {
        throw new MechanismError("the server's signature does not verify: it does not know the password, or something sits in between");
      }
      verified = true;
      return { response: '', display: '' };
    },
    checkSuccess: () => (verified ? undefined : 'the server accepted without proving that it knows the password (no SCRAM server signature)'),
  };
}
