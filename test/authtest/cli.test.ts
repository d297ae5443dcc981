import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cliRun';
import { type AuthTestResult, formatTranscript } from '../../server/src/authtest';
import { everySecretForm } from './helpers/derived';
import { base64Forms } from '../../server/src/authtest/redact';
import { makeCert } from './helpers/certs';
import { FakeServer, rawServer, scriptedServer } from './helpers/fakeServer';
import { loadServers } from './helpers/realServers';

const PASSWORD = 'Cli-Secret-Pw-2718';
const servers: FakeServer[] = [];
const dir = mkdtempSync(join(tmpdir(), 'authtest-cli-'));
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const cli = runCli;

function assertClean(text: string, secret: string): void {
  assert.ok(!text.includes(secret), 'password in output');
  for (const f of base64Forms(secret)) assert.ok(!text.includes(f), `base64 form ${f} in output`);
}

test('--help documents the exit codes', async () => {
  const r = await cli(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['0  every', '1  authentication failed', '2  usage', '3  could not connect', '4  TLS failed', '5  no AUTH', '6  it works, with warnings']) assert.ok(r.out.includes(c), c);
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
  [['127.0.0.1', '--user', 'u', '--mech', 'PLAINN', '--password-env', 'PW'], /--mech: PLAINN is not a mechanism this tester knows/],
  [['127.0.0.1', '--user', 'u', '--mech', 'PLAIN,XOAUTH2', '--password-env', 'PW'], /XOAUTH2 take a bearer token, never the password: give it with --token-env/],
  [['127.0.0.1', '--user', 'u', '--password-env', 'PW', PASSWORD], /^postfix-sasl auth-test: an unexpected argument was given after the host \(argument 6; not shown/],
  [['::1:25', '--user', 'u', '--password-env', 'PW'], /IPv6/],
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
  writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
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

test('--mech is checked before connecting: nothing reaches the server', async () => {
  const s = await scriptedServer({ capsBefore: ['AUTH PLAIN'] });
  servers.push(s);
  const r = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAINN', '--password-env', 'PW'], { PW: PASSWORD });
  assert.equal(r.code, 2);
  await new Promise((res) => setTimeout(res, 50));
  assert.deepEqual(s.lines, []);
});

test('a password file that other users may read is refused (as ssh refuses such a key); a private one is read', async () => {
  const s = await scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => '235 ok' });
  servers.push(s);
  const open = join(dir, 'open-pw');
  writeFileSync(open, `${PASSWORD}\n`, { mode: 0o644 });
  const refused = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAIN', '--password-file', open]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /open to other users \(mode 0644\); refused.*chmod 600/);
  assert.deepEqual(s.lines, [], 'nothing sent');
  const groupOnly = join(dir, 'group-pw');
  writeFileSync(groupOnly, `${PASSWORD}\n`, { mode: 0o640 });
  assert.equal((await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--password-file', groupOnly])).code, 2);
  const token = join(dir, 'open-token');
  writeFileSync(token, 'tok\n', { mode: 0o604 });
  assert.match((await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--password-env', 'PW', '--token-file', token], { PW: PASSWORD })).err, /--token-file: .* open to other users/);
});

test('--timeout bounds each step and the whole run (6 steps), with no 30 s floor; a timeout is named', async () => {
  // Every reply 150 ms late: each step is in time, but "all" over five mechanisms needs ~20 of them.
  const s = await rawServer((sock) => {
    const later = (t: string) => setTimeout(() => sock.writable && sock.write(t), 150);
    later('220 slow.test ESMTP\r\n');
    sock.on('data', (d) => {
      const t = d.toString();
      if (/^EHLO/.test(t)) later('250-slow.test\r\n250 AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n');
      else if (/^QUIT/.test(t)) later('221 bye\r\n');
      else later('535 5.7.8 no\r\n');
    });
  });
  servers.push(s);
  const started = Date.now();
  const r = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--timeout', '0.2', '--password-env', 'PW', '--format', 'json'], { PW: PASSWORD });
  const wall = Date.now() - started;
  assert.ok(wall < 1200 + 400, `took ${wall} ms for a 1.2 s limit`);
  assert.equal(r.code, 1);
  assert.match(r.out, /whole test ran out of time/);
  const outcomes = (JSON.parse(r.out) as AuthTestResult).mechanisms.map((m) => m.outcome);
  assert.ok(outcomes.includes('timeout') && !outcomes.includes('error'), outcomes.join());
});

test('works with warnings has its own verdict and exit code 6', async () => {
  const cert = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1');
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, cert.cert);
  const s = await scriptedServer({ cert, capsBefore: ['STARTTLS', 'AUTH PLAIN'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 2.7.0 ok' });
  servers.push(s);
  const r = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--ca', ca, '--mech', 'PLAIN', '--password-env', 'PW'], { PW: PASSWORD });
  assert.equal(r.code, 6, r.out);
  assert.match(r.out, /^WORKS, WITH WARNINGS: Authentication works \(PLAIN\), with warnings/);
  assert.match(r.out, /\[warning\] AUTH is offered before TLS/);
});

test('server text reaches the terminal neutralised in text and JSON; the JSON stays valid', async () => {
  const s = await scriptedServer({ banner: '220 evil.test \x1b[2J\x1b]0;title\x07 \x9b1m \u202egnissap', capsBefore: ['AUTH PLAIN'], onAuth: () => '535 5.7.8 \x1b[1A\rPASS: all good' });
  servers.push(s);
  for (const format of ['text', 'json']) {
    const r = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAIN', '--password-env', 'PW', '--format', format], { PW: PASSWORD });
    assert.doesNotMatch(r.out + r.err, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/, format);
    if (format === 'json') assert.equal(JSON.parse(r.out).server.banner, 'evil.test \x1b[2J\x1b]0;title\x07 \x9b1m \u202egnissap');
    else assert.doesNotMatch(r.out, /^PASS/m);
  }
});

test('--quiet prints the verdict line and the findings only; --rcpt-to needs --mail-from', async () => {
  const s = await scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => '535 5.7.8 no' });
  servers.push(s);
  const r = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--tls', 'none', '--mech', 'PLAIN', '--password-env', 'PW', '-q'], { PW: PASSWORD });
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0], /^FAIL: Authentication failed: PLAIN rejected\.$/);
  assert.ok(lines.slice(1).every((l) => /^ {2}\[(error|warning|info)\] |^ {6}/.test(l)), r.out);
  assert.doesNotMatch(r.out, /Transcript|Banner|Mechanisms:/);
  const usageError = await cli([`127.0.0.1:${s.port}`, '--user', 'u', '--password-env', 'PW', '--rcpt-to', 'x@example.com'], { PW: PASSWORD });
  assert.equal(usageError.code, 2);
  assert.match(usageError.err, /--rcpt-to needs --mail-from/);
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
  let derivedChecked = 0;
  for (const [port, mode] of runs) {
    for (const format of ['text', 'json', 'quiet']) {
      for (const secret of format === 'json' ? [pw, 'Wrong-Pw-For-Search-99'] : [pw]) {
        const how = format === 'quiet' ? ['--quiet'] : ['--format', format];
        const envelope = ['--mail-from', `${S.user}@localhost`, '--rcpt-to', 'someone@example.com'];
        const r = await cli([`${S.host}:${port}`, '--user', S.user, '--tls', mode, '--mech', 'all', '--ca', S.caFile, ...how, ...envelope, '--password-env', 'PW'], { PW: secret });
        assert.ok([0, 1, 6].includes(r.code), `exit ${r.code} for ${port} ${mode}: ${r.err}`);
        const transcript = format === 'json' ? formatTranscript((JSON.parse(r.out) as AuthTestResult).transcript) : r.out;
        const forms = everySecretForm(transcript, secret);
        derivedChecked += forms.length - 1 - base64Forms(secret).length;
        for (const form of forms) assert.ok(!(r.out + r.err).includes(form), `a form of the password (${forms.indexOf(form)}) in the ${format} output of port ${port}`);
        assertClean(r.out + r.err, pw);
      }
    }
  }
  assert.ok(derivedChecked > 20, `only ${derivedChecked} derived values were recomputed`);
});
