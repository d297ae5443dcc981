// Each SASL rule fires on a small set-up and stays silent on a careful one. A set-up is a map of
// file names to text; every file is checked with the others as its instance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze, parseForContext } from '../../server/src/service/analyze';
import type { ResolvedFinding } from '../../server/src/service/findings';
import { detectLanguage } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';

type SetUp = Record<string, string>;

function check(setUp: SetUp): Array<ResolvedFinding & { file: string }> {
  const files = Object.entries(setUp).map(([name, text]) => ({ uri: `file:///etc/${name}`, lang: detectLanguage(name)!, text }));
  const parsed = files.map((f) => parseForContext(f.uri, f.lang, f.text, defaultSettings));
  return files.flatMap((f) => analyze(f.uri, f.lang, f.text, defaultSettings, parsed.filter((p) => p.uri !== f.uri)).findings.map((x) => ({ ...x, file: f.uri.slice(12) })));
}

const codes = (setUp: SetUp) => check(setUp).map((f) => `${f.file}:${f.code}`);
const fixture = (path: string) => readFileSync(`test/fixtures/sasl/${path}`, 'utf8');

const AUTH = 'smtpd_sasl_auth_enable = yes\n';
const TLS = 'smtpd_tls_cert_file = /etc/ssl/mail.pem\nsmtpd_tls_key_file = /etc/ssl/mail.key\nsmtpd_tls_security_level = may\n';
const SAFE = AUTH + TLS + 'smtpd_tls_auth_only = yes\n';
const MASTER_CHROOT = 'smtp inet n - y - - smtpd\n';
const DEBIAN = (extra: string) => `START=yes\nMECHANISMS="pam"\nOPTIONS="-c -m /var/spool/postfix/var/run/saslauthd${extra}"\n`;

interface Case {
  name: string;
  code: string;
  fires: SetUp;
  silent: SetUp;
}

