// Real Postfix is the oracle for values: postconf does not validate them, a daemon does when it
// starts or when a message comes. One private Postfix on 127.0.0.1 runs one smtpd per fixture (as
// master.cf -o overrides) and each is sent EHLO, MAIL FROM and RCPT TO: whatever makes smtpd die with
// "fatal:", or refuse the recipient that every message has, must be an error for us; the clean
// fixtures must answer with a banner, take the recipient and raise nothing for us either.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';
import { smtpDialog } from '../explain/helpers/smtpDialog';
import { makePrivatePostfixDir, PRIVATE_POSTFIX_DISCARD, PRIVATE_POSTFIX_SERVICES, privatePostfixBase } from '../helpers/privatePostfix';

interface Fixture {
  name: string;
  param: string;
  value: string;
  /** What Postfix logs when it dies, or undefined for a clean fixture. */
  fatal?: RegExp;
  /** The code we must raise as an error for a fatal fixture (server/src/service/ruleEvidence.ts names these cases). */
  code?: string;
  /** The service's arguments as written, when they are not one well-formed -o (param and value then only label the case). */
  raw?: string;
  /** smtpd runs but answers RCPT TO with this: every message is refused. */
  refuses?: RegExp;
  /** The RCPT TO reply of a clean fixture, when it is not 250 (a table that rejects as written). */
  rcpt?: RegExp;
}

const fixtures: Fixture[] = [
  { name: 'bool', param: 'smtpd_sasl_auth_enable', value: 'maybe', fatal: /bad boolean configuration/, code: 'invalid-boolean' },
  { name: 'tls-level', param: 'smtpd_tls_security_level', value: 'mya', fatal: /Invalid TLS level/, code: 'invalid-enum' },
  { name: 'tls-comment', param: 'smtpd_tls_security_level', value: 'none # off', fatal: /Invalid TLS level/, code: 'invalid-enum' },
  { name: 'size', param: 'message_size_limit', value: '10M', fatal: /bad numerical configuration/, code: 'invalid-size' },
  { name: 'int', param: 'smtpd_recipient_limit', value: 'many', fatal: /bad numerical configuration/, code: 'invalid-integer' },
  { name: 'time', param: 'smtpd_timeout', value: '5 days', fatal: /(bad|invalid) time/, code: 'invalid-time' },
  { name: 'relay', param: 'smtpd_relay_restrictions', value: 'permit_mynetworks', fatal: /specify at least one working instance/, code: 'relay-restrictions-unsafe' },
  { name: 'map-no-type', param: 'smtpd_sender_login_maps', value: '/etc/postfix/senders', fatal: /open dictionary: expecting "type:name" form instead of "\/etc\/postfix\/senders"/, code: 'unknown-map-type' },
  { name: 'split', param: 'smtpd_client_restrictions', value: 'permit_mynetworks, reject', raw: '-o smtpd_client_restrictions=permit_mynetworks, reject', fatal: /unexpected command-line argument: reject/, code: 'master-override-split' },
  { name: 'no-equals', param: 'smtpd_client_restrictions', value: '', raw: '-o smtpd_client_restrictions', fatal: /invalid "-o smtpd_client_restrictions" option value: missing '='/, code: 'master-option-syntax' },
  { name: 'stray', param: 'smtpd_client_restrictions', value: '', raw: 'verbose', fatal: /unexpected command-line argument: verbose/, code: 'master-stray-argument' },
  { name: 'unknown-restriction', param: 'smtpd_recipient_restrictions', value: 'permit_mynetwork', refuses: /^451 4\.3\.5 .*Server configuration error/, code: 'unknown-restriction' },
  { name: 'access-bad-type', param: 'smtpd_recipient_restrictions', value: 'check_recipient_access hsh:/etc/postfix/access', refuses: /^451 4\.3\.5 .*Server configuration error/, code: 'unknown-map-type' },
  { name: 'access-no-type', param: 'smtpd_recipient_restrictions', value: 'check_recipient_access /etc/postfix/access', refuses: /^451 4\.3\.5 Server configuration error/, code: 'unknown-map-type' },
  { name: 'access-no-table', param: 'smtpd_recipient_restrictions', value: 'check_recipient_access', refuses: /^451 4\.3\.5 Server configuration error/, code: 'restriction-missing-argument' },
  { name: 'ok-bool', param: 'smtpd_sasl_auth_enable', value: 'NO' },
  { name: 'ok-tls', param: 'smtpd_tls_security_level', value: 'none' },
  { name: 'ok-size', param: 'message_size_limit', value: '10485760' },
  { name: 'ok-time', param: 'smtpd_timeout', value: '5m' },
  { name: 'ok-inline', param: 'smtpd_recipient_restrictions', value: 'check_recipient_access inline:{ { b@example.net = REJECT no such user } }', rcpt: /^554 5\.7\.1 .*no such user/ },
  { name: 'ok-capitals', param: 'smtpd_relay_restrictions', value: 'PERMIT_MYNETWORKS,REJECT_UNAUTH_DESTINATION' },
  { name: 'ok-relay', param: 'smtpd_relay_restrictions', value: 'permit_mynetworks, reject_unauth_destination' },
];

// Below the ephemeral port range (32768 and up): no outgoing connection of another test can hold one.
const PORT_BASE = Number(process.env.ORACLE_PORT_BASE ?? 30100);
const canRun = process.getuid?.() === 0 && spawnSync('postfix', ['-c', '/nonexistent', 'status'], { encoding: 'utf8' }).error === undefined;
const skip = canRun ? false : 'needs root and an installed Postfix (see .ci/run)';

