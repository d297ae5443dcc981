import { createHmac } from 'node:crypto';
import { scramProofs } from '../../../server/src/authtest/mechanisms/scram';
import { base64Forms } from '../../../server/src/authtest/redact';

const decode = (b64: string) => Buffer.from(b64, 'base64');

/**
 * Recomputes, from a printed transcript (`~> AUTH CRAM-MD5` then `<~ 334 …`), the values a client derived
 * from `password`: each CRAM-MD5 digest and each SCRAM client proof (base64 and hex). An independent
 * witness for the all-output search: none of them may appear anywhere.
 */
export function derivedSecrets(transcript: string, password: string): string[] {
  const lines = transcript.split('\n').map((l) => l.replace(/\s+\(\d+ ms\)$/, ''));
  const out: string[] = [];
  const challengeAfter = (i: number) => lines.slice(i + 1).map((l) => /^(?:<~|<-) 334 (\S+)$/.exec(l)?.[1]).find(Boolean);
  lines.forEach((line, i) => {
    if (/^(?:~>|->) AUTH CRAM-MD5$/.test(line)) {
      const challenge = challengeAfter(i);
      if (challenge) out.push(createHmac('md5', password).update(decode(challenge)).digest('hex'));
    }
    const scram = /^(?:~>|->) AUTH SCRAM-SHA-(1|256) (\S+)$/.exec(line);
    if (scram) {
      const serverFirst = challengeAfter(i);
      if (!serverFirst) return;
      const first = decode(serverFirst).toString();
      const attrs = Object.fromEntries(first.split(',').map((kv) => [kv[0], kv.slice(2)]));
      const bare = decode(scram[2]).toString().slice(3);
      const { clientProof } = scramProofs(scram[1] === '1' ? 'sha1' : 'sha256', password, decode(attrs.s), Number(attrs.i), `${bare},${first},c=biws,r=${attrs.r}`);
      out.push(clientProof.toString('base64'), clientProof.toString('hex'));
    }
  });
  return out;
}

/** The password, its base64 forms, and what the transcript lets us recompute of its derivatives. */
export function everySecretForm(transcript: string, password: string): string[] {
  const derived = derivedSecrets(transcript, password);
  return [password, ...base64Forms(password), ...derived, ...derived.flatMap(base64Forms)];
}
