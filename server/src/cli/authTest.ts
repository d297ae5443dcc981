import { readFileSync } from 'node:fs';
import { AuthTestResult, DEFAULT_PORTS, SUPPORTED_MECHANISMS, TlsMode, formatQuietReport, formatTextReport, parseHostPort, runAuthTest } from '../authtest';
import { SmtpTestError } from '../authtest/errors';
import { TOKEN_MECHANISMS } from '../authtest/mechanisms';
import { forTerminal, jsonForTerminal } from '../authtest/terminalText';
import { checkNoControl } from '../authtest/validate';
import { readSecretFile } from './secretFile';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, authFailed: 1, usage: 2, connect: 3, tls: 4, noAuth: 5, warnings: 6 } as const;

export const AUTH_TEST_HELP = `Usage: postfix-sasl auth-test HOST[:PORT] --user USER [options]
       postfix-sasl auth-test HOST[:PORT] --expect-no-auth-before-tls [options]

Tests SMTP AUTH against a server: what it offers before and after TLS, whether each
mechanism works, and what is unsafe. HOST may be a name, an IPv4 address or [IPv6]:PORT.

Options:
  --user USER              the user name to authenticate as (required)
  --tls MODE               starttls (default), starttls-optional, implicit or none
                           default port: 587 for starttls, 465 for implicit, 25 for none
  --mech LIST|all          mechanisms to try, comma-separated, or all offered (default: all)
                           PLAIN LOGIN CRAM-MD5 DIGEST-MD5 SCRAM-SHA-1 SCRAM-SHA-256, and with
                           a token XOAUTH2 OAUTHBEARER (all tries these only when a token is given)
  --ca FILE                also trust this CA certificate (PEM), e.g. a self-signed server's
  --insecure               do not verify the certificate (reported as a finding)
  --timeout SECONDS        limit for each step (default 10); the whole test gets 6 times that
                           (a step that runs out is reported as a timeout)
  --ehlo NAME              the name to send in EHLO
  --expect-no-auth-before-tls
                           only check that AUTH is withheld until STARTTLS (as with Postfix's
                           smtpd_tls_auth_only = yes): exit 0 when it is, 1 when the EHLO before
                           STARTTLS lists AUTH, 5 when AUTH is not offered after TLS either; no
                           mechanism is tried, and no password is asked for or sent
  --no-legacy-tls-probe    do not ask whether TLS 1.0/1.1 is accepted (by default a second
                           connection, opened beside the test, offers only those versions)
  --format text|json       output format (default text)
  -q, --quiet              text output: only the verdict line and the findings
  --mail-from ADDR         after the first AUTH that works: MAIL FROM:<ADDR> as that user,
  --rcpt-to ADDR           then RCPT TO:<ADDR> (an outside address tests relaying); then the
                           same on a connection without AUTH, which should be refused. Each
                           ends with RSET and QUIT, never DATA: no mail is sent
  --password-env VAR       read the password from environment variable VAR
  --password-file FILE     read it from the first line of FILE ('-' for standard input); a file
                           that others may read is refused, as ssh refuses such a key
  --token-env VAR          a bearer token for XOAUTH2/OAUTHBEARER from variable VAR
  --token-file FILE        the token from the first line of FILE (same rules as above)
  -h, --help               show this help
Without --password-env or --password-file the password is asked for, unechoed, on a
terminal. There is deliberately no --password option: arguments are visible to other users.

Exit codes:
  0  every mechanism tried worked and nothing was found that needs a look
  1  authentication failed (rejected, temporary failure, timeout, protocol error), or it
     worked with an error-level finding such as AUTH accepted without TLS, or AUTH was
     offered before STARTTLS against --expect-no-auth-before-tls
  2  usage error, or a user name, host or password containing CR, LF or NUL
  3  could not connect (connect, banner or EHLO stage)
  4  TLS failed (no STARTTLS, handshake failed, certificate not trusted)
  5  no AUTH offered, or none of the requested mechanisms offered
  6  it works, with warnings (e.g. TLS 1.0/1.1 accepted, AUTH offered before TLS, a
     self-signed certificate)
`;

