// The log reader's pure parts: headers in every format, line splitting at chunk edges and limits,
// the message table (each message fires, a near miss is silent), grouping and the user-name policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHeader } from '../../server/src/service/log/header';
import { readLines, type SkipCounts } from '../../server/src/service/log/lines';
import { LOG_MESSAGES } from '../../server/src/service/log/messages';
import { readLog, readLogText } from '../../server/src/service/log/readLog';
import { HIDDEN_USER, isShowableUser } from '../../server/src/service/log/redact';
import { matchMessage } from '../../server/src/service/log/summary';

describe('log headers', () => {
  const cases: Array<[string, string, string, string, string]> = [
    // line, time, service, daemon, text
    ['Dec  1 10:00:00 mx postfix/smtpd[123]: connect from a[1.2.3.4]', 'Dec  1 10:00:00', 'postfix/smtpd', 'smtpd', 'connect from a[1.2.3.4]'],
    ['Dec 01 10:00:00 localhost psasl/submission/smtpd[11692]: x', 'Dec 01 10:00:00', 'psasl/submission/smtpd', 'smtpd', 'x'],
    ['Dec 01 10:00:00.123456 mx postfix/smtp[9]: y', 'Dec 01 10:00:00.123456', 'postfix/smtp', 'smtp', 'y'],
    ['2026-12-01T10:00:00.123456+00:00 mx postfix/submission/smtpd[1]: z', '2026-12-01T10:00:00.123456+00:00', 'postfix/submission/smtpd', 'smtpd', 'z'],
    ['Tue 2026-12-01 10:00:00 UTC mx postfix/smtpd[7]: f', 'Tue 2026-12-01 10:00:00 UTC', 'postfix/smtpd', 'smtpd', 'f'],
    ['2026-12-01T10:00:00 MX postfix/smtpd[7]: g', '2026-12-01T10:00:00', 'postfix/smtpd', 'smtpd', 'g'],
    ['2026-12-01T10:00:00+0000 mx postfix/master[1]: m', '2026-12-01T10:00:00+0000', 'postfix/master', 'master', 'm'],
    ['<22>1 2026-12-01T10:00:00Z mx postfix/smtpd 123 - - w', '2026-12-01T10:00:00Z', 'postfix/smtpd', 'smtpd', 'w'],
    ['Dec  1 10:00:00 mx saslauthd[77]: do_auth : auth failure', 'Dec  1 10:00:00', 'saslauthd', 'saslauthd', 'do_auth : auth failure'],
    ['Dec  1 10:00:00 mx dovecot: auth: Info: passwd-file(u,1.2.3.4): unknown user', 'Dec  1 10:00:00', 'dovecot', 'auth', 'auth: Info: passwd-file(u,1.2.3.4): unknown user'],
    ['Dec  1 10:00:00 mx dovecot[5]: auth-worker(9): Info: x', 'Dec  1 10:00:00', 'dovecot', 'auth-worker', 'auth-worker(9): Info: x'],
    ['Dec 01 20:30:55 auth: Info: passwd-file(psasltest,127.0.0.1): Password mismatch', 'Dec 01 20:30:55', 'dovecot', 'auth', 'auth: Info: passwd-file(psasltest,127.0.0.1): Password mismatch'],
  ];
  for (const [line, time, service, daemon, text] of cases) {
    it(line.slice(0, 50), () => {
      const h = parseHeader(line);
      assert.equal(h.kind, 'record');
      if (h.kind !== 'record') return;
      assert.deepEqual([h.record.time, h.record.service, h.record.daemon, h.record.text], [time, service, daemon, text]);
    });
  }
  it('journalctl lines are meta, other text is unknown', () => {
    assert.equal(parseHeader('-- Logs begin at Tue 2026-12-01 09:00:00 UTC. --').kind, 'meta');
    assert.equal(parseHeader('-- Boot 1a2b3c --').kind, 'meta');
    assert.equal(parseHeader('hello world').kind, 'unknown');
    assert.equal(parseHeader('Dec  1 10:00:00 lonelyhost').kind, 'unknown');
  });
});

async function lines(chunks: Array<string | Uint8Array>, max = 64 * 1024): Promise<{ out: string[]; skipped: SkipCounts }> {
  const skipped: SkipCounts = { long: 0, binary: 0, unterminated: false };
  const out: string[] = [];
  for await (const l of readLines(chunks, skipped, { maxLineBytes: max })) out.push(l);
  return { out, skipped };
}

