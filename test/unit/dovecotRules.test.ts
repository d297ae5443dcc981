// Each Dovecot rule fires on a small Postfix + Dovecot set-up and stays silent on a careful one.
// A set-up maps paths under /etc to text; every file is checked with the others as its instance.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { locateForCli } from '../../server/src/cli/locateForCli';
import { analyze, parseForContext } from '../../server/src/service/analyze';
import { dovecotAuthFacts } from '../../server/src/service/dovecot/config';
import type { ResolvedFinding } from '../../server/src/service/findings';
import { instanceFromFiles } from '../../server/src/service/instance/locate';
import { detectLanguage } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { corpusDir, corpusSkip } from '../helpers/corpus';

type SetUp = Record<string, string>;

function check(setUp: SetUp): Array<ResolvedFinding & { file: string; text: string }> {
  const files = Object.entries(setUp).map(([name, text]) => ({ uri: `file:///etc/${name}`, lang: detectLanguage(`/etc/${name}`)!, text }));
  const parsed = files.map((f) => parseForContext(f.uri, f.lang, f.text, defaultSettings));
  return files.flatMap((f) => analyze(f.uri, f.lang, f.text, defaultSettings, parsed).findings.map((x) => ({ ...x, file: f.uri.slice(12), text: f.text })));
}
const codes = (setUp: SetUp) => check(setUp).filter((f) => f.code.startsWith('dovecot-')).map((f) => `${f.file}:${f.code}`);
/** The text a finding's span covers. */
const spanned = (f: { span: { start: number; end: number }; text: string }) => f.text.slice(f.span.start, f.span.end);

const MAIN = 'smtpd_tls_chain_files = /etc/ssl/k.pem, /etc/ssl/c.pem\nsmtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\nsmtpd_sasl_auth_enable = yes\nsmtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\nsmtpd_sasl_security_options = noanonymous\n';
const CONF = 'protocols = none\n!include conf.d/*.conf\n';
const AUTH = (extra = '') => `auth_mechanisms = plain login\n${extra}passdb {\n  driver = passwd-file\n  args = scheme=SHA512-CRYPT /etc/dovecot/users\n}\n`;
const LISTENER = (path = '/var/spool/postfix/private/auth', body = '    mode = 0660\n    user = postfix\n    group = postfix\n') => `service auth {\n  unix_listener ${path} {\n${body}  }\n}\n`;
const pair = (over: Partial<Record<'main' | 'master' | 'auth' | 'master10', string>> = {}): SetUp => ({
  'postfix/main.cf': over.main ?? MAIN,
  ...(over.master ? { 'postfix/master.cf': over.master } : {}),
  'dovecot/dovecot.conf': CONF,
  'dovecot/conf.d/10-auth.conf': over.auth ?? AUTH(),
  'dovecot/conf.d/10-master.conf': over.master10 ?? LISTENER(),
});

interface Case {
  name: string;
  code: string;
  fires: SetUp;
  silent: SetUp;
  /** The text the finding's span covers, in the firing set-up. */
  on?: string;
}

