// The mechanism model, case by case: what EHLO lists before and after TLS for a set-up, as the real
// Postfix 3.7 / Cyrus SASL 2.1 showed it (test/oracle/smtpdMechanisms.test.ts runs a table of these
// against the daemon). `held`: AUTH waits for TLS; `-`: no such phase; `?`: the list is not known.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseText } from '../../server/src/service/analyze';
import { detectLanguage } from '../../server/src/service/languages';
import { instanceFromFiles } from '../../server/src/service/instance/locate';
import { cyrusPluginsFromFiles } from '../../server/src/service/smtpd/mechanisms/backend';
import { instanceMechanisms, type Phase, type ServiceMechanisms } from '../../server/src/service/smtpd/mechanisms/model';
import { defaultSettings } from '../../server/src/service/settings';
import { serviceHover } from '../../server/src/service/smtpd/serviceHover';
import { bothEols, withCursor } from '../helpers/cursor';

type SetUp = Record<string, string>;

const TLS = 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/ssl/mail.pem\nsmtpd_tls_key_file = /etc/ssl/mail.key\n';
const OPTIONS = (plain: string, tls = 'noanonymous') => `smtpd_sasl_security_options = ${plain}\nsmtpd_sasl_tls_security_options = ${tls}\n`;
const CYRUS = (body: string) => ({ 'postfix/sasl/smtpd.conf': body });
const PLAIN_LOGIN = CYRUS('pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n');
const NO_LIST = CYRUS('pwcheck_method: saslauthd\n');
/** What /usr/lib/x86_64-linux-gnu/sasl2 holds with Debian's libsasl2-modules and -db. */
const DEBIAN_PLUGINS = cyrusPluginsFromFiles(['libanonymous.so.2', 'libcrammd5.so', 'libdigestmd5.so.2.0.25', 'liblogin.so', 'libntlm.so', 'libplain.so', 'libsasldb.so', 'libscram.so']);
const SCRAMS = 'SCRAM-SHA-1 SCRAM-SHA-224 SCRAM-SHA-256 SCRAM-SHA-384 SCRAM-SHA-512';
const ALL = `ANONYMOUS CRAM-MD5 DIGEST-MD5 LOGIN NTLM PLAIN ${SCRAMS}`;
const DOVECOT = (mechanisms: string) => ({
  'dovecot/dovecot.conf': `auth_mechanisms = ${mechanisms}\nservice auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n    user = postfix\n  }\n}\n`,
});

function model(setUp: SetUp, plugins?: readonly string[]): ServiceMechanisms {
  const files = Object.entries(setUp).map(([name, text]) => parseText(`/etc/${name}`, detectLanguage(name)!, text, defaultSettings).file);
  return instanceMechanisms(instanceFromFiles(files), plugins ? { cyrusPlugins: plugins } : {})[0];
}

const phase = (p: Phase | undefined) => (!p ? '-' : !p.announced ? 'held' : p.offered === undefined ? '?' : [...p.offered].sort().join(' ') || '(none)');
const summary = (m: ServiceMechanisms) => `before: ${phase(m.beforeTls)} | after: ${phase(m.afterTls)}${m.fatal ? ` | fatal ${m.fatal}` : ''}`;

interface Case {
  name: string;
  setUp: SetUp;
  plugins?: readonly string[];
  expected: string;
}