describe('line splitting', () => {
  it('joins lines cut between chunks and drops \\r', async () => {
    const { out, skipped } = await lines(['ab', 'c\r\nde', 'f\n', '\ng\n']);
    assert.deepEqual(out, ['abc', 'def', '', 'g']);
    assert.equal(skipped.unterminated, false);
  });
  it('keeps an unterminated last line and says so', async () => {
    const { out, skipped } = await lines(['a\nb']);
    assert.deepEqual(out, ['a', 'b']);
    assert.equal(skipped.unterminated, true);
  });
  it('skips a line over the limit, also when it spans chunks', async () => {
    const { out, skipped } = await lines(['ok\n', 'x'.repeat(30), 'x'.repeat(30), 'x\nnext\n', 'y'.repeat(100) + '\nlast\n'], 50);
    assert.deepEqual(out, ['ok', 'next', 'last']);
    assert.equal(skipped.long, 2);
  });
  it('skips binary lines and decodes UTF-8 split between chunks', async () => {
    const bytes = Buffer.from('é\n', 'utf8');
    const { out, skipped } = await lines([Buffer.from([0, 1, 2, 0x0a]), bytes.subarray(0, 1), bytes.subarray(1), Buffer.from([0xff, 0xfe, 0xfd, 0x0a])]);
    assert.deepEqual(out, ['é']);
    assert.equal(skipped.binary, 2);
  });
});

// One line per message that must fire, and a near miss that must not.
const FIRING: Record<string, string> = {
  'sasl-no-mechanisms': 'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: fatal: no SASL authentication mechanisms',
  'sasl-filter-discards-all': "Dec  1 10:00:00 mx postfix/smtpd[1]: fatal: smtpd_sasl_mechanism_filter discards all mechanisms in 'PLAIN LOGIN CRAM-MD5'",
  'sasl-no-applicable-mechanisms': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms',
  'cyrus-no-mechanism-available': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: xsasl_cyrus_server_get_mechanism_list: no mechanism available',
  'smtp-sasl-no-supported-mechs': "Dec  1 10:00:00 mx postfix/smtp[1]: warning: r[1.2.3.4]:587 offered no supported AUTH mechanisms: 'PLAIN LOGIN'",
  'smtp-sasl-no-compatible': 'Dec  1 10:00:00 mx postfix/smtp[1]: 4A2B: to=<a@b.c>, relay=r[1.2.3.4]:587, status=deferred (SASL authentication failed: server r[1.2.3.4] offered no compatible authentication mechanisms for this type of connection security)',
  'tls-chain-file-unreadable': 'Dec  1 10:00:00 mx postfix/relay/smtp[1]: warning: error opening chain file: /etc/postfix/chain.pem: No such file or directory',
  'sasl-not-compiled': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: smtpd_sasl_auth_enable is true, but SASL support is not compiled in',
  'sasl-init-failed': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL per-process initialization failed: generic failure',
  'sasl-dovecot-connect': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL: Connect to private/auth failed: No such file or directory',
  'cyrus-sasldb-unreadable': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL authentication problem: unable to open Berkeley db /etc/sasldb2: Permission denied',
  'cyrus-saslauthd-unreachable': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL authentication failure: cannot connect to saslauthd server: No such file or directory',
  'sasl-backend-failure': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: a[1.2.3.4]: SASL CRAM-MD5 authentication failed: generic failure, sasl_username=bob',
  'sasl-login-failed': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: unknown[1.2.3.4]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
  'sasl-login-aborted': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: unknown[1.2.3.4]: SASL LOGIN authentication aborted',
  'cyrus-wrong-password': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL authentication failure: Password verification failed',
  'cyrus-no-secret': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL authentication failure: no secret in database',
  'sasl-no-worthy-mechs': 'Dec  1 10:00:00 mx postfix/smtp[1]: warning: SASL authentication failure: No worthy mechs found',
  'smtp-sasl-cannot-authenticate': 'Dec  1 10:00:00 mx postfix/smtp[1]: 4A2B: to=<a@b.c>, relay=r[1.2.3.4]:587, delay=1, status=deferred (SASL authentication failed; cannot authenticate to server r[1.2.3.4]: no mechanism available)',
  'smtp-sasl-refused': 'Dec  1 10:00:00 mx postfix/smtp[1]: 4A2B: to=<a@b.c>, relay=r[1.2.3.4]:587, status=deferred (SASL authentication failed; server r[1.2.3.4] said: 535 5.7.8 Error: authentication failed)',
  'smtp-tls-not-offered': 'Dec  1 10:00:00 mx postfix/smtp[1]: 4A2B: to=<a@b.c>, relay=r[1.2.3.4]:25, status=deferred (TLS is required, but was not offered by host r[1.2.3.4])',
  'smtp-tls-engine-unavailable': 'Dec  1 10:00:00 mx postfix/smtp[1]: 4A2B: to=<a@b.c>, status=deferred (TLS is required, but our TLS engine is unavailable)',
  'tls-no-server-certs': "Dec  1 10:00:00 mx postfix/smtpd[1]: warning: No server certs available. TLS won't be enabled",
  'relay-restrictions-fatal': 'Dec  1 10:00:00 mx postfix/smtpd[1]: fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains',
  'smtpd-auth-refused-before-tls': 'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=1 auth=0/1 quit=1 commands=2/3',
  'smtpd-mail-refused-before-tls': 'Dec  1 10:00:00 mx postfix/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=1 mail=0/2 rset=1 commands=2/4',
  'smtpd-client-left-before-tls': 'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=1 quit=1 commands=2',
  'relay-access-denied': 'Dec  1 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[1.2.3.4]: 554 5.7.1 <x@y.z>: Relay access denied; from=<a@b.c> to=<x@y.z> proto=ESMTP helo=<h>',
  'saslauthd-auth-failure': 'Dec  1 10:00:00 mx saslauthd[9]: do_auth         : auth failure: [user=bob] [service=smtp] [realm=] [mech=shadow] [reason=Unknown]',
  'dovecot-password-mismatch': 'Dec  1 10:00:00 mx dovecot: auth: Info: passwd-file(bob,1.2.3.4): Password mismatch',
  'dovecot-unknown-user': 'Dec  1 10:00:00 mx dovecot[4]: auth: Info: passwd-file(eve,1.2.3.4,<Ab12>): unknown user',
  'dovecot-unknown-mechanism': "Dec 01 10:00:00 auth: Fatal: Unknown authentication mechanism 'FOO'",
};

