// Real Postfix is the oracle for the restriction model: one private Postfix (Cyrus sasldb for AUTH)
// runs one smtpd per fixture, each with its lists as master.cf -o overrides. For every fixture a
// client relays a mail as an internet client, as an authenticated user with its own sender and as one
// with a sender it does not own; what smtpd answers must be what the model says. Fixtures whose lists
// fail smtpd's start-up check must die with its fatal line, and the model's start-up check must agree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { buildInstance, type Instance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { memoryReader } from '../../server/src/service/instance/reader';
import { checkInstance } from '../../server/src/service/instance/check';
import { ruleOf, type RuleCode, type Severity } from '../../server/src/service/rules';
import { defaultSettings } from '../../server/src/service/settings';
import { passesStartupCheck } from '../../server/src/service/smtpd/restrictions/startupCheck';
import { restrictionVerdicts, type Outcome } from '../../server/src/service/smtpd/restrictions/verdicts';
import { PRIVATE_POSTFIX_DISCARD, privatePostfixBase } from '../helpers/privatePostfix';

type Seen = 'relayed' | 'rejected' | 'deferred' | 'no AUTH';

interface Fixture {
  name: string;
  overrides: string[];
  /** What smtpd answers [internet client, authenticated user, authenticated user with a foreign sender]; undefined when smtpd must die at start. */
  expect?: [Seen, Seen, Seen];
  /** An -o override the model does not apply to defaults (compatibility_level): the model reads it from main.cf. */
  levelForModel?: string;
  /** The finding we raise on the fixture's line (at the rule's default severity unless `severity`); none means quiet. */
  code?: RuleCode;
  severity?: Severity;
}

const MAPS = 'smtpd_sender_login_maps=inline:{user@example.com=user}';
const fixtures: Fixture[] = [
  { name: 'usual', overrides: ['smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination'], expect: ['rejected', 'relayed', 'relayed'] },
  { name: 'reject-first', overrides: ['smtpd_sasl_auth_enable=yes', 'smtpd_relay_restrictions=reject_unauth_destination,permit_sasl_authenticated'], expect: ['rejected', 'rejected', 'rejected'], code: 'sasl-users-rejected' },
  // AUTH inherited from main.cf: the service may be there for other clients, so only a warning.
  { name: 'reject-first-inherited', overrides: ['smtpd_relay_restrictions=reject_unauth_destination,permit_sasl_authenticated'], expect: ['rejected', 'rejected', 'rejected'], code: 'sasl-users-rejected', severity: 'warning' },
  { name: 'both-lists', overrides: ['smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination', 'smtpd_recipient_restrictions=permit_mynetworks,reject'], expect: ['rejected', 'rejected', 'rejected'], code: 'sasl-users-rejected', severity: 'warning' },
  { name: 'mismatch-no-maps', overrides: ['smtpd_sender_restrictions=reject_sender_login_mismatch'], expect: ['deferred', 'rejected', 'rejected'], code: 'sasl-login-mismatch-without-maps' },
  { name: 'auth-mismatch-no-maps', overrides: ['smtpd_sender_restrictions=reject_authenticated_sender_login_mismatch'], expect: ['deferred', 'rejected', 'rejected'], code: 'sasl-login-mismatch-without-maps' },
  { name: 'known-no-maps', overrides: ['smtpd_sender_restrictions=reject_known_sender_login_mismatch'], expect: ['deferred', 'relayed', 'relayed'], code: 'sasl-login-mismatch-without-maps', severity: 'warning' },
  { name: 'mismatch-maps', overrides: [MAPS, 'smtpd_sender_restrictions=reject_sender_login_mismatch'], expect: ['deferred', 'relayed', 'rejected'] },
  { name: 'mismatch-skipped', overrides: [MAPS, 'smtpd_sender_restrictions=permit_sasl_authenticated,reject_sender_login_mismatch'], expect: ['deferred', 'relayed', 'relayed'], code: 'sasl-login-check-skipped' },
  { name: 'world', overrides: ['mynetworks=0.0.0.0/0'], expect: ['relayed', 'relayed', 'relayed'], code: 'mynetworks-covers-world' },
  { name: 'no-auth-offered', overrides: ['smtpd_sasl_exceptions_networks=0.0.0.0/0'], expect: ['deferred', 'no AUTH', 'no AUTH'] },
  { name: 'class', overrides: ['smtpd_restriction_classes=blocker', 'blocker=reject_unauth_destination', 'smtpd_relay_restrictions=permit_sasl_authenticated,blocker'], expect: ['rejected', 'relayed', 'relayed'] },
  // A permit inside a class passes the start-up check, and lets everyone relay.
  { name: 'class-permit', overrides: ['smtpd_restriction_classes=everyone', 'everyone=permit', 'smtpd_relay_restrictions=everyone,reject_unauth_destination'], expect: ['relayed', 'relayed', 'relayed'], code: 'open-relay' },
  // smtpd's start-up check counts only reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit.
  { name: 'table-only', overrides: ['smtpd_relay_restrictions=permit_sasl_authenticated,check_recipient_access,texthash:ACCESS'], code: 'relay-restrictions-unsafe' },
  { name: 'permit-first', overrides: ['smtpd_relay_restrictions=permit,reject_unauth_destination'], code: 'relay-restrictions-unsafe' },
  { name: 'warn-only', overrides: ['smtpd_relay_restrictions=permit_sasl_authenticated,warn_if_reject,reject_unauth_destination'], code: 'relay-restrictions-unsafe' },
  { name: 'level-0-defaults', overrides: ['compatibility_level=0'], levelForModel: '0' },
];