const cases: Case[] = [
  { name: 'mech_list PLAIN LOGIN, opportunistic TLS', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous'), ...PLAIN_LOGIN }, expected: 'before: LOGIN PLAIN | after: LOGIN PLAIN' },
  { name: 'noplaintext before TLS leaves nothing: smtpd dies at connect', setUp: { 'postfix/main.cf': TLS + OPTIONS('noplaintext'), ...PLAIN_LOGIN }, expected: 'before: (none) | after: LOGIN PLAIN | fatal before-tls' },
  { name: 'the same with smtpd_tls_auth_only: SASL waits for TLS, no fatal', setUp: { 'postfix/main.cf': TLS + OPTIONS('noplaintext') + 'smtpd_tls_auth_only = yes\n', ...PLAIN_LOGIN }, expected: 'before: held | after: LOGIN PLAIN' },
  { name: 'the TLS options inherit noplaintext by default: smtpd dies after STARTTLS', setUp: { 'postfix/main.cf': TLS + 'smtpd_sasl_security_options = noplaintext, noanonymous\nsmtpd_tls_auth_only = yes\n', ...PLAIN_LOGIN }, expected: 'before: held | after: (none) | fatal after-tls' },
  { name: 'noplaintext only after TLS', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous', 'noplaintext'), ...PLAIN_LOGIN }, expected: 'before: LOGIN PLAIN | after: (none) | fatal after-tls' },
  { name: 'no mech_list: every installed plugin, ANONYMOUS too without options', setUp: { 'postfix/main.cf': TLS + OPTIONS(''), ...NO_LIST }, plugins: DEBIAN_PLUGINS, expected: `before: ${ALL} | after: ${ALL.replace('ANONYMOUS ', '')}` },
  { name: 'no mech_list, plugins unknown: the usual Debian set is assumed', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous'), ...NO_LIST }, expected: `before: ${ALL.replace('ANONYMOUS ', '')} | after: ${ALL.replace('ANONYMOUS ', '')}` },
  { name: 'nodictionary: no Cyrus plugin here resists dictionary attacks', setUp: { 'postfix/main.cf': TLS + OPTIONS('nodictionary'), ...NO_LIST }, plugins: DEBIAN_PLUGINS, expected: `before: (none) | after: ${ALL.replace('ANONYMOUS ', '')} | fatal before-tls` },
  { name: 'noactive keeps SCRAM only', setUp: { 'postfix/main.cf': TLS + OPTIONS('noactive'), ...NO_LIST }, plugins: DEBIAN_PLUGINS, expected: `before: ${SCRAMS} | after: ${ALL.replace('ANONYMOUS ', '')}` },
  { name: 'mutual_auth keeps SCRAM and DIGEST-MD5', setUp: { 'postfix/main.cf': TLS + OPTIONS('mutual_auth'), ...NO_LIST }, plugins: DEBIAN_PLUGINS, expected: `before: DIGEST-MD5 ${SCRAMS} | after: ${ALL.replace('ANONYMOUS ', '')}` },
  { name: 'forward_secrecy: none of these plugins has it', setUp: { 'postfix/main.cf': TLS + OPTIONS('forward_secrecy'), ...NO_LIST }, plugins: DEBIAN_PLUGINS, expected: `before: (none) | after: ${ALL.replace('ANONYMOUS ', '')} | fatal before-tls` },
  { name: 'a listed mechanism without its plugin is not offered', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous'), ...CYRUS('mech_list: PLAIN SCRAM-SHA-256\n') }, plugins: ['plain'], expected: 'before: PLAIN | after: PLAIN' },
  { name: 'a misspelt mechanism is never offered', setUp: { 'postfix/main.cf': TLS + OPTIONS('noplaintext'), ...CYRUS('mech_list: PLAIN CRAM-MD4\n') }, expected: 'before: (none) | after: PLAIN | fatal before-tls' },
  { name: 'level none with smtpd_tls_auth_only: AUTH never offered', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous') + 'smtpd_tls_security_level = none\nsmtpd_tls_auth_only = yes\n', ...PLAIN_LOGIN }, expected: 'before: held | after: -' },
  { name: 'no certificate: no TLS phase', setUp: { 'postfix/main.cf': 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\n' + OPTIONS('noanonymous'), ...PLAIN_LOGIN }, expected: 'before: LOGIN PLAIN | after: -' },
  { name: 'wrappermode: TLS from the first byte', setUp: { 'postfix/main.cf': TLS + OPTIONS('noplaintext', 'noanonymous') + 'smtpd_tls_wrappermode = yes\n', ...PLAIN_LOGIN }, expected: 'before: - | after: LOGIN PLAIN' },
  { name: 'a -o override is that service\'s own', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous'), 'postfix/master.cf': 'submission inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n', ...PLAIN_LOGIN }, expected: 'before: held | after: LOGIN PLAIN' },
  { name: 'Dovecot: nodictionary keeps PLAIN and LOGIN (Dovecot marks only CRAM-MD5 so)', setUp: { 'postfix/main.cf': TLS + OPTIONS('nodictionary') + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n', ...DOVECOT('plain login cram-md5') }, expected: 'before: LOGIN PLAIN | after: CRAM-MD5 LOGIN PLAIN' },
  { name: 'Dovecot on the default socket "smtpd": nothing reachable, smtpd dies at connect', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous') + 'smtpd_sasl_type = dovecot\n' }, expected: 'before: (none) | after: (none) | fatal before-tls' },
  { name: 'Dovecot without its configuration: not known', setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous') + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n' }, expected: 'before: ? | after: ?' },
];

describe('the mechanisms an smtpd service offers', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(summary(model(c.setUp, c.plugins)), c.expected);
    });
  }

  test('smtpd_sasl_type is compared case by case: "Dovecot" is no implementation', () => {
    const m = model({ 'postfix/main.cf': TLS + 'smtpd_sasl_type = Dovecot\n' });
    assert.equal(m.type, undefined);
    assert.match(m.never ?? '', /does not know smtpd_sasl_type "Dovecot"/);
  });

  test('why AUTH is never offered', () => {
    assert.match(model({ 'postfix/main.cf': TLS + 'smtpd_tls_security_level = none\nsmtpd_tls_auth_only = yes\n' }).never ?? '', /never starts it/);
    assert.match(model({ 'postfix/main.cf': 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_auth_only = yes\n' }).never ?? '', /without a server certificate/);
    assert.match(model({ 'postfix/main.cf': TLS + OPTIONS('noplaintext'), ...PLAIN_LOGIN }).never ?? '', /exits at every connection/);
    assert.equal(model({ 'postfix/main.cf': TLS + OPTIONS('noanonymous'), ...PLAIN_LOGIN }).never, undefined);
  });

  test('what each removed mechanism lacks', () => {
    const m = model({ 'postfix/main.cf': TLS + OPTIONS('noplaintext, noanonymous'), ...CYRUS('mech_list: PLAIN ANONYMOUS CRAM-MD5\n') });
    assert.deepEqual(m.beforeTls?.removed, [{ name: 'PLAIN', lacks: 'noplaintext' }, { name: 'ANONYMOUS', lacks: 'noanonymous' }]);
    assert.deepEqual(m.beforeTls?.offered, ['CRAM-MD5']);
  });
});

describe('hover on a service and on smtpd_sasl_auth_enable', () => {
  /** The hover at the `|` of the marked file, with the others as its instance. */
  function hoverAt(marked: string, setUp: SetUp): string | undefined {
    const [name, text] = Object.entries(setUp).find(([, t]) => t.includes('|'))!;
    const { text: clean, offset } = withCursor(text);
    const files = Object.entries({ ...setUp, [name]: clean }).map(([n, t]) => parseText(`/etc/${n}`, detectLanguage(n)!, t, defaultSettings).file);
    const file = files.find((f) => f.uri === `/etc/${name}`)!;
    assert.equal(marked, name);
    return serviceHover(instanceFromFiles(files), file, offset);
  }

  const cases: Array<{ name: string; file: string; setUp: SetUp; expected: RegExp[] | undefined }> = [
    {
      name: 'a submission service: AUTH only after TLS, and the verdicts of its lists',
      file: 'postfix/master.cf',
      setUp: { 'postfix/main.cf': TLS + OPTIONS('noanonymous'), 'postfix/master.cf': 'sub|mission inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n', ...PLAIN_LOGIN },
      expected: [/\*\*AUTH on service "submission"\*\*/, /Back end: Cyrus SASL, mech_list in `\/etc\/postfix\/sasl\/smtpd\.conf`/, /Before TLS: not announced/, /After TLS: `PLAIN` `LOGIN`/, /\*\*Mail through service "submission"\*\*/],
    },
    {
      name: 'main.cf alone: the one smtpd, with what the options removed',
      file: 'postfix/main.cf',
      setUp: { 'postfix/main.cf': TLS.replace('smtpd_sasl_auth_enable', 'smtpd_sasl_|auth_enable') + OPTIONS('noanonymous, noplaintext', 'noanonymous'), ...PLAIN_LOGIN },
      expected: [/\*\*AUTH on smtpd\*\*/, /Before TLS: \*\*nothing\*\*; smtpd_sasl_security_options = "noanonymous, noplaintext" removes `PLAIN` \(sends the password\), `LOGIN` \(sends the password\)/, /AUTH is never offered: the security options leave no mechanism/],
    },
    {
      name: 'an -o smtpd_sasl_auth_enable=yes override: that service only',
      file: 'postfix/master.cf',
      setUp: { 'postfix/main.cf': TLS.replace('smtpd_sasl_auth_enable = yes\n', '') + OPTIONS('noanonymous'), 'postfix/master.cf': 'smtp inet n - n - - smtpd\nsubmission inet n - n - - smtpd\n  -o smtpd_sasl_auth_|enable=yes\n', ...PLAIN_LOGIN },
      expected: [/AUTH on service "submission"/, /Before TLS: `PLAIN` `LOGIN`/],
    },
    {
      name: 'a service without AUTH says so',
      file: 'postfix/master.cf',
      setUp: { 'postfix/main.cf': 'smtpd_tls_security_level = may\n', 'postfix/master.cf': '|smtp inet n - n - - smtpd\n' },
      expected: [/AUTH on service "smtp"/, /never offered: smtpd_sasl_auth_enable is not yes/],
    },
    { name: 'another parameter: nothing', file: 'postfix/main.cf', setUp: { 'postfix/main.cf': TLS.replace('smtpd_tls_security_level', 'smtpd_tls_|security_level'), ...PLAIN_LOGIN }, expected: undefined },
  ];

  for (const c of cases) {
    for (const { eol } of bothEols('')) {
      test(`${c.name} (${eol})`, () => {
        const setUp = Object.fromEntries(Object.entries(c.setUp).map(([n, t]) => [n, eol === 'CRLF' ? t.replace(/\n/g, '\r\n') : t]));
        const hover = hoverAt(c.file, setUp);
        if (!c.expected) return assert.equal(hover, undefined);
        for (const re of c.expected) assert.match(hover ?? '', re);
      });
    }
  }
});
