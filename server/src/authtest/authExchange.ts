import { SmtpTestError, SmtpTimeout } from './errors';
import { MechanismError, SaslClient } from './mechanisms';
import { SmtpConnection, SmtpReply } from './smtpConnection';

/** `timeout`: the server did not answer in time, which says nothing about the password or the protocol. */
export type Outcome = 'ok' | 'rejected' | 'temporary-failure' | 'timeout' | 'error' | 'not-offered';

export interface MechanismResult {
  name: string;
  outcome: Outcome;
  /** The server's last reply code, when there was one. */
  code?: number;
  message: string;
  ms: number;
}

/** Enough rounds for any mechanism we run; more means a server that keeps challenging for ever. */
const MAX_ROUNDS = 8;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64: Node's decoder silently skips junk, which would hide a broken server. */
export function decodeChallenge(text: string): Buffer {
  const t = text.trim();
  if (!BASE64.test(t)) throw new SmtpTestError('AUTH', `the server sent a challenge that is not valid base64: "${t.slice(0, 60)}"`);
  return Buffer.from(t, 'base64');
}

/**
 * Runs one SASL exchange on an open session and classifies the end. Never throws. `onSecret` hears each
 * value derived from the password before it goes on the wire, so the redactor knows it.
 */
export async function runMechanism(conn: SmtpConnection, client: SaslClient, stepMs: number, onSecret: (s: string) => void): Promise<MechanismResult> {
  const started = Date.now();
  const result = (outcome: Outcome, message: string, code?: number): MechanismResult => {
    const r: MechanismResult = { name: client.name, outcome, message, ms: Date.now() - started };
    if (code !== undefined) r.code = code;
    return r;
  };
  let reply: SmtpReply | undefined;
  try {
    const init = client.initial();
    init?.secrets?.forEach(onSecret);
    const line = `AUTH ${client.name}${init ? ` ${init.response || '='}` : ''}`;
    const display = `AUTH ${client.name}${init ? ` ${init.display || '='}` : ''}`;
    reply = await conn.command('AUTH', line, stepMs, display);
    for (let round = 0; reply.code === 334; round++) {
      if (round >= MAX_ROUNDS) throw new SmtpTestError('AUTH', `the server sent more than ${MAX_ROUNDS} challenges`);
      let answer;
      try {
        answer = client.challenge(decodeChallenge(reply.lines.join('')));
      } catch (err) {
        if (!(err instanceof MechanismError) && !(err instanceof SmtpTestError)) throw err;
        // Cancel the exchange as RFC 4954 says, then report why.
        const cancel = await conn.command('AUTH', '*', stepMs).catch(() => undefined);
        return result('error', err instanceof SmtpTestError ? err.detail : err.message, cancel?.code);
      }
      answer.secrets?.forEach(onSecret);
      reply = await conn.command('AUTH', answer.response, stepMs, answer.display);
    }
  } catch (err) {
    const e = err instanceof SmtpTestError ? err : new SmtpTestError('AUTH', String((err as Error)?.message ?? err));
    return result(e instanceof SmtpTimeout ? 'timeout' : 'error', `${e.stage}: ${e.detail}`, reply?.code);
  }
  const text = `${reply.code} ${reply.lines.join(' ')}`;
  if (reply.code === 235) {
    const unverified = client.checkSuccess();
    return unverified ? result('error', unverified, 235) : result('ok', text, 235);
  }
  if (reply.code >= 400 && reply.code < 500) return result('temporary-failure', text, reply.code);
  if (reply.code >= 500) return result('rejected', text, reply.code);
  return result('error', `unexpected reply ${text}`, reply.code);
}
