import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuthTestCli } from '../../server/src/cli/authTest';
import { base64Forms } from '../../server/src/authtest/redact';
import { FakeServer, scriptedServer } from './helpers/fakeServer';
import { loadServers } from './helpers/realServers';

const PASSWORD = 'Cli-Secret-Pw-2718';
const servers: FakeServer[] = [];
const dir = mkdtempSync(join(tmpdir(), 'authtest-cli-'));
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runAuthTestCli(argv, { stdout, stderr, stdin: Readable.from([stdinText]), env });
  return { code, out, err };
}

function assertClean(text: string, secret: string): void {
  assert.ok(!text.includes(secret), 'password in output');
  for (const f of base64Forms(secret)) assert.ok(!text.includes(f), `base64 form ${f} in output`);
}

test('--help documents the exit codes', async () => {
  const r = await cli(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['0  every', '1  authentication failed', '2  usage', '3  could not connect', '4  TLS failed', '5  no AUTH']) assert.ok(r.out.includes(c), c);
});

const usage: Array<[string[], RegExp]> = [
  [['127.0.0.1', '--user', 'u', '--password', 'x'], /no --password option/],
  [['127.0.0.1', '--user', 'u', `--password=${PASSWORD}`], /no --password option/],
  [['--user', 'u'], /no HOST/],
  [['127.0.0.1'], /--user is required/],
  [['127.0.0.1', '--user', 'u', '--tls', 'maybe'], /--tls must be/],
  [['127.0.0.1', '--user', 'u', '--timeout', 'soon'], /--timeout/],
  [['127.0.0.1', '--user', 'u', '--format', 'xml'], /--format/],
  [['127.0.0.1', '--user', 'u', '--password-env', 'NOPE'], /NOPE is not set/],
  [['127.0.0.1', '--user', 'u'], /no password/],
  [['127.0.0.1', '--user', 'u\r\nQUIT', '--password-env', 'PW'], /CR, LF or NUL/],
  [['127.0.0.1:99999', '--user', 'u', '--password-env', 'PW'], /out of range/],
  [['127.0.0.1', '--user', 'u', '--bogus'], /unknown option --bogus/],
];
for (const [argv, msg] of usage) {
  test(`usage error: ${argv.join(' ').replace(PASSWORD, '<pw>')}`, async () => {
    const r = await cli(argv, { PW: PASSWORD });
    assert.equal(r.code, 2);
    assert.match(r.err, msg);
    assertClean(r.err + r.out, PASSWORD);
  });
}

test('exit codes against fake servers, password from a file and from stdin, JSON output', async () => {
  const s = await scriptedServer({ capsBefore: ['AUTH PLAIN LOGIN'], onAuth: (line, st) => (line.includes(Buffer.from(`\0u\0${PASSWORD}`).toString('base64')) || st.step > 0 ? '235 ok' : '535 5.7.8 nope') });
  servers.push(s);
  const file = join(dir, 'pw');
  writeFileSync(file, `${PASSWORD}\n`);
  const ok = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAIN', '--password-file', file, '--format', 'json']);
  const json = JSON.parse(ok.out);
  assert.equal(json.mechanisms[0].outcome, 'ok');
  assert.equal(ok.code, 1, 'AUTH accepted in clear is an error finding');
  assertClean(ok.out + ok.err, PASSWORD);
  const bad = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAIN', '--password-file', '-'], {}, 'wrong\n');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /^FAIL: /);
  const noAuth = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'CRAM-MD5', '--password-env', 'PW'], { PW: PASSWORD });
  assert.equal(noAuth.code, 5);
  const noTls = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--password-env', 'PW', '--timeout', '1'], { PW: PASSWORD });
  assert.equal(noTls.code, 4);
  await s.close();
  const gone = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--password-env', 'PW', '--timeout', '1'], { PW: PASSWORD });
  assert.equal(gone.code, 3);
  assert.match(gone.out, /Stopped at connect/);
});

test('--insecure is loud', async () => {
  const r = await cli(['127.0.0.1:1', '--user', 'u', '--insecure', '--password-env', 'PW', '--timeout', '1'], { PW: PASSWORD });
  assert.match(r.err, /WARNING: --insecure/);
});

const real = loadServers();
test('secret search: every mode and mechanism against the real servers, text and JSON', { skip: real.skip }, async () => {
  const S = real.state!;
  const pw = real.password!;
  const runs: Array<[number, string]> = [
    [S.ports.starttls, 'starttls'],
    [S.ports.submission, 'starttls'],
    [S.ports.smtps, 'implicit'],
    [S.ports.saslauthd, 'starttls'],
    [S.ports.dovecot, 'starttls'],
    [S.ports.clear, 'none'],
  ];
  for (const [port, mode] of runs) {
    for (const format of ['text', 'json']) {
      for (const secret of format === 'json' ? [pw, 'Wrong-Pw-For-Search-99'] : [pw]) {
        const r = await cli([`${S.host}:${port}`, '--user', S.user, '--tls', mode, '--mech', 'all', '--ca', S.caFile, '--format', format, '--password-env', 'PW'], { PW: secret });
        assert.ok([0, 1].includes(r.code), `exit ${r.code} for ${port} ${mode}: ${r.err}`);
        assertClean(r.out + r.err, secret);
        assertClean(r.out + r.err, pw);
      }
    }
  }
});
