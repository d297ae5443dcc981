// `postfix-sasl check` on real file systems (issue 19): permissions, FIFOs, devices, link loops, a file past
// the size limit, paths given twice and malformed --config. Each case is bounded by a timeout, so a
// regression that hangs fails instead of stalling CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const cli = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');
const base = mkdtempSync(join(tmpdir(), 'postfix-sasl-robust-'));
chmodSync(base, 0o755);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as `user` (a non-root user through setpriv when given), killed after 30 s. */
function check(args: string[], user?: string): Run {
  const command = user ? ['setpriv', `--reuid=${user}`, '--regid=nogroup', '--clear-groups', process.execPath] : [process.execPath];
  const r = spawnSync(command[0], [...command.slice(1), cli, 'check', ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const json = (r: Run) => JSON.parse(r.stdout) as Array<{ file: string; line: number; code: string; message: string; severity: string }>;

/** A fresh folder under the test's base, readable by everyone. */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text, { mode: 0o644 });
  return dir;
}

const MAIN = 'myhostname = mail.example\nrelayhost = $undefined_here\n';
const asNonRoot = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

describe('postfix-sasl check on real file systems', () => {
  it('as a non-root user, checks the rest when sasl_passwd is 0600, a subfolder is unreadable and a link dangles', { skip: !asNonRoot && 'needs root to switch to nobody', timeout: 60_000 }, () => {
    const dir = folder('perm/etc/postfix', { 'main.cf': 'myhostname = mail.example\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nfoo = $x\n' });
    for (const d of ['perm', 'perm/etc']) chmodSync(join(base, d), 0o755);
    writeFileSync(join(dir, 'sasl_passwd'), '[smtp.example]:587 user:secret\n', { mode: 0o600 });
    mkdirSync(join(dir, 'private'), { mode: 0o700 });
    writeFileSync(join(dir, 'private', 'sasl_passwd'), 'x\n');
    symlinkSync('/nonexistent/smtpd.conf', join(dir, 'smtpd.conf'));
    const r = check(['--format', 'json', dir], 'nobody');
    assert.equal(r.signal, null, 'killed by the timeout');
    assert.equal(r.code, 0, r.stderr);
    const findings = json(r);
    assert.ok(findings.some((f) => f.code === 'undefined-reference' && f.file.endsWith('main.cf')), 'main.cf is still checked');
    const unusable = findings.filter((f) => f.code === 'instance-file-unusable');
    assert.deepEqual(unusable.map((f) => [f.file.slice(dir.length + 1), f.severity]).sort(), [['private', 'information'], ['sasl_passwd', 'information'], ['smtpd.conf', 'information']]);
    assert.doesNotMatch(r.stdout + r.stderr, /secret/);
  });

  it('never opens a FIFO: a FIFO named main.cf is a note, given as a folder or as the file', { timeout: 60_000 }, () => {
    const dir = folder('fifo');
    assert.equal(spawnSync('mkfifo', [join(dir, 'main.cf')]).status, 0);
    for (const path of [dir, join(dir, 'main.cf')]) {
      const r = check(['--format', 'json', path]);
      assert.equal(r.signal, null, `${path}: hung`);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.code), ['instance-file-unusable']);
      assert.match(json(r)[0].message, /not a regular file/);
    }
  });

  it('reads no device: /dev/zero and /dev/urandom as a file, and --config /dev/zero, end with a clear answer', { timeout: 60_000 }, () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const r = check(['--format', 'json', '--type', 'main', device]);
      assert.equal(r.signal, null, `${device}: hung or used unbounded memory`);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(json(r).map((f) => f.code), ['instance-file-unusable'], device);
    }
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const r = check(['--format', 'json', device]);
      assert.equal(r.signal, null, `${device} without --type: hung`);
      assert.deepEqual(json(r).map((f) => [f.file, f.code]), [[device, 'instance-file-unusable']], `${device} without --type is reported, not skipped silently`);
    }
    const r = check(['--config', '/dev/zero', folder('devconfig', { 'main.cf': MAIN })]);
    assert.equal(r.signal, null, '--config /dev/zero hung');
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'postfix-sasl check: cannot read the settings in /dev/zero: not a readable regular file\n');
  });

  it('walks each real folder once: a link to . does not repeat findings, two such links do not hang', { timeout: 60_000 }, () => {
    const dir = folder('loop', { 'main.cf': MAIN });
    const once = json(check(['--format', 'json', dir]));
    assert.ok(once.length > 0);
    symlinkSync('.', join(dir, 'self'));
    assert.deepEqual(json(check(['--format', 'json', dir])), once);
    symlinkSync('.', join(dir, 'again'));
    const r = check(['--format', 'json', dir]);
    assert.equal(r.signal, null, 'two links hung the walk');
    assert.deepEqual(json(r), once);
  });

  it('checks the head of a main.cf past the size limit without reading it whole', { timeout: 120_000 }, () => {
    const dir = folder('huge');
    const line = 'myhostname = mail.example\n';
    writeFileSync(join(dir, 'main.cf'), line.repeat(Math.ceil((70 * 1024 * 1024) / line.length)) + 'broken line\n');
    const r = check(['--format', 'json', dir]);
    assert.equal(r.signal, null, 'killed by the timeout');
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
    const findings = json(r);
    assert.equal(findings[0].code, 'file-too-large');
    assert.match(findings[0].message, /larger than the 65536 KiB limit/);
    // The broken last line is past the limit: it was never read.
    assert.ok(!findings.some((f) => f.code === 'missing-equals'));
  });

  it('reports each file once when it is given twice, or with the folder it is in', { timeout: 60_000 }, () => {
    const dir = folder('twice', { 'main.cf': MAIN, 'sasl_passwd': 'no-colon-here\n' });
    const once = json(check(['--format', 'json', dir]));
    assert.ok(once.length > 0);
    for (const args of [[join(dir, 'main.cf'), join(dir, 'main.cf')], [dir, join(dir, 'main.cf')], [join(dir, 'sasl_passwd'), dir, join(dir, 'sasl_passwd')], [dir, dir]]) {
      const findings = json(check(['--format', 'json', ...args]));
      const keys = findings.map((f) => `${f.file}:${f.line}:${f.code}`);
      assert.equal(new Set(keys).size, keys.length, `${args.join(' ')}: duplicates ${keys.join(', ')}`);
    }
  });

  it('refuses --config of the wrong shape with one line naming the bad key, exit 2', { timeout: 60_000 }, () => {
    const dir = folder('config', { 'main.cf': MAIN });
    for (const [text, message] of [
      ['[1,2,3]', 'the settings must be a JSON object'],
      ['"diagnostics"', 'the settings must be a JSON object'],
      ['{"diagnostics": 5}', 'diagnostics must be an object'],
      ['{"diagnostics": {"severity": []}}', 'diagnostics.severity must be an object'],
      ['{"diagnostics": {"severity": {"undefined-reference": "purple"}}}', 'the severity of "undefined-reference" must be one of'],
      ['{"maxFileSize": "big"}', 'maxFileSize must be a number'],
      ['{"debounceMs": -1}', 'debounceMs must be a number'],
    ]) {
      const path = join(dir, `settings-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(path, text);
      const r = check(['--config', path, dir]);
      assert.equal(r.code, 2, text);
      assert.equal(r.stdout, '', text);
      assert.equal(r.stderr.split('\n').length, 2, `${text}: ${r.stderr}`);
      assert.ok(r.stderr.startsWith(`postfix-sasl check: ${path}: `) && r.stderr.includes(message), `${text}: ${r.stderr}`);
    }
  });
});
