import net from 'node:net';
import tls from 'node:tls';
import { Capabilities, parseEhlo } from './capabilities';
import { CertificateRefused, SmtpTestError, SmtpTimeout } from './errors';
import { Remedies } from './remedies';
import { SmtpConnection } from './smtpConnection';
import { TlsInfo, describeTls, verificationFailure } from './tlsInfo';
import { Transcript } from './transcript';
import { ConnectionLimits } from './smtpConnection';

export type TlsMode = 'starttls' | 'starttls-optional' | 'implicit' | 'none';

export interface SessionSettings {
  host: string;
  port: number;
  tls: TlsMode;
  ehloName: string;
  stepMs: number;
  deadline: number;
  verify: boolean;
  ca?: Array<string | Buffer>;
  /** Accept exactly the certificate with this SHA-256 fingerprint (normalised, `AB:CD:…`), whatever its chain says. */
  pin?: string;
  remedies: Remedies;
  transcript: Transcript;
  limits?: ConnectionLimits;
  resolve?: (host: string) => Promise<string[]>;
  /** For the legacy probe: offer only TLS 1.0/1.1 with every cipher allowed. */
  legacyOnly?: boolean;
}

/** What one connection learned before AUTH; filled in as far as it got, also when it fails. */
export interface SessionState {
  banner?: string;
  before?: Capabilities;
  after?: Capabilities;
  tls?: TlsInfo;
  /** Set when starttls-optional found no STARTTLS and went on in clear. */
  fellBackToClear?: boolean;
  conn?: SmtpConnection;
}

/** Contexts trusting the default roots plus extra CAs, by the CAs' text. */
const contexts = new Map<string, tls.SecureContext>();
const MAX_CONTEXTS = 4;

interface NativeContext {
  addCACert?: (pem: string | Buffer) => void;
}

function contextTrusting(ca: Array<string | Buffer>): tls.SecureContext {
  const key = ca.map((c) => c.toString()).join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext();
    const native = context.context as NativeContext;
    // Added to a copy of the default store: a few ms. Handing the roots back as PEM text
    // (`ca: [...tls.rootCertificates, ...ca]`) made OpenSSL parse them all again, most of the CLI's run
    // (15 ms idle, 150 ms on a busy machine), and lost OpenSSL's store under --use-openssl-ca. The
    // fallback is for a Node without the native method.
    if (typeof native?.addCACert === 'function') for (const c of ca) native.addCACert(c);
    else context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...ca] });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
    contexts.set(key, context);
  }
  return context;
}

