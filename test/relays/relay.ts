// A test relay on 127.0.0.1 that a real Postfix smtp client delivers to. It speaks just enough SMTP
// (EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT) and records what each session did: the
// EHLO name, whether TLS was on, and every AUTH with its mechanism and whether it came over TLS.
// Hand-written on node:net/node:tls rather than the smtp-server package: a relay that strips STARTTLS
// or waits for a TLS hello is a one-word switch here, and we see the raw bytes of each AUTH.
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';

/** starttls: offers STARTTLS, AUTH only after it; implicit: TLS from the first byte (465-style); stripped: no STARTTLS, AUTH in clear. */
export type RelayMode = 'starttls' | 'implicit' | 'stripped';

export interface AuthSeen {
  mechanism: string;
  tls: boolean;
  user: string;
  /** Kept in memory for comparison only: never printed, never written. */
  password: string;
}

export interface RelaySession {
  helo: string;
  tls: boolean;
  auths: AuthSeen[];
  /** Every mechanism the client asked for with AUTH, accepted or not. */
  attempts: string[];
  rcpts: string[];
  /** The message was taken (250 after DATA). */
  delivered: boolean;
}

export interface Relay {
  port: number;
  mode: RelayMode;
  sessions: RelaySession[];
  close(): Promise<void>;
}

const MAX_LINE = 4096;

function decodePlain(b64: string): { user: string; password: string } {
  const [, user = '', password = ''] = Buffer.from(b64, 'base64').toString('utf8').split('\0');
  return { user, password };
}

interface RelayConfig {
  mode: RelayMode;
  context: SecureContext;
  /** What AUTH offers: PLAIN, LOGIN and ANONYMOUS are accepted, any other is refused when asked for (504), which shows what the client tries. */
  mechanisms: readonly string[];
}

function serve(socket: Socket | TLSSocket, session: RelaySession, config: RelayConfig): void {
  const { mode, context, mechanisms } = config;
  let buffer = '';
  let inData = false;
  /** The mechanism whose next client line is awaited, and what has been read of it so far. */
  let pending: { mechanism: string; user?: string } | undefined;
  const reply = (text: string) => socket.write(`${text}\r\n`);
  const authed = () => session.auths.length > 0;
  const offerAuth = () => mode !== 'starttls' || session.tls;
  const finishAuth = (mechanism: string, user: string, password: string) => {
    session.auths.push({ mechanism, tls: session.tls, user, password });
    reply('235 2.7.0 Authentication successful');
  };

  const handle = (line: string): 'upgrade' | void => {
    if (inData) {
      if (line === '.') {
        inData = false;
        session.delivered = true;
        reply('250 2.0.0 queued');
      }
      return;
    }
    if (pending) {
      const p = pending;
      if (p.mechanism === 'ANONYMOUS') {
        pending = undefined;
        finishAuth('ANONYMOUS', Buffer.from(line, 'base64').toString('utf8'), '');
      } else if (p.mechanism === 'PLAIN') {
        pending = undefined;
        const { user, password } = decodePlain(line);
        finishAuth('PLAIN', user, password);
      } else if (p.user === undefined) {
        p.user = Buffer.from(line, 'base64').toString('utf8');
        reply('334 UGFzc3dvcmQ6');
      } else {
        pending = undefined;
        finishAuth('LOGIN', p.user, Buffer.from(line, 'base64').toString('utf8'));
      }
      return;
    }
    const [verb = '', ...args] = line.split(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        session.helo = args[0] ?? '';
        reply('250-relay.test');
        if (mode === 'starttls' && !session.tls) reply('250-STARTTLS');
        if (offerAuth()) reply(`250-AUTH ${mechanisms.join(' ')}`);
        reply('250 8BITMIME');
        return;
      case 'STARTTLS':
        if (mode !== 'starttls' || session.tls) return void reply('502 5.5.1 not offered');
        reply('220 2.0.0 go ahead');
        return 'upgrade';
      case 'AUTH': {
        const mechanism = (args[0] ?? '').toUpperCase();
        if (!offerAuth() || authed()) return void reply('503 5.5.1 not now');
        session.attempts.push(mechanism);
        if (mechanism === 'PLAIN' && args[1]) {
          const { user, password } = decodePlain(args[1]);
          return void finishAuth('PLAIN', user, password);
        }
        if (mechanism === 'PLAIN') return void ((pending = { mechanism }), reply('334 '));
        if (mechanism === 'LOGIN') return void ((pending = { mechanism }), reply('334 VXNlcm5hbWU6'));
        // ANONYMOUS, where offered, lets anyone in: what a client without noanonymous may fall for.
        if (mechanism === 'ANONYMOUS' && mechanisms.includes('ANONYMOUS')) {
          if (args[1]) return void finishAuth('ANONYMOUS', Buffer.from(args[1], 'base64').toString('utf8'), '');
          return void ((pending = { mechanism }), reply('334 '));
        }
        return void reply('504 5.5.4 unrecognised mechanism');
      }
      case 'MAIL':
        // Like a provider's submission port: no mail without a login.
        return void reply(authed() ? '250 2.1.0 ok' : '530 5.7.0 Authentication required');
      case 'RCPT':
        session.rcpts.push(line.slice(line.indexOf(':') + 1).trim());
        return void reply('250 2.1.5 ok');
      case 'DATA':
        inData = true;
        return void reply('354 go on');
      case 'RSET':
      case 'NOOP':
        return void reply('250 2.0.0 ok');
      case 'QUIT':
        reply('221 2.0.0 bye');
        socket.end();
        return;
      default:
        reply('500 5.5.2 unknown command');
    }
  };

  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    if (buffer.length > MAX_LINE && !buffer.includes('\n')) return void socket.destroy();
    for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
      const line = Buffer.from(buffer.slice(0, i), 'latin1').toString('utf8');
      buffer = buffer.slice(i + 2);
      if (handle(line) === 'upgrade') {
        socket.removeListener('data', onData);
        const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
        secure.on('error', () => secure.destroy());
        session.tls = true;
        serve(secure, session, config);
        return;
      }
    }
  };
  socket.on('data', onData);
  socket.setTimeout(15_000, () => socket.destroy());
}

export function startRelay(port: number, mode: RelayMode, tls: { key: string; cert: string }, mechanisms: readonly string[] = ['PLAIN', 'LOGIN']): Promise<Relay> {
  const context = createSecureContext(tls);
  const config: RelayConfig = { mode, context, mechanisms };
  const sessions: RelaySession[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((raw) => {
    open.add(raw);
    raw.on('close', () => open.delete(raw));
    raw.on('error', () => raw.destroy());
    const session: RelaySession = { helo: '', tls: false, auths: [], attempts: [], rcpts: [], delivered: false };
    sessions.push(session);
    if (mode !== 'implicit') {
      raw.write('220 relay.test ESMTP test relay\r\n');
      serve(raw, session, config);
      return;
    }
    const secure = new TLSSocket(raw, { isServer: true, secureContext: context });
    secure.on('error', () => secure.destroy());
    secure.once('secure', () => {
      session.tls = true;
      secure.write('220 relay.test ESMTP test relay\r\n');
    });
    serve(secure, session, config);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port,
        mode,
        sessions,
        close: () => {
          for (const socket of open) socket.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    );
  });
}
