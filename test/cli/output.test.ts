// How `postfix-sasl check` talks to a user: the summary line, colour only on a terminal, a reader that
// stops early, a full disk, and usage errors. Every case runs the bundled CLI in a child process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const cli = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');
const ESC = '\x1b[';
// The user's own colour settings, and the marks of a CI runner (Node gives a terminal two colours when
// CI is set and the runner is not one it knows), are taken out so that each case sets what it tests.
const quietEnv = () => {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'CI']) delete env[name];
  return env;
};

function run(args: string[], env: NodeJS.ProcessEnv = quietEnv()) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function instance(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-output-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const noStackTrace = (text: string) => assert.ok(!/^\s+at /m.test(text) && !text.includes('node:internal'), `a stack trace:\n${text}`);

// Two errors (a bad boolean, a v1 pwcheck method), warnings and an info, over three files.
const mixed = instance({
  'main.cf': 'smtpd_sasl_auth_enable = maybe\nsmtpd_sasl_auth_enabel = yes\nmyorigin = $mydomian\n',
  'smtpd.conf': 'pwcheck_method: sasldb\nmech_lsit: PLAIN\n',
  'master.cf': 'smtp      inet  n       -       y       -       -       smtpd\n',
});
const careful = instance({ 'main.cf': 'myhostname = mx.example.com\n' });

describe('postfix-sasl check: summary line', () => {
  it('counts what the findings are, per severity, over the files it read', () => {
    const json = JSON.parse(run(['check', '--format', 'json', mixed]).stdout) as Array<{ severity: string }>;
    const count = (s: string) => json.filter((f) => f.severity === s).length;
    assert.ok(count('error') >= 2 && count('warning') >= 2, JSON.stringify(json));
    const plural = (n: number, one: string, many: string) => (n ? [`${n} ${n === 1 ? one : many}`] : []);
    const expected = [...plural(count('error'), 'error', 'errors'), ...plural(count('warning'), 'warning', 'warnings'), ...plural(count('information'), 'info', 'info'), ...plural(count('hint'), 'hint', 'hints')].join(', ');
    const text = run(['check', mixed]);
    assert.equal(text.code, 1);
    assert.equal(text.stderr, `${expected} in 3 files\n`);
    assert.equal(text.stdout.trimEnd().split('\n').length, json.length, 'stdout holds one line per finding and nothing else');
  });

  it('says so on a clean run, and exits 0', () => {
    assert.deepEqual(run(['check', careful]), { code: 0, stdout: '', stderr: 'no problems in 1 file\n' });
  });

  it('keeps --format json pure: the array alone, no summary anywhere', () => {
    const r = run(['check', '--format', 'json', careful]);
    assert.deepEqual([r.stdout, r.stderr], ['[]\n', '']);
  });
});

describe('postfix-sasl check: colour', () => {
  it('writes no escape codes into a pipe, nor with NO_COLOR', () => {
    for (const env of [quietEnv(), { ...quietEnv(), NO_COLOR: '1' }]) {
      const r = run(['check', mixed], env);
      assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC), JSON.stringify(r));
    }
  });

  it('colours when FORCE_COLOR asks, even into a pipe', () => {
    const r = run(['check', mixed], { ...quietEnv(), FORCE_COLOR: '1' });
    assert.match(r.stdout, /\x1b\[1;31merror:\x1b\[0m/);
    assert.ok(r.stderr.includes(ESC));
  });

  const script = existsSync('/usr/bin/script') ? '/usr/bin/script' : undefined;
  it('colours on a terminal (a pseudo-terminal made by script(1)), and not there with NO_COLOR', { skip: !script && 'no script(1) to make a pseudo-terminal' }, () => {
    const onTerminal = (env: NodeJS.ProcessEnv) => spawnSync(script!, ['-qec', `"${process.execPath}" "${cli}" check "${mixed}"`, '/dev/null'], { encoding: 'utf8', env: { ...env, TERM: 'xterm-256color' } }).stdout;
    const coloured = onTerminal(quietEnv());
    assert.match(coloured, /\x1b\[1;31merror:\x1b\[0m/);
    assert.match(coloured, /\x1b\[33mwarning:\x1b\[0m/);
    assert.ok(!onTerminal({ ...quietEnv(), NO_COLOR: '1' }).includes(ESC));
  });
});

describe('postfix-sasl check: output that cannot be written', () => {
  it('stops quietly when the reader closes the pipe early, with the status of the whole check', async () => {
    // Enough findings that the pipe fills before the reader goes away (a bad value, set again and again).
    const big = instance({ 'main.cf': 'smtpd_sasl_auth_enable = maybe\n'.repeat(20000) });
    const child = spawn(process.execPath, [cli, 'check', big], { env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    noStackTrace(stderr);
    assert.equal(code, 1, 'status 1: the check found errors, as it would have reported in full');
    assert.match(stderr, /^20000 errors, 19999 warnings in 1 file\n$/, 'the summary still comes, on stderr');
  });

  it('reports a full disk in one line and exits 2', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
    const r = spawnSync(process.execPath, [cli, 'check', mixed], { encoding: 'utf8', env: quietEnv(), stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    assert.equal(r.status, 2);
    noStackTrace(r.stderr);
    assert.match(r.stderr, /^postfix-sasl: cannot write to standard output: no space left on the device$/m);
  });
});

describe('postfix-sasl: usage errors', () => {
  const cases: Array<[args: string[], line: string]> = [
    [['check', '--frobnicate', 'x'], 'postfix-sasl check: unknown option --frobnicate (see postfix-sasl check --help)'],
    [['check', '-x', 'x'], 'postfix-sasl check: unknown option -x (see postfix-sasl check --help)'],
    [['check', 'x', '--format'], 'postfix-sasl check: --format needs a value (see postfix-sasl check --help)'],
    [['check', '--help=yes'], 'postfix-sasl check: --help takes no value (see postfix-sasl check --help)'],
    [['check', '--format', 'xml', 'x'], 'postfix-sasl check: --format must be text or json, not "xml" (see postfix-sasl check --help)'],
    [['frobnicate'], 'postfix-sasl: unknown command "frobnicate" (see postfix-sasl --help)'],
  ];
  for (const [args, line] of cases) {
    it(`${args.join(' ')} → one line of ours, exit 2`, () => {
      assert.deepEqual(run(args), { code: 2, stdout: '', stderr: `${line}\n` });
    });
  }
});
