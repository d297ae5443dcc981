// Trusting a certificate by its fingerprint or by an extra CA, against scripted servers with their own
// certificates; and the report's headline and markdown, which must not let server text make structure.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AuthTestOptions, AuthTestResult, formatMarkdownReport, reportHeadline, runAuthTest } from '../../server/src/authtest';
import { normalizeFingerprint } from '../../server/src/authtest/trust';
import { TestCert, makeCert } from './helpers/certs';
import { FakeServer, scriptedServer } from './helpers/fakeServer';

const PASSWORD = 'Trust-Test-Pw-2718';
let otherName: TestCert;
let server: FakeServer & { lines: string[] };
const fingerprintOf = (c: TestCert) => new X509Certificate(c.cert).fingerprint256;

before(async () => {
  otherName = makeCert('other.example', 'DNS:other.example');
  server = await scriptedServer({ cert: otherName, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 2.7.0 ok' });
});
after(() => server.close());

const run = (o: Partial<AuthTestOptions>) =>
  runAuthTest({ host: '127.0.0.1', port: server.port, tls: 'starttls', user: 'u', password: PASSWORD, mechanisms: ['PLAIN'], timeoutMs: 1000, probeLegacyTls: false, ...o });

describe('normalizeFingerprint', () => {
  const hex = 'ab'.repeat(32);
  const canonical = Array(32).fill('AB').join(':');
  const cases: [string, string | undefined][] = [
    [hex, canonical],
    [canonical.toLowerCase(), canonical],
    [`SHA256 ${canonical}`, canonical],
    [`sha256=${hex}`, canonical],
    [hex.slice(2), undefined],
    [`${hex}ab`, undefined],
    ['zz'.repeat(32), undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.equal(normalizeFingerprint(input), expected));
});

describe('pinning a certificate that would not verify (another name, self-signed)', () => {
  test('the pinned certificate is accepted; what other clients would refuse stays a warning', async () => {
    const r = await run({ pinnedFingerprint: fingerprintOf(otherName) });
    assert.equal(r.verdict, 'warnings', r.summary);
    assert.equal(r.tls?.verification, 'pinned');
    const mismatch = r.findings.find((f) => f.code === 'certificate-name-mismatch');
    assert.equal(mismatch?.severity, 'warning');
    assert.match(mismatch!.detail, /You pinned it/);
  });

  test('without the pin it is refused and no AUTH is sent', async () => {
    const before = server.lines.length;
    const r = await run({});
    assert.equal(r.error?.certificate, 'untrusted');
    assert.ok(!server.lines.slice(before).some((l) => l.startsWith('AUTH')));
  });

  test('a pin that is not a fingerprint is an input error, before connecting', async () => {
    const before = server.lines.length;
    const r = await run({ pinnedFingerprint: 'not-a-fingerprint' });
    assert.equal(r.verdict, 'input-error');
    assert.match(r.summary, /not a SHA-256 fingerprint/);
    assert.equal(server.lines.length, before);
  });
});

describe('extra CA certificates', () => {
  const cases: [string, string, RegExp | undefined][] = [
    ['text that is no certificate', 'hello', /holds no PEM certificate/],
    ['a broken block', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', /does not parse/],
  ];
  for (const [name, ca, error] of cases) {
    test(`${name} is refused, not silently ignored`, async () => {
      const r = await run({ ca });
      assert.equal(r.verdict, 'input-error');
      assert.match(r.summary, error!);
    });
  }
  test('the server\'s own certificate as CA trusts the chain (the name still decides)', async () => {
    const r = await run({ ca: otherName.cert });
    assert.equal(r.tls?.chainVerified, true);
    assert.match(r.error!.message, /another name/);
  });
});

describe('report headline and markdown', () => {
  const base: AuthTestResult = {
    verdict: 'pass', summary: 'Authentication works (PLAIN).', host: 'mail.example', port: 587, tlsMode: 'starttls', user: 'u',
    server: { banner: 'mail.example ESMTP' }, mechanisms: [{ name: 'PLAIN', outcome: 'ok', message: 'ok', ms: 3 }], findings: [], transcript: [], startedAt: '', ms: 10,
  };
  const cases: [string, Partial<AuthTestResult>, string][] = [
    ['pass', {}, 'PASS: mail.example port 587 (starttls): PLAIN worked'],
    ['pass with warnings', { verdict: 'warnings', findings: [{ code: 'legacy-tls-accepted', severity: 'warning', title: 't', detail: 'd' }, { code: 'certificate-self-signed', severity: 'warning', title: 't', detail: 'd' }] }, 'PASS: mail.example port 587 (starttls): PLAIN worked, with 2 warnings'],
    ['one rejected, one worked', { verdict: 'auth-failed', mechanisms: [{ name: 'PLAIN', outcome: 'ok', message: '', ms: 1 }, { name: 'CRAM-MD5', outcome: 'rejected', message: '', ms: 1 }] }, 'FAIL: mail.example port 587 (starttls): CRAM-MD5 rejected; PLAIN worked'],
    ['an untrusted certificate', { verdict: 'tls-failed', mechanisms: [], error: { stage: 'TLS', message: 'x', certificate: 'untrusted' } }, 'FAIL: mail.example port 587 (starttls): stopped at TLS after the banner: the certificate is not trusted, no password sent'],
    ['a changed certificate', { verdict: 'tls-failed', mechanisms: [], error: { stage: 'TLS', message: 'x', certificate: 'changed' } }, 'FAIL: mail.example port 587 (starttls): stopped at TLS after the banner: the certificate is not the pinned one, no password sent'],
    ['no connection', { verdict: 'connect-failed', mechanisms: [], server: { banner: '' }, error: { stage: 'connect', message: 'ECONNREFUSED' } }, 'FAIL: mail.example port 587 (starttls): stopped at connect'],
  ];
  for (const [name, change, expected] of cases) test(`headline: ${name}`, () => assert.equal(reportHeadline({ ...base, ...change }), expected));

  test('the markdown starts with the headline; a multi-line banner cannot forge a heading or a table row', () => {
    const lines = formatMarkdownReport({ ...base, verdict: 'auth-failed', server: { banner: 'x\n# PASS: all fine\n| forged | row |' }, summary: 'a\n## forged' }).split('\n');
    assert.equal(lines[0], '# FAIL: mail.example port 587 (starttls): PLAIN worked');
    for (const forged of ['# PASS: all fine', '| forged | row |', '## forged']) assert.ok(!lines.includes(forged), forged);
    assert.ok(lines.some((l) => l.includes('x ⏎ \\# PASS: all fine ⏎ \\| forged \\| row \\|')), 'shown, escaped, on one line');
  });
});