const SILENT: Record<string, string> = {
  // Postfix before 3.? named one parameter only; the pattern takes both forms, a different text neither.
  'relay-restrictions-fatal': 'Dec  1 10:00:00 mx postfix/smtpd[1]: fatal: in parameter smtpd_relay_restrictions, specify nothing',
  'sasl-no-mechanisms': 'Dec  1 10:00:00 mx postfix/cleanup[1]: fatal: no SASL authentication mechanisms',
  'sasl-login-failed': 'Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL authentication failed for a friend',
  'relay-access-denied': 'Dec  1 10:00:00 mx postfix/smtpd[1]: connect from Relay access denied',
  'dovecot-password-mismatch': 'Dec  1 10:00:00 mx postfix/smtpd[1]: Password mismatch',
  // The session went over TLS: a refused AUTH there is a wrong password, not a missing STARTTLS.
  'smtpd-auth-refused-before-tls': 'Dec  1 10:00:00 mx postfix/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=2 starttls=1 auth=0/1 commands=3/4',
  'smtpd-mail-refused-before-tls': 'Dec  1 10:00:00 mx postfix/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4',
  'smtpd-client-left-before-tls': 'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: disconnect from unknown[1.2.3.4] ehlo=2 starttls=1 quit=1 commands=4',
};

describe('message table', () => {
  it('codes are unique and every message has a firing line', () => {
    const codes = LOG_MESSAGES.map((m) => m.code);
    assert.equal(new Set(codes).size, codes.length);
    assert.deepEqual(Object.keys(FIRING).sort(), [...codes].sort());
  });
  for (const [code, line] of Object.entries(FIRING)) {
    it(`${code} fires`, () => {
      const h = parseHeader(line);
      assert.equal(h.kind, 'record');
      if (h.kind === 'record') assert.equal(matchMessage(h.record)?.message.code, code);
    });
  }
  for (const [code, line] of Object.entries(SILENT)) {
    it(`${code} stays silent on a near miss`, () => {
      const h = parseHeader(line);
      if (h.kind === 'record') assert.notEqual(matchMessage(h.record)?.message.code, code);
    });
  }
});

