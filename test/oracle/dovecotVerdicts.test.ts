// Real Postfix and Dovecot as the oracle for our cross-checks: each pair in test/fixtures/dovecot-oracle
// is checked by us, then started for real on 127.0.0.1 and tried with the auth test. What we call fine
// must log in; what we call broken must really fail, and the logs must show the cause we name.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAuthTest, type AuthTestResult } from '../../server/src/authtest';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';

interface Case {
  name: string;
  /** The finding we must raise, on the line of `file` that holds `on`; none for a fine pair. */
  finding?: { code: string; file: 'postfix/main.cf' | 'dovecot/dovecot.conf'; on: string };
  mechanisms: string[];
  /** What Postfix or Dovecot must log, proving the failure is the one we describe. */
  log?: { file: 'postfix.log' | 'dovecot.log'; text: RegExp };
  check: (r: AuthTestResult) => void;
}

const outcomes = (r: AuthTestResult) => r.mechanisms.map((m) => `${m.name}:${m.outcome}${m.code ? `:${m.code}` : ''}`);

/**
 * smtpd cannot reach Dovecot: it does not leave AUTH out, it dies ("fatal: no SASL authentication
 * mechanisms") right after accepting the connection, before its banner, and master throttles the service.
 */
const diesBeforeBanner = (r: AuthTestResult) => {
  assert.equal(r.verdict, 'connect-failed', r.summary);
  assert.equal(r.error?.stage, 'banner', r.summary);
  assert.match(r.error?.message ?? '', /closed the connection/);
  assert.deepEqual(outcomes(r), []);
};
const connectFailed = (reason: string) => new RegExp(`warning: SASL: Connect to Dovecot auth socket 'private/auth' failed: ${reason}\n.*fatal: no SASL authentication mechanisms`);

const cases: Case[] = [
  {
    name: 'correct',
    mechanisms: ['PLAIN', 'LOGIN'],
    check: (r) => {
      assert.equal(r.verdict, 'insecure', r.summary); // logged in, but in clear: the tester's own finding
      assert.deepEqual(outcomes(r), ['PLAIN:ok:235', 'LOGIN:ok:235']);
    },
  },
  {
    name: 'wrong-socket',
    finding: { code: 'dovecot-socket-mismatch', file: 'postfix/main.cf', on: 'smtpd_sasl_path' },
    mechanisms: ['PLAIN'],
    log: { file: 'postfix.log', text: connectFailed('No such file or directory') },
    check: diesBeforeBanner,
  },
  {
    name: 'locked-out',
    finding: { code: 'dovecot-socket-permissions', file: 'dovecot/dovecot.conf', on: 'mode = 0600' },
    mechanisms: ['PLAIN'],
    log: { file: 'postfix.log', text: connectFailed('Permission denied') },
    check: diesBeforeBanner,
  },
  {
    name: 'cram-over-crypt',
    finding: { code: 'dovecot-mechanism-needs-plain-password', file: 'dovecot/dovecot.conf', on: 'auth_mechanisms' },
    mechanisms: ['PLAIN', 'CRAM-MD5'],
    log: { file: 'dovecot.log', text: /passwd-file\(oracle,127\.0\.0\.1\): Requested CRAM-MD5 scheme, but we have only SHA512-CRYPT/ },
    check: (r) => {
      assert.equal(r.verdict, 'auth-failed', r.summary);
      assert.deepEqual(outcomes(r), ['PLAIN:ok:235', 'CRAM-MD5:rejected:535']);
    },
  },
];

const FIXTURES = 'test/fixtures/dovecot-oracle';
// Below the ephemeral port range (32768 and up): no outgoing connection of another test can hold one.
const PORT_BASE = Number(process.env.DOVECOT_ORACLE_PORT_BASE ?? 29700);
const USER = 'oracle';
const PASSWORD = 'Oracle-Pw-7f3a'; // see the fixtures' README; the hash is in `users`
// A fixed place, so that a run killed half-way is cleaned up by the next one.
const ROOT = process.env.DOVECOT_ORACLE_DIR ?? join(tmpdir(), 'postfix-sasl-dovecot-oracle');

const installed = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).error === undefined;
const canRun = process.getuid?.() === 0 && installed('postfix', ['-c', '/nonexistent', 'status']) && installed('dovecot', ['--version']);
const skip = canRun ? false : 'needs root with Postfix and Dovecot installed (see .ci/run)';

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs a command to its end without blocking the other cases. Its output goes to a file, not a pipe:
 * Dovecot's daemon keeps the stderr it inherited, and a pipe would stay open until it stops.
 */
function exec(cmd: string, args: string[], out: string): Promise<{ status: number | null; output: string }> {
  const fd = openSync(out, 'w');
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    const done = (status: number | null) => {
      closeSync(fd);
      resolve({ status, output: readFileSync(out, 'utf8') });
    };
    child.on('error', () => done(null));
    child.on('exit', done);
  });
}

/** Stops whatever a run left in the case's folder; quiet when nothing runs. */
async function stopCase(dir: string): Promise<void> {
  const out = join(dir, 'log', 'stop.out');
  if (existsSync(join(dir, 'dovecot-run', 'master.pid'))) await exec('dovecot', ['-c', join(dir, 'dovecot', 'dovecot.conf'), 'stop'], out);
  if (existsSync(join(dir, 'postfix', 'main.cf'))) await exec('postfix', ['-c', join(dir, 'postfix'), 'stop'], out);
}