const PORT_BASE = 30400; // this suite's own range: 30400-30449
const canRun = process.getuid?.() === 0 && ['postfix', 'saslpasswd2'].every((b) => spawnSync(b, ['-h'], { encoding: 'utf8' }).error === undefined);
const skip = canRun ? false : 'needs root, Postfix and saslpasswd2 (see .ci/run)';

const SERVICES = ['pickup unix n - n 60 1 pickup', 'cleanup unix n - n - 0 cleanup', 'qmgr unix n - n 300 1 qmgr', 'rewrite unix - - n - - trivial-rewrite', 'bounce unix - - n - 0 bounce', 'defer unix - - n - 0 bounce', 'trace unix - - n - 0 bounce', 'verify unix - - n - 1 verify', 'proxymap unix - - n - - proxymap', 'error unix - - n - - error', 'discard unix - - n - - discard', 'anvil unix - - n - 1 anvil', 'scache unix - - n - 1 scache', 'postlog unix-dgram n - n - 1 postlogd'];

/** One SMTP session: each command's reply code, in order; stops at the first refusal or after `commands`. */
function session(port: number, commands: string[]): Promise<{ banner: string; ehlo: string; codes: number[] }> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    const out = { banner: '', ehlo: '', codes: [] as number[] };
    let buffer = '';
    let step = -1; // -1: banner, 0: EHLO, 1..: commands
    const finish = () => {
      socket.destroy();
      resolve(out);
    };
    socket.setTimeout(3000, finish);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      while ((end = buffer.search(/\r?\n/)) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1).replace(/^\n/, '');
        if (step === 0) out.ehlo += line + '\n';
        if (line[3] === '-') continue; // more lines of the same reply
        const code = Number(line.slice(0, 3));
        if (step === -1) out.banner = line;
        else if (step > 0) out.codes.push(code);
        if (code >= 400 || step === commands.length) return finish();
        step++;
        socket.write((step === 0 ? 'EHLO client.example' : commands[step - 1]) + '\r\n');
      }
    });
  });
}

function seen(codes: number[], expected: number): Seen {
  const refused = codes.find((c) => c >= 400);
  if (refused !== undefined) return refused >= 500 ? 'rejected' : 'deferred';
  return codes.length === expected ? 'relayed' : 'deferred';
}

