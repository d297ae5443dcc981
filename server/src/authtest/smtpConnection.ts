import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import { SmtpTestError, SmtpTimeout, Stage, asSmtpTestError } from './errors';
import { Transcript } from './transcript';

export interface SmtpReply {
  code: number;
  /** Each line's text after the code and separator. */
  lines: string[];
}

export interface ConnectionLimits {
  /** Longest line accepted (bytes, without CRLF). */
  maxLineBytes: number;
  /** Largest multi-line reply accepted (bytes), also the most unread data held at once. */
  maxReplyBytes: number;
  maxReplyLines: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = { maxLineBytes: 64 * 1024, maxReplyBytes: 1024 * 1024, maxReplyLines: 1000 };

export interface ConnectOptions {
  host: string;
  port: number;
  /** Time for one TCP connect attempt. */
  timeoutMs: number;
  /** Absolute time (Date.now()) by which the whole test must be over. */
  deadline: number;
  transcript: Transcript;
  limits?: ConnectionLimits;
  /** Name resolution; tests replace it to give a name several addresses. Default: dns.lookup, all addresses. */
  resolve?: (host: string) => Promise<string[]>;
}

const REPLY_LINE = /^(\d{3})(?:([ -])(.*))?$/s;

/**
 * One SMTP connection: a socket, a size-bounded line reader, multi-line replies, per-step timeouts and a
 * STARTTLS upgrade. It does not interpret replies beyond their framing; the orchestrator does.
 */
export class SmtpConnection {
  private socket: net.Socket;
  private raw: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private queued: string[] = [];
  private queuedBytes = 0;
  private failure: string | undefined;
  private wake: (() => void) | undefined;
  private lastSentAt = Date.now();
  tlsActive = false;
  readonly remoteAddress: string;

  private constructor(
    socket: net.Socket,
    private readonly opts: ConnectOptions,
    private readonly limits: ConnectionLimits,
  ) {
    this.socket = socket;
    this.raw = socket;
    // Small command lines: without this, Nagle and delayed ACKs add ~40 ms to each reply under TLS.
    socket.setNoDelay(true);
    this.remoteAddress = socket.remoteAddress ?? opts.host;
    this.attach(socket);
  }

  /** Resolves the host and tries each of its addresses in turn until one accepts. */
  static async open(opts: ConnectOptions): Promise<SmtpConnection> {
    const limits = opts.limits ?? DEFAULT_LIMITS;
    const addresses = await resolveHost(opts.host, remaining(opts.deadline, opts.timeoutMs), opts.resolve);
    const failures: string[] = [];
    for (const address of addresses) {
      const label = address.includes(':') ? `[${address}]:${opts.port}` : `${address}:${opts.port}`;
      opts.transcript.note(`Trying ${label}...`);
      try {
        const socket = await connectOne(address, opts.port, remaining(opts.deadline, opts.timeoutMs));
        opts.transcript.note(`Connected to ${label}.`);
        return new SmtpConnection(socket, opts, limits);
      } catch (err) {
        failures.push(`${label}: ${(err as Error).message}`);
        opts.transcript.note(`Failed: ${(err as Error).message}`);
        if (Date.now() >= opts.deadline) break;
      }
    }
    const what = addresses.length > 1 ? `any of the ${addresses.length} addresses of ${opts.host}` : `${opts.host} port ${opts.port}`;
    throw new SmtpTestError('connect', `could not connect to ${what}: ${failures.join('; ')}`);
  }

  /** The milliseconds a step may take: its own limit, cut short by the whole test's deadline. */
  budget(stepMs: number): number {
    return remaining(this.opts.deadline, stepMs);
  }

  send(line: string, display: string = line, stage: Stage = 'AUTH'): void {
    if (this.failure) throw new SmtpTestError(stage, this.failure);
    // We never pipeline, so a reply can only be waiting here if the server sent it before being asked (an
    // early talker, which could fake a 235 ahead of AUTH). Stop before writing anything.
    if (this.queued.length) {
      this.opts.transcript.note(`The server sent ${this.queued.length} line(s) before it was asked; nothing more is sent.`);
      this.fail('the server answered before it was asked (it talks out of turn), so its replies cannot be trusted');
      throw new SmtpTestError(stage, this.failure!);
    }
    this.opts.transcript.add(this.tlsActive ? '~>' : '->', display);
    this.lastSentAt = Date.now();
    this.socket.write(line + '\r\n');
  }

