// postfix-sasl explain as a user runs it (the bundled CLI in a child process): a file, standard input,
// gzip, JSON, the lines it points at in an instance, and hostile input (binary, 1 MB lines, no final
// line break, a missing file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';

const cli = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');
const run = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [cli, 'explain', ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-explain-'));
const etc = join(dir, 'etc');
mkdirSync(join(etc, 'sasl'), { recursive: true });
writeFileSync(join(etc, 'main.cf'), 'smtpd_sasl_auth_enable = yes\nsmtpd_sasl_path = smtpd\n');
writeFileSync(join(etc, 'master.cf'), [
  'smtp inet n - y - - smtpd',
  'submission inet n - y - - smtpd -o syslog_name=postfix/submission -o smtpd_sasl_path=submission -o smtpd_tls_auth_only=yes',
  'dove inet n - y - - smtpd -o syslog_name=postfix/dove -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/auth',
  '',
].join('\n'));
writeFileSync(join(etc, 'sasl', 'submission.conf'), 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n');

const LOG = [
  'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: warning: a[1.1.1.1]: SASL CRAM-MD5 authentication failed: generic failure, sasl_username=bob',
  'Dec  1 10:00:01 mx postfix/dove/smtpd[2]: warning: SASL: Connect to private/auth failed: No such file or directory',
  'Dec  1 10:00:02 mx postfix/dove/smtpd[2]: fatal: no SASL authentication mechanisms',
  'Dec  1 10:00:03 mx postfix/smtpd[3]: warning: b[2.2.2.2]: SASL PLAIN authentication failed: authentication failure, sasl_username=bob:Hunter-2-Secret',
  'Dec  1 10:00:04 mx postfix/qmgr[4]: 4A2B: removed',
  '',
].join('\n');

interface Group {
  code: string;
  count: number;
  users: string[];
  example: string;
  locations: Array<{ file: string; line: number; setting: string }>;
}

const groupsOf = (stdout: string) => JSON.parse(stdout) as Group[];
const where = (g: Group | undefined) => (g?.locations ?? []).map((l) => `${l.file.slice(etc.length + 1)}:${l.line}:${l.setting}`);

describe('postfix-sasl explain', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('points each group at the line of the service that logged it', () => {
    const logFile = join(dir, 'mail.log');
    writeFileSync(logFile, LOG);
    const r = run(['--format', 'json', '--instance', etc, logFile]);
    assert.equal(r.status, 0, r.stderr);
    const groups = groupsOf(r.stdout);
    assert.deepEqual(where(groups.find((g) => g.code === 'sasl-backend-failure')), ['sasl/submission.conf:2:mech_list', 'sasl/submission.conf:1:pwcheck_method']);
    assert.deepEqual(where(groups.find((g) => g.code === 'sasl-dovecot-connect')), ['master.cf:3:smtpd_sasl_path']);
    assert.deepEqual(where(groups.find((g) => g.code === 'sasl-no-mechanisms')), ['master.cf:3:smtpd_sasl_type', 'master.cf:3:smtpd_sasl_path']);
    assert.ok(!r.stdout.includes('Hunter'), 'a user name with a password is never printed');
    assert.deepEqual(groups.find((g) => g.code === 'sasl-login-failed')?.users, ['(hidden: may be a password)']);
  });

  it('a login refused before TLS is kept only for the service that requires TLS, and points at that setting', () => {
    const log = ['postfix/submission/smtpd[5]', 'postfix/smtpd[6]'].map((s) => `Dec  1 10:00:05 mx ${s}: disconnect from c[3.3.3.3] ehlo=1 auth=0/1 quit=1 commands=2/3\n`).join('');
    const withInstance = groupsOf(run(['--format', 'json', '--instance', etc, '-'], log).stdout).filter((g) => g.code === 'smtpd-auth-refused-before-tls');
    assert.deepEqual(withInstance.map(where), [['master.cf:2:smtpd_tls_auth_only']]);
    // Without the instance nothing says which service requires TLS: both are shown.
    assert.equal(groupsOf(run(['--format', 'json', '-'], log).stdout).filter((g) => g.code === 'smtpd-auth-refused-before-tls').length, 2);
  });

  it('reads standard input and gzip, and says the same', () => {
    const plain = run(['--format', 'json', '-'], LOG);
    const gz = run(['--format', 'json'], gzipSync(LOG));
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(gz.status, 0, gz.stderr);
    assert.deepEqual(groupsOf(gz.stdout), groupsOf(plain.stdout));
    assert.equal(groupsOf(plain.stdout).length, 4);
  });

  it('text output: explanations, failed-login summary, unknown lines by service', () => {
    const r = run(['--instance', etc], LOG);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /error sasl-no-mechanisms: 1 time, Dec {2}1 10:00:02, postfix\/dove\/smtpd/);
    assert.match(r.stdout, /Failed logins: 1, by client/);
    assert.match(r.stdout, /smtpd_client_auth_rate_limit = 0 \(no limit\)/);
    assert.match(r.stdout, /Not explained: 1 line\(s\) \(postfix\/qmgr 1\)/);
    assert.ok(!r.stdout.includes('Hunter') && !r.stderr.includes('Hunter'));
  });

  it('skips binary data and 1 MB lines with a note, reads an unterminated last line', () => {
    const input = Buffer.concat([Buffer.from('\u0000\u0001\u0002garbage\n'), Buffer.from('x'.repeat(1024 * 1024) + '\n'), Buffer.from(LOG.trimEnd())]);
    const r = run(['--format', 'json'], input);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(groupsOf(r.stdout).length, 4);
    assert.match(r.stderr, /1 line\(s\) over 64 KiB skipped/);
    assert.match(r.stderr, /1 line\(s\) of binary data skipped/);
    assert.match(r.stderr, /the last line has no line break/);
  });

  it('a cut gzip stream keeps what came before, with a note', () => {
    const gz = gzipSync(LOG.repeat(200));
    const r = run(['--format', 'json'], gz.subarray(0, gz.length - 20));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /compressed input ends early/);
    assert.ok(groupsOf(r.stdout).length > 0);
  });

  it('exits 2 when it cannot read the log, or on a usage error', () => {
    const missing = run([join(dir, 'nope.log')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.log: ENOENT/);
    assert.equal(run(['--format', 'xml'], '').status, 2);
    assert.equal(run(['a', 'b']).status, 2);
  });
});