/** The model sees the services as listening on every address, so that internet clients reach them. */
function instanceOf(main: string, master: string): Instance {
  const tree = { '/etc/postfix/main.cf': main.replace('inet_interfaces = 127.0.0.1', 'inet_interfaces = all'), '/etc/postfix/master.cf': master.replaceAll('127.0.0.1:', '') };
  const [layout] = locateLayouts(['/etc/postfix'], { reader: memoryReader(tree), parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
  return buildInstance(layout);
}

const option = (o: string) => (/[\s,]/.test(o) ? `-o { ${o.replace('=', ' = ')} }` : `-o ${o}`);
const asModel: Record<Outcome, Seen> = { relayed: 'relayed', rejected: 'rejected', deferred: 'deferred', 'may be rejected': 'relayed' };

describe('real Postfix agrees with the restriction model', { skip }, () => {
  let dir = '';
  let log = '';
  let instance: Instance;
  let main = '';
  let master = '';
  const results = new Map<string, { banner: string; seen: Seen[] }>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-restrict-'));
    chmodSync(dir, 0o755);
    for (const sub of ['etc', 'etc/sasl', 'queue', 'data', 'log']) mkdirSync(join(dir, sub));
    const postfixUid = Number(spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).stdout.trim());
    const postfixGid = Number(spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' }).stdout.trim());
    chownSync(join(dir, 'data'), postfixUid, -1);
    const password = randomBytes(12).toString('hex');
    const sasldb = join(dir, 'sasldb2');
    const made = spawnSync('saslpasswd2', ['-p', '-c', '-f', sasldb, '-u', 'localhost', 'user'], { input: password, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    chownSync(sasldb, 0, postfixGid);
    chmodSync(sasldb, 0o640);
    writeFileSync(join(dir, 'etc', 'sasl', 'smtpd.conf'), `pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: ${sasldb}\nmech_list: PLAIN\n`);
    writeFileSync(join(dir, 'etc', 'access'), 'nobody@remote.example REJECT\n');
    main = [
      ...privatePostfixBase(dir),
      'mynetworks = 192.0.2.0/24', // the test client on 127.0.0.1 is an internet client
      ...PRIVATE_POSTFIX_DISCARD,
      'smtpd_tls_security_level = none',
      'smtpd_sasl_auth_enable = yes',
      `cyrus_sasl_config_path = ${join(dir, 'etc', 'sasl')}`,
      '',
    ].join('\n');
    const lines = fixtures.map((f, i) => `127.0.0.1:${PORT_BASE + i} inet n - n - - smtpd -o syslog_name=restrict-${f.name} ${f.overrides.map((o) => option(o.replace('ACCESS', join(dir, 'etc', 'access')))).join(' ')}`);
    master = [...lines, ...SERVICES, ''].join('\n');
    writeFileSync(join(dir, 'etc', 'main.cf'), main);
    writeFileSync(join(dir, 'etc', 'master.cf'), master);
    instance = instanceOf(main, master);
    const started = spawnSync('postfix', ['-c', join(dir, 'etc'), 'start'], { encoding: 'utf8' });
    assert.equal(started.status, 0, started.stderr);
    for (let i = 0; i < 100 && (await session(PORT_BASE, [])).banner === ''; i++) await new Promise((r) => setTimeout(r, 100));
    const auth = `AUTH PLAIN ${Buffer.from(`\0user\0${password}`).toString('base64')}`;
    const relay = (from: string) => [`MAIL FROM:<${from}>`, 'RCPT TO:<someone@remote.example>'];
    await Promise.all(
      fixtures.map(async (f, i) => {
        const port = PORT_BASE + i;
        const stranger = await session(port, relay('stranger@remote.example'));
        if (!f.expect) {
          results.set(f.name, { banner: stranger.banner, seen: [] }); // a dying smtpd: one try is enough
          return;
        }
        const own = await session(port, [auth, ...relay('user@example.com')]);
        const foreign = await session(port, [auth, ...relay('other@example.com')]);
        const authSeen = (s: typeof own) => (/AUTH /.test(s.ehlo) ? seen(s.codes, 3) : 'no AUTH');
        results.set(f.name, { banner: stranger.banner, seen: [seen(stranger.codes, 2), authSeen(own), authSeen(foreign)] });
      }),
    );
    for (let i = 0; i < 50; i++) {
      log = readFileSync(join(dir, 'log', 'postfix.log'), 'utf8');
      if (fixtures.every((f) => f.expect || log.includes(`restrict-${f.name}/smtpd`))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(() => {
    if (dir) spawnSync('postfix', ['-c', join(dir, 'etc'), 'stop'], { encoding: 'utf8' });
  });

  const OURS: readonly string[] = ['relay-restrictions-unsafe', 'open-relay', 'mynetworks-covers-world', 'sasl-users-rejected', 'sasl-users-may-be-rejected', 'sasl-login-check-skipped', 'sasl-login-mismatch-without-maps'];
  /** Our findings of these codes on the fixture's master.cf line, as `code:severity`. */
  const findingsOn = (i: number) =>
    checkInstance(instance, defaultSettings)
      .filter((r) => r.path.endsWith('master.cf'))
      .flatMap((r) => r.findings.filter((x) => OURS.includes(x.code) && r.file.lines.positionAt(x.span.start).line === i).map((x) => `${x.code}:${x.severity}`));
  const expectedFindings = (f: Fixture) => (f.code ? [`${f.code}:${f.severity ?? ruleOf(f.code).defaultSeverity}`] : []);

  for (const [i, f] of fixtures.entries()) {
    if (f.expect) {
      it(`${f.name}: smtpd answers ${f.expect.join(' / ')}, and so does the model`, () => {
        const real = results.get(f.name)!;
        assert.match(real.banner, /^220 /);
        assert.deepEqual(real.seen, f.expect, `smtpd: ${real.seen.join(" / ")}`);
        const model = restrictionVerdicts(instance, instance.services[i]).classes;
        const byClass = ['internet', 'authenticated', 'foreign-sender'].map((c) => model.find((v) => v.client === c)!);
        assert.deepEqual(byClass.map((v) => (v.absent ? 'no AUTH' : asModel[v.outcome])), f.expect, `model: ${JSON.stringify(byClass.map((v) => [v.outcome, v.decidedBy?.item.text, v.absent]))}`);
        assert.equal(passesStartupCheck(instance, instance.services[i]), true);
        assert.deepEqual(findingsOn(i), expectedFindings(f));
      });
    } else {
      it(`${f.name}: smtpd dies at its start-up check, and the model says so`, () => {
        const fatal = log.split('\n').filter((l) => l.includes(`restrict-${f.name}/smtpd`) && l.includes('fatal:'));
        assert.ok(fatal.some((l) => /specify at least one working instance of: reject_unauth_destination/.test(l)), `log of ${f.name}: ${fatal.join(' | ') || '(nothing)'}`);
        const model = f.levelForModel ? instanceOf(main.replace(/^compatibility_level = .*$/m, `compatibility_level = ${f.levelForModel}`), master) : instance;
        assert.equal(passesStartupCheck(model, model.services[i]), false);
        // Defaults alone are not judged (a main.cf without them is more often a fragment): no finding there.
        assert.deepEqual(findingsOn(i), expectedFindings(f));
      });
    }
  }
});
