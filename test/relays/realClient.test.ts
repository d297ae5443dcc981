// A real Postfix smtp client delivers one message per case to test relays on 127.0.0.1; each case
// asserts what went over the wire (TLS, the AUTH mechanism, which sasl_passwd entry, the password as
// received) and what the log says, and that our check raises, or keeps quiet about, the codes that
// claim it. Passwords are a throwaway of this run, compared but never printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import type { RuleCode } from '../../server/src/service/rules';
import { defaultSettings } from '../../server/src/service/settings';
import { relayCases, relayMechanisms, relayModes, relayPorts, type RelayCase } from './cases';
import { makePrivatePostfixDir } from '../helpers/privatePostfix';
import { caseDir, ClientPostfix, recipientOf } from './clientPostfix';
import { startRelay, type Relay, type RelaySession } from './relay';

const canRun = process.getuid?.() === 0 && spawnSync('postfix', ['-c', '/nonexistent', 'status'], { encoding: 'utf8' }).error === undefined;
const skip = canRun ? false : 'needs root and an installed Postfix (see .ci/run)';

function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'relay.key');
  const cert = join(dir, 'relay.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=relay.test'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl: ${r.stderr}`);
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/** The case has an outcome in the log: a status= line or the client's fatal. */
function settled(c: RelayCase, lines: string[]): boolean {
  return lines.some((l) => (c.outcome === 'fatal' ? l.includes('fatal:') : l.includes(recipientOf(c)) && l.includes('status=')));
}

/** A session for the reader of a failure: everything but the password. */
const shown = (s: RelaySession | undefined) => (s ? JSON.stringify({ ...s, auths: s.auths.map(({ password: _, ...rest }) => rest) }) : 'no session');

describe('a real Postfix smtp client against test relays', { skip }, () => {
  const password = `t${randomBytes(12).toString('base64url')}`;
  let dir = '';
  let postfix: ClientPostfix;
  let relays: Relay[] = [];
  let log = '';
  const findings = new Map<string, JsonFinding[]>();

  before(async () => {
    dir = makePrivatePostfixDir('postfix-sasl-relays-');
    const tls = selfSignedCertificate(dir);
    relays = await Promise.all(Object.entries(relayPorts).map(([name, port]) => startRelay(port, relayModes[name as keyof typeof relayPorts], tls, relayMechanisms[name as keyof typeof relayPorts])));
    postfix = new ClientPostfix(dir, relayCases, password);
    postfix.start();
    for (const c of relayCases) findings.set(c.name, checkPaths([caseDir(dir, c)], defaultSettings));
    postfix.submitAll();
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline) {
      log = postfix.log();
      if (relayCases.every((c) => settled(c, postfix.linesOf(c, log)))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  after(async () => {
    if (postfix) postfix.stop();
    await Promise.all(relays.map((r) => r.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sessionOf = (c: RelayCase) => relays.flatMap((r) => r.sessions).find((s) => s.helo === `${c.name}.client`);

  for (const c of relayCases) {
    it(`${c.name}: ${c.claim}`, () => {
      const lines = postfix.linesOf(c, log);
      const session = sessionOf(c);
      const status = lines.find((l) => l.includes(recipientOf(c)) && l.includes('status='));
      const outcome = c.outcome === 'fatal' ? (lines.some((l) => l.includes('fatal:')) ? 'fatal' : 'no fatal') : /status=(\w+)/.exec(status ?? '')?.[1];
      assert.equal(outcome, c.outcome, `log of ${c.name}:\n${lines.join('\n')}`);
      if (c.log) assert.ok(c.log.test(lines.join('\n')), `log of ${c.name} lacks ${c.log}:\n${lines.join('\n')}`);
      assert.ok(!log.includes(password), 'the password reached the Postfix log');
      if (c.auth === 'none') {
        assert.deepEqual(session?.auths.length ?? 0, 0, `the relay saw AUTH: ${shown(session)}`);
      } else {
        const auth = session?.auths[0];
        assert.deepEqual(auth && { mechanism: auth.mechanism, tls: auth.tls, user: c.auth.user === undefined ? undefined : auth.user }, { mechanism: c.auth.mechanism, tls: c.auth.tls, user: c.auth.user }, shown(session));
        if (c.auth.password === 'as written') assert.ok(auth!.password === password, 'the relay received another password (not shown)');
        if (c.auth.password === 'with the comment') assert.ok(auth!.password === `${password} # work account`, 'the relay did not receive the password with its comment (not shown)');
      }
      if (c.attempts) assert.deepEqual(session?.attempts ?? [], c.attempts, shown(session));
      const codes = (findings.get(c.name) ?? []).map((f) => f.code);
      for (const code of c.raises ?? []) assert.ok(codes.includes(code), `we raised ${codes.join(', ') || 'nothing'}, not ${code}`);
      // A client that dies on every delivery is what "error" means.
      if (c.outcome === 'fatal') for (const f of (findings.get(c.name) ?? []).filter((x) => c.raises?.includes(x.code as RuleCode))) assert.equal(f.severity, 'error', f.code);
      for (const code of c.quiet ?? []) assert.ok(!codes.includes(code), `we raised ${code} on a set-up that works as claimed`);
    });
  }
});
