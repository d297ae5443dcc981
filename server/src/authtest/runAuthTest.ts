import { MechanismResult, runMechanism } from './authExchange';
import { assess } from './assess';
import { Envelope, EnvelopeResult, checkAddress, probeEnvelope } from './envelope';
import { ExpectationResult, expectationSummary, judgeNoAuthBeforeTls } from './expectation';
import { Capabilities, offeredMechanisms } from './capabilities';
import { CertificateRefused, SmtpTestError, SmtpTimeout, Stage, asSmtpTestError } from './errors';
import { FINDING_RULES, Finding } from './findings';
import { SUPPORTED_MECHANISMS, TOKEN_MECHANISMS, createMechanism } from './mechanisms';
import { Redactor, mapStrings } from './redact';
import { CLI_REMEDIES, Remedies } from './remedies';
import { checkCaCertificates, normalizeFingerprint } from './trust';
import { ConnectionLimits } from './smtpConnection';
import { startLegacyProbe } from './legacyProbe';
import { SessionSettings, SessionState, TlsMode, openSession } from './session';
import { TlsInfo } from './tlsInfo';
import { Transcript, TranscriptEntry } from './transcript';
import { checkNoControl } from './validate';

export type { TlsMode } from './session';

export interface AuthTestOptions {
  host: string;
  /** Default by mode: 587 starttls, 465 implicit, 25 none. */
  port?: number;
  tls: TlsMode;
  user: string;
  /** The password, or a function giving it; asked for once, never stored in the result. */
  password: string | (() => string | Promise<string>);
  /** A bearer token for XOAUTH2 / OAUTHBEARER; without one they are not tried (the password is never sent as a token). */
  token?: string;
  mechanisms: string[] | 'all';
  /** Extra trust anchors (PEM), added to the system's. */
  ca?: string | Buffer | Array<string | Buffer>;
  /**
   * Trust exactly the certificate with this SHA-256 fingerprint (hex, with or without colons): the test goes
   * on when the server presents it, whatever its chain and name say, and stops before AUTH when it presents
   * any other.
   */
  pinnedFingerprint?: string;
  /** Go on whatever the certificate says; reported as a finding. */
  insecure?: boolean;
  /** The front end's words for what the user can do (its flags or its settings); default the CLI's. */
  remedies?: Remedies;
  /** Limit for each step (connect, banner, each reply, TLS handshake). Default 10 s. */
  timeoutMs?: number;
  /** Limit for the whole test. Default 60 s. */
  totalTimeoutMs?: number;
  ehloName?: string;
  /**
   * After the first AUTH that works: MAIL FROM and RCPT TO as that user, then the same without AUTH on a
   * new connection; each ends with RSET and QUIT, never DATA, so no mail is sent.
   */
  envelope?: Envelope;
  /** Try TLS 1.0/1.1 on one extra connection, opened beside the main one. Default true. */
  probeLegacyTls?: boolean;
  /**
   * Only check that the server withholds AUTH until STARTTLS (mode starttls): no mechanism is tried and no
   * password is sent; the verdict is pass when AUTH appears only after TLS, expectation-failed when before.
   */
  expectNoAuthBeforeTls?: boolean;
  onProgress?: (message: string) => void;
  onTranscript?: (entry: TranscriptEntry) => void;
  limits?: ConnectionLimits;
  /** Name resolution (default: every address from the system resolver). */
  resolve?: (host: string) => Promise<string[]>;
}

/**
 * pass: every asked mechanism worked and nothing needs a look. warnings: they worked, with warning findings
 * (e.g. TLS 1.0 accepted). insecure: they worked, but with error findings (e.g. AUTH accepted in clear).
 * The others name the stage that stopped the test.
 */
export type Verdict = 'pass' | 'warnings' | 'insecure' | 'auth-failed' | 'no-auth' | 'expectation-failed' | 'tls-failed' | 'connect-failed' | 'input-error';

