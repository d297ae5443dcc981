// The client rules as questions to the smtp client model, on whole instances (main.cf, master.cf and
// the tables they name, in memory): each case lists the client findings as file:line:code. Careful
// smarthost set-ups must raise none.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { checkInstance } from '../../server/src/service/instance/check';
import { buildInstance } from '../../server/src/service/instance/instance';
import { locateLayouts } from '../../server/src/service/instance/locate';
import { memoryReader } from '../../server/src/service/instance/reader';
import { defaultSettings } from '../../server/src/service/settings';

const CLIENT_CODE = /^(sasl-client-|sasl-passwd-(?!readable|map-stale)|sasl-anonymous-allowed)/;

function clientFindings(tree: Record<string, string>): string[] {
  const files = Object.fromEntries(Object.entries(tree).map(([k, v]) => [`/etc/postfix/${k}`, v]));
  const [layout] = locateLayouts(['/etc/postfix'], { reader: memoryReader(files), parse: (path, languageId, text) => parseText(path, languageId, text, defaultSettings) });
  return checkInstance(buildInstance(layout), defaultSettings)
    .flatMap((r) => r.findings.filter((f) => CLIENT_CODE.test(f.code)).map((f) => `${r.path.slice('/etc/postfix/'.length)}:${r.file.lines.positionAt(f.span.start).line + 1}:${f.code}`))
    .sort();
}

const AUTH = 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n';
const CAREFUL_TLS = 'smtp_tls_security_level = encrypt\nsmtp_sasl_security_options = noanonymous\nsmtp_sasl_tls_security_options = noanonymous\n';
const MASTER = 'smtp unix - - n - - smtp\nrelay unix - - n - - smtp\n';
const HOP_LINE = '[smtp.example.com]:587 user:secret\n';

