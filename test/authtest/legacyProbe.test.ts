// The TLS 1.0/1.1 probe: asked on a second connection beside the main test, or not at all with the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAuthTest } from '../../server/src/authtest';
import { certFixture, runCli } from './helpers/cliRun';
import { scriptedServer } from './helpers/fakeServer';

const PASSWORD = 'Probe-Test-Pw-8080';
const { cert, caFile, servers } = certFixture('authtest-probe-');

/** A STARTTLS server (TLS 1.2+) whose AUTH reply waits, up to `holdMs`, for a second connection to arrive. */
async function serverHoldingAuth(holdMs: number) {
  const s = await scriptedServer({
    cert: cert(),
    capsBefore: ['STARTTLS'],
    capsAfter: ['AUTH PLAIN'],
    onAuth: async () => {
      for (const end = Date.now() + holdMs; s.connections() < 2 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
      return s.connections() >= 2 ? '235 2.7.0 ok' : '454 4.7.0 no second connection came';
    },
  });
  servers.push(s);
  return s;
}

test('the probe runs beside the test: its connection arrives while the first AUTH is still open, and its lines follow the test\'s', async () => {
  const s = await serverHoldingAuth(1500);
  const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'starttls', user: 'u', password: PASSWORD, mechanisms: ['PLAIN'], ca: cert().cert, timeoutMs: 3000 });
  assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome]), [['PLAIN', 'ok']], 'the second connection came during AUTH');
  assert.equal(r.tls?.legacyProtocolAccepted, null);
  const texts = r.transcript.map((e) => e.text);
  const probeAt = texts.indexOf('Probe: does the server accept TLS 1.0 or 1.1?');
  assert.ok(probeAt > texts.lastIndexOf('221 bye'), 'the probe\'s lines come after the whole test');
  assert.equal(texts.at(-1), 'Probe: the server refused TLS 1.0 and 1.1.');
  assert.ok(!texts.slice(probeAt).some((t) => /^AUTH/.test(t)));
});

test('without TLS the probe is not made', async () => {
  const s = await scriptedServer({ capsBefore: ['AUTH PLAIN'], onAuth: () => '235 ok' });
  servers.push(s);
  const r = await runAuthTest({ host: '127.0.0.1', port: s.port, tls: 'none', user: 'u', password: PASSWORD, mechanisms: ['PLAIN'], timeoutMs: 1000 });
  assert.equal(s.connections(), 1);
  assert.equal(r.tls, undefined);
});

const cli = (port: number, extra: string[]) => runCli([`127.0.0.1:${port}`, '--user', 'u', '--password-env', 'PW', '--mech', 'PLAIN', ...extra], { PW: PASSWORD });

const flagCases: Array<{ flags: string[]; connections: number; reportLine: RegExp | null }> = [
  { flags: [], connections: 2, reportLine: /^ {2}TLS 1\.0\/1\.1: refused$/m },
  { flags: ['--no-legacy-tls-probe'], connections: 1, reportLine: null },
];
for (const c of flagCases) {
  test(`CLI ${c.flags.join(' ') || 'by default'}: ${c.connections} connection(s)`, async () => {
    const s = await scriptedServer({ cert: cert(), capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: () => '235 ok' });
    servers.push(s);
    const r = await cli(s.port, ['--ca', caFile, ...c.flags]);
    assert.equal(r.code, 6, 'works, with the self-signed warning');
    assert.equal(s.connections(), c.connections);
    if (c.reportLine) assert.match(r.out, c.reportLine);
    else assert.doesNotMatch(r.out, /TLS 1\.0\/1\.1/);
  });
}

test('--help documents --no-legacy-tls-probe', async () => {
  const { out } = await runCli(['--help']);
  assert.match(out, /--no-legacy-tls-probe +do not ask whether TLS 1\.0\/1\.1 is accepted/);
});
