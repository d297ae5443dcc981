// Evidence from the real daemons: a private Postfix (with Cyrus SASL), saslauthd and Dovecot run on
// 127.0.0.1 with one thing broken per service; the test makes each one log its message, runs
// `explain` on the logs with the instance, and checks that each group points at the broken line.
// Ports: a slot of 20 from 29740 (below the ephemeral range; the shared servers use 29520-29526, the
// Dovecot oracle 29700-29704), the next free one when another run holds it; EXPLAIN_PORT_BASE sets it.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainGroups, loadInstance, type JsonGroup } from '../../server/src/cli/explain';
import { LOG_MESSAGES } from '../../server/src/service/log/messages';
import { readLogText } from '../../server/src/service/log/readLog';
import { b64, smtpDialog } from './helpers/smtpDialog';
import { privatePostfixBase } from '../helpers/privatePostfix';
import { takePortSlot } from './helpers/portSlot';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd} || test -x /usr/sbin/${cmd}`], { stdio: 'ignore' }).status === 0;
const canRun = process.getuid?.() === 0 && ['postfix', 'saslpasswd2', 'saslauthd', 'testsaslauthd', 'dovecot'].every(has);
const skip = canRun ? false : 'needs root and Postfix, Cyrus SASL (saslpasswd2, saslauthd, testsaslauthd) and Dovecot installed (test/servers/install-debian.sh)';
const slot = canRun ? takePortSlot('explain', process.env.EXPLAIN_PORT_BASE, 29740, 20, 5) : undefined;
const P = slot?.base ?? 29740;
const ENV = { ...process.env, PATH: `/usr/sbin:/usr/bin:/sbin:/bin:${process.env.PATH ?? ''}` };
// Daemons that fork keep inherited pipes open: give them none, or spawnSync waits for ever.
const sh = (cmd: string, args: string[], input?: string) => spawnSync(cmd, args, { encoding: 'utf8', env: ENV, input, timeout: 20_000 });
const daemon = (cmd: string, args: string[]) => spawnSync(cmd, args, { env: ENV, stdio: 'ignore', timeout: 20_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'Right-Pass-4242';
const SECRET_USER = 'bob:Hunter-Secret-42';

/** master.cf lines, numbered from 1 in the order written: the tests check these numbers. */
const SMTPD = 'inet n - n - - smtpd';
function masterCf(dir: string): string[] {
  return [
    `127.0.0.1:${P} ${SMTPD} -o syslog_name=ex/good -o smtpd_sasl_path=good`,
    `127.0.0.1:${P + 1} ${SMTPD} -o syslog_name=ex/gone -o smtpd_sasl_path=gone`,
    `127.0.0.1:${P + 2} ${SMTPD} -o syslog_name=ex/dovecotgone -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/nosuch`,
    `127.0.0.1:${P + 3} ${SMTPD} -o syslog_name=ex/relayfatal -o smtpd_relay_restrictions=permit_mynetworks`,
    `127.0.0.1:${P + 4} ${SMTPD} -o syslog_name=ex/relaydenied -o smtpd_sasl_path=good -o mynetworks=192.0.2.0/24`,
    `127.0.0.1:${P + 5} ${SMTPD} -o syslog_name=ex/discards -o smtpd_sasl_path=good -o smtpd_sasl_security_options=noanonymous,noplaintext,nodictionary`,
    `127.0.0.1:${P + 6} ${SMTPD} -o syslog_name=ex/nomech -o smtpd_sasl_path=nomech`,
    `127.0.0.1:${P + 7} ${SMTPD} -o syslog_name=ex/nocerts -o smtpd_tls_security_level=may -o smtpd_sasl_auth_enable=no`,
    `127.0.0.1:${P + 8} ${SMTPD} -o syslog_name=ex/inject -o smtpd_sasl_auth_enable=no -o mynetworks=127.0.0.0/8`,
    `127.0.0.1:${P + 9} ${SMTPD} -o syslog_name=ex/dovecot -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/ex-auth`,
    `127.0.0.1:${P + 10} ${SMTPD} -o syslog_name=ex/filter -o smtpd_sasl_path=good -o smtpd_sasl_mechanism_filter=gssapi`,
    `127.0.0.1:${P + 11} ${SMTPD} -o syslog_name=ex/dovecotbad -o smtpd_sasl_type=dovecot -o smtpd_sasl_path=private/ex-auth-bad`,
    `127.0.0.1:${P + 12} ${SMTPD} -o syslog_name=ex/tls -o smtpd_sasl_auth_enable=no -o smtpd_tls_security_level=may -o smtpd_tls_chain_files=${dir}/key.pem,${dir}/cert.pem`,
    `127.0.0.1:${P + 13} ${SMTPD} -o syslog_name=ex/encrypt -o smtpd_sasl_path=good -o smtpd_tls_security_level=encrypt -o smtpd_tls_chain_files=${dir}/key.pem,${dir}/cert.pem`,
    `127.0.0.1:${P + 14} ${SMTPD} -o syslog_name=ex/authonly -o smtpd_sasl_path=good -o smtpd_tls_auth_only=yes -o smtpd_tls_security_level=may -o smtpd_tls_chain_files=${dir}/key.pem,${dir}/cert.pem`,
    `tlsreq unix - - n - - smtp -o syslog_name=ex/tlsreq -o smtp_tls_security_level=encrypt`,
    `saslbad unix - - n - - smtp -o syslog_name=ex/saslbad -o smtp_sasl_auth_enable=yes -o smtp_sasl_password_maps=texthash:${dir}/etc/sasl_passwd -o smtp_sasl_security_options=noanonymous`,
    `nomechc unix - - n - - smtp -o syslog_name=ex/nomechc -o smtp_sasl_auth_enable=yes -o smtp_sasl_password_maps=texthash:${dir}/etc/sasl_passwd -o smtp_sasl_mechanism_filter=gssapi`,
    `tlsbroken unix - - n - - smtp -o syslog_name=ex/tlsbroken -o smtp_tls_security_level=encrypt -o smtp_tls_chain_files=${dir}/nosuch.pem`,
    ...['pickup unix n - n 60 1 pickup', 'cleanup unix n - n - 0 cleanup', 'qmgr unix n - n 300 1 qmgr', 'rewrite unix - - n - - trivial-rewrite', 'bounce unix - - n - 0 bounce', 'defer unix - - n - 0 bounce', 'trace unix - - n - 0 bounce', 'verify unix - - n - 1 verify', 'proxymap unix - - n - - proxymap', 'showq unix n - n - - showq', 'error unix - - n - - error', 'retry unix - - n - - error', 'discard unix - - n - - discard', 'anvil unix - - n - 1 anvil', 'scache unix - - n - 1 scache', 'tlsmgr unix - - n 1000? 1 tlsmgr', 'postlog unix-dgram n - n - 1 postlogd'],
  ];
}

function dovecotConf(dir: string, run: string, mechanisms: string, socket: string): string {
  return [
    'protocols = none',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/${run}`,
    `state_dir = ${dir}/${run}/state`,
    `log_path = ${dir}/log/${socket === 'ex-auth' ? 'dovecot' : 'dovecot-bad'}.log`,
    'auth_verbose = yes',
    `auth_mechanisms = ${mechanisms}`,
    'auth_failure_delay = 0',
    'ssl = no',
    `passdb {\n  driver = passwd-file\n  args = ${dir}/dovecot/passwd\n}`,
    'userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}',
    'service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}',
    `service auth {\n  unix_listener ${dir}/queue/private/${socket} {\n    mode = 0660\n    user = postfix\n    group = postfix\n  }\n}`,
    '',
  ].join('\n');
}

