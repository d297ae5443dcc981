import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { TestCert } from './certs';

/**
 * SMTP servers nobody in this project wrote, started by the test file that uses them on 127.0.0.1 in the
 * auth tests' own port range (30300-30349, kept apart from test/servers and the other helpers' daemons).
 */
export const INDEPENDENT_PORTS = { nodemailer: 30300, aiosmtpdHidden: 30301, aiosmtpdStrict: 30302 } as const;

export interface Running {
  close(): Promise<void>;
}

export interface Account {
  user: string;
  password: string;
}

/**
 * The part of smtp-server's API used here. Loaded at run time, not imported, so that a checkout whose
 * node_modules predates the devDependency still type-checks and skips these tests.
 */
interface SmtpServerModule {
  SMTPServer: new (options: Record<string, unknown>) => {
    server: { once(event: 'error', listener: (err: Error) => void): void };
    on(event: 'error', listener: (err: Error) => void): void;
    listen(port: number, host: string, done: () => void): void;
    close(done: () => void): void;
  };
}
interface AuthRequest {
  username?: string;
  password?: string;
}

/** nodemailer's smtp-server (a devDependency), or why it cannot run here. */
export async function startNodemailer(port: number, cert: TestCert, account: Account, extra: Record<string, unknown> = {}): Promise<Running | string> {
  let SMTPServer: SmtpServerModule['SMTPServer'];
  try {
    ({ SMTPServer } = createRequire(__filename)('smtp-server') as SmtpServerModule);
  } catch {
    return 'smtp-server is not installed (npm ci installs it)';
  }
  const server = new SMTPServer({
    secure: false,
    key: cert.key,
    cert: cert.cert,
    name: 'nodemailer.test',
    authMethods: ['PLAIN', 'LOGIN'],
    // It would look up the client's address in the DNS; nothing here resolves names.
    disableReverseLookup: true,
    logger: false,
    onAuth(auth: AuthRequest, _session: unknown, done: (err: Error | null, ok?: { user: string }) => void) {
      if (auth.username === account.user && auth.password === account.password) done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
    onData(stream: NodeJS.ReadableStream, _session: unknown, done: (err: Error) => void) {
      stream.resume();
      stream.on('end', () => done(new Error('this test server takes no mail')));
    },
    ...extra,
  });
  // A refused TLS 1.0/1.1 handshake (the legacy probe) is an 'error' event; unheard, it would end the process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Debian's python3-aiosmtpd, two servers in one process (see aiosmtpdServers.py), or why it cannot run. */
export async function startAiosmtpd(ports: { hidden: number; strict: number }, files: { cert: string; key: string }, account: Account): Promise<Running | string> {
  if (spawnSync(PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status !== 0) return 'python3-aiosmtpd is not installed (test/servers/install-debian.sh installs it)';
  const script = join(__dirname, 'aiosmtpdServers.py');
  const args = [script, '--cert', files.cert, '--key', files.key, '--hidden', String(ports.hidden), '--strict', String(ports.strict)];
  const child = spawn(PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH, AUTHTEST_USER: account.user, AUTHTEST_PASSWORD: account.password } });
  child.stdin.on('error', () => undefined);
  let said = '';
  child.stderr.on('data', (d) => (said += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    child.stdout.on('data', (d) => String(d).includes('ready') && (clearTimeout(timer), resolve(true)));
    child.once('exit', () => (clearTimeout(timer), resolve(false)));
  });
  const close = async () => {
    child.stdin.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
  };
  if (!ready) {
    await close();
    throw new Error(`aiosmtpd did not start: ${said.slice(-800)}`);
  }
  return { close };
}