const VERDICT_EXIT: Record<AuthTestResult['verdict'], number> = {
  pass: EXIT.ok,
  warnings: EXIT.warnings,
  insecure: EXIT.authFailed,
  'auth-failed': EXIT.authFailed,
  'no-auth': EXIT.noAuth,
  'expectation-failed': EXIT.authFailed,
  'tls-failed': EXIT.tls,
  'connect-failed': EXIT.connect,
  'input-error': EXIT.usage,
};

const TLS_MODES: TlsMode[] = ['starttls', 'starttls-optional', 'implicit', 'none'];
const VALUE_OPTIONS = ['--user', '--tls', '--mech', '--ca', '--timeout', '--format', '--password-env', '--password-file', '--token-env', '--token-file', '--ehlo', '--mail-from', '--rcpt-to'];
const FLAG_OPTIONS = ['--insecure', '--help', '-h', '--quiet', '-q', '--no-legacy-tls-probe', '--expect-no-auth-before-tls'];
const SHORT_FLAGS: Record<string, string> = { '-h': '--help', '-q': '--quiet' };

class UsageError extends Error {}

interface Parsed {
  target?: string;
  values: Map<string, string>;
  flags: Set<string>;
}

function parseArgs(argv: string[]): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--password' || name === '-p') {
      throw new UsageError('there is no --password option: a password in the arguments is visible to every user of this machine. Use --password-env VAR, --password-file FILE, or the prompt.');
    }
    if (FLAG_OPTIONS.includes(name)) {
      flags.add(SHORT_FLAGS[name] ?? name);
    } else if (VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${name}`);
    } else if (target === undefined) {
      target = arg;
    } else {
      // Not echoed: a second word is often a password typed in the wrong place.
      throw new UsageError(`an unexpected argument was given after the host (argument ${i + 1}; not shown, in case it is a password)`);
    }
  }
  return { target, values, flags };
}

/** Reads a line from a terminal without echoing it. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const tty = io.stdin as NodeJS.ReadStream;
  return new Promise((resolve, reject) => {
    let answer = '';
    io.stderr.write(question);
    tty.setRawMode(true);
    tty.resume();
    const finish = (err?: Error) => {
      tty.setRawMode(false);
      tty.pause();
      tty.off('data', onData);
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new UsageError('no password entered'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    tty.on('data', onData);
  });
}

/** A secret from `--KIND-env` or `--KIND-file`, or undefined when neither is given. */
async function secretFrom(p: Parsed, io: CliIo, kind: 'password' | 'token'): Promise<string | undefined> {
  const envVar = p.values.get(`--${kind}-env`);
  const file = p.values.get(`--${kind}-file`);
  if (envVar && file) throw new UsageError(`give either --${kind}-env or --${kind}-file, not both`);
  if (envVar) {
    const v = io.env[envVar];
    if (v === undefined) throw new UsageError(`environment variable ${envVar} is not set`);
    return v;
  }
  if (!file) return undefined;
  const read = await readSecretFile(file, io.stdin);
  if (!read.ok) throw new UsageError(`--${kind}-file: ${read.reason}`);
  return read.value;
}

async function getPassword(p: Parsed, io: CliIo): Promise<string> {
  const given = await secretFrom(p, io, 'password');
  if (given !== undefined) return given;
  if ((io.stdin as NodeJS.ReadStream).isTTY) return promptHidden(io, 'Password: ');
  throw new UsageError('no password: use --password-env VAR or --password-file FILE (standard input is not a terminal)');
}

/** --mech: 'all', or names this tester knows; a token mechanism only with a token. */
function readMechanisms(text: string, hasToken: boolean): string[] | 'all' {
  if (text.toLowerCase() === 'all') return 'all';
  const names = text.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
  if (!names.length) throw new UsageError('--mech needs at least one mechanism');
  const unknown = names.filter((m) => !SUPPORTED_MECHANISMS.includes(m));
  if (unknown.length) throw new UsageError(`--mech: ${forTerminal(unknown.join(', '))} ${unknown.length > 1 ? 'are' : 'is'} not a mechanism this tester knows (${SUPPORTED_MECHANISMS.join(' ')})`);
  const needToken = names.filter((m) => TOKEN_MECHANISMS.includes(m));
  if (needToken.length && !hasToken) throw new UsageError(`${needToken.join(' and ')} take a bearer token, never the password: give it with --token-env VAR or --token-file FILE`);
  return names;
}

export async function runAuthTestCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const p = parseArgs(argv);
    if (p.flags.has('--help')) {
      io.stdout.write(AUTH_TEST_HELP);
      return EXIT.ok;
    }
    if (!p.target) throw new UsageError('no HOST given');
    const expectOnly = p.flags.has('--expect-no-auth-before-tls');
    // The expectation check logs in as nobody, so it needs no user name.
    const user = p.values.get('--user') ?? '';
    if (!user && !expectOnly) throw new UsageError('--user is required');
    checkNoControl('user', user);
    const tls = (p.values.get('--tls') ?? 'starttls') as TlsMode;
    if (!TLS_MODES.includes(tls)) throw new UsageError(`--tls must be one of ${TLS_MODES.join(', ')}`);
    const format = p.values.get('--format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
    const mailFrom = p.values.get('--mail-from');
    const rcptTo = p.values.get('--rcpt-to');
    if (rcptTo !== undefined && mailFrom === undefined) throw new UsageError('--rcpt-to needs --mail-from (the sender to try it with)');
    const tokenGiven = p.values.has('--token-env') || p.values.has('--token-file');
    const mechanisms = readMechanisms(p.values.get('--mech') ?? 'all', tokenGiven);
    const timeoutText = p.values.get('--timeout') ?? '10';
    const seconds = Number(timeoutText);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--timeout must be a number of seconds, not "${timeoutText}"`);
    let ca: Buffer | undefined;
    const caFile = p.values.get('--ca');
    if (caFile) {
      try {
        ca = readFileSync(caFile);
      } catch (err) {
        throw new UsageError(`cannot read --ca ${caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    const { host, port } = parseHostPort(p.target);
    const insecure = p.flags.has('--insecure');
    if (insecure) io.stderr.write('WARNING: --insecure: the certificate is not checked; anyone between here and the server could read the password.\n');
    if (p.values.get('--token-file') === '-' && p.values.get('--password-file') === '-') throw new UsageError('the password and the token cannot both come from standard input');
    if (expectOnly && p.values.has('--mech')) throw new UsageError('--expect-no-auth-before-tls tries no mechanism: drop --mech');
    if (expectOnly && tls !== 'starttls') throw new UsageError('--expect-no-auth-before-tls is about STARTTLS: use it with --tls starttls (the default)');
    if (expectOnly && mailFrom !== undefined) throw new UsageError('--expect-no-auth-before-tls sends no AUTH, so --mail-from cannot be tried as a user');
    // The expectation check sends no AUTH: nothing secret is read.
    const token = expectOnly ? undefined : await secretFrom(p, io, 'token');
    const password = expectOnly ? '' : await getPassword(p, io);
    const showProgress = format === 'text' && !p.flags.has('--quiet') && (io.stderr as NodeJS.WriteStream).isTTY;
    const result = await runAuthTest({
      host,
      port: port ?? DEFAULT_PORTS[tls],
      tls,
      user,
      password,
      token,
      mechanisms,
      ca,
      insecure,
      timeoutMs: seconds * 1000,
      totalTimeoutMs: seconds * 6 * 1000,
      ehloName: p.values.get('--ehlo'),
      probeLegacyTls: !p.flags.has('--no-legacy-tls-probe'),
      expectNoAuthBeforeTls: expectOnly,
      envelope: mailFrom === undefined ? undefined : { mailFrom, rcptTo },
      onProgress: showProgress ? (m) => io.stderr.write(`… ${forTerminal(m)}\n`) : undefined,
    });
    const text = p.flags.has('--quiet') ? formatQuietReport : formatTextReport;
    io.stdout.write(format === 'json' ? `${jsonForTerminal(result)}\n` : text(result));
    return VERDICT_EXIT[result.verdict];
  } catch (err) {
    if (err instanceof UsageError || (err instanceof SmtpTestError && err.stage === 'input')) {
      io.stderr.write(`postfix-sasl auth-test: ${err instanceof SmtpTestError ? err.detail : err.message}\nTry 'postfix-sasl auth-test --help'.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`postfix-sasl auth-test: unexpected error: ${forTerminal((err as Error)?.message ?? String(err))}\n`);
    return EXIT.authFailed;
  }
}