const cases: Case[] = [
  { name: 'socket path does not match the unix_listener', code: 'postfix/main.cf:dovecot-socket-mismatch', on: 'private/auth', fires: pair({ master10: LISTENER('/var/spool/postfix/private/dovecot-auth') }), silent: pair() },
  { name: 'a chrooted smtpd looks for an absolute path inside the queue directory', code: 'postfix/main.cf:dovecot-socket-mismatch', on: '/run/dovecot/auth-client', fires: pair({ main: MAIN.replace('private/auth', '/run/dovecot/auth-client'), master: 'smtp inet n - y - - smtpd\n', master10: LISTENER('auth-client') }), silent: pair({ main: MAIN.replace('private/auth', '/run/dovecot/auth-client'), master: 'smtp inet n - n - - smtpd\n', master10: LISTENER('auth-client') }) },
  { name: 'queue_directory moves the socket', code: 'postfix/main.cf:dovecot-socket-mismatch', fires: pair({ main: MAIN + 'queue_directory = /srv/postfix\n' }), silent: pair({ main: MAIN + 'queue_directory = /srv/postfix\n', master10: LISTENER('/srv/postfix/private/auth') }) },
  { name: 'a mode that locks postfix out', code: 'dovecot/conf.d/10-master.conf:dovecot-socket-permissions', on: '0600', fires: pair({ master10: LISTENER(undefined, '    mode = 0600\n    user = dovecot\n    group = postfix\n') }), silent: pair({ master10: LISTENER(undefined, '    mode = 0660\n    user = dovecot\n    group = postfix\n') }) },
  { name: 'no mode at all: 0600 owned by root', code: 'dovecot/conf.d/10-master.conf:dovecot-socket-permissions', on: 'unix_listener', fires: pair({ master10: LISTENER(undefined, '') }), silent: pair({ master10: LISTENER(undefined, '    mode = 0666\n') }) },
  { name: 'inet:HOST:PORT without an inet_listener on that port', code: 'postfix/main.cf:dovecot-inet-mismatch', on: 'inet:127.0.0.1:12345', fires: pair({ main: MAIN.replace('private/auth', 'inet:127.0.0.1:12345'), master10: 'service auth {\n  inet_listener {\n    port = 12346\n  }\n}\n' }), silent: pair({ main: MAIN.replace('private/auth', 'inet:127.0.0.1:12345'), master10: 'service auth {\n  inet_listener {\n    port = 12345\n  }\n}\n' }) },
  { name: 'noplaintext leaves nothing of plain login', code: 'postfix/main.cf:dovecot-no-mechanism-left', on: 'noanonymous, noplaintext', fires: pair({ main: MAIN.replace('noanonymous', 'noanonymous, noplaintext') }), silent: pair({ main: MAIN.replace('noanonymous', 'noanonymous, noplaintext'), auth: AUTH().replace('plain login', 'plain login scram-sha-256').replace('scheme=SHA512-CRYPT', 'scheme=PLAIN') }) },
  { name: 'the TLS options decide on a TLS-only service', code: 'postfix/master.cf:dovecot-no-mechanism-left', on: 'noplaintext', fires: pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), master: 'submission inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n  -o smtpd_sasl_tls_security_options=noplaintext\n' }), silent: pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), master: 'submission inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n  -o smtpd_sasl_security_options=noplaintext\n' }) },
  { name: 'CRAM-MD5 over crypt hashes', code: 'dovecot/conf.d/10-auth.conf:dovecot-mechanism-needs-plain-password', on: 'cram-md5', fires: pair({ auth: AUTH().replace('plain login', 'plain login cram-md5') }), silent: pair({ auth: AUTH().replace('plain login', 'plain login cram-md5').replace('SHA512-CRYPT', 'PLAIN') }) },
  { name: 'SCRAM with PAM', code: 'dovecot/conf.d/10-auth.conf:dovecot-mechanism-needs-plain-password', fires: pair({ auth: 'auth_mechanisms = plain scram-sha-256\npassdb {\n  driver = pam\n}\n' }), silent: pair({ auth: 'auth_mechanisms = plain login\npassdb {\n  driver = pam\n}\n' }) },
  { name: 'a passwd-file without a scheme may hold {PLAIN} entries: no verdict', code: 'dovecot/conf.d/10-auth.conf:dovecot-mechanism-needs-plain-password', fires: pair({ auth: AUTH().replace('plain login', 'plain cram-md5') }), silent: pair({ auth: AUTH().replace('plain login', 'plain cram-md5').replace('scheme=SHA512-CRYPT ', '') }) },
  { name: 'cleartext allowed while a service offers AUTH before TLS', code: 'dovecot/conf.d/10-auth.conf:dovecot-cleartext-allowed', on: 'no', fires: pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), auth: AUTH('disable_plaintext_auth = no\n') }), silent: pair({ auth: AUTH('disable_plaintext_auth = no\n') }) },
  { name: 'cleartext (2.4 name)', code: 'dovecot/conf.d/10-auth.conf:dovecot-cleartext-allowed', on: 'yes', fires: pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), auth: AUTH('auth_allow_cleartext = yes\n').replace(/passdb[^]*/, '') }), silent: pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), auth: AUTH('auth_allow_cleartext = no\n').replace(/passdb[^]*/, '') }) },
  { name: 'smtpd_sasl_local_domain does not reach Dovecot', code: 'postfix/main.cf:dovecot-local-domain-ignored', on: 'smtpd_sasl_local_domain', fires: pair({ main: MAIN + 'smtpd_sasl_local_domain = example.org\n' }), silent: pair({ main: MAIN + 'smtpd_sasl_local_domain = example.org\n', auth: AUTH('auth_default_realm = example.org\n') }) },
  { name: 'unknown mechanism', code: 'dovecot/conf.d/10-auth.conf:dovecot-unknown-mechanism', on: 'cram-md4', fires: pair({ auth: AUTH().replace('plain login', 'plain cram-md4') }), silent: pair() },
  { name: '2.3 and 2.4 names in one file', code: 'dovecot/conf.d/10-auth.conf:dovecot-mixed-versions', on: 'disable_plaintext_auth', fires: pair({ auth: 'auth_allow_cleartext = no\ndisable_plaintext_auth = yes\n' }), silent: pair({ auth: 'auth_allow_cleartext = no\n' }) },
  { name: 'a syntax error', code: 'dovecot/conf.d/10-auth.conf:dovecot-syntax', on: 'auth_mechanisms plain', fires: pair({ auth: 'auth_mechanisms plain\n' }), silent: pair({ auth: 'auth_mechanisms = plain\n' }) },
];

