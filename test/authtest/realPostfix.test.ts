import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { AuthTestOptions, AuthTestResult, CLI_REMEDIES, EnvelopeStep, formatMarkdownReport, formatTextReport, runAuthTest } from '../../server/src/authtest';
import { base64Forms } from '../../server/src/authtest/redact';
import { loadServers } from './helpers/realServers';

const { state, password, skip } = loadServers();
const S = state!;
const PW = password!;
const WRONG = 'Wrong-Password-4711';

async function run(port: number, o: Partial<AuthTestOptions>): Promise<AuthTestResult> {
  const r = await runAuthTest({ host: S.host, port, tls: 'starttls', user: S.user, password: PW, mechanisms: ['PLAIN'], ca: readFileSync(S.caFile), timeoutMs: 5000, probeLegacyTls: false, ...o });
  for (const out of [JSON.stringify(r), formatTextReport(r), formatMarkdownReport(r)]) {
    for (const secret of [PW, ...base64Forms(PW)]) assert.ok(!out.includes(secret), 'the password leaked into the output');
  }
  return r;
}

/** swaks's verdict for one mechanism: 'ok', 'rejected' or 'temporary-failure'. */
function swaks(port: number, tlsArg: string, mech: string, pw: string): Promise<string> {
  return new Promise((resolve) => {
    // swaks takes the password only as an argument; acceptable here, for a throw-away test password.
    const args = ['-s', `${S.host}:${port}`, tlsArg, '-a', mech, '-au', S.user, '-ap', pw, '--quit-after', 'AUTH', '--timeout', '10'];
    execFile('swaks', args, { timeout: 15000 }, (_e, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (/^<~?\*? *235 /m.test(out)) resolve('ok');
      else if (/^<~?\*? *4\d\d /m.test(out)) resolve('temporary-failure');
      else if (/^<~?\*? *5\d\d /m.test(out)) resolve('rejected');
      else resolve(`unknown: ${out.slice(-300)}`);
    });
  });
}

