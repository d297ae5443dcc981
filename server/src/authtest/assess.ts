import { MechanismResult } from './authExchange';
import { Capabilities, offeredMechanisms } from './capabilities';
import { EnvelopeResult } from './envelope';
import { Stage } from './errors';
import { Finding, FindingKey, Severity, finding as makeFinding } from './findings';
import { Remedies } from './remedies';
import { PLAINTEXT_MECHANISMS } from './mechanisms';
import { TlsInfo } from './tlsInfo';

export interface Observations {
  before?: Capabilities;
  after?: Capabilities;
  tls?: TlsInfo;
  /** True when AUTH ran without TLS (mode none, or starttls-optional without STARTTLS). */
  clear: boolean;
  mechanisms: MechanismResult[];
  unsupportedOffered: string[];
  error?: { stage: Stage; message: string; timeout?: boolean };
  insecure: boolean;
  remedies: Remedies;
  envelope?: EnvelopeResult;
}

/** Turns what the test saw into findings, in order of importance. */
export function assess(o: Observations): Finding[] {
  const out: Finding[] = [];
  const finding = (key: FindingKey, detail?: string, severity?: Severity) => makeFinding(key, o.remedies, detail, severity);
  if (o.before) {
    const clearMechs = offeredMechanisms(o.before);
    if (clearMechs.length && o.before.starttls) out.push(finding('authBeforeTls', `Before STARTTLS the server offers AUTH ${clearMechs.join(' ')}.`));
    const plain = clearMechs.filter((m) => PLAINTEXT_MECHANISMS.includes(m));
    if (plain.length) out.push(finding('plaintextMechInClear', `Offered without TLS: ${plain.join(', ')}.`));
    if (!o.before.starttls && o.after === undefined && (o.error?.stage === 'STARTTLS' || o.clear)) out.push(finding('noStarttls'));
  }
  for (const m of o.mechanisms) {
    if (o.clear && m.outcome === 'ok') {
      out.push(finding('authAcceptedInClear', `${m.name} succeeded without TLS${PLAINTEXT_MECHANISMS.includes(m.name) ? ', and it sends the password itself' : ''}.`));
      break;
    }
  }
  const t = o.tls;
  if (t?.certificate) {
    if (t.certificate.expired) out.push(finding('certExpired', `It expired on ${t.certificate.validTo}.`));
    else if (t.certificate.notYetValid) out.push(finding('certNotYetValid', `It is valid from ${t.certificate.validFrom}.`));
    if (t.certificate.selfSigned) out.push(finding('certSelfSigned', `Subject ${t.certificate.subject}.`));
    // A pinned certificate is trusted here by the user's choice; other clients still refuse it, but it is not
    // this test's failure.
    const pinned = t.verification === 'pinned' ? 'warning' : undefined;
    const pinNote = pinned ? ' You pinned it, so this test went on; clients that verify will refuse it.' : '';
    if (!t.certificate.selfSigned && !t.chainVerified && !t.certificate.expired) out.push(finding('certUntrusted', `OpenSSL says ${t.chainError}.${pinNote}`, pinned));
    if (!t.nameMatches) out.push(finding('certOtherName', `${t.nameError ? `${t.nameError}.` : ''}${pinNote}`.trim() || undefined, pinned));
  }
  if (t?.legacyProtocolAccepted) out.push(finding('legacyTls', `The server completed a ${t.legacyProtocolAccepted} handshake.`));
  if (o.insecure && t) out.push(finding('verificationOff'));
  const authCaps = o.after ?? o.before;
  if (authCaps && !o.error && !offeredMechanisms(authCaps).length) out.push(finding('noAuthOffered'));
  const notOffered = o.mechanisms.filter((m) => m.outcome === 'not-offered').map((m) => m.name);
  if (notOffered.length && authCaps && offeredMechanisms(authCaps).length) {
    out.push(finding('mechanismNotOffered', `Not offered: ${notOffered.join(', ')}; offered: ${offeredMechanisms(authCaps).join(' ')}.`));
  }
  if (o.unsupportedOffered.length) out.push(finding('unsupportedMechanisms', `Not tried: ${o.unsupportedOffered.join(', ')}.`));
  const byCode = (pred: (m: MechanismResult) => boolean) => o.mechanisms.filter(pred).map((m) => m.name);
  // 530 and 538 (RFC 4954: "encryption required for requested authentication mechanism") both say TLS
  // first; neither judged the password.
  const wantsTls = (m: MechanismResult) => m.code === 530 || m.code === 538;
  const r530 = o.mechanisms.filter(wantsTls);
  if (r530.length) out.push(finding('tlsRequired530', r530.map((m) => `${m.name} got ${m.code}.`).join(' ')));
  const r535 = byCode((m) => m.outcome === 'rejected' && !wantsTls(m));
  if (r535.length) out.push(finding('rejected535', `${r535.join(', ')}: ${o.mechanisms.find((m) => m.name === r535[0])?.message}.`));
  const r454 = byCode((m) => m.outcome === 'temporary-failure');
  if (r454.length) out.push(finding('temporary454', `${r454.join(', ')}: ${o.mechanisms.find((m) => m.name === r454[0])?.message}.`));
  const proof = o.mechanisms.filter((m) => m.outcome === 'error' && /signature|rspauth|proving/.test(m.message));
  if (proof.length) out.push(finding('serverNotVerified', `${proof.map((m) => `${m.name}: ${m.message}`).join('; ')}.`));
  const late = o.mechanisms.filter((m) => m.outcome === 'timeout');
  if (late.length) out.push(finding('stepTimeout', `${late.map((m) => `${m.name}: ${m.message}`).join('; ')}.`));
  if (o.error?.timeout) out.push(finding('stepTimeout', `${o.error.stage}: ${o.error.message}.`));
  const broken = o.mechanisms.filter((m) => m.outcome === 'error' && !proof.includes(m));
  if (broken.length) out.push(finding('protocolError', `${broken.map((m) => `${m.name}: ${m.message}`).join('; ')}.`));
  out.push(...assessEnvelope(o.envelope, finding));
  const order = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}

/** What the MAIL FROM / RCPT TO step says: may the user send as this sender and relay, and may a stranger? */
function assessEnvelope(e: EnvelopeResult | undefined, finding: (key: FindingKey, detail?: string) => Finding): Finding[] {
  const out: Finding[] = [];
  const step = (steps: EnvelopeResult['authenticated'], command: 'MAIL FROM' | 'RCPT TO') => steps?.find((s) => s.command === command);
  const senderAsUser = step(e?.authenticated, 'MAIL FROM');
  if (senderAsUser && senderAsUser.code >= 400) out.push(finding('senderRefused', `MAIL FROM:<${senderAsUser.address}> got ${senderAsUser.reply}.`));
  const relayAsUser = step(e?.authenticated, 'RCPT TO');
  if (relayAsUser && relayAsUser.code >= 400) out.push(finding(relayAsUser.code >= 500 ? 'relayRefused' : 'recipientDeferred', `RCPT TO:<${relayAsUser.address}> got ${relayAsUser.reply}.`));
  const relayAsStranger = step(e?.unauthenticated, 'RCPT TO');
  if (relayAsStranger && relayAsStranger.code >= 200 && relayAsStranger.code < 300) {
    out.push(finding('unauthenticatedRelay', `Without AUTH, RCPT TO:<${relayAsStranger.address}> got ${relayAsStranger.reply}.`));
  }
  return out;
}