  /** Reads one (possibly multi-line) reply; the stage names the step in any error. */
  async readReply(stage: Stage, stepMs: number): Promise<SmtpReply> {
    const timeoutMs = this.budget(stepMs);
    const deadline = Date.now() + timeoutMs;
    const got: string[] = [];
    let bytes = 0;
    let code = 0;
    try {
      for (;;) {
        const line = await this.nextLine(stage, deadline, timeoutMs, stepMs);
        got.push(line);
        bytes += line.length + 2;
        if (bytes > this.limits.maxReplyBytes || got.length > this.limits.maxReplyLines) {
          throw new SmtpTestError(stage, `reply too long (over ${got.length} lines / ${bytes} bytes); the server seems to send an endless reply`);
        }
        const m = REPLY_LINE.exec(line);
        if (!m) throw new SmtpTestError(stage, `the server sent something that is not an SMTP reply: "${preview(line)}"`);
        const lineCode = Number(m[1]);
        if (got.length === 1) code = lineCode;
        else if (lineCode !== code) throw new SmtpTestError(stage, `reply lines with different codes (${code} then ${lineCode})`);
        if (m[2] !== '-') break;
      }
    } catch (err) {
      if (got.length) this.logReceived(got.slice(0, 20).map(preview));
      this.close();
      throw err;
    }
    this.logReceived(got);
    return { code, lines: got.map((l) => l.slice(4)) };
  }

  async command(stage: Stage, line: string, stepMs: number, display?: string): Promise<SmtpReply> {
    this.send(line, display ?? line, stage);
    return this.readReply(stage, stepMs);
  }

