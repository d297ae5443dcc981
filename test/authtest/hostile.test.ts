import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { AuthTestOptions, AuthTestResult, formatTextReport, runAuthTest } from '../../server/src/authtest';
import { base64Forms } from '../../server/src/authtest/redact';
import { TestCert, makeCert } from './helpers/certs';
import { FakeServer, rawServer, scriptedServer } from './helpers/fakeServer';

const PASSWORD = 'Hostile-Test-Pw-31337';
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
  const outputs = [JSON.stringify(r), formatTextReport(r)];
  for (const out of outputs) {
    assert.ok(!out.includes(PASSWORD), 'password in output');
    for (const f of base64Forms(PASSWORD)) assert.ok(!out.includes(f), `base64 form ${f} in output`);
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
  assert.equal(m.verdict, 'pass');
});

test('implicit TLS against a fake server', async () => {
  const s = await serve(scriptedServer({ cert: good, implicit: true, capsBefore: ['AUTH PLAIN'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' }));
  const r = await run(s.port, { tls: 'implicit', ca: good.cert });
  assert.equal(r.verdict, 'pass');
  assert.equal(r.server.before, undefined);
  assert.deepEqual(r.server.after?.auth, ['PLAIN']);
});

test('XOAUTH2: a good token works, a bad one gets the JSON challenge, an empty answer, then 535', async () => {
  const onAuth = (line: string) => {
    if (line === '') return '535 5.7.8 Username and Password not accepted';
    const payload = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString();
    if (payload === `user=user\x01auth=Bearer ${PASSWORD}\x01\x01`) return '235 2.7.0 Accepted';
    return `334 ${Buffer.from('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}').toString('base64')}`;
  };
  const s = await serve(scriptedServer({ cert: good, capsBefore: ['STARTTLS'], capsAfter: ['AUTH XOAUTH2 PLAIN'], onAuth }));
  const ok = await run(s.port, { tls: 'starttls', ca: good.cert, mechanisms: ['XOAUTH2'] });
  assert.equal(ok.mechanisms[0].outcome, 'ok');
  const bad = await run(s.port, { tls: 'starttls', ca: good.cert, mechanisms: ['XOAUTH2'], password: 'expired-token-123' });
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

test('a server that echoes the password in its 535 text and in its banner: it appears in no field of the result', async () => {
  const echo = `${PASSWORD} is wrong`;
  const s = await serve(scriptedServer({ banner: `220 fake.test ESMTP ${Buffer.from(PASSWORD).toString('base64')}`, capsBefore: ['AUTH PLAIN'], onAuth: () => `535 5.7.8 ${echo}` }));
  const r = await run(s.port, { mechanisms: ['PLAIN'] });
  assert.equal(r.mechanisms[0].outcome, 'rejected');
  assert.match(r.mechanisms[0].message, /<redacted> is wrong/);
  assert.ok(r.findings.some((f) => f.detail.includes('<redacted> is wrong')));
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
  assert.notEqual(r.verdict, 'pass');
  assert.ok(!got.join('').includes('AUTH'), 'AUTH was not sent');
});
