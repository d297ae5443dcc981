// --expect-no-auth-before-tls: exit 0 when AUTH is withheld until STARTTLS, 1 when it is listed before,
// against the real Postfix services and hostile fake ones. No password is read and no AUTH is sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthTestResult } from '../../server/src/authtest';
import { certFixture, runCli } from './helpers/cliRun';
import { scriptedServer } from './helpers/fakeServer';
import { loadServers } from './helpers/realServers';

const FLAG = '--expect-no-auth-before-tls';
const { cert, caFile, servers } = certFixture('authtest-expect-');

/** No password source, and a standard input that is not a terminal: a prompt would fail. */
const cli = (argv: string[]) => runCli(argv);

async function json(argv: string[]) {
  const r = await cli([...argv, '--format', 'json', '--no-legacy-tls-probe']);
  return { code: r.code, result: JSON.parse(r.out) as AuthTestResult };
}

describe('against the real Postfix', { skip: loadServers().skip }, () => {
  const S = loadServers().state!;
  const cases: Array<{ service: 'submission' | 'starttls' | 'noauth'; exit: number; met: boolean; verdict: string; headline: RegExp }> = [
    { service: 'submission', exit: 0, met: true, verdict: 'pass', headline: /^PASS: AUTH is withheld until STARTTLS, as expected \(after TLS: PLAIN LOGIN/ },
    { service: 'starttls', exit: 1, met: false, verdict: 'expectation-failed', headline: /^EXPECTATION FAILED: AUTH is offered before STARTTLS \(PLAIN LOGIN/ },
    { service: 'noauth', exit: 5, met: true, verdict: 'no-auth', headline: /^NO AUTH: AUTH is offered neither before nor after STARTTLS/ },
  ];
  for (const c of cases) {
    test(`${c.service} (port ${S.ports[c.service]}): exit ${c.exit}`, async () => {
      const argv = [`${S.host}:${S.ports[c.service]}`, '--ca', S.caFile, FLAG];
      const { code, result } = await json(argv);
      assert.equal(code, c.exit);
      assert.equal(result.verdict, c.verdict);
      assert.equal(result.expectation?.met, c.met);
      assert.deepEqual(result.mechanisms, []);
      const sent = result.transcript.filter((e) => e.dir === '->' || e.dir === '~>').map((e) => e.text.split(' ')[0]);
      assert.deepEqual(sent, ['EHLO', 'STARTTLS', 'EHLO', 'QUIT'], 'only EHLO, STARTTLS and QUIT: no AUTH');
      const quiet = await cli([...argv, '--quiet']);
      assert.equal(quiet.code, c.exit);
      assert.match(quiet.out, c.headline);
      if (!c.met) assert.match(quiet.out, /\[error\] AUTH is offered before TLS \(auth-before-tls\)/);
    });
  }
});

describe('against fake servers', () => {
  const serve = async (capsBefore: string[], capsAfter: string[]) => {
    const s = await scriptedServer({ cert: cert(), capsBefore, capsAfter });
    servers.push(s);
    return s;
  };
  const cases: Array<{ name: string; before: string[]; after: string[]; exit: number }> = [
    { name: 'AUTH only after TLS', before: ['STARTTLS'], after: ['AUTH PLAIN'], exit: 0 },
    { name: 'AUTH before and after', before: ['STARTTLS', 'AUTH PLAIN'], after: ['AUTH PLAIN'], exit: 1 },
    { name: 'only the old AUTH= form before TLS', before: ['STARTTLS', 'AUTH=LOGIN'], after: ['AUTH LOGIN'], exit: 1 },
    { name: 'an AUTH line naming no mechanism before TLS', before: ['STARTTLS', 'AUTH'], after: ['AUTH PLAIN'], exit: 1 },
    { name: 'no STARTTLS at all (stripped): TLS failed, not a pass', before: [], after: [], exit: 4 },
  ];
  for (const c of cases) {
    test(`${c.name}: exit ${c.exit}`, async () => {
      const s = await serve(c.before, c.after);
      const r = await cli([`127.0.0.1:${s.port}`, '--ca', caFile, FLAG, '--no-legacy-tls-probe', '--quiet']);
      assert.equal(r.code, c.exit, r.out + r.err);
      assert.ok(!s.lines.some((l) => /^AUTH/i.test(l)), 'no AUTH was sent');
    });
  }

  const usage: Array<[string[], RegExp]> = [
    [['--tls', 'implicit'], /is about STARTTLS: use it with --tls starttls/],
    [['--mech', 'PLAIN'], /tries no mechanism: drop --mech/],
    [['--mail-from', 'a@example.com'], /sends no AUTH, so --mail-from cannot be tried/],
  ];
  for (const [extra, message] of usage) {
    test(`usage error: ${FLAG} ${extra.join(' ')}`, async () => {
      const r = await cli(['127.0.0.1:1', FLAG, ...extra]);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
    });
  }
});