  /** Wraps the socket in TLS. Anything the server sent before the handshake is dropped (STARTTLS injection). */
  async startTls(options: tls.ConnectionOptions, stepMs: number): Promise<tls.TLSSocket> {
    if (this.buf.length || this.queued.length) {
      this.opts.transcript.note('The server sent data after its STARTTLS reply, before TLS; it was discarded.');
      this.buf = Buffer.alloc(0);
      this.queued = [];
      this.queuedBytes = 0;
    }
    this.detach(this.socket);
    const timeoutMs = this.budget(stepMs);
    const started = Date.now();
    const tlsSocket = tls.connect({ ...options, socket: this.raw });
    const ticket = firstSessionTicket(tlsSocket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new SmtpTimeout('TLS', `no TLS handshake within ${timeoutMs} ms`, false)), timeoutMs);
      const done = (err?: Error) => {
        clearTimeout(timer);
        tlsSocket.off('secureConnect', ok);
        tlsSocket.off('error', fail);
        tlsSocket.off('close', closed);
        if (err) {
          tlsSocket.destroy();
          this.raw.destroy();
          reject(err);
        } else resolve();
      };
      const ok = () => done();
      const fail = (e: Error) => done(asSmtpTestError(e, 'TLS'));
      const closed = () => done(new SmtpTestError('TLS', 'the server closed the connection during the TLS handshake'));
      tlsSocket.once('secureConnect', ok);
      tlsSocket.once('error', fail);
      tlsSocket.once('close', closed);
    });
    // Under TLS 1.3 the server sends its session tickets once it has our Finished. A command that leaves
    // before they arrive does not acknowledge them, and the server's reply waits behind them (Nagle) for
    // our delayed ACK: about 40 ms. So the first command waits for the first ticket, at most as long as
    // the handshake took (a server may send none).
    if (tlsSocket.getProtocol() === 'TLSv1.3') await ticket(Math.max(5, Date.now() - started));
    this.socket = tlsSocket;
    this.tlsActive = true;
    this.attach(tlsSocket);
    this.opts.transcript.add('===', `TLS started with ${tlsSocket.getProtocol()} ${tlsSocket.getCipher()?.name ?? ''}`.trim(), Date.now() - started);
    return tlsSocket;
  }

  /** Sends QUIT and waits briefly for the reply; failures here never matter. */
  async quit(stepMs: number): Promise<void> {
    try {
      if (!this.failure) await this.command('QUIT', 'QUIT', Math.min(stepMs, 2000));
    } catch {
      // The test is over either way.
    } finally {
      this.close();
    }
  }

  close(): void {
    if (!this.failure) this.failure = 'the connection was closed';
    this.socket.destroy();
    this.raw.destroy();
    this.wake?.();
  }

  private logReceived(lines: string[]): void {
    this.opts.transcript.add(this.tlsActive ? '<~' : '<-', lines.join('\n'), Date.now() - this.lastSentAt);
  }

  private readonly onData = (chunk: Buffer) => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let nl: number;
    while ((nl = this.buf.indexOf(0x0a)) >= 0) {
      const end = nl > 0 && this.buf[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end > this.limits.maxLineBytes) return this.fail(`a line longer than ${this.limits.maxLineBytes} bytes`);
      const line = this.buf.subarray(0, end).toString('utf8');
      this.buf = this.buf.subarray(nl + 1);
      this.queued.push(line);
      this.queuedBytes += line.length;
      if (this.queuedBytes > this.limits.maxReplyBytes) return this.fail(`more than ${this.limits.maxReplyBytes} bytes of unread replies`);
    }
    if (this.buf.length > this.limits.maxLineBytes) return this.fail(`a line longer than ${this.limits.maxLineBytes} bytes`);
    this.wake?.();
  };
  private readonly onError = (e: Error) => this.fail(`connection error: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
  private readonly onClose = () => this.fail('the server closed the connection');

  private fail(reason: string): void {
    if (!this.failure) this.failure = reason;
    this.socket.destroy();
    this.raw.destroy();
    this.wake?.();
  }

  private attach(s: net.Socket): void {
    s.on('data', this.onData);
    s.on('error', this.onError);
    s.on('close', this.onClose);
  }

  private detach(s: net.Socket): void {
    s.off('data', this.onData);
    s.off('error', this.onError);
    s.off('close', this.onClose);
  }

  private async nextLine(stage: Stage, deadline: number, timeoutMs: number, stepMs: number): Promise<string> {
    for (;;) {
      const line = this.queued.shift();
      if (line !== undefined) {
        this.queuedBytes -= line.length;
        return line;
      }
      if (this.failure) throw new SmtpTestError(stage, this.failure);
      const left = deadline - Date.now();
      if (left <= 0) {
        const partial = this.buf.length ? ` (${this.buf.length} bytes of an unfinished line so far)` : '';
        const why = timeoutMs < stepMs ? 'the whole test ran out of time' : `no complete reply within ${timeoutMs} ms`;
        throw new SmtpTimeout(stage, `${why}${partial}`, this.buf.length > 0);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = undefined;
          resolve();
        }, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }
}

function remaining(deadline: number, stepMs: number): number {
  return Math.max(0, Math.min(stepMs, deadline - Date.now()));
}

function preview(line: string): string {
  const printable = line.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}… (${line.length} characters)` : printable;
}

/** All addresses of a name (IPv4 and IPv6), or the literal itself. */
async function resolveHost(host: string, timeoutMs: number, custom?: (host: string) => Promise<string[]>): Promise<string[]> {
  if (net.isIP(host)) return [host];
  if (custom) return custom(host);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SmtpTestError('connect', `could not resolve ${host} within ${timeoutMs} ms`)), timeoutMs);
    dns.lookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(new SmtpTestError('connect', `could not resolve ${host}: ${err.code ?? err.message}`));
      else if (!addresses.length) reject(new SmtpTestError('connect', `${host} has no addresses`));
      else resolve([...new Set(addresses.map((a) => a.address))]);
    });
  });
}

function connectOne(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve(socket);
    };
    const onConnect = () => finish();
    const onError = (e: NodeJS.ErrnoException) => finish(new Error(e.code ?? e.message));
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}

/**
 * Listens for the server's first session ticket from the start of the handshake; the function it returns
 * resolves once one has come, or after `ms`. It resolves a turn of the event loop later: a write made
 * while Node is still inside the ticket callback is lost.
 */
function firstSessionTicket(socket: tls.TLSSocket): (ms: number) => Promise<void> {
  let arrived = false;
  let wake: (() => void) | undefined;
  socket.once('session', () => {
    arrived = true;
    wake?.();
  });
  return (ms) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake?.(), ms);
      wake = () => {
        wake = undefined;
        clearTimeout(timer);
        setImmediate(resolve);
      };
      if (arrived) wake();
    });
}