const careful: Array<{ name: string; tree: Record<string, string> }> = [
  { name: 'a smarthost on 587: encrypt, noanonymous inside TLS, the key as written', tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\n' + AUTH + CAREFUL_TLS, 'master.cf': MASTER, sasl_passwd: HOP_LINE } },
  { name: 'implicit TLS on 465 with wrapper mode', tree: { 'main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_wrappermode = yes\n' + AUTH + CAREFUL_TLS, 'master.cf': MASTER, sasl_passwd: '[smtp.example.com]:465 user:secret\n' } },
  {
    name: 'sender-dependent relays, each sender with its own login',
    tree: {
      'main.cf': 'relayhost = [smtp.example.com]:587\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\nsmtp_sender_dependent_authentication = yes\n' + AUTH + CAREFUL_TLS,
      'master.cf': MASTER,
      sender_relay: '@example.org [smtp.example.org]:587\nbob@example.net [mail.example.net]:587\n',
      sasl_passwd: 'alice@example.org alice:secret\n@example.net other:secret\n[smtp.example.org]:587 org:secret\n' + HOP_LINE,
    },
  },
  {
    name: 'per-transport credentials: each custom transport with its own table, TLS and wrapper mode',
    tree: {
      'main.cf': 'transport_maps = hash:/etc/postfix/transport\nsmtp_tls_security_level = may\n',
      'master.cf': MASTER + 'provider unix - - n - - smtp\n  -o smtp_sasl_auth_enable=yes\n  -o smtp_sasl_password_maps=hash:/etc/postfix/provider_passwd\n  -o smtp_tls_security_level=encrypt\n  -o smtp_sasl_tls_security_options=noanonymous\n  -o smtp_sasl_security_options=noanonymous\nsmtps unix - - n - - smtp\n  -o smtp_tls_wrappermode=yes\n  -o smtp_tls_security_level=encrypt\n',
      transport: 'example.org provider:[smtp.example.org]:587\nexample.net smtps:[mail.example.net]:465\n',
      provider_passwd: '[smtp.example.org]:587 org:secret\n',
    },
  },
];

const cases: Array<{ name: string; tree: Record<string, string>; findings: string[] }> = [
  {
    name: 'an -o override of a transport is judged like main.cf, on the master.cf line',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\n' + AUTH + CAREFUL_TLS, 'master.cf': MASTER + '  -o smtp_tls_security_level=none\n  -o smtp_sasl_type=dovecot\n  -o smtp_sasl_password_maps=hash:/etc/postfix/sasl_passwd.db\n', sasl_passwd: HOP_LINE },
    findings: ['master.cf:3:sasl-client-password-without-tls', 'master.cf:4:sasl-client-type-unsupported', 'master.cf:5:sasl-client-password-map-db-suffix'],
  },
  {
    name: 'port 465 from transport_maps and sender_dependent_relayhost_maps, on the line naming the table',
    tree: { 'main.cf': AUTH + CAREFUL_TLS + 'transport_maps = hash:/etc/postfix/transport\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\n', 'master.cf': MASTER, transport: 'example.org smtp:[smtp.example.org]:465\n', sender_relay: '@example.net [mail.example.net]:smtps\n', sasl_passwd: '[smtp.example.org]:465 u:p\n[mail.example.net]:smtps u:p\n' },
    findings: ['main.cf:6:sasl-client-wrappermode-missing', 'main.cf:7:sasl-client-wrappermode-missing'],
  },
  {
    name: 'wrapper mode on one transport only: the hop carried by the other is found',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:465\n' + AUTH + CAREFUL_TLS, 'master.cf': 'smtp unix - - n - - smtp\n  -o smtp_tls_wrappermode=yes\nrelay unix - - n - - smtp\n', sasl_passwd: '[smtp.example.com]:465 u:p\n' },
    findings: ['main.cf:1:sasl-client-wrappermode-missing'],
  },
  {
    name: 'wrapper mode by -o on a transport whose level is may: every server skipped',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_security_level = may\n', 'master.cf': 'smtp unix - - n - - smtp\n  -o smtp_tls_wrappermode=yes\nrelay unix - - n - - smtp\n  -o smtp_tls_wrappermode=yes\n  -o smtp_tls_security_level=encrypt\n' },
    findings: ['master.cf:2:sasl-client-wrappermode-needs-encrypt'],
  },
  {
    name: 'compatibility level 3.11: may by default, so PLAIN without TLS is a stripped STARTTLS away',
    tree: { 'main.cf': 'compatibility_level = 3.11\nrelayhost = [smtp.example.com]:587\n' + AUTH + 'smtp_sasl_security_options = noanonymous\n', 'master.cf': MASTER, sasl_passwd: HOP_LINE },
    findings: ['main.cf:5:sasl-client-plaintext-on-opportunistic-tls'],
  },
  {
    name: 'password maps, AUTH enabled nowhere',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' + CAREFUL_TLS, 'master.cf': MASTER, sasl_passwd: HOP_LINE },
    findings: ['main.cf:2:sasl-client-auth-not-enabled'],
  },
  {
    name: 'AUTH enabled by one transport\'s -o: the main.cf maps are in use',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' + CAREFUL_TLS, 'master.cf': MASTER + '  -o smtp_sasl_auth_enable=yes\n', sasl_passwd: HOP_LINE },
    findings: [],
  },
  {
    name: 'sasl_passwd keys against next hops from a transport table; sender keys without sender-dependent authentication',
    tree: { 'main.cf': AUTH + CAREFUL_TLS + 'transport_maps = hash:/etc/postfix/transport\n', 'master.cf': MASTER, transport: 'example.org relay:[smtp.example.org]:587\n', sasl_passwd: '[smtp.example.org]:587 u:p\nsmtp.example.org u:p\n[smtp.example.org] u:p\n@example.org s:p\n' },
    findings: ['sasl_passwd:3:sasl-passwd-key-never-used', 'sasl_passwd:4:sasl-passwd-sender-key-ignored'],
  },
  {
    name: 'no relayhost: mail goes to MX hosts, so a bracketed key is never looked up (a plain one may be)',
    tree: { 'main.cf': AUTH + CAREFUL_TLS, 'master.cf': MASTER, sasl_passwd: '[smtp.example.com]:587 u:p\nexample.com u:p\n' },
    findings: ['sasl_passwd:1:sasl-passwd-key-never-used'],
  },
  {
    name: 'a "#" after the password',
    tree: { 'main.cf': 'relayhost = [smtp.example.com]:587\n' + AUTH + CAREFUL_TLS, 'master.cf': MASTER, sasl_passwd: '[smtp.example.com]:587 user:secret # work\n' },
    findings: ['sasl_passwd:1:sasl-passwd-comment-in-password'],
  },
];

describe('client rules on whole instances', () => {
  for (const c of careful) test(`careful: ${c.name}`, () => assert.deepEqual(clientFindings(c.tree), []));
  for (const c of cases) test(c.name, () => assert.deepEqual(clientFindings(c.tree), c.findings));
});
