import net from 'node:net';
import tls from 'node:tls';
import { TestCert } from './certs';

/** A TCP (or implicit-TLS) server on 127.0.0.1, port 0, that hands each socket to `onSocket`. */
export interface FakeServer {
  port: number;
  close(): Promise<void>;
}

export async function rawServer(onSocket: (s: net.Socket) => void, implicitTls?: tls.TlsOptions): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s);
  };
  const server = implicitTls ? tls.createServer(implicitTls, track) : net.createServer(track);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timers: NodeJS.Timeout[] = [];
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ScriptOptions {
  banner?: string;
  /** EHLO lines before TLS (after the first, which is the name). */
  capsBefore?: string[];
  capsAfter?: string[];
  cert?: TestCert;
  /** Extra TLS server options, e.g. minVersion for the legacy test. */
  tlsOptions?: tls.TlsOptions;
  /**
   * Answers AUTH and continuation lines; return the reply line(s) to send. A promise holds the reply back
   * (lines that arrive meanwhile are handled as if it had been sent).
   */
  onAuth?: (line: string, state: { step: number; tls: boolean }) => string | Promise<string>;
  implicit?: boolean;
}

/** A small scripted SMTP server: banner, EHLO, STARTTLS (server side upgrade), AUTH via a callback, QUIT. */
export async function scriptedServer(o: ScriptOptions): Promise<FakeServer & { lines: string[]; connections: () => number }> {
  const lines: string[] = [];
  let connections = 0;
  const secureOptions = o.cert ? { key: o.cert.key, cert: o.cert.cert, ...o.tlsOptions } : undefined;
  const serve = (sock: net.Socket, isTls: boolean) => {
    let buf = '';
    let step = 0;
    let inAuth = false;
    // An empty answer is silence: the server does not reply at all.
    const send = (t: string) => t && sock.write(t.endsWith('\r\n') ? t : `${t}\r\n`);
    const answerAuth = (r: string | Promise<string> = '535 5.7.8 no') => {
      if (typeof r === 'string') {
        inAuth = r.startsWith('334');
        send(r);
      } else void r.then(answerAuth);
    };
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        lines.push(line);
        if (inAuth) {
          step++;
          answerAuth(o.onAuth?.(line, { step, tls: isTls }));
        } else if (/^EHLO/i.test(line)) {
          const caps = (isTls ? o.capsAfter : o.capsBefore) ?? [];
          const all = ['fake.test', ...caps];
          send(all.map((c, n) => `250${n === all.length - 1 ? ' ' : '-'}${c}`).join('\r\n'));
        } else if (/^STARTTLS/i.test(line) && secureOptions && !isTls) {
          send('220 2.0.0 go ahead');
          sock.removeAllListeners('data');
          const secure = new tls.TLSSocket(sock, { isServer: true, ...secureOptions });
          secure.on('error', () => undefined);
          secure.once('secure', () => serve(secure, true));
          return;
        } else if (/^AUTH /i.test(line)) {
          step = 0;
          answerAuth(o.onAuth?.(line, { step, tls: isTls }));
        } else if (/^QUIT/i.test(line)) {
          send('221 bye');
          sock.end();
        } else send('502 5.5.2 unknown');
      }
    });
  };
  const server = await rawServer((s) => {
    connections++;
    s.write(`${o.banner ?? '220 fake.test ESMTP'}\r\n`);
    serve(s, !!o.implicit);
  }, o.implicit ? secureOptions : undefined);
  return { ...server, lines, connections: () => connections };
}