const lineNo = (lines: string[], part: string) => lines.findIndex((l) => l.includes(part)) + 1;

describe('explain on logs written by the real daemons', { skip, timeout: 120_000 }, () => {
  let dir = '';
  let master: string[] = [];
  let groups: JsonGroup[] = [];
  let logText = '';
  let saslauthd: ChildProcess | undefined;
  let saslauthdOut = '';
  let beforeTls: string[][] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-explain-daemons-'));
    chmodSync(dir, 0o755);
    for (const sub of ['etc/sasl', 'queue', 'data', 'log', 'sa', 'dovecot', 'dovecot-bad', 'run/state', 'run-bad/state']) mkdirSync(join(dir, sub), { recursive: true });
    chownSync(join(dir, 'data'), Number(sh('id', ['-u', 'postfix']).stdout.trim()), -1);
    // Cyrus: a sasldb the postfix user can read; a file pointing at a saslauthd that is not there; one with no real mechanism.
    sh('saslpasswd2', ['-p', '-c', '-f', join(dir, 'sasldb2'), '-u', 'localhost', 'psasltest'], PASSWORD);
    sh('chown', ['root:postfix', join(dir, 'sasldb2')]);
    chmodSync(join(dir, 'sasldb2'), 0o640);
    writeFileSync(join(dir, 'etc/sasl/good.conf'), `pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: ${dir}/sasldb2\nmech_list: PLAIN LOGIN CRAM-MD5\n`);
    sh('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    // A sasldb only root may read: Cyrus in smtpd (user postfix) cannot open it.
    sh('saslpasswd2', ['-p', '-c', '-f', join(dir, 'rootonly.db'), '-u', 'localhost', 'psasltest'], PASSWORD);
    chmodSync(join(dir, 'rootonly.db'), 0o600);
    writeFileSync(join(dir, 'etc/sasl/gone.conf'), `pwcheck_method: saslauthd\nsaslauthd_path: ${dir}/nosuch/mux\nsasldb_path: ${dir}/rootonly.db\nmech_list: PLAIN CRAM-MD5\n`);
    writeFileSync(join(dir, 'etc/sasl/nomech.conf'), `pwcheck_method: auxprop\nsasldb_path: ${dir}/sasldb2\nmech_list: NOSUCHMECH\n`);
    writeFileSync(join(dir, 'etc/sasl_passwd'), `[127.0.0.1]:${P} psasltest@localhost:wrong-password\n`);
    writeFileSync(join(dir, 'etc/transport'), `a.test tlsreq:[127.0.0.1]:${P}\nb.test saslbad:[127.0.0.1]:${P}\nc.test nomechc:[127.0.0.1]:${P}\nd.test tlsbroken:[127.0.0.1]:${P + 12}\n`);
    writeFileSync(join(dir, 'etc/main.cf'), [
      ...privatePostfixBase(dir),
      `transport_maps = texthash:${dir}/etc/transport`,
      `cyrus_sasl_config_path = ${dir}/etc/sasl`,
      'alias_maps =',
      'alias_database =',
      'smtpd_sasl_auth_enable = yes',
      'smtpd_sasl_local_domain = localhost',
      'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
      '',
    ].join('\n'));
    master = masterCf(dir);
    writeFileSync(join(dir, 'etc/master.cf'), `${master.join('\n')}\n`);
    // Dovecot as Postfix's SASL server, logging to its own file; a second one with a mechanism it does not have.
    writeFileSync(join(dir, 'dovecot/passwd'), `psasltest:{PLAIN}${PASSWORD}\n`);
    writeFileSync(join(dir, 'dovecot/dovecot.conf'), dovecotConf(dir, 'run', 'plain login', 'ex-auth'));
    writeFileSync(join(dir, 'dovecot-bad/dovecot.conf'), dovecotConf(dir, 'run-bad', 'plain foo', 'ex-auth-bad'));
    const check = sh('postfix', ['-c', join(dir, 'etc'), 'check']);
    assert.equal(check.status, 0, `postfix check: ${check.stderr}`);
    assert.equal(daemon('postfix', ['-c', join(dir, 'etc'), 'start']).status, 0, 'postfix start');
    for (const conf of ['dovecot', 'dovecot-bad']) assert.equal(daemon('dovecot', ['-c', join(dir, conf, 'dovecot.conf')]).status, 0, `${conf} start`);
    // saslauthd in the foreground (-d): it writes its log lines to standard error.
    // Its own process group: on SIGTERM saslauthd signals its whole group, which would be ours.
    saslauthd = spawn('saslauthd', ['-a', 'shadow', '-d', '-n', '0', '-m', join(dir, 'sa')], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    saslauthd.stderr?.on('data', (c: Buffer) => (saslauthdOut += c.toString('latin1')));
    for (let i = 0; i < 100 && ((await smtpDialog(P, [], 500)).length === 0 || !existsSync(join(dir, 'sa/mux'))); i++) await sleep(100);

    const plain = (user: string, password: string) => `AUTH PLAIN ${b64(`\0${user}\0${password}`)}`;
    const cram = b64('nosuchuser 0123456789abcdef0123456789abcdef');
    // These smtpd die at start; the master throttles them, so a connection may wait unanswered.
    const DIES = 1500;
    const sessions = Promise.all([
      smtpDialog(P + 13, ['EHLO t', plain('psasltest', PASSWORD), 'QUIT']),
      smtpDialog(P + 13, ['EHLO t', 'MAIL FROM:<a@example.org>', 'QUIT']),
      smtpDialog(P + 14, ['EHLO t', plain('psasltest', PASSWORD), 'QUIT']),
      smtpDialog(P + 14, ['EHLO t', 'QUIT']),
    ]);
    await Promise.all([
      smtpDialog(P, ['EHLO t', plain('psasltest', 'wrong'), plain(SECRET_USER, 'x'), 'AUTH LOGIN', '*', 'AUTH CRAM-MD5', cram, 'QUIT']),
      smtpDialog(P + 1, ['EHLO t', plain('psasltest', 'x'), 'AUTH CRAM-MD5', cram, 'QUIT']),
      smtpDialog(P + 2, ['EHLO t', 'QUIT'], DIES),
      smtpDialog(P + 3, ['EHLO t', 'QUIT'], DIES),
      smtpDialog(P + 4, ['EHLO t', 'MAIL FROM:<a@example.org>', 'RCPT TO:<x@example.com>', 'QUIT']),
      smtpDialog(P + 5, ['EHLO t', 'QUIT'], DIES),
      smtpDialog(P + 6, ['EHLO t', 'QUIT'], DIES),
      smtpDialog(P + 7, ['EHLO t', 'QUIT']),
      smtpDialog(P + 8, ['EHLO t', 'MAIL FROM:<a@example.org>', 'RCPT TO:<u@a.test>', 'RCPT TO:<u@b.test>', 'RCPT TO:<u@c.test>', 'RCPT TO:<u@d.test>', 'DATA', 'Subject: t\r\n\r\nhello\r\n.', 'QUIT']),
      smtpDialog(P + 9, ['EHLO t', plain('psasltest', 'wrong'), plain('nosuchuser', 'x'), 'QUIT']),
      smtpDialog(P + 10, ['EHLO t', 'QUIT'], DIES),
      smtpDialog(P + 11, ['EHLO t', 'QUIT'], DIES),
    ]);
    beforeTls = await sessions;
    sh('testsaslauthd', ['-f', join(dir, 'sa/mux'), '-u', SECRET_USER, '-p', 'x', '-s', 'smtp']);
    for (let i = 0; i < 50 && !saslauthdOut.includes('auth failure'); i++) await sleep(100);
    // The smtp client's deliveries and the dying daemons' lines reach the log a little later.
    const want = ['but was not offered', 'said: 535', 'offered no compatible', 'error opening chain file', 'discards all', 'no applicable SASL', 'specify at least one working'];
    for (let i = 0; i < 100; i++) {
      logText = readFileSync(join(dir, 'log/postfix.log'), 'latin1');
      const ended = ['encrypt', 'authonly'].every((n) => (logText.match(new RegExp(`ex/${n}/smtpd\\[\\d+\\]: disconnect from`, 'g')) ?? []).length === 2);
      if (want.every((w) => logText.includes(w)) && ended) break;
      await sleep(100);
    }
    // saslauthd -d writes "saslauthd[pid] :text"; syslog would write "time host saslauthd[pid]: text".
    const saslauthdLog = saslauthdOut.split('\n').filter(Boolean).map((l) => l.replace(/^saslauthd\[(\d+)\] :/, 'Dec  1 10:00:00 localhost saslauthd[$1]: ')).join('\n');
    const dovecotLog = readFileSync(join(dir, 'log/dovecot.log'), 'latin1');
    logText = [logText, dovecotLog, saslauthdLog].join('\n');
    const instance = loadInstance([join(dir, 'etc'), join(dir, 'dovecot')]);
    groups = explainGroups(await readLogText(logText), instance);
    // The broken Dovecot is its own instance (Postfix's files with the other Dovecot folder).
    for (let i = 0; i < 50 && !existsSync(join(dir, 'log/dovecot-bad.log')); i++) await sleep(100);
    const badLog = readFileSync(join(dir, 'log/dovecot-bad.log'), 'latin1');
    logText += `\n${badLog}`;
    groups.push(...explainGroups(await readLogText(badLog), loadInstance([join(dir, 'etc'), join(dir, 'dovecot-bad')])));
  });

  after(() => {
    if (!dir) return;
    daemon('postfix', ['-c', join(dir, 'etc'), 'stop']);
    // doveadm stop waits seconds for the shutdown; a TERM to each master (by its pid file) does not.
    for (const run of ['run', 'run-bad']) {
      const pid = Number(existsSync(join(dir, run, 'master.pid')) ? readFileSync(join(dir, run, 'master.pid'), 'utf8').trim() : NaN);
      if (pid > 1) process.kill(pid, 'SIGTERM');
    }
    saslauthd?.kill();
    slot?.release();
    if (!process.env.KEEP_EXPLAIN_LOGS) rmSync(dir, { recursive: true, force: true });
  });

  const group = (code: string) => {
    const g = groups.find((x) => x.code === code);
    assert.ok(g, `no ${code} group; groups: ${groups.map((x) => x.code).join(', ')}\n${logText.split('\n').filter((l) => /warning|fatal|error|Info/i.test(l)).slice(0, 60).join('\n')}`);
    return g;
  };
  const at = (g: JsonGroup) => g.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`);

  // Where each group must point: the line that was broken on purpose.
  const m = (name: string) => `etc/master.cf:${lineNo(master, `syslog_name=ex/${name} `)}`;
  const dovecotLine = (folder: string, part: string) => `${folder}/dovecot.conf:${lineNo(readFileSync(join(dir, folder, 'dovecot.conf'), 'utf8').split('\n'), part)}`;
  const EXPECTED: Record<string, () => string[]> = {
    'sasl-dovecot-connect': () => [m('dovecotgone')],
    'sasl-no-mechanisms': () => [m('dovecotgone'), 'etc/sasl/nomech.conf:3', m('dovecotbad')],
    'cyrus-saslauthd-unreachable': () => ['etc/sasl/gone.conf:2'],
    'cyrus-sasldb-unreadable': () => ['etc/sasl/gone.conf:3'],
    'sasl-backend-failure': () => ['etc/sasl/gone.conf:4'],
    'relay-restrictions-fatal': () => [m('relayfatal')],
    'relay-access-denied': () => [m('relaydenied')],
    'sasl-no-applicable-mechanisms': () => [m('discards')],
    'cyrus-no-mechanism-available': () => ['etc/sasl/nomech.conf:3'],
    'sasl-filter-discards-all': () => [m('filter')],
    'tls-no-server-certs': () => [m('nocerts')],
    'smtp-tls-not-offered': () => [m('tlsreq')],
    'tls-chain-file-unreadable': () => [m('tlsbroken')],
    'smtp-sasl-refused': () => [m('saslbad')],
    'smtp-sasl-no-supported-mechs': () => [m('nomechc')],
    'smtp-sasl-no-compatible': () => [m('nomechc')],
    // Nothing is broken: the rate limit is unset, so explain says where to add it.
    'sasl-login-failed': () => [`etc/main.cf:${readFileSync(join(dir, 'etc/main.cf'), 'utf8').split('\n').length}`],
    'saslauthd-auth-failure': () => ['etc/sasl/gone.conf:1'],
    'dovecot-password-mismatch': () => [dovecotLine('dovecot', 'passdb {')],
    'dovecot-unknown-user': () => [dovecotLine('dovecot', 'passdb {')],
    'dovecot-unknown-mechanism': () => [dovecotLine('dovecot-bad', 'auth_mechanisms')],
    'smtpd-auth-refused-before-tls': () => [m('encrypt'), m('authonly')],
    'smtpd-mail-refused-before-tls': () => [m('encrypt')],
    'smtpd-client-left-before-tls': () => [m('authonly')],
    'cyrus-wrong-password': () => [],
    'sasl-login-aborted': () => [],
  };
  /** Recognised from the daemons' source texts, but not produced by the versions installed here. */
  const NOT_PRODUCED: Record<string, string> = {
    'sasl-not-compiled': 'needs a Postfix built without SASL',
    'sasl-init-failed': 'needs a broken Cyrus SASL installation',
    'cyrus-no-secret': 'Cyrus SASL 2.1.28 logs a user missing from sasldb as a plain authentication failure',
    'sasl-no-worthy-mechs': "Postfix's own mechanism checks answer first here (smtp-sasl-no-compatible)",
    'smtp-tls-engine-unavailable': "Postfix 3.7's smtp stops at its chain-file warning (tls-chain-file-unreadable) before a delivery result",
    'smtp-sasl-cannot-authenticate': 'needs a Cyrus client start that fails after the mechanism checks pass',
  };

  it('every recognised message is produced here or listed with the reason it is not', () => {
    const codes = LOG_MESSAGES.map((x) => x.code).sort();
    assert.deepEqual([...Object.keys(EXPECTED), ...Object.keys(NOT_PRODUCED)].sort(), codes);
  });

  for (const [code, where] of Object.entries(EXPECTED)) {
    it(`${code}: the real daemon logs it and explain points at the broken line`, () => {
      const found = groups.filter((g) => g.code === code);
      assert.ok(found.length > 0, `no ${code} group; groups: ${groups.map((x) => x.code).join(', ')}\n${logText.split('\n').filter((l) => /warning|fatal|Fatal|deferred|reject/.test(l)).join('\n')}`);
      const places = new Set(found.flatMap(at));
      for (const place of where()) assert.ok(places.has(place), `${code} points at ${[...places].join(', ') || 'nothing'}, not ${place}`);
    });
  }

  it('a client refused before TLS: what smtpd answered, and only the services that require TLS are named', () => {
    const [authEncrypt, mailEncrypt, authOnly] = beforeTls;
    assert.match(authEncrypt[2] ?? '', /^530 5\.7\.0 Must issue a STARTTLS command first/);
    assert.match(mailEncrypt[2] ?? '', /^530 5\.7\.0 Must issue a STARTTLS command first/);
    assert.match(authOnly[2] ?? '', /^503 5\.5\.1 Error: authentication not enabled/);
    assert.doesNotMatch(authOnly[1] ?? '', /AUTH/);
    // Other services' sessions end the same way without TLS (failed logins; EHLO and QUIT): not named.
    assert.ok(/ex\/good\/smtpd\[\d+\]: disconnect from \S+ ehlo=1 auth=0\//.test(logText), 'the good service logged refused logins');
    assert.ok(/ex\/nocerts\/smtpd\[\d+\]: disconnect from \S+ ehlo=1 quit=1 commands=2$/m.test(logText), 'a service without TLS logged EHLO and QUIT');
    const named = groups.filter((g) => g.code.endsWith('-before-tls')).map((g) => `${g.code} ${g.services.join(' ')}`).sort();
    assert.deepEqual(named, ['smtpd-auth-refused-before-tls ex/authonly/smtpd', 'smtpd-auth-refused-before-tls ex/encrypt/smtpd', 'smtpd-client-left-before-tls ex/authonly/smtpd', 'smtpd-mail-refused-before-tls ex/encrypt/smtpd']);
  });

  it('a user name holding a password is in the log but nowhere in what explain says', () => {
    assert.ok(logText.includes(SECRET_USER));
    assert.ok(!JSON.stringify(groups).includes('Hunter'));
    assert.ok(group('saslauthd-auth-failure').users.includes('(hidden: may be a password)'));
  });
});