export function tlsOptions(s: SessionSettings): tls.ConnectionOptions {
  // The name is checked once, by describeTls against the host the user typed. Node's own check would
  // guess the name of a STARTTLS socket ('localhost') and fold the result into the chain's verdict; it
  // also cost 10-40 ms (compiling the IPv6 pattern) when connecting by address.
  const o: tls.ConnectionOptions = { rejectUnauthorized: false, checkServerIdentity: () => undefined };
  if (!net.isIP(s.host)) o.servername = s.host;
  // The legacy probe only asks which protocol the server agrees to: no certificate is judged there.
  if (s.legacyOnly) Object.assign(o, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
  else if (s.ca?.length) o.secureContext = contextTrusting(s.ca);
  return o;
}

/** Connects and walks banner, EHLO, STARTTLS and the second EHLO. Throws SmtpTestError; `state` keeps what was seen. */
export async function openSession(s: SessionSettings, state: SessionState): Promise<SmtpConnection> {
  const conn = await SmtpConnection.open({ host: s.host, port: s.port, timeoutMs: s.stepMs, deadline: s.deadline, transcript: s.transcript, limits: s.limits, resolve: s.resolve });
  state.conn = conn;
  try {
    if (s.tls === 'implicit') await handshake(conn, s, state);
    if (s.tls === 'implicit' && s.legacyOnly) return conn;
    const banner = await conn.readReply('banner', s.stepMs);
    state.banner = banner.lines.join('\n');
    // A 4xx/5xx greeting refuses the session; any other code where the 220 belongs is a server talking
    // before its greeting (a pre-greeting, as postscreen calls it in clients), whose replies are not believed.
    if (banner.code !== 220 && banner.code < 400) throw new SmtpTestError('banner', `the server sent a ${banner.code} reply before its 220 greeting (it talks out of turn), so its replies cannot be trusted`, banner.code);
    if (banner.code !== 220) throw new SmtpTestError('banner', `the server refuses the session: ${banner.code} ${state.banner}`, banner.code);
    const caps = await ehlo(conn, s);
    if (s.tls === 'implicit') {
      state.after = caps;
      return conn;
    }
    state.before = caps;
    if (s.tls === 'none') return conn;
    if (!caps.starttls) {
      if (s.tls === 'starttls-optional') {
        state.fellBackToClear = true;
        s.transcript.note('STARTTLS is not offered; going on in clear (starttls-optional).');
        return conn;
      }
      throw new SmtpTestError('STARTTLS', 'the server does not offer STARTTLS');
    }
    const reply = await conn.command('STARTTLS', 'STARTTLS', s.stepMs);
    if (reply.code !== 220) throw new SmtpTestError('STARTTLS', `STARTTLS refused: ${reply.code} ${reply.lines.join(' ')}`, reply.code);
    await handshake(conn, s, state);
    if (s.legacyOnly) return conn;
    state.after = await ehlo(conn, s);
    return conn;
  } catch (err) {
    conn.close();
    throw suggestOtherMode(err, s);
  }
}

/**
 * The two ways of asking for the wrong TLS mode: a ClientHello answered in plain text (implicit TLS on a
 * STARTTLS port), and silence where the banner should be (STARTTLS on an implicit-TLS port, which waits
 * for our ClientHello). Both become a sentence that names the other mode.
 */
function suggestOtherMode(err: unknown, s: SessionSettings): unknown {
  if (!(err instanceof SmtpTestError) || err instanceof CertificateRefused) return err;
  if (s.tls === 'implicit' && err.stage === 'TLS' && /ERR_SSL_WRONG_VERSION_NUMBER/.test(err.message)) {
    return new SmtpTestError('TLS', `the server answered the TLS handshake in plain text (OpenSSL: wrong version number), so this port seems to expect STARTTLS: ${s.remedies.useStarttls}`);
  }
  if (s.tls !== 'implicit' && err.stage === 'banner' && err instanceof SmtpTimeout && !err.partial) {
    return new SmtpTimeout('banner', `${err.detail}; a port that expects TLS from the first byte (such as 465) stays silent like this: ${s.remedies.useImplicit}`, false);
  }
  return err;
}

async function ehlo(conn: SmtpConnection, s: SessionSettings): Promise<Capabilities> {
  const reply = await conn.command('EHLO', `EHLO ${s.ehloName}`, s.stepMs);
  if (reply.code !== 250) throw new SmtpTestError('EHLO', `EHLO refused: ${reply.code} ${reply.lines.join(' ')}`, reply.code);
  return parseEhlo(reply.lines);
}

/** The TLS handshake, then the certificate judged before a single byte goes out under TLS. */
async function handshake(conn: SmtpConnection, s: SessionSettings, state: SessionState): Promise<void> {
  const socket = await conn.startTls(tlsOptions(s), s.stepMs);
  const pinMatches = !!s.pin && socket.getPeerCertificate().fingerprint256 === s.pin;
  state.tls = describeTls(socket, s.host, !s.verify ? 'off' : pinMatches ? 'pinned' : 'on');
  if (!s.verify || s.legacyOnly || pinMatches) return;
  if (s.pin) {
    const got = state.tls.certificate?.fingerprint256 ?? 'no certificate';
    throw new CertificateRefused('changed', `the certificate is not the pinned one (pinned SHA-256 ${s.pin}, the server sent ${got}); not sending the password. ${s.remedies.pinChanged}`);
  }
  const why = verificationFailure(state.tls);
  if (why) throw new CertificateRefused('untrusted', `${why}; not sending the password. ${s.remedies.untrusted}`);
}
