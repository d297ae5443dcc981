// `postfix-sasl check` as a user runs it: the bundled CLI in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusDir, corpusSkip } from '../helpers/corpus';

const cli = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('postfix-sasl check', () => {
  const mistakes = tempDir({
    'main.cf': ['smtpd_sasl_auth_enabel = yes', 'smtpd_sasl_auth_enable = maybe', 'myorigin = $mydomian', 'smtpd_tls_security_level = may # comment', 'smtpd_banner = é $myhostname'].join('\n') + '\n',
  });

  it('reports each mistake on its own line in JSON, with 1-based UTF-16 columns', () => {
    const { code, stdout } = run('check', '--format', 'json', join(mistakes, 'main.cf'));
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(findings.map((f) => [f.line, f.column, f.code, f.severity]), [
      [1, 1, 'unknown-parameter', 'warning'],
      [2, 26, 'invalid-boolean', 'error'],
      [3, 12, 'undefined-reference', 'warning'],
      [4, 32, 'inline-comment', 'warning'],
    ]);
    assert.deepEqual(Object.keys(findings[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.equal(findings[0].endColumn, 23);
  });

  it('prints compiler-style lines in text mode', () => {
    const { stdout } = run('check', join(mistakes, 'main.cf'));
    assert.match(stdout.split('\n')[1], /main\.cf:2:26: error: .*maybe.* \[invalid-boolean\]$/);
  });

  it('exits 0 on a careful file', () => {
    const dir = tempDir({ 'main.cf': 'myhostname = mx.example.com\nsmtpd_sasl_auth_enable = yes\nsmtpd_tls_auth_only = yes\nsmtpd_tls_security_level = may\nsmtpd_tls_chain_files = /etc/ssl/mail.pem\n' });
    assert.deepEqual(run('check', join(dir, 'main.cf')), { code: 0, stdout: '', stderr: 'no problems in 1 file\n' });
  });

  it('exits 2 with one line for usage errors and unreadable paths', () => {
    for (const args of [['check', '--format', 'xml', 'main.cf'], ['check', '/nonexistent/main.cf'], ['check', '--type', 'nope', 'x'], ['frobnicate']]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.stderr.length > 0 && !r.stderr.includes('    at '), `no stack trace for ${args.join(' ')}`);
    }
  });

  it('names a binary file instead of crashing', () => {
    const dir = tempDir({ 'main.cf': Buffer.from([0, 1, 2, 255, 254, 0, 10]) });
    const r = run('check', '--format', 'json', join(dir, 'main.cf'));
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { code: string }) => f.code), ['binary-file']);
  });

  it('checks a directory as one instance: master.cf services make SERVICE_ parameters valid', () => {
    const dir = tempDir({
      'main.cf': 'dovecot_destination_recipient_limit = 1\n',
      'master.cf': 'dovecot   unix  -       n       n       -       -       pipe\n  flags=DRhu user=vmail argv=/usr/lib/dovecot/deliver -f ${sender} -d ${recipient}\n',
    });
    const r = run('check', '--format', 'json', dir);
    const codes = JSON.parse(r.stdout).map((f: { code: string }) => f.code);
    assert.ok(!codes.includes('service-parameter-unchecked') && !codes.includes('unknown-service-parameter'), codes.join(','));
  });

  it('with no PATH checks the live system, under --root when given', () => {
    const root = join(__dirname, '..', 'fixtures', 'layouts', 'debian');
    const r = run('check', '--format', 'json', '--root', root);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string; line: number; code: string }) => `${f.file.slice(root.length)}:${f.line}:${f.code}`), ['/etc/default/saslauthd:5:saslauthd-socket-outside-chroot']);
    assert.equal(run('check', '--root', join(root, 'etc', 'postfix', 'main.cf')).code, 2, 'a --root that is not a folder');
  });

  it('lists the members of an instance with their reasons, and what it did not find', () => {
    const r = run('instance', join(__dirname, '..', 'fixtures', 'layouts', 'redhat', 'etc', 'sasl2', 'smtpd.conf'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Instance .*redhat\/etc\/postfix \(\/ is .*redhat\)$/m);
    assert.match(r.stdout, /redhat\/etc\/sasl2\/smtpd\.conf: Cyrus SASL file of smtpd_sasl_path = smtpd, first found in the Cyrus SASL search list \(\/etc\/sasl2\)$/m);
    assert.match(r.stdout, /redhat\/etc\/sysconfig\/saslauthd: saslauthd's start-up settings/);
  });

  it('reads per-rule severity from --config', () => {
    const config = join(mistakes, 'settings.json');
    writeFileSync(config, JSON.stringify({ diagnostics: { severity: { 'invalid-boolean': 'off' } } }));
    const r = run('check', '--config', config, '--format', 'json', join(mistakes, 'main.cf'));
    assert.equal(r.code, 0);
    assert.ok(!readFileSync(config, 'utf8').includes('maybe'));
    assert.ok(!JSON.parse(r.stdout).some((f: { code: string }) => f.code === 'invalid-boolean'));
  });

  it('flags the names a --postfix-version does not know yet, and refuses a malformed version', () => {
    const dir = tempDir({ 'main.cf': 'tls_ffdhe_auto_groups = ffdhe3072\nsmtpd_tls_security_level = may\n' });
    const codes = (...args: string[]) => (JSON.parse(run('check', '--format', 'json', ...args, join(dir, 'main.cf')).stdout) as Array<{ code: string; line: number }>).map((f) => `${f.code}@${f.line}`);
    assert.deepEqual(codes('--postfix-version', '3.7'), ['parameter-newer-than-target@1']);
    assert.deepEqual(codes('--postfix-version', '3.8'), []);
    assert.deepEqual(codes(), []);
    const bad = run('check', '--postfix-version', 'latest', join(dir, 'main.cf'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--postfix-version must be a version such as 3.7/);
  });

  it('judges Dovecot files for a --dovecot-version, unless the file declares its own, and refuses another line', () => {
    const dir = tempDir({ 'dovecot.conf': 'auth_mechanisms = plain login\nssl_cert = </etc/ssl/mail.pem\n', 'declared.conf': 'dovecot_config_version = 2.4.0\nssl_server_cert_file = /etc/ssl/mail.pem\n' });
    const codes = (file: string, ...args: string[]) => (JSON.parse(run('check', '--format', 'json', ...args, join(dir, file)).stdout) as Array<{ code: string; line: number }>).map((f) => `${f.code}@${f.line}`);
    assert.deepEqual(codes('dovecot.conf', '--dovecot-version', '2.4'), ['dovecot-renamed-setting@2']);
    assert.deepEqual(codes('dovecot.conf', '--dovecot-version', '2.3.21'), []);
    assert.deepEqual(codes('declared.conf', '--dovecot-version', '2.3'), []);
    const bad = run('check', '--dovecot-version', '3.0', join(dir, 'dovecot.conf'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--dovecot-version must be 2\.3 or 2\.4/);
    assert.match(run('check', '--help').stdout, /--dovecot-version 2\.3\|2\.4/);
  });

  it('refuses a --config that names an unknown rule code, in one line that names it', () => {
    const config = join(mistakes, 'misspelt.json');
    writeFileSync(config, JSON.stringify({ diagnostics: { severity: { 'invalid-boolen': 'off' } } }));
    const r = run('check', '--config', config, join(mistakes, 'main.cf'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `postfix-sasl check: ${config}: "invalid-boolen" is not a rule code (did you mean "invalid-boolean"?)\n`);
  });

  it('finishes on the whole real-world corpus without a crash', { skip: corpusSkip }, () => {
    const r = run('check', '--format', 'json', corpusDir!);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.ok(Array.isArray(JSON.parse(r.stdout)));
  });
});