describe('Dovecot rules: firing and silent', () => {
  for (const c of cases) {
    test(c.name, () => {
      const fired = check(c.fires).filter((f) => `${f.file}:${f.code}` === c.code);
      assert.ok(fired.length > 0, `expected ${c.code}, got ${codes(c.fires).join(', ') || 'nothing'}`);
      if (c.on) assert.equal(spanned(fired[0]), c.on);
      assert.deepEqual(codes(c.silent).filter((x) => x === c.code), [], `silent set-up: ${codes(c.silent).join(', ')}`);
    });
  }

  test('the careful pair is clean, in every file', () => assert.deepEqual(codes(pair()), []));

  test('without a Dovecot configuration nothing fires', () => assert.deepEqual(codes({ 'postfix/main.cf': MAIN + 'smtpd_sasl_local_domain = example.org\n' }), []));
});

describe('Dovecot quick fixes', () => {
  const fixOf = (setUp: SetUp, code: string) => check(setUp).find((f) => f.code === code)?.fix;
  test('socket: connect to the one listener under the queue directory', () => {
    assert.deepEqual(fixOf(pair({ master10: LISTENER('/var/spool/postfix/private/dovecot-auth') }), 'dovecot-socket-mismatch')?.kind === 'replace' && (fixOf(pair({ master10: LISTENER('/var/spool/postfix/private/dovecot-auth') }), 'dovecot-socket-mismatch') as { text: string }).text, 'private/dovecot-auth');
  });
  test('permissions: mode 0660 when user or group is postfix', () => {
    const fix = fixOf(pair({ master10: LISTENER(undefined, '    mode = 0600\n    group = postfix\n') }), 'dovecot-socket-permissions');
    assert.equal(fix?.kind === 'replace' && fix.text, '0660');
  });
  test('CRAM-MD5 over crypt: offer only the rest', () => {
    const fix = fixOf(pair({ auth: AUTH().replace('plain login', 'plain login cram-md5') }), 'dovecot-mechanism-needs-plain-password');
    assert.equal(fix?.kind === 'replace' && fix.text, 'plain login');
  });
  test('cleartext: flip the switch', () => {
    const fix = fixOf(pair({ main: MAIN.replace('smtpd_tls_auth_only = yes\n', ''), auth: AUTH('disable_plaintext_auth = no\n') }), 'dovecot-cleartext-allowed');
    assert.equal(fix?.kind === 'replace' && fix.text, 'yes');
  });
  test('renamed setting: the 2.4 words for the 2.3 line', () => {
    const fix = fixOf(pair({ auth: 'dovecot_config_version = 2.4.0\nauth_allow_cleartext = no\ndisable_plaintext_auth = no\nssl_cert = </etc/ssl/c.pem\n' }), 'dovecot-renamed-setting');
    assert.equal(fix?.kind === 'replace' && fix.text, 'auth_allow_cleartext = yes');
  });
  test('unknown mechanism: the closest name', () => {
    const fix = fixOf(pair({ auth: AUTH().replace('plain login', 'plain cram-md4') }), 'dovecot-unknown-mechanism');
    assert.equal(fix?.kind === 'replace' && fix.text, 'cram-md5');
  });
});