const cases: Case[] = [
  { name: 'anonymous mechanisms allowed', code: 'main.cf:sasl-anonymous-allowed', fires: { 'main.cf': SAFE + 'smtpd_sasl_security_options =\n' }, silent: { 'main.cf': SAFE + 'smtpd_sasl_security_options = noanonymous\n' } },
  { name: 'plaintext before TLS', code: 'main.cf:sasl-plaintext-over-clear', fires: { 'main.cf': AUTH + TLS }, silent: { 'main.cf': SAFE } },
  { name: 'plaintext judged per service with -o overrides', code: 'master.cf:sasl-plaintext-over-clear', fires: { 'main.cf': TLS, 'master.cf': 'submission inet n - n - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n' }, silent: { 'main.cf': TLS, 'master.cf': 'submission inet n - n - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_tls_security_level=encrypt\n' } },
  { name: 'no plaintext offered by the Cyrus mech_list', code: 'main.cf:sasl-plaintext-over-clear', fires: { 'main.cf': AUTH, 'sasl/smtpd.conf': 'pwcheck_method: auxprop\nmech_list: PLAIN CRAM-MD5\n' }, silent: { 'main.cf': AUTH, 'sasl/smtpd.conf': 'pwcheck_method: auxprop\nmech_list: CRAM-MD5 SCRAM-SHA-256\n' } },
  { name: 'TLS-only AUTH without a certificate', code: 'main.cf:sasl-auth-no-certificate', fires: { 'main.cf': AUTH + 'smtpd_tls_auth_only = yes\n' }, silent: { 'main.cf': SAFE } },
  { name: 'chain files count as a certificate', code: 'main.cf:sasl-auth-no-certificate', fires: { 'main.cf': AUTH + 'smtpd_tls_security_level = encrypt\n' }, silent: { 'main.cf': AUTH + 'smtpd_tls_security_level = encrypt\nsmtpd_tls_chain_files = /etc/ssl/k.pem, /etc/ssl/c.pem\n' } },
  { name: 'permit_sasl_authenticated judged before AUTH', code: 'main.cf:sasl-permit-before-auth', fires: { 'main.cf': SAFE + 'smtpd_delay_reject = no\nsmtpd_client_restrictions = permit_sasl_authenticated, reject\n' }, silent: { 'main.cf': SAFE + 'smtpd_client_restrictions = permit_sasl_authenticated, reject\n' } },
  { name: 'client AUTH without password maps', code: 'main.cf:sasl-client-no-password-maps', fires: { 'main.cf': 'smtp_sasl_auth_enable = yes\n' }, silent: { 'main.cf': 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' } },
  { name: 'client: no worthy mechs', code: 'main.cf:sasl-client-no-worthy-mechs', fires: { 'main.cf': 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_tls_security_level = encrypt\n' }, silent: { 'main.cf': 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n' } },
  { name: 'client: passwords without TLS', code: 'main.cf:sasl-client-password-without-tls', fires: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\n' }, silent: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = encrypt\n' } },
  { name: 'client: plugin names in the mechanism filter', code: 'main.cf:sasl-client-filter-plugin-name', fires: { 'main.cf': 'smtp_sasl_mechanism_filter = crammd5, plain\n' }, silent: { 'main.cf': 'smtp_sasl_mechanism_filter = CRAM-MD5, plain\n' } },
  { name: 'sender login maps without a mismatch check', code: 'main.cf:sasl-sender-login-maps-unused', fires: { 'main.cf': SAFE + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\n' }, silent: { 'main.cf': SAFE + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_authenticated_sender_login_mismatch\n' } },
  { name: 'a mismatch check without sender login maps', code: 'main.cf:sasl-login-mismatch-without-maps', fires: { 'main.cf': SAFE + 'smtpd_sender_restrictions = reject_sender_login_mismatch\n' }, silent: { 'main.cf': SAFE + 'smtpd_sender_restrictions = reject_sender_login_mismatch\nsmtpd_sender_login_maps = hash:/etc/postfix/senders\n' } },
  { name: 'broken_sasl_auth_clients', code: 'main.cf:sasl-broken-clients', fires: { 'main.cf': SAFE + 'broken_sasl_auth_clients = yes\n' }, silent: { 'main.cf': SAFE + 'broken_sasl_auth_clients = no\n' } },
  { name: 'realm with saslauthd -r and PAM', code: 'main.cf:sasl-realm-breaks-saslauthd', fires: { 'main.cf': SAFE + 'smtpd_sasl_local_domain = example.org\n', 'default/saslauthd': DEBIAN(' -r') }, silent: { 'main.cf': SAFE + 'smtpd_sasl_local_domain = example.org\n', 'default/saslauthd': DEBIAN('') } },
  { name: 'sasldb realm other than myhostname', code: 'main.cf:sasl-realm-sasldb', fires: { 'main.cf': SAFE + 'myhostname = mail.example.org\nsmtpd_sasl_local_domain = example.org\n', 'sasl/smtpd.conf': 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' }, silent: { 'main.cf': SAFE + 'myhostname = mail.example.org\nsmtpd_sasl_local_domain = $myhostname\n', 'sasl/smtpd.conf': 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' } },
  { name: 'Cyrus: shared-secret mechanisms through saslauthd', code: 'sasl/smtpd.conf:cyrus-mech-needs-secret', fires: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n' }, silent: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd auxprop\nmech_list: PLAIN LOGIN CRAM-MD5\n' } },
  { name: 'Cyrus: CRAM-MD5 with saslauthd works when sasldb holds the secrets', code: 'sasl/smtpd.conf:cyrus-mech-needs-secret', fires: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n' }, silent: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nauxprop_plugin: sasldb\nsasldb_path: /etc/sasldb2\nmech_list: PLAIN LOGIN CRAM-MD5\n' } },
  { name: 'Cyrus: SASL v1 method', code: 'sasl/smtpd.conf:cyrus-sasl-v1-method', fires: { 'sasl/smtpd.conf': 'pwcheck_method: sasldb\n' }, silent: { 'sasl/smtpd.conf': 'pwcheck_method: auxprop\n' } },
  { name: 'Cyrus: saslauthd_path not ending in mux', code: 'sasl/smtpd.conf:cyrus-saslauthd-path-not-mux', fires: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd\n' }, silent: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n' } },
  { name: 'Cyrus: syntax that rejects the file', code: 'sasl/smtpd.conf:cyrus-syntax', fires: { 'sasl/smtpd.conf': 'pwcheck_method : saslauthd\n' }, silent: { 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' } },
  { name: 'Cyrus: first of two lines wins', code: 'sasl/smtpd.conf:cyrus-duplicate-option', fires: { 'sasl/smtpd.conf': 'mech_list: PLAIN\nmech_list: LOGIN\n' }, silent: { 'sasl/smtpd.conf': 'mech_list: PLAIN LOGIN\n' } },
  { name: 'Cyrus: misspelt mechanism', code: 'sasl/smtpd.conf:cyrus-unknown-mechanism', fires: { 'sasl/smtpd.conf': 'mech_list: PLAIN CRAM-MD4\n' }, silent: { 'sasl/smtpd.conf': 'mech_list: PLAIN CRAM-MD5 SCRAM-SHA-256\n' } },
  { name: 'saslauthd: unknown mechanism', code: 'default/saslauthd:saslauthd-unknown-mechanism', fires: { 'default/saslauthd': 'START=yes\nMECHANISMS="pma"\nOPTIONS="-m /var/run/saslauthd"\n' }, silent: { 'default/saslauthd': 'START=yes\nMECHANISMS="pam"\nOPTIONS="-m /var/run/saslauthd"\n' } },
  { name: 'saslauthd: Debian START=no while Cyrus needs it', code: 'default/saslauthd:saslauthd-not-started', fires: { 'default/saslauthd': 'START=no\nMECHANISMS="pam"\nOPTIONS="-m /var/run/saslauthd"\n', 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' }, silent: { 'default/saslauthd': 'MECHANISMS="pam"\nOPTIONS="-m /var/run/saslauthd"\n', 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' } },
  { name: 'saslauthd: START=no is fine when Cyrus uses auxprop', code: 'default/saslauthd:saslauthd-not-started', fires: { 'default/saslauthd': 'START=no\nMECHANISMS="pam"\nOPTIONS="-m /var/run/saslauthd"\n', 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' }, silent: { 'default/saslauthd': 'START=no\nMECHANISMS="pam"\nOPTIONS="-m /var/run/saslauthd"\n', 'sasl/smtpd.conf': 'pwcheck_method: auxprop\n' } },
  { name: 'saslauthd: -m names the socket', code: 'sysconfig/saslauthd:saslauthd-socket-is-mux', fires: { 'sysconfig/saslauthd': 'MECH=pam\nFLAGS="-m /run/saslauthd/mux"\n' }, silent: { 'sysconfig/saslauthd': 'MECH=pam\nFLAGS="-r"\n' } },
  { name: 'saslauthd: socket outside the chroot', code: 'default/saslauthd:saslauthd-socket-outside-chroot', fires: { 'main.cf': SAFE, 'master.cf': MASTER_CHROOT, 'default/saslauthd': 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n' }, silent: { 'main.cf': SAFE, 'master.cf': MASTER_CHROOT, 'default/saslauthd': DEBIAN('') } },
  { name: 'saslauthd: socket not where saslauthd_path points', code: 'default/saslauthd:saslauthd-socket-mismatch', fires: { 'main.cf': SAFE, 'master.cf': 'smtp inet n - n - - smtpd\n', 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n', 'default/saslauthd': DEBIAN('') }, silent: { 'main.cf': SAFE, 'master.cf': MASTER_CHROOT, 'sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n', 'default/saslauthd': DEBIAN('') } },
  { name: 'sasl_passwd: no user:password', code: 'sasl_passwd:sasl-passwd-missing-credentials', fires: { sasl_passwd: '[smtp.example.com]:587 user\n' }, silent: { sasl_passwd: '[smtp.example.com]:587\tuser:secret\n' } },
  { name: 'sasl_passwd: key never looked up', code: 'sasl_passwd:sasl-passwd-key-never-used', fires: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n', sasl_passwd: 'smtp.example.com:587 user:secret\n' }, silent: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n', sasl_passwd: 'smtp.example.com user:secret\n@example.org other:secret\n' } },
  { name: 'sasl_passwd: a bracketed key without the port', code: 'sasl_passwd:sasl-passwd-key-never-used', fires: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n', sasl_passwd: '[smtp.example.com] user:secret\n' }, silent: { 'main.cf': 'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\ntransport_maps = hash:/etc/postfix/transport\n', sasl_passwd: '[smtp.example.com] user:secret\n' } },
];

describe('SASL rules: each fires, and stays silent on the careful variant', () => {
  for (const c of cases) {
    for (const eol of ['\n', '\r\n']) {
      const withEol = (s: SetUp) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.replace(/\n/g, eol)]));
      test(`${c.name} (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
        assert.ok(codes(withEol(c.fires)).includes(c.code), `expected ${c.code} in ${codes(withEol(c.fires)).join(', ')}`);
        assert.ok(!codes(withEol(c.silent)).includes(c.code), `unexpected ${c.code}`);
      });
    }
  }
});

describe('SASL rules on whole set-ups', () => {
  test('a careful submission set-up raises nothing above information', () => {
    const found = check({ 'main.cf': fixture('careful/main.cf'), 'master.cf': fixture('careful/master.cf') });
    assert.deepEqual(found.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.file}:${f.code}`), []);
  });

  test("the guide's quick start raises the plaintext warning", () => {
    const found = check({ 'main.cf': fixture('quickstart/main.cf') });
    const plaintext = found.find((f) => f.code === 'sasl-plaintext-over-clear');
    assert.equal(plaintext?.severity, 'warning');
  });

  test('a loopback-only service gets information, not a warning', () => {
    const found = check({ 'main.cf': TLS, 'master.cf': '127.0.0.1:10587 inet n - n - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n' });
    assert.equal(found.find((f) => f.code === 'sasl-plaintext-over-clear')?.severity, 'information');
  });

  test('services that share a main.cf line get one finding naming them all', () => {
    const found = check({ 'main.cf': AUTH, 'master.cf': 'smtp inet n - n - - smtpd\nsubmission inet n - n - - smtpd\n' }).filter((f) => f.code === 'sasl-plaintext-over-clear');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"smtp" and service "submission"/);
  });

  test('rules about another file stay silent when that file is missing', () => {
    const found = codes({ 'default/saslauthd': 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n' });
    assert.deepEqual(found, []);
  });

  test('quick fixes: noanonymous is appended, the saslauthd_path gets /mux', () => {
    const anon = check({ 'main.cf': SAFE + 'smtpd_sasl_security_options = noplaintext\n' }).find((f) => f.code === 'sasl-anonymous-allowed');
    assert.equal(anon?.fix?.kind === 'replace' && anon.fix.text, ', noanonymous');
    const mux = check({ 'sasl/smtpd.conf': 'saslauthd_path: /run/saslauthd\n' }).find((f) => f.code === 'cyrus-saslauthd-path-not-mux');
    assert.equal(mux?.fix?.kind === 'replace' && mux.fix.text, '/run/saslauthd/mux');
  });
});