export interface AuthTestResult {
  verdict: Verdict;
  /** One sentence for the top of a report. */
  summary: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  user: string;
  server: { banner: string; before?: Capabilities; after?: Capabilities };
  tls?: TlsInfo;
  mechanisms: MechanismResult[];
  findings: Finding[];
  envelope?: EnvelopeResult;
  /** With expectNoAuthBeforeTls: what the two EHLO replies said. */
  expectation?: ExpectationResult;
  transcript: TranscriptEntry[];
  /** What stopped the test before AUTH, if anything; `certificate` when it was the certificate that was refused. */
  error?: TestStop;
  startedAt: string;
  ms: number;
}

export interface TestStop {
  stage: Stage;
  message: string;
  /** The step ran out of time (not a protocol break, not a refusal). */
  timeout?: boolean;
  certificate?: CertificateRefused['kind'];
}

export const DEFAULT_PORTS: Record<TlsMode, number> = { starttls: 587, 'starttls-optional': 587, implicit: 465, none: 25 };

export async function runAuthTest(opts: AuthTestOptions): Promise<AuthTestResult> {
  const started = Date.now();
  const port = opts.port ?? DEFAULT_PORTS[opts.tls];
  const base = { host: opts.host, port, tlsMode: opts.tls, user: opts.user, startedAt: new Date(started).toISOString() };
  let password: string;
  const ca = opts.ca === undefined ? undefined : Array.isArray(opts.ca) ? opts.ca : [opts.ca];
  const remedies = opts.remedies ?? CLI_REMEDIES;
  try {
    checkNoControl('host', opts.host);
    checkNoControl('user', opts.user);
    if (opts.ehloName !== undefined) checkNoControl('EHLO name', opts.ehloName);
    if (opts.expectNoAuthBeforeTls && opts.tls !== 'starttls') throw new SmtpTestError('input', 'the expectation that AUTH is withheld before TLS is about STARTTLS: use the TLS mode starttls');
    if (opts.expectNoAuthBeforeTls && opts.envelope) throw new SmtpTestError('input', 'the expectation check sends no AUTH, so it cannot try MAIL FROM and RCPT TO as a user');
    if (opts.envelope) checkAddress('sender', opts.envelope.mailFrom);
    if (opts.envelope?.rcptTo !== undefined) checkAddress('recipient', opts.envelope.rcptTo);
    if (opts.pinnedFingerprint !== undefined && !normalizeFingerprint(opts.pinnedFingerprint)) {
      throw new SmtpTestError('input', 'the pinned fingerprint is not a SHA-256 fingerprint (64 hex digits)');
    }
    if (ca) checkCaCertificates(ca);
    password = typeof opts.password === 'function' ? await opts.password() : opts.password;
    checkNoControl('password', password);
    if (opts.token !== undefined) checkNoControl('token', opts.token);
  } catch (err) {
    const e = asSmtpTestError(err, 'input');
    // The user name may hold a control character: show it escaped.
    return { ...base, user: JSON.stringify(opts.user), verdict: 'input-error', summary: e.message, server: { banner: '' }, mechanisms: [], findings: [], transcript: [], error: { stage: e.stage, message: e.detail }, ms: Date.now() - started };
  }
  const redactor = new Redactor([password, opts.token]);
  // What the user typed, and our own findings' words, are in the output by themselves; redacting a weak
  // password there ("TLS", "server") would point at it.
  for (const typed of [opts.host, opts.user, opts.ehloName ?? '']) redactor.observeNatural(typed);
  mapStrings([FINDING_RULES, remedies], (s) => (redactor.observeNatural(s), s));
  const transcript = new Transcript(redactor, opts.onTranscript);
  const progress = (m: string) => opts.onProgress?.(m);
  const settings: SessionSettings = {
    host: opts.host,
    port,
    tls: opts.tls,
    ehloName: opts.ehloName ?? 'postfix-sasl-auth-test.invalid',
    stepMs: opts.timeoutMs ?? 10_000,
    deadline: started + (opts.totalTimeoutMs ?? 60_000),
    verify: !opts.insecure,
    ca,
    pin: opts.pinnedFingerprint === undefined ? undefined : normalizeFingerprint(opts.pinnedFingerprint),
    remedies,
    transcript,
    limits: opts.limits,
    resolve: opts.resolve,
  };
  const credentials = { user: opts.user, password, token: opts.token || undefined };
  const usable = (m: string) => SUPPORTED_MECHANISMS.includes(m) && (!!credentials.token || !TOKEN_MECHANISMS.includes(m));
  const first: SessionState = {};
  const mechanisms: MechanismResult[] = [];
  let unsupportedOffered: string[] = [];
  let error: TestStop | undefined;
  const envelope: EnvelopeResult = {};

  progress(`Connecting to ${opts.host} port ${port}`);
  // The legacy-TLS question is asked on a connection of its own, beside the main test, not after it.
  const probe = opts.probeLegacyTls !== false && opts.tls !== 'none' ? startLegacyProbe(settings) : undefined;
  if (probe) progress('Checking, on a second connection, whether TLS 1.0/1.1 is accepted');
  try {
    let conn = await openSession(settings, first);
    const caps = first.after ?? first.before;
    const offered = caps ? offeredMechanisms(caps) : [];
    const wanted = opts.expectNoAuthBeforeTls ? [] : opts.mechanisms === 'all' ? offered.filter(usable) : opts.mechanisms.map((m) => m.toUpperCase());
    if (opts.mechanisms === 'all' && !opts.expectNoAuthBeforeTls) unsupportedOffered = offered.filter((m) => !usable(m));
    // The certificate and the first session's texts came before any secret was sent.
    mapStrings([first.banner, first.before, first.after, first.tls], (s) => (redactor.observeNatural(s), s));
    redactor.closeNatural();
    let fresh = true;
    for (const name of wanted) {
      const client = createMechanism(name, credentials, opts.host);
      if (!client) {
        const why = TOKEN_MECHANISMS.includes(name) ? `${name} takes a bearer token and none was given; the password is never sent as one` : `this tester does not implement ${name}`;
        mechanisms.push({ name, outcome: 'error', message: why, ms: 0 });
        continue;
      }
      if (!offered.includes(name)) {
        mechanisms.push({ name, outcome: 'not-offered', message: `not in the server's AUTH list (${offered.join(' ') || 'none'})`, ms: 0 });
        continue;
      }
      if (Date.now() >= settings.deadline) {
        mechanisms.push({ name, outcome: 'timeout', message: 'not tried: the whole test ran out of time', ms: 0 });
        continue;
      }
      progress(`Trying ${name}`);
      if (!fresh) {
        transcript.note(`New connection for ${name}`);
        try {
          conn = await openSession(settings, {});
        } catch (err) {
          const e = asSmtpTestError(err, 'connect');
          mechanisms.push({ name, outcome: e instanceof SmtpTimeout ? 'timeout' : 'error', message: `${e.stage}: ${e.detail}`, ms: 0 });
          continue;
        }
      }
      const outcome = await runMechanism(conn, client, settings.stepMs, (s) => redactor.add(s));
      mechanisms.push(outcome);
      if (opts.envelope && outcome.outcome === 'ok' && !envelope.authenticated) {
        progress('Trying MAIL FROM and RCPT TO as the authenticated user');
        envelope.authenticated = await probeEnvelope(conn, opts.envelope, settings.stepMs);
      }
      await conn.quit(settings.stepMs);
      fresh = false;
    }
    if (fresh) await conn.quit(settings.stepMs);
    if (opts.envelope && Date.now() < settings.deadline) envelope.unauthenticated = await withoutAuth(settings, opts.envelope);
  } catch (err) {
    const e = asSmtpTestError(err, 'connect');
    error = { stage: e.stage, message: e.detail };
    if (e instanceof CertificateRefused) error.certificate = e.kind;
    if (e instanceof SmtpTimeout) error.timeout = true;
    first.conn?.close();
  }

  if (probe) {
    const accepted = await probe.accepted;
    // Only a test that reached TLS itself reports it; otherwise the probe's answer describes nothing tested.
    if (first.tls) {
      first.tls.legacyProtocolAccepted = accepted;
      transcript.append(probe.transcript.entries);
    }
  }

  const clear = opts.tls === 'none' || !!first.fellBackToClear;
  const findings = assess({ before: first.before, after: first.after, tls: first.tls, clear, mechanisms, unsupportedOffered, error, insecure: !!opts.insecure, remedies, envelope });
  const expectation = opts.expectNoAuthBeforeTls && !error ? judgeNoAuthBeforeTls(first.before, first.after) : undefined;
  if (expectation && !expectation.met) {
    // The user said AUTH must not appear before TLS: here that listing is the failure, not a warning.
    for (const f of findings) if (f.code === FINDING_RULES.authBeforeTls.code) f.severity = 'error';
  }
  const verdict = expectation ? (!expectation.met ? 'expectation-failed' : expectation.offeredAfterTls.length ? 'pass' : 'no-auth') : decide(error, mechanisms, findings);
  const result: AuthTestResult = {
    ...base,
    verdict,
    summary: expectation ? expectationSummary(expectation) : summarise(verdict, mechanisms, error),
    server: { banner: first.banner ?? '', before: first.before, after: first.after },
    tls: first.tls,
    mechanisms,
    findings,
    ...(opts.envelope ? { envelope } : {}),
    ...(expectation ? { expectation } : {}),
    transcript: transcript.entries,
    ms: Date.now() - started,
  };
  if (error) result.error = error;
  // The transcript is redacted as it is written; a server can also echo the password in a reply that a
  // mechanism message, a finding or the error quotes, so every other field passes the redactor too.
  return mapStrings(result, (s) => redactor.clean(s));
}

