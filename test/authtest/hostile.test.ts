import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { AuthTestOptions, AuthTestResult, formatMarkdownReport, formatTextReport, formatTranscript, reportHeadline, runAuthTest } from '../../server/src/authtest';
import { derivedSecrets } from './helpers/derived';
import { base64Forms } from '../../server/src/authtest/redact';
import { TestCert, makeCert } from './helpers/certs';
import { FakeServer, rawServer, scriptedServer } from './helpers/fakeServer';

const PASSWORD = 'Hostile-Test-Pw-31337';
const TOKEN = 'Hostile-Bearer-Token-4242';
const STEP_MS = 400;
let good: TestCert;
let expired: TestCert;
let otherName: TestCert;
const servers: FakeServer[] = [];

before(() => {
  good = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1');
  expired = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1', 'expired');
  otherName = makeCert('other.example', 'DNS:other.example');
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve<T extends FakeServer>(p: Promise<T>): Promise<T> {
  const s = await p;
  servers.push(s);
  return s;
}

async function run(port: number, o: Partial<AuthTestOptions> = {}): Promise<AuthTestResult & { wall: number }> {
  const t = Date.now();
  const r = await runAuthTest({ host: '127.0.0.1', port, tls: 'none', user: 'user', password: PASSWORD, mechanisms: ['PLAIN'], timeoutMs: STEP_MS, totalTimeoutMs: 3000, probeLegacyTls: false, ...o });
  const wall = Date.now() - t;
  assertNoSecret(r);
  return { ...r, wall };
}

function assertNoSecret(r: AuthTestResult): void {
  const outputs = [JSON.stringify(r), formatTextReport(r), formatMarkdownReport(r)];
  for (const out of outputs) {
    for (const secret of [PASSWORD, TOKEN]) {
      assert.ok(!out.includes(secret), 'secret in output');
      for (const f of base64Forms(secret)) assert.ok(!out.includes(f), `base64 form ${f} in output`);
    }
  }
}

/** Sockets and timers of ours still open; the fake servers are closed first. */
function openHandles(): string[] {
  return process.getActiveResourcesInfo().filter((n) => n === 'TCPSocketWrap' || n === 'TLSSocketWrap' || n === 'Timeout');
}

const codes = (r: AuthTestResult) => r.findings.map((f) => f.code);

test('a server that never answers: banner stage, within the step timeout', async () => {
  const s = await serve(rawServer(() => undefined));
  const r = await run(s.port);
  assert.equal(r.verdict, 'connect-failed');
  assert.equal(r.error?.stage, 'banner');
  assert.match(r.error!.message, /no complete reply within 400 ms/);
  assert.ok(r.wall < STEP_MS + 500, `took ${r.wall} ms`);
});

test('a server that answers one byte per second: banner stage, partial line reported', async () => {
  const s = await serve(
    rawServer((sock) => {
      const text = '220 slow.example ESMTP\r\n';
      let i = 0;
      const tick = () => {
        if (sock.destroyed || i >= text.length) return;
        sock.write(text[i++]);
        setTimeout(tick, 1000).unref();
      };
      tick();
    }),
  );
  const r = await run(s.port);
  assert.equal(r.error?.stage, 'banner');
  assert.match(r.error!.message, /no complete reply within 400 ms \(1 bytes of an unfinished line so far\)/);
  assert.ok(r.wall < STEP_MS + 500);
});

test('a server that drops the line after STARTTLS: TLS stage', async () => {
  const s = await serve(
    rawServer((sock) => {
      sock.write('220 x ESMTP\r\n');
      sock.on('data', (d) => {
        const line = d.toString();
        if (/^EHLO/i.test(line)) sock.write('250-x\r\n250 STARTTLS\r\n');
        else if (/^STARTTLS/i.test(line)) sock.end('220 go ahead\r\n');
      });
    }),
  );
  const r = await run(s.port, { tls: 'starttls' });
  assert.equal(r.verdict, 'tls-failed');
  assert.equal(r.error?.stage, 'TLS');
  assert.match(r.error!.message, /closed|disconnected|ECONNRESET/);
});

test('a server that sends a 10 MB line: banner stage, refused past 64 KiB', async () => {
  const s = await serve(rawServer((sock) => sock.write(`220 ${'A'.repeat(10 * 1024 * 1024)}\r\n`)));
  const r = await run(s.port);
  assert.equal(r.error?.stage, 'banner');
  assert.match(r.error!.message, /a line longer than 65536 bytes/);
});

test('a server that sends an endless multi-line EHLO reply: EHLO stage', async () => {
  const s = await serve(
    rawServer((sock) => {
      sock.write('220 x ESMTP\r\n');
      sock.once('data', () => {
        const flood = () => {
          if (sock.destroyed) return;
          sock.write('250-ENDLESS\r\n'.repeat(2000), () => setImmediate(flood));
        };
        flood();
      });
    }),
  );
  const r = await run(s.port);
  assert.equal(r.error?.stage, 'EHLO');
  assert.match(r.error!.message, /reply too long|unread replies/);
});

test('a server that sends invalid base64 as a challenge: AUTH error, exchange cancelled', async () => {
  const s = await serve(scriptedServer({ capsBefore: ['AUTH LOGIN'], onAuth: (line) => (line === '*' ? '501 5.7.0 aborted' : '334 !!not*base64!!') }));
  const r = await run(s.port, { mechanisms: ['LOGIN'] });
  assert.equal(r.verdict, 'auth-failed');
  assert.equal(r.mechanisms[0].outcome, 'error');
  assert.match(r.mechanisms[0].message, /not valid base64/);
  assert.ok(s.lines.includes('*'), 'sent * to cancel');
});

test('a server that offers AUTH only before TLS: no AUTH after STARTTLS, with findings', async () => {
  const s = await serve(scriptedServer({ cert: good, capsBefore: ['STARTTLS', 'AUTH PLAIN LOGIN'], capsAfter: [] }));
  const r = await run(s.port, { tls: 'starttls', ca: good.cert, mechanisms: 'all' });
  assert.equal(r.verdict, 'no-auth');
  assert.deepEqual(r.server.before?.auth, ['PLAIN', 'LOGIN']);
  assert.deepEqual(r.server.after?.auth, []);
  for (const c of ['auth-before-tls', 'plaintext-mechanisms-in-clear', 'no-auth-offered']) assert.ok(codes(r).includes(c), c);
});

test('an expired certificate: TLS stage refuses, with the dates; --insecure goes on but says so', async () => {
  const s = await serve(scriptedServer({ cert: expired, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const r = await run(s.port, { tls: 'starttls', ca: expired.cert });
  assert.equal(r.verdict, 'tls-failed');
  assert.equal(r.error?.stage, 'TLS');
  assert.match(r.error!.message, /CERT_HAS_EXPIRED/);
  assert.ok(codes(r).includes('certificate-expired'));
  assert.equal(r.tls?.certificate?.validTo, '2020-01-02T00:00:00.000Z');
  const loose = await run(s.port, { tls: 'starttls', insecure: true });
  assert.equal(loose.mechanisms[0].outcome, 'ok');
  assert.ok(codes(loose).includes('verification-off'));
  assert.ok(codes(loose).includes('certificate-expired'));
  assert.equal(loose.verdict, 'insecure');
});

test('a certificate for another name: TLS stage, name mismatch finding', async () => {
  const s = await serve(scriptedServer({ cert: otherName, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'] }));
  const r = await run(s.port, { tls: 'starttls', ca: otherName.cert });
  assert.equal(r.error?.stage, 'TLS');
  assert.match(r.error!.message, /another name/);
  assert.ok(codes(r).includes('certificate-name-mismatch'));
  assert.equal(r.tls?.chainVerified, true);
  assert.equal(s.lines.filter((l) => l.startsWith('AUTH')).length, 0, 'no AUTH sent');
});

test('a self-signed certificate without --ca: TLS stage, untrusted', async () => {
  const s = await serve(scriptedServer({ cert: good, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'] }));
  const r = await run(s.port, { tls: 'starttls' });
  assert.equal(r.error?.stage, 'TLS');
  assert.match(r.error!.message, /not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  assert.ok(codes(r).includes('certificate-self-signed'));
});

test('TLS 1.0 accepted: found by the legacy probe; a TLS 1.2+ server is not flagged', async () => {
  const legacy = await serve(
    scriptedServer({ cert: good, tlsOptions: { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' }),
  );
  const r = await run(legacy.port, { tls: 'starttls', ca: good.cert, probeLegacyTls: true });
  assert.equal(r.mechanisms[0].outcome, 'ok');
  assert.match(String(r.tls?.legacyProtocolAccepted), /^TLSv1(\.1)?$/);
  assert.ok(codes(r).includes('legacy-tls-accepted'));
  const modern = await serve(scriptedServer({ cert: good, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const m = await run(modern.port, { tls: 'starttls', ca: good.cert, probeLegacyTls: true });
  assert.equal(m.tls?.legacyProtocolAccepted, null);
  assert.equal(m.verdict, 'warnings');
});

test('implicit TLS against a fake server', async () => {
  const s = await serve(scriptedServer({ cert: good, implicit: true, capsBefore: ['AUTH PLAIN'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const r = await run(s.port, { tls: 'implicit', ca: good.cert });
  assert.equal(r.verdict, 'warnings');
  assert.equal(r.server.before, undefined);
  assert.deepEqual(r.server.after?.auth, ['PLAIN']);
});

test('XOAUTH2: a good token works, a bad one gets the JSON challenge, an empty answer, then 535', async () => {
  const onAuth = (line: string) => {
    if (line === '') return '535 5.7.8 Username and Password not accepted';
    const payload = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString();
    if (payload === `user=user\x01auth=Bearer ${TOKEN}\x01\x01`) return '235 2.7.0 Accepted';
    return `334 ${Buffer.from('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}').toString('base64')}`;
  };
  const s = await serve(scriptedServer({ cert: good, capsBefore: ['STARTTLS'], capsAfter: ['AUTH XOAUTH2 PLAIN'], onAuth }));
  const ok = await run(s.port, { tls: 'starttls', ca: good.cert, mechanisms: ['XOAUTH2'], token: TOKEN });
  assert.equal(ok.mechanisms[0].outcome, 'ok');
  const bad = await run(s.port, { tls: 'starttls', ca: good.cert, mechanisms: ['XOAUTH2'], token: 'expired-token-123' });
  assert.equal(bad.mechanisms[0].outcome, 'rejected');
  assert.equal(bad.mechanisms[0].code, 535);
  assert.ok(s.lines.includes(''), 'answered the error challenge with an empty line');
});

test('SCRAM with a server that cannot prove the password: error, and a finding', async () => {
  let nonce = '';
  const onAuth = (line: string, st: { step: number }) => {
    if (st.step === 0) {
      nonce = /r=([^,]+)/.exec(Buffer.from(line.split(' ')[2], 'base64').toString())![1];
      return `334 ${Buffer.from(`r=${nonce}srv,s=QSXCR+Q6sek8bf92,i=4096`).toString('base64')}`;
    }
    if (st.step === 1) return `334 ${Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=').toString('base64')}`;
    return '501 5.7.0 aborted';
  };
  const s = await serve(scriptedServer({ capsBefore: ['AUTH SCRAM-SHA-256'], onAuth }));
  const r = await run(s.port, { mechanisms: ['SCRAM-SHA-256'] });
  assert.equal(r.mechanisms[0].outcome, 'error');
  assert.match(r.mechanisms[0].message, /signature does not verify/);
  assert.ok(codes(r).includes('server-proof-failed'));
});

test('AUTH accepted on a clear connection is an error finding', async () => {
  const s = await serve(scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const r = await run(s.port);
  assert.equal(r.verdict, 'insecure');
  assert.ok(codes(r).includes('auth-accepted-in-clear'));
});

test('nothing listening: connect stage', async () => {
  const probe = net.createServer();
  await new Promise<void>((res) => probe.listen(0, '127.0.0.1', res));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((res) => probe.close(res));
  const r = await run(port);
  assert.equal(r.verdict, 'connect-failed');
  assert.equal(r.error?.stage, 'connect');
  assert.match(r.error!.message, /ECONNREFUSED/);
});

test('a name with several addresses: tries each until one answers', async () => {
  const s = await serve(scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const r = await run(s.port, { host: 'mail.test', resolve: async () => ['::1', '127.0.0.1'] });
  assert.equal(r.mechanisms[0].outcome, 'ok');
  const notes = r.transcript.filter((e) => e.dir === '===').map((e) => e.text);
  assert.ok(notes.some((n) => n.startsWith('Trying [::1]')));
  assert.ok(notes.some((n) => n.startsWith('Connected to 127.0.0.1')));
});

for (const [field, value] of [['user', 'bob\r\nMAIL FROM:<x>'], ['password', 'pw\nQUIT'], ['host', '127.0.0.1\0'], ['user', 'a\0b']] as const) {
  test(`a ${field} with CR, LF or NUL is refused before anything is sent`, async () => {
    let connections = 0;
    const s = await serve(rawServer(() => connections++));
    const r = await run(s.port, { [field]: value });
    assert.equal(r.verdict, 'input-error');
    assert.equal(r.error?.stage, 'input');
    assert.match(r.error!.message, new RegExp(`the ${field} contains CR, LF or NUL`));
    assert.equal(connections, 0);
    assert.ok(!JSON.stringify(r).includes('QUIT'));
  });
}

test('no open sockets or timers remain', async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  // Destroyed sockets close on a later tick: wait for that, up to a second.
  for (let i = 0; i < 40 && openHandles().length; i++) await new Promise((res) => setTimeout(res, 25));
  assert.deepEqual(openHandles(), []);
});

test('a server that echoes the password in its 535 text, and in its banner once it has been sent it: it appears in no field of the result', async () => {
  const echo = `${PASSWORD} is wrong`;
  let connections = 0;
  const s = await serve(
    rawServer((sock) => {
      // The second connection's banner comes after the first one sent the password.
      sock.write(++connections === 1 ? '220 fake.test ESMTP\r\n' : `220 fake.test ESMTP ${Buffer.from(PASSWORD).toString('base64')}\r\n`);
      sock.on('data', (d) => {
        const t = d.toString();
        if (/^EHLO/.test(t)) sock.write('250-fake.test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH LOGIN/.test(t)) sock.write(`334 ${Buffer.from(`Password for ${PASSWORD}:`).toString('base64')}\r\n`);
        else if (/^AUTH/.test(t)) sock.write(`535 5.7.8 ${echo}\r\n`);
        else if (/^QUIT/.test(t)) sock.end('221 bye\r\n');
        else sock.write('535 5.7.8 no\r\n');
      });
    }),
  );
  const r = await run(s.port, { mechanisms: ['PLAIN', 'LOGIN'] });
  assert.equal(r.mechanisms[0].outcome, 'rejected');
  assert.match(r.mechanisms[0].message, /<redacted> is wrong/);
  assert.ok(r.findings.some((f) => f.detail.includes('<redacted> is wrong')));
  assert.ok(r.transcript.some((e) => e.dir === '<-' && e.text === '220 fake.test ESMTP <redacted>'), 'second banner redacted');
});

test('redaction does not point at the password: a secret in the text before AUTH (banner, certificate, the user name) is left alone everywhere', async () => {
  // With the password "Postfix", "ESMTP <redacted>" would name it; the banner had it before we sent anything.
  const s = await serve(scriptedServer({ banner: '220 mail.test ESMTP Postfix', capsBefore: ['AUTH PLAIN'], onAuth: () => '535 5.7.8 Postfix says no' }));
  const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'user', password: 'Postfix', mechanisms: ['PLAIN'], timeoutMs: STEP_MS, probeLegacyTls: false });
  const text = formatTextReport(r);
  assert.equal(r.server.banner, 'mail.test ESMTP Postfix');
  assert.match(text, /Banner: mail\.test ESMTP Postfix$/m);
  assert.match(r.mechanisms[0].message, /^535 5\.7\.8 Postfix says no$/);
  // What carried the password itself is still redacted: the AUTH line shows no base64 of it.
  for (const f of base64Forms('Postfix')) assert.ok(!text.includes(f), f);
  assert.match(text, /-> AUTH PLAIN <redacted>/);
  // A password that is one of our own words is not blotted out of our sentences either.
  const weak = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'user', password: 'server', mechanisms: ['PLAIN'], timeoutMs: STEP_MS, probeLegacyTls: false });
  assert.ok(weak.findings.some((f) => f.title === 'The server accepted AUTH on a clear connection' || /The back end checked/.test(f.detail)), weak.findings.map((f) => f.title).join());
  assert.ok(!JSON.stringify(weak.findings).includes('<redacted>'), JSON.stringify(weak.findings));
});

test('values derived from the password are redacted where a server echoes them: CRAM-MD5 digest, SCRAM proof', async () => {
  const challenge = Buffer.from('<1896.697170952@fake.test>').toString('base64');
  const cram = await serve(
    scriptedServer({ capsBefore: ['AUTH CRAM-MD5'], onAuth: (line, st) => (st.step === 0 ? `334 ${challenge}` : `535 5.7.8 bad digest ${Buffer.from(line, 'base64').toString()} for ${line}`) }),
  );
  const r = await run(cram.port, { mechanisms: ['CRAM-MD5'] });
  const answer = cram.lines.find((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l))!;
  const digest = Buffer.from(answer, 'base64').toString().split(' ')[1];
  const all = JSON.stringify(r) + formatTextReport(r) + formatMarkdownReport(r);
  assert.match(digest, /^[0-9a-f]{32}$/);
  assert.ok(!all.includes(digest), 'CRAM-MD5 digest in output');
  assert.ok(!all.includes(answer), 'CRAM-MD5 answer in output');
  assert.match(r.mechanisms[0].message, /bad digest user <redacted> for \S*<redacted>/);
  // The all-output search recomputes derivatives from a printed transcript; it must find this very digest.
  assert.ok(derivedSecrets(formatTranscript(r.transcript), PASSWORD).includes(digest));

  let sentProof = '';
  const nonceEcho = await serve(
    scriptedServer({
      capsBefore: ['AUTH SCRAM-SHA-256'],
      onAuth: (line, st) => {
        if (st.step === 0) {
          const first = Buffer.from(line.split(' ')[2], 'base64').toString();
          const nonce = /r=([^,]+)/.exec(first)![1];
          return `334 ${Buffer.from(`r=${nonce}srv,s=${Buffer.from('salt').toString('base64')},i=4096`).toString('base64')}`;
        }
        const proof = /p=(.+)$/.exec(Buffer.from(line, 'base64').toString())![1];
        sentProof = proof;
        return `535 5.7.8 proof ${proof} (${Buffer.from(proof, 'base64').toString('hex')}) rejected`;
      },
    }),
  );
  const sr = await run(nonceEcho.port, { mechanisms: ['SCRAM-SHA-256'] });
  assert.match(sr.mechanisms[0].message, /^535 5\.7\.8 proof <redacted> \(<redacted>\) rejected$/);
  assert.ok(derivedSecrets(formatTranscript(sr.transcript), PASSWORD).includes(sentProof));
});

test('server text reaches the terminal with its control characters visible and no line of its own', async () => {
  const s = await serve(scriptedServer({ banner: '220-fake.test \x1b[2J\x1b[1;1HPASS: forged\r\n220 fine \u202e\x9b31m', capsBefore: ['AUTH PLAIN'], onAuth: () => '535 5.7.8 \x1b]8;;https://evil/\x07no\rPASS' }));
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  const text = formatTextReport(r);
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
  assert.doesNotMatch(text, /^PASS/m);
  assert.match(text, /\\x1b\[2J/);
  assert.match(text, /\\u\{202e\}/);
});

test('"all" with a token tries XOAUTH2 and OAUTHBEARER with the token, never the password; the other mechanisms still count', async () => {
  const sent: string[] = [];
  const s = await serve(
    scriptedServer({
      capsBefore: ['AUTH XOAUTH2 OAUTHBEARER PLAIN'],
      onAuth: (line) => {
        sent.push(Buffer.from(line.split(' ')[2] ?? '', 'base64').toString());
        return line.startsWith('AUTH PLAIN') || sent.at(-1)!.includes(`auth=Bearer ${TOKEN}\x01`) ? '235 2.7.0 ok' : '535 5.7.8 no';
      },
    }),
  );
  const r = await run(s.port, { mechanisms: 'all', token: TOKEN });
  assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome]), [['XOAUTH2', 'ok'], ['OAUTHBEARER', 'ok'], ['PLAIN', 'ok']]);
  assert.deepEqual(sent.slice(0, 2), [`user=user\x01auth=Bearer ${TOKEN}\x01\x01`, `n,a=user,\x01auth=Bearer ${TOKEN}\x01\x01`]);
  assert.ok(!sent.slice(0, 2).some((p) => p.includes(PASSWORD)), 'the password went out as a token');
  assert.equal(r.verdict, 'insecure', 'it worked (in clear), not FAIL');
});

test('"all" never hands the password to XOAUTH2 as a token; it is listed as not tried', async () => {
  const s = await serve(scriptedServer({ capsBefore: ['AUTH XOAUTH2 PLAIN'], onAuth: (line) => (line.startsWith('AUTH PLAIN') ? '235 2.7.0 ok' : '535 5.7.8 no') }));
  const r = await run(s.port, { mechanisms: 'all' });
  assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome]), [['PLAIN', 'ok']]);
  assert.ok(!s.lines.some((l) => /^AUTH XOAUTH2/i.test(l)), 'no XOAUTH2 attempt');
  assert.match(r.findings.find((f) => f.code === 'mechanisms-not-tested')!.detail, /Not tried: XOAUTH2\./);
});

for (const reply of ['530 5.7.0 Must issue a STARTTLS command first', '538 5.7.11 Encryption required for requested authentication mechanism']) {
  test(`"${reply}" asks for TLS; it is not reported as a wrong password`, async () => {
    const s = await serve(scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => reply }));
    const r = await run(s.port, { mechanisms: ['PLAIN'] });
    assert.equal(r.mechanisms[0].code, Number(reply.slice(0, 3)));
    assert.ok(codes(r).includes('auth-requires-tls'), codes(r).join());
    assert.ok(!codes(r).includes('auth-rejected'), codes(r).join());
  });
}

test('an early talker that sends 235 ahead of AUTH is not believed, and gets no password', async () => {
  const got: string[] = [];
  const s = await serve(
    rawServer((sock) => {
      sock.write('220 early.test ESMTP\r\n');
      sock.on('data', (d) => {
        got.push(d.toString());
        if (/^EHLO/m.test(d.toString())) sock.write('250-early.test\r\n250 AUTH PLAIN\r\n235 2.7.0 you are in\r\n');
      });
    }),
  );
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  assert.notEqual(r.mechanisms[0]?.outcome, 'ok');
  assert.match(r.mechanisms[0].message, /answered before it was asked/);
  assert.notEqual(r.verdict, 'warnings');
  assert.ok(!got.join('').includes('AUTH'), 'AUTH was not sent');
});

test('a server that goes silent after AUTH: the mechanism timed out, named so, not a protocol break', async () => {
  const s = await serve(scriptedServer({ capsBefore: ['AUTH PLAIN LOGIN'], onAuth: (line) => (line.startsWith('AUTH LOGIN') ? '535 5.7.8 no' : '') }));
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  assert.equal(r.mechanisms[0].outcome, 'timeout');
  assert.match(r.mechanisms[0].message, /^AUTH: no complete reply within 400 ms$/);
  assert.ok(codes(r).includes('step-timeout'), codes(r).join());
  assert.ok(!codes(r).includes('protocol-error'), codes(r).join());
  assert.equal(r.verdict, 'auth-failed');
});

test('a banner that never comes is a timeout at the banner, and the headline says so', async () => {
  const s = await serve(rawServer(() => undefined));
  const r = await run(s.port);
  assert.equal(r.error?.timeout, true);
  assert.ok(codes(r).includes('step-timeout'));
  assert.match(reportHeadline(r), /stopped at banner: timed out/);
});

test('an early talker that sends its EHLO answer with the banner (before it is asked) is stopped before EHLO', async () => {
  const got: string[] = [];
  const s = await serve(
    rawServer((sock) => {
      sock.write('220 early.test ESMTP\r\n250-early.test\r\n250 AUTH PLAIN\r\n');
      sock.on('data', (d) => got.push(d.toString()));
    }),
  );
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  assert.equal(r.verdict, 'connect-failed');
  assert.equal(r.error?.stage, 'EHLO');
  assert.match(r.error!.message, /answered before it was asked/);
  assert.deepEqual(got, [], 'nothing was sent to it');
});

test('envelope step: a user refused as sender and for relaying, and a stranger allowed to relay, are findings; never DATA', async () => {
  const lines: string[] = [];
  const s = await serve(
    rawServer((sock) => {
      let authed = false;
      sock.write('220 relay.test ESMTP\r\n');
      sock.on('data', (d) => {
        for (const line of d.toString().split('\r\n').filter(Boolean)) {
          lines.push(line);
          if (/^EHLO/.test(line)) sock.write('250-relay.test\r\n250 AUTH PLAIN\r\n');
          else if (/^AUTH/.test(line)) sock.write(((authed = true), '235 2.7.0 ok\r\n'));
          else if (/^MAIL FROM:<boss@/.test(line)) sock.write(authed ? '553 5.7.1 <boss@example.org>: Sender address rejected: not owned by user user\r\n' : '250 2.1.0 Ok\r\n');
          else if (/^MAIL/.test(line)) sock.write('250 2.1.0 Ok\r\n');
          else if (/^RCPT/.test(line)) sock.write(authed ? '554 5.7.1 Relay access denied\r\n' : '250 2.1.5 Ok\r\n');
          else if (/^RSET/.test(line)) sock.write('250 2.0.0 Ok\r\n');
          else if (/^QUIT/.test(line)) sock.end('221 bye\r\n');
          else sock.write('502 5.5.2 no\r\n');
        }
      });
    }),
  );
  const asBoss = await run(s.port, { envelope: { mailFrom: 'boss@example.org', rcptTo: 'x@example.com' } });
  assert.deepEqual(asBoss.envelope?.authenticated?.map((e) => e.code), [553], 'no RCPT after a refused sender');
  assert.ok(codes(asBoss).includes('sender-refused'));
  const asUser = await run(s.port, { envelope: { mailFrom: 'user@example.org', rcptTo: 'x@example.com' } });
  assert.deepEqual(asUser.envelope?.authenticated?.map((e) => e.code), [250, 554]);
  assert.deepEqual(asUser.envelope?.unauthenticated?.map((e) => e.code), [250, 250]);
  assert.ok(codes(asUser).includes('relay-refused-after-auth') && codes(asUser).includes('unauthenticated-relay'), codes(asUser).join());
  assert.match(formatTextReport(asUser), /^Envelope without AUTH: MAIL FROM:<user@example\.org> 250 2\.1\.0 Ok; RCPT TO:<x@example\.com> 250 2\.1\.5 Ok$/m);
  assert.ok(!lines.some((l) => /^(DATA|BDAT)/i.test(l)), 'no mail sent');
  assert.ok(lines.filter((l) => l === 'RSET').length >= 3);
  const bad = await run(s.port, { envelope: { mailFrom: 'a>\r\nDATA' } });
  assert.equal(bad.verdict, 'input-error');
});

test('a server that talks before its greeting (a 235 where the 220 belongs) is not believed and gets nothing', async () => {
  const got: string[] = [];
  const s = await serve(
    rawServer((sock) => {
      sock.write('235 2.7.0 Authentication successful\r\n');
      setTimeout(() => sock.writable && sock.write('220 late.test ESMTP\r\n'), 20);
      sock.on('data', (d) => got.push(d.toString()));
    }),
  );
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  assert.equal(r.verdict, 'connect-failed');
  assert.equal(r.error?.stage, 'banner');
  assert.match(r.error!.message, /^the server sent a 235 reply before its 220 greeting/);
  assert.deepEqual(r.mechanisms, []);
  assert.ok(!got.join('').includes('AUTH'), 'no AUTH');
});