/** Writes the case's files with @ROOT@ and @PORT@ filled in; returns the folder. */
function writeCase(c: Case, port: number): string {
  const dir = join(ROOT, c.name);
  for (const sub of ['postfix', 'dovecot', 'queue', 'data', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const fill = (text: string) => text.replaceAll('@ROOT@', dir).replaceAll('@PORT@', String(port));
  for (const f of ['postfix/main.cf', 'dovecot/dovecot.conf']) writeFileSync(join(dir, f), fill(readFileSync(join(FIXTURES, c.name, f), 'utf8')));
  writeFileSync(join(dir, 'postfix', 'master.cf'), fill(readFileSync(join(FIXTURES, 'master.cf'), 'utf8')));
  writeFileSync(join(dir, 'users'), readFileSync(join(FIXTURES, 'users')));
  chownSync(join(dir, 'data'), Number(run('id', ['-u', 'postfix']).stdout), -1);
  chownSync(join(dir, 'users'), 0, Number(run('id', ['-g', 'dovecot']).stdout)); // read by the auth process, which runs as dovecot
  chmodSync(join(dir, 'users'), 0o640);
  return dir;
}

/** `postfix start` returns once master listens (master -w); Dovecot once its listeners exist. */
async function startCase(dir: string): Promise<void> {
  const out = join(dir, 'log', 'start.out');
  for (const args of [['check'], ['start']]) {
    const r = await exec('postfix', ['-c', join(dir, 'postfix'), ...args], out);
    const log = () => readFileSync(join(dir, 'log', 'postfix.log'), { encoding: 'utf8', flag: 'a+' }).split('\n').slice(-5).join('\n');
    assert.equal(r.status, 0, `postfix ${args[0]} in ${dir}: ${r.output}${log()}`);
  }
  // Dovecot's listener lives in the queue's private/ folder, which `postfix check` made.
  const d = await exec('dovecot', ['-c', join(dir, 'dovecot', 'dovecot.conf')], out);
  assert.equal(d.status, 0, `dovecot in ${dir}: ${d.output}`);
}

describe('real Postfix + Dovecot confirm our verdicts on the pair', { skip }, () => {
  const ours = new Map<string, JsonFinding[]>();
  const results = new Map<string, AuthTestResult>();
  const dirs = new Map<string, string>();

  before(async () => {
    if (existsSync(ROOT)) {
      const st = lstatSync(ROOT);
      assert.ok(st.isDirectory() && !st.isSymbolicLink() && st.uid === 0, `${ROOT} is not a folder of root's; remove it`);
      // Another run that is still alive owns the servers there: leave them to it.
      const owner = Number(readFileSync(join(ROOT, 'owner.pid'), { encoding: 'utf8', flag: 'a+' }));
      assert.ok(!owner || !alive(owner), `another run (pid ${owner}) is using ${ROOT} and ports ${PORT_BASE}+`);
      await Promise.all(cases.map((c) => stopCase(join(ROOT, c.name))));
      rmSync(ROOT, { recursive: true, force: true });
    }
    mkdirSync(ROOT, { mode: 0o755 });
    chmodSync(ROOT, 0o755); // postfix and dovecot must reach their folders below
    writeFileSync(join(ROOT, 'owner.pid'), String(process.pid));
    cases.forEach((c, i) => dirs.set(c.name, writeCase(c, PORT_BASE + i)));
    for (const c of cases) ours.set(c.name, checkPaths([join(dirs.get(c.name)!, 'postfix'), join(dirs.get(c.name)!, 'dovecot')], defaultSettings));
    // Every start ends before we go on, so that `after` stops all of them even when one failed.
    const started = await Promise.allSettled(cases.map((c) => startCase(dirs.get(c.name)!)));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const tried = await Promise.all(cases.map((c, i) => runAuthTest({ host: '127.0.0.1', port: PORT_BASE + i, tls: 'none', user: USER, password: PASSWORD, mechanisms: c.mechanisms, timeoutMs: 5000, totalTimeoutMs: 10_000 })));
    cases.forEach((c, i) => results.set(c.name, tried[i]));
  });

  after(async () => {
    await Promise.all([...dirs.values()].map(stopCase));
    if (dirs.size && !process.env.DOVECOT_ORACLE_KEEP) rmSync(ROOT, { recursive: true, force: true });
  });

  const logOf = (c: Case, file: string) => readFileSync(join(dirs.get(c.name)!, 'log', file), 'utf8');
  const above = (f: JsonFinding) => f.severity === 'error' || f.severity === 'warning';
  const show = (fs: JsonFinding[]) => fs.map((f) => `${f.file.slice(ROOT.length + 1)}:${f.line} ${f.severity} ${f.code}`).join('; ') || 'nothing';

  for (const c of cases) {
    it(`${c.name}: ${c.finding ? `we say ${c.finding.code}` : 'we raise nothing above information'}, and the real pair agrees`, async () => {
      const mine = ours.get(c.name)!;
      if (c.finding) {
        const { code, file, on } = c.finding;
        const path = join(dirs.get(c.name)!, file);
        const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes(on)) + 1;
        assert.ok(mine.some((f) => f.code === code && f.file === path && f.line === line && above(f)), `want ${code} at ${file}:${line}; we raised: ${show(mine)}`);
      } else {
        assert.deepEqual(show(mine.filter(above)), 'nothing');
      }
      const r = results.get(c.name)!;
      c.check(r);
      if (c.log) {
        const { file, text } = c.log;
        // postlogd and Dovecot's log process write a moment after the session ends.
        let log = '';
        for (let i = 0; i < 40 && !text.test((log = logOf(c, file))); i++) await sleep(50);
        assert.match(log, text, `${file} of ${c.name}`);
      }
    });
  }
});