describe('Dovecot facts and file grouping', () => {
  test('dovecotAuthFacts sums up the Dovecot side for the SASL rules', () => {
    const s = pair();
    const files = Object.entries(s).map(([n, t]) => parseForContext(`file:///etc/${n}`, detectLanguage(`/etc/${n}`)!, t, defaultSettings));
    assert.deepEqual(dovecotAuthFacts(instanceFromFiles(files).dovecot), {
      mechanisms: ['PLAIN', 'LOGIN'],
      allowsCleartext: false,
      listeners: [{ kind: 'unix', path: '/var/spool/postfix/private/auth', port: undefined, mode: '0660', user: 'postfix', group: 'postfix' }],
      passdbs: [{ driver: 'passwd-file', scheme: 'SHA512-CRYPT' }],
    });
    assert.equal(dovecotAuthFacts(instanceFromFiles(files.filter((f) => f.languageId !== 'dovecot')).dovecot), undefined);
  });

  test('the CLI checks postfix/ and dovecot/ (with conf.d/) given together as one instance', () => {
    const layouts = locateForCli(['test/fixtures/dovecot/pair/postfix', 'test/fixtures/dovecot/pair/dovecot'], defaultSettings);
    assert.equal(layouts.length, 1);
    assert.deepEqual(layouts[0].members.map((m) => m.path.split('/pair/')[1]).sort(), ['dovecot/conf.d/10-auth.conf', 'dovecot/conf.d/10-master.conf', 'dovecot/conf.d/10-ssl.conf', 'dovecot/conf.d/auth-passwdfile.conf.ext', 'dovecot/dovecot.conf', 'postfix/main.cf', 'postfix/master.cf']);
  });

  test('the fixture pair, read from disk, is clean', () => {
    const [layout] = locateForCli(['test/fixtures/dovecot/pair'], defaultSettings);
    const parsed = layout.members.map((m) => parseForContext(`file://${m.path}`, m.languageId!, readFileSync(m.path, 'utf8'), defaultSettings));
    const found = parsed.flatMap((p) => analyze(p.uri, p.languageId, p.text, defaultSettings, parsed).findings.map((x) => `${p.uri.split('/pair/')[1]}:${x.code}`));
    assert.deepEqual(found.filter((c) => c.includes('dovecot')), []);
  });
});

describe('real configurations', () => {
  test("Debian's stock /etc/dovecot checks clean", { skip: statSync('/etc/dovecot/conf.d', { throwIfNoEntry: false }) ? false : 'dovecot-core is not installed' }, () => {
    const [layout] = locateForCli(['/etc/dovecot/dovecot.conf'], defaultSettings);
    const parsed = layout.members.map((m) => parseForContext(`file://${m.path}`, m.languageId!, readFileSync(m.path, 'utf8'), defaultSettings));
    const found = parsed.flatMap((p) => analyze(p.uri, p.languageId, p.text, defaultSettings, parsed).findings.map((x) => `${p.uri}:${x.code}`));
    assert.deepEqual(found, []);
  });

  test('the Dovecot-backed set-ups of the corpus raise no Dovecot finding', { skip: corpusSkip }, () => {
    const dirs = ['docker-mailserver-docker-mailserver', 'mailcow-mailcow-dockerized', 'iredmail-iredmail', 'modoboa-modoboa-installer'].map((d) => join(corpusDir!, d));
    for (const dir of dirs) {
      for (const layout of locateForCli([dir], defaultSettings)) {
        const parsed = layout.members.filter((m) => m.languageId).map((m) => parseForContext(`file://${m.path}`, m.languageId!, readFileSync(m.path, 'utf8'), defaultSettings));
        const found = parsed.flatMap((p) => analyze(p.uri, p.languageId, p.text, defaultSettings, parsed).findings.filter((x) => x.code.startsWith('dovecot-')).map((x) => `${p.uri}:${x.code}`));
        assert.deepEqual(found, [], dir);
      }
    }
    assert.ok(readdirSync(corpusDir!).length > 0);
  });
});