describe('real Postfix on 127.0.0.1', { skip }, () => {
  const modes = [
    { name: 'STARTTLS, Cyrus sasldb', port: () => S.ports.starttls, tls: 'starttls' as const, mechs: () => S.mechanisms.starttls },
    { name: 'submission (smtpd_tls_auth_only), Cyrus sasldb', port: () => S.ports.submission, tls: 'starttls' as const, mechs: () => S.mechanisms.starttls },
    { name: 'implicit TLS, Cyrus sasldb', port: () => S.ports.smtps, tls: 'implicit' as const, mechs: () => S.mechanisms.starttls },
    { name: 'STARTTLS, Cyrus through saslauthd', port: () => S.ports.saslauthd, tls: 'starttls' as const, mechs: () => ['PLAIN', 'LOGIN'] },
    { name: 'STARTTLS, Dovecot SASL', port: () => S.ports.dovecot, tls: 'starttls' as const, mechs: () => S.mechanisms.dovecot },
  ];
  for (const m of modes) {
    test(`${m.name}: every mechanism works with the right password and is rejected with a wrong one`, async () => {
      const ok = await run(m.port(), { tls: m.tls, mechanisms: m.mechs() });
      assert.deepEqual(ok.mechanisms.map((x) => [x.name, x.outcome]), m.mechs().map((n) => [n, 'ok']));
      assert.equal(ok.tls?.chainVerified, true);
      const bad = await run(m.port(), { tls: m.tls, mechanisms: m.mechs(), password: WRONG });
      assert.deepEqual(bad.mechanisms.map((x) => [x.name, x.outcome]), m.mechs().map((n) => [n, 'rejected']));
      assert.equal(bad.verdict, 'auth-failed');
      assert.ok(bad.mechanisms.every((x) => x.code === 535), JSON.stringify(bad.mechanisms));
      assert.ok(bad.findings.some((f) => f.code === 'auth-rejected'));
    });
  }

  test('before/after TLS capabilities: plain port offers AUTH before TLS, submission only after', async () => {
    const plain = await run(S.ports.starttls, {});
    assert.ok(plain.server.before?.starttls);
    assert.ok(plain.server.before?.auth.includes('PLAIN'));
    assert.ok(plain.server.before?.authLegacy.includes('PLAIN'), 'broken_sasl_auth_clients gives AUTH=');
    assert.ok(plain.findings.some((f) => f.code === 'auth-before-tls'));
    const sub = await run(S.ports.submission, {});
    assert.deepEqual(sub.server.before?.auth, []);
    assert.ok(sub.server.after?.auth.includes('PLAIN'));
    assert.ok(!sub.findings.some((f) => f.code === 'auth-before-tls'));
    assert.equal(sub.verdict, 'warnings');
  });

  test('submission port without TLS: no AUTH offered, with the likely causes', async () => {
    const r = await run(S.ports.submission, { tls: 'none', mechanisms: 'all' });
    assert.equal(r.verdict, 'no-auth');
    const f = r.findings.find((x) => x.code === 'no-auth-offered');
    assert.ok(f?.likelyCauses?.some((c) => c.includes('smtpd_tls_auth_only')));
  });

  test('a service with smtpd_sasl_auth_enable=no: no AUTH offered', async () => {
    const r = await run(S.ports.noauth, { mechanisms: 'all' });
    assert.equal(r.verdict, 'no-auth');
  });

  test('AUTH on a port without TLS: works, but flagged as accepted in clear', async () => {
    const r = await run(S.ports.clear, { tls: 'starttls-optional', mechanisms: ['PLAIN'] });
    assert.equal(r.mechanisms[0].outcome, 'ok');
    assert.equal(r.verdict, 'insecure');
    assert.ok(r.findings.some((f) => f.code === 'auth-accepted-in-clear'));
    const strict = await run(S.ports.clear, { tls: 'starttls' });
    assert.equal(strict.verdict, 'tls-failed');
    assert.equal(strict.error?.stage, 'STARTTLS');
  });

  test('CRAM-MD5 through saslauthd: 454, with our explanation', async () => {
    const r = await run(S.ports.saslauthd, { mechanisms: 'all' });
    const cram = r.mechanisms.find((x) => x.name === 'CRAM-MD5');
    assert.equal(cram?.outcome, 'temporary-failure');
    assert.equal(cram?.code, 454);
    const f = r.findings.find((x) => x.code === 'auth-temporary-failure');
    assert.ok(f?.likelyCauses?.some((c) => c.includes('they never reach saslauthd but read the secret from sasldb')));
    assert.equal(r.verdict, 'auth-failed');
  });

  test('the legacy probe and the certificate details', async () => {
    const r = await run(S.ports.starttls, { probeLegacyTls: true });
    assert.ok(r.tls?.certificate?.subjectAltNames.includes('DNS:localhost'));
    assert.equal(r.tls?.nameMatches, true);
    assert.ok(r.findings.some((f) => f.code === 'certificate-self-signed'));
    assert.notEqual(r.tls?.legacyProtocolAccepted, undefined);
  });

  test('MAIL FROM / RCPT TO after AUTH: the user may relay, a client without AUTH may not; RSET and QUIT, never DATA', async () => {
    const r = await run(S.ports.submission, { envelope: { mailFrom: `${S.user}@localhost`, rcptTo: 'someone@example.com' } });
    const codesOf = (steps: EnvelopeStep[] | undefined) => steps?.map((s) => [s.command, s.code]);
    assert.deepEqual(codesOf(r.envelope?.authenticated), [['MAIL FROM', 250], ['RCPT TO', 250]]);
    assert.deepEqual(codesOf(r.envelope?.unauthenticated), [['MAIL FROM', 250], ['RCPT TO', 554]]);
    assert.match(r.envelope!.unauthenticated![1].reply, /Relay access denied/);
    assert.ok(!r.findings.some((f) => ['relay-refused-after-auth', 'unauthenticated-relay', 'sender-refused'].includes(f.code)), r.findings.map((f) => f.code).join());
    const sent = r.transcript.filter((e) => e.dir === '~>').map((e) => e.text);
    assert.equal(sent.filter((t) => t === 'RSET').length, 2);
    assert.ok(!sent.some((t) => /^DATA|^BDAT/i.test(t)), 'no mail sent');
  });

  test('the wrong TLS mode is recognised and the right one named', async () => {
    const implicitOnStarttls = await run(S.ports.starttls, { tls: 'implicit' });
    assert.equal(implicitOnStarttls.verdict, 'tls-failed');
    assert.match(implicitOnStarttls.error!.message, /answered the TLS handshake in plain text .*seems to expect STARTTLS: run the test with --tls starttls$/);
    const starttlsOnImplicit = await run(S.ports.smtps, { tls: 'starttls', timeoutMs: 700 });
    assert.equal(starttlsOnImplicit.error?.stage, 'banner');
    assert.match(starttlsOnImplicit.error!.message, /^no complete reply within 700 ms; a port that expects TLS from the first byte .*: run the test with --tls implicit$/);
  });

  describe('trusting the self-signed certificate', () => {
    const fingerprint = () => new X509Certificate(readFileSync(S.caFile)).fingerprint256;
    const sentUnderTls = (r: AuthTestResult) => r.transcript.filter((e) => e.dir === '~>');
    const modes = [
      { name: 'STARTTLS', port: () => S.ports.submission, tls: 'starttls' as const },
      { name: 'implicit TLS', port: () => S.ports.smtps, tls: 'implicit' as const },
    ];
    for (const m of modes) {
      test(`${m.name}: without the CA it is refused before anything is sent under TLS, and the remedies are the front end's`, async () => {
        const r = await run(m.port(), { tls: m.tls, ca: undefined, remedies: { ...CLI_REMEDIES, untrusted: 'Press the trust button.' } });
        assert.equal(r.verdict, 'tls-failed');
        assert.equal(r.error?.certificate, 'untrusted');
        assert.match(r.error!.message, /not trusted.*not sending the password\. Press the trust button\.$/);
        assert.deepEqual(sentUnderTls(r), []);
        assert.equal(r.tls?.certificate?.fingerprint256, fingerprint());
      });

      test(`${m.name}: the CA file trusts it`, async () => {
        const r = await run(m.port(), { tls: m.tls });
        assert.equal(r.verdict, 'warnings', r.summary);
        assert.equal(r.tls?.verification, 'on');
      });

      test(`${m.name}: its pinned fingerprint trusts it, without the CA, in any spelling of the hex`, async () => {
        for (const pin of [fingerprint(), fingerprint().replace(/:/g, '').toLowerCase()]) {
          const r = await run(m.port(), { tls: m.tls, ca: undefined, pinnedFingerprint: pin });
          assert.equal(r.verdict, 'warnings', r.summary);
          assert.equal(r.tls?.verification, 'pinned');
          assert.equal(r.mechanisms[0].outcome, 'ok');
        }
      });

      test(`${m.name}: a wrong pin is refused before AUTH, even though the CA would trust it`, async () => {
        const wrong = fingerprint().replace(/^../, (h) => (h === '00' ? '11' : '00'));
        const r = await run(m.port(), { tls: m.tls, pinnedFingerprint: wrong });
        assert.equal(r.verdict, 'tls-failed');
        assert.equal(r.error?.certificate, 'changed');
        assert.ok(r.error!.message.includes(wrong) && r.error!.message.includes(fingerprint()), r.error!.message);
        assert.deepEqual(r.mechanisms, []);
        assert.deepEqual(sentUnderTls(r), [], 'nothing, not even EHLO, went to the unpinned certificate');
        assert.ok(!r.transcript.some((e) => /^AUTH/.test(e.text)));
      });
    }
  });

  describe('swaks agrees with us', () => {
    const cases: Array<[string, number, string, string]> = [];
    for (const mech of ['PLAIN', 'LOGIN', 'CRAM-MD5', 'DIGEST-MD5']) cases.push(['sasldb', 0, mech, '-tls']);
    for (const mech of ['PLAIN', 'LOGIN', 'CRAM-MD5']) cases.push(['saslauthd', 0, mech, '-tls']);
    for (const [backend, , mech, tlsArg] of cases) {
      test(`${backend} ${mech}`, async () => {
        const port = backend === 'sasldb' ? S.ports.starttls : S.ports.saslauthd;
        for (const pw of [PW, WRONG]) {
          const [ours, theirs] = await Promise.all([run(port, { mechanisms: [mech], password: pw }), swaks(port, tlsArg, mech, pw)]);
          assert.equal(ours.mechanisms[0].outcome, theirs, `password ${pw === PW ? 'right' : 'wrong'}`);
        }
      });
    }
  });

  test('SCRAM agrees with Dovecot\'s and Cyrus\'s own verdicts in their logs', async () => {
    for (const [port, log, mech] of [
      [S.ports.dovecot, S.dovecotLog, 'SCRAM-SHA-256'],
      [S.ports.dovecot, S.dovecotLog, 'SCRAM-SHA-1'],
      [S.ports.starttls, S.postfixLog, 'SCRAM-SHA-256'],
    ] as const) {
      const before = readFileSync(log, 'utf8').length;
      const wrong = await run(port, { mechanisms: [mech], password: WRONG });
      assert.equal(wrong.mechanisms[0].outcome, 'rejected');
      await new Promise((res) => setTimeout(res, 200));
      const said = readFileSync(log, 'utf8').slice(before);
      assert.match(said, log === S.dovecotLog ? /password mismatch|Password mismatch/ : new RegExp(`SASL ${mech} authentication failed`), said);
    }
  });
});
