// What a refused RCPT TO after AUTH is called: a permanent refusal (5xx) is relay-refused-after-auth, an
// error, whatever its cause; a temporary one (4xx) only defers the question, a warning.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAuthTest } from '../../server/src/authtest';
import { FakeServer, rawServer } from './helpers/fakeServer';

const servers: FakeServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A server where AUTH works and RCPT TO after it gets `rcptReply`. */
async function serverAnsweringRcpt(rcptReply: string): Promise<FakeServer> {
  const s = await rawServer((sock) => {
    sock.write('220 rcpt.test ESMTP\r\n');
    sock.on('data', (d) => {
      for (const line of d.toString().split('\r\n').filter(Boolean)) {
        if (/^EHLO/.test(line)) sock.write('250-rcpt.test\r\n250 AUTH PLAIN\r\n');
        else if (/^AUTH/.test(line)) sock.write('235 2.7.0 ok\r\n');
        else if (/^RCPT/.test(line)) sock.write(`${rcptReply}\r\n`);
        else if (/^QUIT/.test(line)) sock.end('221 bye\r\n');
        else sock.write('250 2.0.0 Ok\r\n');
      }
    });
  });
  servers.push(s);
  return s;
}

const cases: Array<{ reply: string; code: string; severity: string }> = [
  { reply: '554 5.7.1 <x@example.com>: Relay access denied', code: 'relay-refused-after-auth', severity: 'error' },
  { reply: '550 5.1.1 <x@example.com>: Recipient address rejected: User unknown', code: 'relay-refused-after-auth', severity: 'error' },
  { reply: '450 4.7.1 <x@example.com>: Recipient address rejected: greylisted, try again later', code: 'recipient-deferred-after-auth', severity: 'warning' },
  { reply: '451 4.3.5 Server configuration problem', code: 'recipient-deferred-after-auth', severity: 'warning' },
];

for (const c of cases) {
  test(`RCPT TO after AUTH answered ${c.reply.slice(0, 9)}: ${c.code} (${c.severity})`, async () => {
    const s = await serverAnsweringRcpt(c.reply);
    const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'u', password: 'Rcpt-Pw-77', mechanisms: ['PLAIN'], timeoutMs: 1000, probeLegacyTls: false, envelope: { mailFrom: 'u@example.org', rcptTo: 'x@example.com' } });
    const about = r.findings.filter((f) => f.code === 'relay-refused-after-auth' || f.code === 'recipient-deferred-after-auth');
    assert.deepEqual(about.map((f) => [f.code, f.severity]), [[c.code, c.severity]]);
    assert.ok(about[0].detail.startsWith(`RCPT TO:<x@example.com> got ${c.reply}.`), about[0].detail);
  });
}

test('a permanent refusal names the causes by their enhanced codes, not only relaying', async () => {
  const s = await serverAnsweringRcpt('550 5.1.1 <x@example.com>: User unknown');
  const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'u', password: 'Rcpt-Pw-77', mechanisms: ['PLAIN'], timeoutMs: 1000, probeLegacyTls: false, envelope: { mailFrom: 'u@example.org', rcptTo: 'x@example.com' } });
  const causes = r.findings.find((f) => f.code === 'relay-refused-after-auth')?.likelyCauses ?? [];
  assert.ok(causes.some((c) => c.startsWith('a policy refusal (5.7.x')) && causes.some((c) => c.startsWith('the address itself (5.1.x')), causes.join(' | '));
});