function override(f: Fixture): string {
  if (f.raw !== undefined) return f.raw;
  return /\s/.test(f.value) ? `-o { ${f.param} = ${f.value} }` : `-o ${f.param}=${f.value}`;
}

/** Banner, EHLO, MAIL FROM and RCPT TO replies; fewer when smtpd drops the line (a dead smtpd). */
const dialog = (port: number) => smtpDialog(port, ['EHLO oracle.example', 'MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.net>', 'QUIT'], 4000);

describe('real Postfix agrees with our value checks', { skip }, () => {
  let dir = '';
  let log = '';
  let ours: JsonFinding[] = [];
  const replies = new Map<string, string[]>();

  before(async () => {
    dir = makePrivatePostfixDir('postfix-sasl-oracle-');
    writeFileSync(join(dir, 'etc', 'main.cf'), [
      ...privatePostfixBase(dir),
      ...PRIVATE_POSTFIX_DISCARD,
      'smtpd_tls_security_level = none',
      '',
    ].join('\n'));
    // The fixture's words come first, so a stray one follows the command and not an -o.
    const lines = fixtures.map((f, i) => `127.0.0.1:${PORT_BASE + i} inet n - n - - smtpd ${override(f)} -o syslog_name=oracle-${f.name}`);
    writeFileSync(join(dir, 'etc', 'master.cf'), lines.join('\n') + '\n' + PRIVATE_POSTFIX_SERVICES);
    ours = checkPaths([join(dir, 'etc')], defaultSettings);
    for (const args of [['check'], ['start']]) {
      const r = spawnSync('postfix', ['-c', join(dir, 'etc'), ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, `postfix ${args[0]}: ${r.stderr}`);
    }
    // Wait until the master listens, then talk to every smtpd once.
    for (let i = 0; i < 100 && (await dialog(PORT_BASE + fixtures.length - 1)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const results = await Promise.all(fixtures.map((_, i) => dialog(PORT_BASE + i)));
    fixtures.forEach((f, i) => replies.set(f.name, results[i]));
    // A dead smtpd's fatal line reaches the log through postlogd shortly after the line drops.
    for (let i = 0; i < 50; i++) {
      log = readFileSync(join(dir, 'log', 'postfix.log'), 'utf8').toString();
      if (fixtures.every((f) => !f.fatal || log.includes(`oracle-${f.name}/smtpd`) || log.includes(`${f.param} = ${f.value}`))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(() => {
    if (dir) spawnSync('postfix', ['-c', join(dir, 'etc'), 'stop'], { encoding: 'utf8' });
  });

  const lineOf = (f: Fixture) => fixtures.indexOf(f) + 1;

  for (const f of fixtures.filter((x) => x.fatal)) {
    it(`${f.param} = ${f.value}: Postfix dies, and we say error`, () => {
      // Some values are read before syslog_name applies: then the line names the parameter instead.
      // A broken -o is read before syslog_name too: then only its own message tells it apart.
      const fatal = log.split('\n').filter((l) => l.includes('fatal:') && (l.includes(`oracle-${f.name}/smtpd`) || l.includes(`${f.param} = ${f.value}`) || (f.raw !== undefined && f.fatal!.test(l))));
      assert.ok(fatal.some((l) => f.fatal!.test(l)), `Postfix log for ${f.name}: ${fatal.join(' | ') || '(nothing)'}`);
      const mine = ours.filter((o) => o.file.endsWith('master.cf') && o.line === lineOf(f) && o.severity === 'error' && o.code === f.code);
      assert.ok(mine.length > 0, `no ${f.code} error; we raised: ${ours.filter((o) => o.line === lineOf(f)).map((o) => o.code).join(', ') || 'nothing'}`);
    });
  }

  for (const f of fixtures.filter((x) => x.refuses)) {
    it(`${f.param} = ${f.value}: smtpd refuses every recipient, and we say error`, () => {
      const [banner, , , rcpt] = replies.get(f.name) ?? [];
      assert.match(banner ?? '', /^220 /);
      assert.match(rcpt ?? '(no reply)', f.refuses!);
      const mine = ours.filter((o) => o.file.endsWith('master.cf') && o.line === lineOf(f) && o.severity === 'error' && o.code === f.code);
      assert.ok(mine.length > 0, `no ${f.code} error; we raised: ${ours.filter((o) => o.line === lineOf(f)).map((o) => `${o.code}:${o.severity}`).join(', ') || 'nothing'}`);
    });
  }

  for (const f of fixtures.filter((x) => !x.fatal && !x.refuses)) {
    it(`${f.param} = ${f.value}: Postfix answers, and we are quiet`, () => {
      const [banner, , , rcpt] = replies.get(f.name) ?? [];
      assert.match(banner ?? '', /^220 /);
      assert.match(rcpt ?? '(no reply)', f.rcpt ?? /^250 /);
      const complaints = log.split('\n').filter((l) => l.includes(`oracle-${f.name}/`) && /fatal:|warning:/.test(l));
      assert.deepEqual(complaints, []);
      const mine = ours.filter((o) => o.file.endsWith('master.cf') && o.line === lineOf(f) && (o.severity === 'error' || o.severity === 'warning'));
      assert.deepEqual(mine.map((o) => o.code), []);
    });
  }
});
