import { SmtpTestError } from './errors';
import { SmtpConnection } from './smtpConnection';

/** The addresses of the optional sender/relay step: MAIL FROM and RCPT TO, then RSET. No DATA, so no mail. */
export interface Envelope {
  mailFrom: string;
  rcptTo?: string;
}

export interface EnvelopeStep {
  command: 'MAIL FROM' | 'RCPT TO';
  address: string;
  code: number;
  reply: string;
}

export interface EnvelopeResult {
  /** After AUTH, as the authenticated user: may they send as this sender, and relay to this recipient? */
  authenticated?: EnvelopeStep[];
  /** The same on a connection without AUTH, which a submission service must refuse. */
  unauthenticated?: EnvelopeStep[];
}

/** An address goes between angle brackets: anything that could end them or the line is refused. */
const ADDRESS = /^[^\s<>\x00-\x1f\x7f]*$/;

export function checkAddress(what: 'sender' | 'recipient', address: string): void {
  if (!ADDRESS.test(address) || address.length > 254) throw new SmtpTestError('input', `the ${what} address may not hold spaces, angle brackets or control characters (and at most 254 characters)`);
}

/**
 * MAIL FROM, then RCPT TO if the sender was accepted, then RSET, so nothing is ever queued. Errors of
 * the connection end the step; what was answered so far is kept.
 */
export async function probeEnvelope(conn: SmtpConnection, e: Envelope, stepMs: number): Promise<EnvelopeStep[]> {
  const steps: EnvelopeStep[] = [];
  const ask = async (command: EnvelopeStep['command'], address: string) => {
    const reply = await conn.command('MAIL', `${command}:<${address}>`, stepMs);
    steps.push({ command, address, code: reply.code, reply: `${reply.code} ${reply.lines.join(' ')}` });
    return reply.code;
  };
  try {
    const from = await ask('MAIL FROM', e.mailFrom);
    if (from === 250 && e.rcptTo !== undefined) await ask('RCPT TO', e.rcptTo);
    await conn.command('MAIL', 'RSET', stepMs);
  } catch {
    // The steps answered so far say what they say; a broken connection after them changes nothing.
  }
  return steps;
}
