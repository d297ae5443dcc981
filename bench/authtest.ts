// The SMTP AUTH test (STARTTLS + AUTH PLAIN, right password) against the local Postfix of
// test/servers/start.sh, next to swaks doing the same; and the "all offered mechanisms" run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { runAuthTest } from '../server/src/authtest';
import { join } from 'node:path';
import { now, row, summarize, timeAsync, type Row } from './stats';

const STATE_FILE = `${process.env.POSTFIX_SASL_TEST_DIR ?? '/tmp/postfix-sasl-test'}/state.json`;
/** The command as users run it: bin/postfix-sasl.js loads the auth-test bundle (dist/auth-test.js). */
const BIN = join(__dirname, '..', 'bin', 'postfix-sasl.js');
/** The test servers' certificate is self-signed: the CLI says it works, with that warning (exit 6). */
const SELF_SIGNED_WARNS = 6;

interface ServerState {
  host: string;
  caFile: string;
  user: string;
  passwordFile: string;
  ports: Record<string, number>;
}

function hasSwaks(): boolean {
  return spawnSync('swaks', ['--version'], { stdio: 'ignore' }).status === 0;
}

function wall(command: string, args: string[], expectStatus: number, what: string): number {
  const t = now();
  const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  const ms = now() - t;
  if (r.status !== expectStatus) throw new Error(`${what} exited with ${r.status}, not ${expectStatus}: ${(r.stdout.toString() + r.stderr.toString()).slice(-800)}`);
  return ms;
}

export async function measureAuthTest(runs: number, rows: Row[]): Promise<{ ratio: number | undefined; cliRatio?: number }> {
  const S = 'auth test vs swaks';
  const skipped = (note: string) => {
    rows.push({ section: S, name: 'STARTTLS + AUTH PLAIN', unit: 'ms', median: NaN, note });
    return { ratio: undefined };
  };
  if (!existsSync(STATE_FILE)) return skipped(`SKIPPED: the local Postfix is not running (no ${STATE_FILE}); as root: test/servers/start.sh, then test/servers/stop.sh afterwards`);
  if (!hasSwaks()) return skipped('SKIPPED: swaks is not installed');
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState;
  if (state.host !== '127.0.0.1') return skipped('SKIPPED: the state file names a host other than 127.0.0.1');
  const password = readFileSync(state.passwordFile, 'utf8').trim();
  // The submission port: TLS required before AUTH, so a right password gives a clean pass (exit 0).
  const port = state.ports.submission;
  const target = `${state.host}:${port}`;
  const common = ['--user', state.user, '--tls', 'starttls', '--ca', state.caFile, '--password-file', state.passwordFile];
  const oursPlain = () => wall(process.execPath, [BIN, 'auth-test', target, ...common, '--mech', 'PLAIN'], SELF_SIGNED_WARNS, 'postfix-sasl auth-test --mech PLAIN');
  const swaks = () =>
    wall('swaks', ['--server', state.host, '--port', String(port), '--tls', '--tls-verify', '--tls-ca-path', state.caFile, '--auth', 'PLAIN', '--auth-user', state.user, '--auth-password', password, '--quit-after', 'AUTH', '--silent', '2'], 0, 'swaks');
  const oursNoProbe = () => wall(process.execPath, [BIN, 'auth-test', target, ...common, '--mech', 'PLAIN', '--no-legacy-tls-probe'], SELF_SIGNED_WARNS, 'postfix-sasl auth-test --no-legacy-tls-probe');
  const oursAll = () => wall(process.execPath, [BIN, 'auth-test', target, ...common, '--mech', 'all'], SELF_SIGNED_WARNS, 'postfix-sasl auth-test --mech all');

  const times = { ours: [] as number[], noProbe: [] as number[], swaks: [] as number[], all: [] as number[] };
  oursPlain();
  swaks();
  for (let i = 0; i < runs; i++) {
    times.ours.push(oursPlain());
    times.swaks.push(swaks());
    times.noProbe.push(oursNoProbe());
    times.all.push(oursAll());
  }
  const ca = readFileSync(state.caFile);
  const inProcess = (probeLegacyTls: boolean) => async () => {
    const r = await runAuthTest({ host: state.host, port, tls: 'starttls', user: state.user, password, mechanisms: ['PLAIN'], ca, probeLegacyTls });
    // The test servers' certificate is self-signed: trusted through --ca, it still warns.
    if (r.verdict !== 'pass' && r.verdict !== 'warnings') throw new Error(`runAuthTest: ${r.verdict}: ${r.summary}`);
  };
  const withProbe = await timeAsync(inProcess(true), runs, 1);
  const withoutProbe = await timeAsync(inProcess(false), runs, 1);

  // The VS Code command runs the test inside the editor's running extension host, so its cost is the
  // in-process run; the CLI adds Node's own start, which alone takes longer than swaks's whole run.
  const med = (xs: number[]) => summarize(xs).median;
  const ratio = med(withProbe) / med(times.swaks);
  const cliRatio = med(times.ours) / med(times.swaks);
  rows.push(row(S, 'swaks, STARTTLS + AUTH PLAIN, --quit-after AUTH', times.swaks));
  rows.push(row(S, 'auth test as the VS Code command runs it (in-process, with the TLS 1.0/1.1 probe)', withProbe));
  rows.push({ section: S, name: 'ratio VS Code command/swaks', unit: 'ratio', median: ratio, budget: { max: 1, label: '≤ 1.0' } });
  rows.push(row(S, 'the same without the TLS 1.0/1.1 probe', withoutProbe));
  rows.push(row(S, `postfix-sasl auth-test CLI, STARTTLS + AUTH PLAIN (port ${port})`, times.ours));
  rows.push({ section: S, name: 'ratio CLI/swaks (the CLI includes starting Node)', unit: 'ratio', median: cliRatio });
  rows.push(row(S, 'the CLI with --no-legacy-tls-probe', times.noProbe));
  rows.push({ section: S, name: 'ratio CLI --no-legacy-tls-probe/swaks', unit: 'ratio', median: med(times.noProbe) / med(times.swaks) });
  rows.push(row(S, 'postfix-sasl auth-test CLI, all offered mechanisms', times.all));
  return { ratio, cliRatio };
}