/** The envelope step on a new connection that does not authenticate; undefined when it cannot connect. */
async function withoutAuth(s: SessionSettings, e: Envelope): Promise<EnvelopeResult['unauthenticated']> {
  s.transcript.note('New connection without AUTH: may an unauthenticated client send?');
  const state: SessionState = {};
  try {
    const conn = await openSession(s, state);
    const steps = await probeEnvelope(conn, e, s.stepMs);
    await conn.quit(s.stepMs);
    return steps;
  } catch {
    state.conn?.close();
    return undefined;
  }
}

function decide(error: AuthTestResult['error'], mechanisms: MechanismResult[], findings: Finding[]): Verdict {
  if (error) {
    if (error.stage === 'STARTTLS' || error.stage === 'TLS') return 'tls-failed';
    return 'connect-failed';
  }
  const tried = mechanisms.filter((m) => m.outcome !== 'not-offered');
  if (!tried.length) return 'no-auth';
  if (mechanisms.some((m) => m.outcome !== 'ok')) return 'auth-failed';
  if (findings.some((f) => f.severity === 'error')) return 'insecure';
  return findings.some((f) => f.severity === 'warning') ? 'warnings' : 'pass';
}

function summarise(verdict: Verdict, mechanisms: MechanismResult[], error: AuthTestResult['error']): string {
  const ok = mechanisms.filter((m) => m.outcome === 'ok').map((m) => m.name);
  const bad = mechanisms.filter((m) => m.outcome !== 'ok').map((m) => `${m.name} ${m.outcome}`);
  switch (verdict) {
    case 'pass':
      return `Authentication works (${ok.join(', ')}).`;
    case 'warnings':
      return `Authentication works (${ok.join(', ')}), with warnings: see below.`;
    case 'insecure':
      return `Authentication works (${ok.join(', ')}), but not safely: see the errors below.`;
    case 'auth-failed':
      return `Authentication failed: ${bad.join(', ')}${ok.length ? `; worked: ${ok.join(', ')}` : ''}.`;
    case 'no-auth':
      return mechanisms.length ? `None of the requested mechanisms is offered (${bad.join(', ')}).` : 'The server offers no AUTH here.';
    default:
      return `Stopped at ${error?.stage}: ${error?.message}`;
  }
}

export { SmtpTestError };