describe('grouping', () => {
  it('counts repeats with first and last time, services, clients and users; unknown lines by service', async () => {
    const log = [
      'Dec  1 10:00:00 mx postfix/submission/smtpd[1]: warning: a[1.1.1.1]: SASL PLAIN authentication failed: authentication failure, sasl_username=bob',
      'Dec  1 10:00:05 mx postfix/smtpd[2]: warning: b[2.2.2.2]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@example.org',
      'Dec  1 10:00:09 mx postfix/smtpd[2]: warning: b[2.2.2.2]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@example.org',
      'Dec  1 10:00:10 mx postfix/smtpd[2]: connect from b[2.2.2.2]',
      'Dec  1 10:00:11 mx postfix/qmgr[3]: 4A: removed',
      'garbage',
    ].join('\n');
    const { summary } = await readLogText(log);
    assert.equal(summary.groups.length, 1);
    const g = summary.groups[0];
    assert.deepEqual([g.count, g.first, g.last], [3, 'Dec  1 10:00:00', 'Dec  1 10:00:09']);
    assert.deepEqual([...g.services.values], ['postfix/submission/smtpd', 'postfix/smtpd']);
    assert.deepEqual([...g.clients.values], ['a[1.1.1.1]', 'b[2.2.2.2]']);
    assert.deepEqual([...g.users.values], ['bob', 'alice@example.org']);
    assert.deepEqual([...summary.failedLogins.byPair], [['a[1.1.1.1]\u0000bob', 1], ['b[2.2.2.2]\u0000alice@example.org', 2]]);
    assert.deepEqual([...summary.unknownByService], [['postfix/smtpd', 1], ['postfix/qmgr', 1]]);
    assert.equal(summary.unreadable, 1);
  });
  it("counts rsyslog's folded repeats as the lines they stand for", async () => {
    const { summary } = await readLogText('Dec  1 10:00:00 mx postfix/smtpd[1]: message repeated 40000 times: [ warning: SASL authentication failure: Password verification failed]\n');
    assert.deepEqual(summary.groups.map((g) => [g.message.code, g.count]), [['cyrus-wrong-password', 40000]]);
    assert.equal(summary.lines, 1);
  });
  it('keys a group by its key field (one group per socket path)', async () => {
    const line = (p: string) => `Dec  1 10:00:00 mx postfix/smtpd[1]: warning: SASL: Connect to ${p} failed: No such file or directory`;
    const { summary } = await readLogText([line('private/auth'), line('private/auth'), line('private/other')].join('\n'));
    assert.deepEqual(summary.groups.map((g) => [g.key, g.count]), [['private/auth', 2], ['private/other', 1]]);
  });
  it('memory stays bounded: 5000 distinct clients keep 200 and count the rest', async () => {
    async function* many() {
      for (let i = 0; i < 5000; i++) yield `Dec  1 10:00:00 mx postfix/smtpd[1]: warning: c[10.0.${i >> 8}.${i & 255}]: SASL PLAIN authentication failed: authentication failure, sasl_username=u${i}\n`;
    }
    const { summary } = await readLog(many());
    const g = summary.groups[0];
    assert.equal(g.count, 5000);
    assert.equal(g.clients.values.size + g.clients.more, 5000);
    assert.equal(g.clients.values.size, 200);
  });
});

describe('user names that may be passwords', () => {
  const cases: Array<[string, boolean]> = [
    ['bob', true],
    ['alice@example.org', true],
    ['john.doe', true],
    ['psasltest', true],
    ['bob:hunter2', false],
    ['bob hunter2', false],
    ['Pw-0123456789abcdef-Zq', false],
    ['Tr0ub4dor&3xyz', false],
    ['x'.repeat(65), false],
    ['bob\u001b[31m', false],
    ['', false],
  ];
  for (const [name, shown] of cases) it(`${JSON.stringify(name.slice(0, 30))} is ${shown ? 'shown' : 'hidden'}`, () => assert.equal(isShowableUser(name), shown));

  it('a hidden name appears nowhere in the summary, and the example is redacted', async () => {
    const secret = 'bob:Sup3r-Secret!';
    const { summary } = await readLogText(`Dec  1 10:00:00 mx postfix/smtpd[1]: warning: a[1.1.1.1]: SASL PLAIN authentication failed: authentication failure, sasl_username=${secret}\n`);
    const all = JSON.stringify({ groups: summary.groups.map((g) => ({ ...g, services: [...g.services.values], clients: [...g.clients.values], users: [...g.users.values] })), logins: [...summary.failedLogins.byPair] });
    assert.ok(!all.includes('Sup3r'), all);
    assert.ok(all.includes(HIDDEN_USER));
    assert.match(summary.groups[0].example, /sasl_username=\(hidden/);
  });
});

describe('README', () => {
  it("explain's section names every recognised message once", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### From the mail log to the configuration line'), readme.indexOf('## Rules'));
    const named = [...section.matchAll(/`([a-z]+(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]).filter((c) => LOG_MESSAGES.some((x) => x.code === c));
    assert.deepEqual([...named].sort(), LOG_MESSAGES.map((x) => x.code).sort());
  });
});
