// Every rule of the table, firing and silent. For each code: a set-up (paths under /etc and their
// text) where the rule fires on the line marked with `|`, and a near-identical one, differing only in
// the files `silent` replaces, where it does not fire at all. The table is keyed by RuleCode, so a new
// rule without cases does not type-check, and the first test below fails too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkParsed, parseText } from '../../server/src/service/analyze';
import type { DiskFacts } from '../../server/src/service/documents';
import { detectLanguage } from '../../server/src/service/languages';
import { rules, type RuleCode } from '../../server/src/service/rules';
import { defaultSettings, type Settings } from '../../server/src/service/settings';
import { bothEols, withCursor } from '../helpers/cursor';

/** A file's text, or its text with what the front end learnt from the disk. */
type Content = string | { text: string; disk: Omit<DiskFacts, 'path'> };
type SetUp = Record<string, Content>;

interface Case {
  /** Exactly one `|` in one file: the rule fires on that line. */
  fires: SetUp;
  /** The one file that replaces (or, as null, removes) one of `fires` in the set-up where the rule is silent. */
  silent: Record<string, Content | null>;
  settings?: Partial<Settings>;
}

const AUTH = 'smtpd_sasl_auth_enable = yes\n';
const TLS = 'smtpd_tls_chain_files = /etc/ssl/mail.key, /etc/ssl/mail.pem\nsmtpd_tls_security_level = may\n';
const SAFE = AUTH + TLS + 'smtpd_tls_auth_only = yes\n';
const CLIENT = 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n';
/** A smarthost login with sasl-xoauth2 (the filter left to each case). */
const OAUTH = CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_security_options = noanonymous\n';
/** The client rules speak of the line that turns AUTH on. */
const CLIENT_MARKED = CLIENT.replace('smtp_sasl_auth_enable', '|smtp_sasl_auth_enable');
const SMTPD = 'submission inet n - y - - smtpd\n';
const DEBIAN = (options: string) => `START=yes\nMECHANISMS="pam"\nOPTIONS="${options}"\n`;
const REDHAT = (flags: string) => `SOCKETDIR=/run/saslauthd\nMECH=pam\nFLAGS="${flags}"\n`;
const DOVECOT_MAIN = SAFE + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\nsmtpd_sasl_security_options = noanonymous\n';
const PASSDB = 'passdb {\n  driver = passwd-file\n  args = scheme=SHA512-CRYPT /etc/dovecot/users\n}\n';
const LISTENER = (inner: string) => `service auth {\n${inner}}\n`;
const UNIX_LISTENER = (path: string, mode = '0660') => LISTENER(`  unix_listener ${path} {\n    mode = ${mode}\n    user = postfix\n    group = postfix\n  }\n`);
/** Postfix with Dovecot SASL: main.cf, dovecot.conf with its conf.d, and what a case changes. */
const dovecot = (over: { main?: string; auth?: string; master?: string } = {}): SetUp => ({
  'postfix/main.cf': over.main ?? DOVECOT_MAIN,
  'dovecot/dovecot.conf': 'protocols = none\n!include conf.d/*.conf\n',
  'dovecot/conf.d/10-auth.conf': over.auth ?? 'auth_mechanisms = plain login\n' + PASSDB,
  'dovecot/conf.d/10-master.conf': over.master ?? UNIX_LISTENER('/var/spool/postfix/private/auth'),
});
const PASSWD_MAIN = 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n';
const disk = (mode: number, compiledMtime: number) => ({ mode, mtimeMs: 2000, compiled: [{ path: '/etc/postfix/sasl_passwd.db', mtimeMs: compiledMtime }] });

const cases: { [C in RuleCode]: Case } = {
  // main.cf syntax
  'missing-equals': { fires: { 'postfix/main.cf': '|myhostname mail.example.org\n' }, silent: { 'postfix/main.cf': 'myhostname = mail.example.org\n' } },
  'orphan-continuation': { fires: { 'postfix/main.cf': '|  mail.example.org\nmyhostname = x\n' }, silent: { 'postfix/main.cf': 'myhostname =\n  mail.example.org\n' } },
  'invalid-name': { fires: { 'postfix/main.cf': '|smtpd@banner = $myhostname ESMTP\n' }, silent: { 'postfix/main.cf': 'smtpd_banner = $myhostname ESMTP\n' } },
  'inline-comment': { fires: { 'postfix/main.cf': 'smtpd_tls_security_level = may |# opportunistic\n' }, silent: { 'postfix/main.cf': '# opportunistic\nsmtpd_tls_security_level = may\n' } },
  'ignore-unknown-code': { fires: { 'postfix/main.cf': '# postfix-sasl: ignore |unknown-paramter\nsmtpd_sasl_auth_enabel = yes\n' }, silent: { 'postfix/main.cf': '# postfix-sasl: ignore unknown-parameter\nsmtpd_sasl_auth_enabel = yes\n' } },
  'bad-reference': { fires: { 'postfix/main.cf': 'myorigin = |${mydomain\n' }, silent: { 'postfix/main.cf': 'myorigin = ${mydomain}\n' } },
  // Names
  'unknown-parameter': { fires: { 'postfix/main.cf': '|smtpd_sasl_auth_enabel = yes\n' }, silent: { 'postfix/main.cf': 'smtpd_sasl_auth_enable = yes\n' } },
  'unknown-service-parameter': { fires: { 'postfix/master.cf': 'relay unix - - n - - smtp\n  -o |polite_destination_concurrency_limit=3\n' }, silent: { 'postfix/master.cf': 'polite unix - - n - - smtp\n  -o polite_destination_concurrency_limit=3\n' } },
  'service-parameter-unchecked': { fires: { 'postfix/main.cf': '|relay_destination_recipient_limit = 1\n' }, silent: { 'postfix/master.cf': 'relay unix - - n - - smtp\n' } },
  'parameter-newer-than-target': { fires: { 'postfix/main.cf': '|smtp_sasl_password_result_delimiter = :\n' }, silent: { 'postfix/main.cf': 'smtp_sasl_auth_enable = no\n' }, settings: { postfixVersion: '3.8' } },
  'deprecated-parameter': { fires: { 'postfix/main.cf': '|smtpd_use_tls = yes\n' }, silent: { 'postfix/main.cf': 'smtpd_tls_security_level = may\n' } },
  'read-only-parameter': { fires: { 'postfix/main.cf': '|process_name = relay\n' }, silent: { 'postfix/main.cf': 'syslog_name = relay\n' } },
  'duplicate-parameter': { fires: { 'postfix/main.cf': '|relayhost = [a.example.com]\nrelayhost = [b.example.com]\n' }, silent: { 'postfix/main.cf': 'relayhost = [b.example.com]\n' } },
  'undefined-reference': { fires: { 'postfix/main.cf': 'myorigin = |$mydomian\n' }, silent: { 'postfix/main.cf': 'myorigin = $mydomain\n' } },
  // Values
  'invalid-boolean': { fires: { 'postfix/main.cf': 'biff = |maybe\n' }, silent: { 'postfix/main.cf': 'biff = no\n' } },
  'invalid-integer': { fires: { 'postfix/main.cf': 'smtpd_soft_error_limit = |ten\n' }, silent: { 'postfix/main.cf': 'smtpd_soft_error_limit = 10\n' } },
  'invalid-time': { fires: { 'postfix/main.cf': 'maximal_queue_lifetime = |5 days\n' }, silent: { 'postfix/main.cf': 'maximal_queue_lifetime = 5d\n' } },
  'invalid-size': { fires: { 'postfix/main.cf': 'message_size_limit = |10M\n' }, silent: { 'postfix/main.cf': 'message_size_limit = 10485760\n' } },
  'invalid-enum': { fires: { 'postfix/main.cf': 'smtp_tls_security_level = |required\n' }, silent: { 'postfix/main.cf': 'smtp_tls_security_level = encrypt\n' } },
  'unknown-option-word': { fires: { 'postfix/main.cf': 'smtpd_sasl_security_options = noanonymous, |noplain\n' }, silent: { 'postfix/main.cf': 'smtpd_sasl_security_options = noanonymous, noplaintext\n' } },
  'unknown-restriction': { fires: { 'postfix/main.cf': 'smtpd_relay_restrictions = permit_mynetworks, |reject_unauth_destinaton\n' }, silent: { 'postfix/main.cf': 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n' } },
  'deprecated-restriction': { fires: { 'postfix/main.cf': 'smtpd_client_restrictions = |reject_unknown_client\n' }, silent: { 'postfix/main.cf': 'smtpd_client_restrictions = reject_unknown_client_hostname\n' } },
  'restriction-missing-argument': { fires: { 'postfix/main.cf': 'smtpd_client_restrictions = |check_client_access\n' }, silent: { 'postfix/main.cf': 'smtpd_client_restrictions = check_client_access hash:/etc/postfix/access\n' } },
  'unknown-map-type': { fires: { 'postfix/main.cf': 'alias_maps = |hsh:/etc/aliases\n' }, silent: { 'postfix/main.cf': 'alias_maps = hash:/etc/aliases\n' } },
  'relay-restrictions-unsafe': { fires: { 'postfix/main.cf': '|smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, check_recipient_access hash:/etc/postfix/ok\n' }, silent: { 'postfix/main.cf': 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, check_recipient_access hash:/etc/postfix/ok, reject_unauth_destination\n' } },
  'open-relay': { fires: { 'postfix/main.cf': 'smtpd_restriction_classes = everyone\neveryone = |permit\nsmtpd_relay_restrictions = everyone, reject_unauth_destination\n' }, silent: { 'postfix/main.cf': 'smtpd_restriction_classes = everyone\neveryone = permit\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n' } },
  'mynetworks-covers-world': { fires: { 'postfix/main.cf': 'mynetworks = 127.0.0.0/8, |0.0.0.0/0\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n' }, silent: { 'postfix/main.cf': 'mynetworks = 127.0.0.0/8, 192.0.2.0/24\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n' } },
  'sasl-users-rejected': { fires: { 'postfix/main.cf': SAFE + 'smtpd_relay_restrictions = permit_mynetworks, |reject_unauth_destination, permit_sasl_authenticated\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' } },
  'sasl-users-may-be-rejected': { fires: { 'postfix/main.cf': SAFE + 'smtpd_recipient_restrictions = |reject_rbl_client zen.spamhaus.org, permit_sasl_authenticated, reject_unauth_destination\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_recipient_restrictions = permit_sasl_authenticated, reject_rbl_client zen.spamhaus.org, reject_unauth_destination\n' } },
  'sasl-login-check-skipped': { fires: { 'postfix/main.cf': SAFE + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = permit_sasl_authenticated, |reject_sender_login_mismatch\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_sender_login_mismatch, permit_sasl_authenticated\n' } },
  // Cyrus SASL application file
  'cyrus-syntax': { fires: { 'postfix/sasl/smtpd.conf': '|pwcheck_method : saslauthd\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' } },
  'cyrus-unknown-option': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\n|log_levl: 3\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\nlog_level: 3\n' } },
  'cyrus-duplicate-option': { fires: { 'postfix/sasl/smtpd.conf': 'mech_list: PLAIN\n|mech_list: LOGIN\n' }, silent: { 'postfix/sasl/smtpd.conf': 'mech_list: PLAIN LOGIN\n' } },
  'cyrus-unknown-pwcheck-method': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: |saslauth\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' } },
  'cyrus-sasl-v1-method': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: |sasldb\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\n' } },
  'cyrus-pwcheck-alwaystrue': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: |alwaystrue\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\n' } },
  'cyrus-unknown-mechanism': { fires: { 'postfix/sasl/smtpd.conf': 'mech_list: PLAIN |CRAM-MD4\n' }, silent: { 'postfix/sasl/smtpd.conf': 'mech_list: PLAIN CRAM-MD5\n' } },
  'cyrus-mech-needs-secret': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN |CRAM-MD5\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n' } },
  'cyrus-saslauthd-path-not-mux': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: |/var/run/saslauthd\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n' } },
  // "sql" is the plugin; mysql is one of its engines (sql_engine).
  'cyrus-unknown-auxprop-plugin': { fires: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\nauxprop_plugin: |mysql\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\nauxprop_plugin: sql\n' } },
  // saslauthd settings
  'saslauthd-syntax': { fires: { 'sysconfig/saslauthd': 'MECH=pam\n|FLAGS=-c -r\n' }, silent: { 'sysconfig/saslauthd': 'MECH=pam\nFLAGS="-c -r"\n' } },
  'saslauthd-unknown-variable': { fires: { 'sysconfig/saslauthd': 'MECH=pam\n|FLAG="-r"\n' }, silent: { 'sysconfig/saslauthd': 'MECH=pam\nFLAGS="-r"\n' } },
  'saslauthd-unknown-mechanism': { fires: { 'sysconfig/saslauthd': 'MECH=|pma\n' }, silent: { 'sysconfig/saslauthd': 'MECH=PAM\n' } },
  'saslauthd-mechanism-twice': { fires: { 'default/saslauthd': DEBIAN('|-a shadow -m /var/run/saslauthd') }, silent: { 'default/saslauthd': DEBIAN('-m /var/run/saslauthd') } },
  'saslauthd-several-mechanisms': { fires: { 'sysconfig/saslauthd': 'MECH=|"pam shadow"\n' }, silent: { 'sysconfig/saslauthd': 'MECH="pam"\n' } },
  'saslauthd-unknown-flag': { fires: { 'sysconfig/saslauthd': REDHAT('-r |-z') }, silent: { 'sysconfig/saslauthd': REDHAT('-r') } },
  'saslauthd-debug-flag': { fires: { 'sysconfig/saslauthd': REDHAT('-r |-d') }, silent: { 'sysconfig/saslauthd': REDHAT('-r') } },
  'saslauthd-not-started': { fires: { 'default/saslauthd': 'START=|no\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n', 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\n' }, silent: { 'default/saslauthd': DEBIAN('-c -m /var/run/saslauthd') } },
  'saslauthd-missing-socket-dir': { fires: { 'default/saslauthd': 'START=yes\nMECHANISMS="pam"\n|OPTIONS="-c"\n' }, silent: { 'default/saslauthd': DEBIAN('-c -m /var/run/saslauthd') } },
  'saslauthd-socket-is-mux': { fires: { 'sysconfig/saslauthd': REDHAT('-m |/run/saslauthd/mux') }, silent: { 'sysconfig/saslauthd': REDHAT('-m /run/saslauthd') } },
  'saslauthd-socket-outside-chroot': { fires: { 'postfix/main.cf': SAFE, 'postfix/master.cf': SMTPD, 'default/saslauthd': DEBIAN('-c -m |/var/run/saslauthd') }, silent: { 'default/saslauthd': DEBIAN('-c -m /var/spool/postfix/var/run/saslauthd') } },
  'saslauthd-socket-mismatch': { fires: { 'postfix/main.cf': SAFE, 'postfix/master.cf': 'submission inet n - n - - smtpd\n', 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n', 'default/saslauthd': DEBIAN('-c -m |/var/spool/postfix/var/run/saslauthd') }, silent: { 'postfix/master.cf': SMTPD } },
  // sasl_passwd
  'sasl-passwd-syntax': { fires: { 'postfix/sasl_passwd': '|  user:secret\n[smtp.example.com]:587 user:secret\n' }, silent: { 'postfix/sasl_passwd': '[smtp.example.com]:587\n  user:secret\n' } },
  'sasl-passwd-missing-credentials': { fires: { 'postfix/sasl_passwd': '[smtp.example.com]:587 |user\n' }, silent: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user:secret\n' } },
  'sasl-passwd-duplicate-key': { fires: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user:secret\n|[SMTP.example.com]:587 other:secret\n' }, silent: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user:secret\n[smtp.example.org]:587 other:secret\n' } },
  'sasl-passwd-readable': { fires: { 'postfix/main.cf': PASSWD_MAIN, 'postfix/sasl_passwd': { text: '|[smtp.example.com]:587 user:secret\n', disk: disk(0o644, 3000) } }, silent: { 'postfix/sasl_passwd': { text: '[smtp.example.com]:587 user:secret\n', disk: disk(0o600, 3000) } } },
  'sasl-passwd-map-stale': { fires: { 'postfix/main.cf': PASSWD_MAIN, 'postfix/sasl_passwd': { text: '|[smtp.example.com]:587 user:secret\n', disk: disk(0o600, 1000) } }, silent: { 'postfix/sasl_passwd': { text: '[smtp.example.com]:587 user:secret\n', disk: disk(0o600, 3000) } } },
  'sasl-passwd-key-never-used': { fires: { 'postfix/main.cf': CLIENT, 'postfix/sasl_passwd': '|smtp.example.com:587 user:secret\n' }, silent: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user:secret\n' } },
  'sasl-passwd-sender-key-ignored': { fires: { 'postfix/main.cf': CLIENT, 'postfix/sasl_passwd': '[smtp.example.com]:587 relay:secret\n|alice@example.com alice:secret\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_sender_dependent_authentication = yes\n' } },
  'sasl-passwd-comment-in-password': { fires: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user:secret |# the relay account\n' }, silent: { 'postfix/sasl_passwd': '# the relay account\n[smtp.example.com]:587 user:secret\n' } },
  // SASL security and consistency across files
  'sasl-anonymous-allowed': { fires: { 'postfix/main.cf': SAFE + '|smtpd_sasl_security_options = noplaintext\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sasl_security_options = noplaintext, noanonymous\n' } },
  'sasl-plaintext-over-clear': { fires: { 'postfix/main.cf': '|' + AUTH + 'smtpd_tls_security_level = may\n' }, silent: { 'postfix/main.cf': AUTH + 'smtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\n' } },
  'sasl-auth-no-certificate': { fires: { 'postfix/main.cf': AUTH + 'smtpd_tls_security_level = may\n|smtpd_tls_auth_only = yes\n' }, silent: { 'postfix/main.cf': AUTH + 'smtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\nsmtpd_tls_chain_files = /etc/ssl/mail.key, /etc/ssl/mail.pem\n' } },
  'sasl-permit-before-auth': { fires: { 'postfix/main.cf': SAFE + 'smtpd_delay_reject = no\nsmtpd_client_restrictions = |permit_sasl_authenticated, reject\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_delay_reject = yes\nsmtpd_client_restrictions = permit_sasl_authenticated, reject\n' } },
  'sasl-client-no-password-maps': { fires: { 'postfix/main.cf': '|smtp_sasl_auth_enable = yes\n' }, silent: { 'postfix/main.cf': 'smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' } },
  'sasl-client-no-worthy-mechs': { fires: { 'postfix/main.cf': CLIENT_MARKED + 'smtp_tls_security_level = encrypt\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n' } },
  'sasl-client-password-without-tls': { fires: { 'postfix/main.cf': CLIENT_MARKED + 'smtp_sasl_security_options = noanonymous\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = encrypt\n' } },
  'oauth-filter-missing': { fires: { 'postfix/main.cf': OAUTH, 'postfix/sasl_passwd': '[smtp.example.com]:587 user@example.com:|/etc/tokens/user\n' }, silent: { 'postfix/main.cf': OAUTH + 'smtp_sasl_mechanism_filter = xoauth2\n' } },
  'oauth-security-excludes-xoauth2': { fires: { 'postfix/main.cf': OAUTH + 'smtp_sasl_mechanism_filter = xoauth2\n|smtp_sasl_tls_security_options = noanonymous, mutual_auth\n' }, silent: { 'postfix/main.cf': OAUTH + 'smtp_sasl_mechanism_filter = xoauth2\nsmtp_sasl_tls_security_options = noanonymous, noplaintext\n' } },
  'oauth-password-not-token-file': { fires: { 'postfix/main.cf': OAUTH + 'smtp_sasl_mechanism_filter = xoauth2\n', 'postfix/sasl_passwd': '[smtp.example.com]:587 user@example.com:|secret\n' }, silent: { 'postfix/sasl_passwd': '[smtp.example.com]:587 user@example.com:/etc/tokens/user\n' } },
  'sasl-client-wrappermode-missing': { fires: { 'postfix/main.cf': 'relayhost = |[smtp.example.com]:465\nsmtp_tls_security_level = encrypt\n' }, silent: { 'postfix/main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_security_level = encrypt\nsmtp_tls_wrappermode = yes\n' } },
  'sasl-client-wrappermode-needs-encrypt': { fires: { 'postfix/main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_security_level = may\n|smtp_tls_wrappermode = yes\n' }, silent: { 'postfix/main.cf': 'relayhost = [smtp.example.com]:465\nsmtp_tls_security_level = encrypt\nsmtp_tls_wrappermode = yes\n' } },
  'sasl-client-password-map-db-suffix': { fires: { 'postfix/main.cf': CLIENT.replace('hash:/etc/postfix/sasl_passwd', '|hash:/etc/postfix/sasl_passwd.db') + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n' } },
  'sasl-client-auth-not-enabled': { fires: { 'postfix/main.cf': 'relayhost = [smtp.example.com]:587\n|smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n' } },
  'sasl-client-plaintext-on-opportunistic-tls': { fires: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = may\n|smtp_sasl_security_options = noanonymous\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = may\nsmtp_sasl_security_options = noanonymous, noplaintext\nsmtp_sasl_tls_security_options = noanonymous\n' } },
  'sasl-client-type-unsupported': { fires: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\n|smtp_sasl_type = dovecot\n' }, silent: { 'postfix/main.cf': CLIENT + 'smtp_tls_security_level = encrypt\nsmtp_sasl_tls_security_options = noanonymous\nsmtp_sasl_type = cyrus\n' } },
  'sasl-client-filter-plugin-name': { fires: { 'postfix/main.cf': 'smtp_sasl_mechanism_filter = |crammd5, plain\n' }, silent: { 'postfix/main.cf': 'smtp_sasl_mechanism_filter = cram-md5, plain\n' } },
  'sasl-sender-login-maps-unused': { fires: { 'postfix/main.cf': SAFE + '|smtpd_sender_login_maps = hash:/etc/postfix/senders\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_authenticated_sender_login_mismatch\n' } },
  'sasl-login-mismatch-without-maps': { fires: { 'postfix/main.cf': SAFE + 'smtpd_sender_restrictions = |reject_sender_login_mismatch\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sender_restrictions = reject_sender_login_mismatch\nsmtpd_sender_login_maps = hash:/etc/postfix/senders\n' } },
  'sasl-broken-clients': { fires: { 'postfix/main.cf': SAFE + '|broken_sasl_auth_clients = yes\n' }, silent: { 'postfix/main.cf': SAFE + 'broken_sasl_auth_clients = no\n' } },
  'sasl-realm-breaks-saslauthd': { fires: { 'postfix/main.cf': SAFE + '|smtpd_sasl_local_domain = example.org\n', 'default/saslauthd': DEBIAN('-c -r -m /var/run/saslauthd') }, silent: { 'default/saslauthd': DEBIAN('-c -m /var/run/saslauthd') } },
  'sasl-realm-sasldb': { fires: { 'postfix/main.cf': SAFE + 'myhostname = mail.example.org\n|smtpd_sasl_local_domain = example.org\n', 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' }, silent: { 'postfix/main.cf': SAFE + 'myhostname = mail.example.org\nsmtpd_sasl_local_domain = $myhostname\n' } },
  'sasl-no-mechanisms': { fires: { 'postfix/main.cf': SAFE + '|smtpd_sasl_security_options = noanonymous, noplaintext\n', 'postfix/sasl/smtpd.conf': 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n' }, silent: { 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\nmech_list: PLAIN LOGIN SCRAM-SHA-256\n' } },
  'sasl-auth-tls-disabled': { fires: { 'postfix/main.cf': AUTH + 'smtpd_tls_chain_files = /etc/ssl/mail.key, /etc/ssl/mail.pem\n|smtpd_tls_auth_only = yes\n' }, silent: { 'postfix/main.cf': SAFE } },
  'sasl-type-miscased': { fires: { 'postfix/main.cf': SAFE + 'smtpd_sasl_path = private/auth\nsmtpd_sasl_type = |Dovecot\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sasl_path = private/auth\nsmtpd_sasl_type = dovecot\n' } },
  'sasl-dovecot-default-path': { fires: { 'postfix/main.cf': SAFE + '|smtpd_sasl_type = dovecot\n' }, silent: { 'postfix/main.cf': SAFE + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n' } },
  'sasl-sasldb-outside-chroot': { fires: { 'postfix/main.cf': SAFE, 'postfix/master.cf': SMTPD, 'postfix/sasl/smtpd.conf': 'pwcheck_method: auxprop\n|sasldb_path: /etc/sasldb2\n' }, silent: { 'postfix/master.cf': 'submission inet n - n - - smtpd\n' } },
  // Files
  'template-file': { fires: { 'postfix/main.cf': '|relayhost = {{ relay_host }}\n' }, silent: { 'postfix/main.cf': 'relayhost = [relay.example.com]\n' } },
  'binary-file': { fires: { 'postfix/main.cf': '|myhostname = mail\u0000\n' }, silent: { 'postfix/main.cf': 'myhostname = mail\n' } },
  'instance-file-unusable': { fires: { 'dovecot/dovecot.conf': 'protocols = none\n!include conf.d/*.conf\n', 'dovecot/conf.d/10-loop.conf': '|!include ../dovecot.conf\n' }, silent: { 'dovecot/conf.d/10-loop.conf': 'auth_mechanisms = plain\n' } },
  'file-too-large': { fires: { 'postfix/main.cf': '|' + '# a comment line\n'.repeat(8) }, silent: { 'postfix/main.cf': '# a comment line\n'.repeat(4) }, settings: { maxFileSize: 100 } },
  // master.cf
  'master-too-few-columns': { fires: { 'postfix/master.cf': '|smtp inet n - n - smtpd\n' }, silent: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\n' } },
  'master-invalid-type': { fires: { 'postfix/master.cf': 'smtp |tcp n - n - - smtpd\n' }, silent: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\n' } },
  'master-invalid-flag': { fires: { 'postfix/master.cf': 'smtp inet |yes - n - - smtpd\n' }, silent: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\n' } },
  'master-invalid-wakeup': { fires: { 'postfix/master.cf': 'pickup unix n - n |60s 1 pickup\n' }, silent: { 'postfix/master.cf': 'pickup unix n - n 60 1 pickup\n' } },
  'master-invalid-maxproc': { fires: { 'postfix/master.cf': 'qmgr unix n - n 300 |one qmgr\n' }, silent: { 'postfix/master.cf': 'qmgr unix n - n 300 1 qmgr\n' } },
  'master-option-syntax': { fires: { 'postfix/master.cf': SMTPD + '  -o |syslog_name\n' }, silent: { 'postfix/master.cf': SMTPD + '  -o syslog_name=postfix/submission\n' } },
  'master-unbalanced-brace': { fires: { 'postfix/master.cf': SMTPD + '  -o |{ syslog_name = postfix/submission\n' }, silent: { 'postfix/master.cf': SMTPD + '  -o { syslog_name = postfix/submission }\n' } },
  'master-override-split': { fires: { 'postfix/master.cf': SMTPD + '  -o smtpd_client_restrictions=permit_sasl_authenticated, |reject\n' }, silent: { 'postfix/master.cf': SMTPD + '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject\n' } },
  'master-stray-argument': { fires: { 'postfix/master.cf': 'cleanup unix n - n - 0 cleanup |extra\n' }, silent: { 'postfix/master.cf': 'cleanup unix n - n - 0 cleanup\n' } },
  'master-duplicate-service': { fires: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\n|smtp inet n - n - 1 postscreen\n' }, silent: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\nsmtp unix - - n - - smtp\n' } },
  'master-unknown-command': { fires: { 'postfix/master.cf': 'smtp inet n - n - - |smtpdd\n' }, silent: { 'postfix/master.cf': 'smtp inet n - n - - smtpd\n' } },
  // Dovecot
  'dovecot-syntax': { fires: dovecot({ auth: '|auth_mechanisms plain\n' + PASSDB }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain\n' + PASSDB } },
  'dovecot-mixed-versions': { fires: dovecot({ auth: 'auth_allow_cleartext = no\n|disable_plaintext_auth = yes\n' }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_allow_cleartext = no\n' } },
  'dovecot-unknown-setting': { fires: dovecot({ auth: 'dovecot_config_version = 2.4.0\n|auth_mechanism = plain\n' }), silent: { 'dovecot/conf.d/10-auth.conf': 'dovecot_config_version = 2.4.0\nauth_mechanisms = plain\n' } },
  'dovecot-renamed-setting': { fires: dovecot({ auth: 'dovecot_config_version = 2.4.0\n|disable_plaintext_auth = yes\n' }), silent: { 'dovecot/conf.d/10-auth.conf': 'dovecot_config_version = 2.4.0\nauth_allow_cleartext = no\n' } },
  'dovecot-unknown-mechanism': { fires: dovecot({ auth: 'auth_mechanisms = plain |logon\n' + PASSDB }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain login\n' + PASSDB } },
  'dovecot-mechanism-needs-plain-password': { fires: dovecot({ auth: 'auth_mechanisms = plain login |cram-md5\n' + PASSDB }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain login cram-md5\n' + PASSDB.replace('SHA512-CRYPT', 'PLAIN') } },
  'dovecot-socket-mismatch': { fires: dovecot({ main: DOVECOT_MAIN.replace('= private/auth', '= |private/auth'), master: UNIX_LISTENER('/var/spool/postfix/private/dovecot-auth') }), silent: { 'dovecot/conf.d/10-master.conf': UNIX_LISTENER('/var/spool/postfix/private/auth') } },
  'dovecot-socket-permissions': { fires: dovecot({ master: UNIX_LISTENER('/var/spool/postfix/private/auth', '|0600').replace('user = postfix', 'user = dovecot') }), silent: { 'dovecot/conf.d/10-master.conf': UNIX_LISTENER('/var/spool/postfix/private/auth', '0660').replace('user = postfix', 'user = dovecot') } },
  'dovecot-inet-mismatch': { fires: dovecot({ main: DOVECOT_MAIN.replace('= private/auth', '= |inet:127.0.0.1:12345'), master: LISTENER('  inet_listener {\n    port = 12346\n  }\n') }), silent: { 'dovecot/conf.d/10-master.conf': LISTENER('  inet_listener {\n    port = 12345\n  }\n') } },
  'dovecot-no-mechanism-left': { fires: dovecot({ main: DOVECOT_MAIN.replace('= noanonymous', '= |noanonymous, noplaintext') }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain login scram-sha-256\n' + PASSDB.replace('SHA512-CRYPT', 'PLAIN') } },
  'dovecot-cleartext-allowed': { fires: dovecot({ main: DOVECOT_MAIN.replace('smtpd_tls_auth_only = yes\n', ''), auth: 'auth_mechanisms = plain login\ndisable_plaintext_auth = |no\n' + PASSDB }), silent: { 'postfix/main.cf': DOVECOT_MAIN } },
  'dovecot-local-domain-ignored': { fires: dovecot({ main: DOVECOT_MAIN + '|smtpd_sasl_local_domain = example.org\n' }), silent: { 'dovecot/conf.d/10-auth.conf': 'auth_mechanisms = plain login\nauth_default_realm = example.org\n' + PASSDB } },
};

interface Marked {
  files: SetUp;
  /** The file and 1-based line of the `|` marker. */
  at: { path: string; line: number };
}

function textOf(content: Content): string {
  return typeof content === 'string' ? content : content.text;
}

function withText(content: Content, text: string): Content {
  return typeof content === 'string' ? text : { ...content, text };
}

/** Takes the marker out of the one file that holds it. */
function unmark(setUp: SetUp): Marked {
  const marked = Object.entries(setUp).filter(([, content]) => textOf(content).includes('|'));
  assert.equal(marked.length, 1, `expected the "|" marker in exactly one file, found it in ${marked.length}`);
  const [path, content] = marked[0];
  const { text, offset } = withCursor(textOf(content));
  return { files: { ...setUp, [path]: withText(content, text) }, at: { path, line: text.slice(0, offset).split('\n').length } };
}

function replaced(setUp: SetUp, changes: Case['silent']): SetUp {
  const out = { ...setUp };
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete out[path];
    else out[path] = content;
  }
  return out;
}

/** `path:line` (1-based) of every finding of `code`: each file checked with the others as its instance. */
function firings(setUp: SetUp, code: RuleCode, eol: 'LF' | 'CRLF', overrides: Partial<Settings> = {}): string[] {
  const settings = { ...defaultSettings, ...overrides };
  const files = Object.entries(setUp).map(([path, content]) => {
    const text = bothEols(textOf(content)).find((v) => v.eol === eol)!.text;
    const parsed = parseText(`file:///etc/${path}`, detectLanguage(`/etc/${path}`)!, text, settings);
    if (typeof content !== 'string') parsed.file.disk = { ...content.disk, path: `/etc/${path}` };
    return { path, parsed };
  });
  const context = files.map((f) => f.parsed.file);
  return files.flatMap(({ path, parsed }) => checkParsed(parsed, settings, context)
    .filter((f) => f.code === code)
    .map((f) => `${path}:${parsed.file.lines.positionAt(f.span.start).line + 1}`));
}

describe('every rule has a firing and a silent case', () => {
  test('the table has one case per rule code, and no other', () => {
    assert.deepEqual(Object.keys(cases).sort(), rules.map((r) => r.code).sort());
  });

  for (const [code, c] of Object.entries(cases) as Array<[RuleCode, Case]>) {
    for (const eol of ['LF', 'CRLF'] as const) {
      test(`${code} (${eol})`, () => {
        assert.equal(Object.keys(c.silent).length, 1, 'the silent set-up differs from the firing one in one file');
        const { files, at } = unmark(c.fires);
        const fired = firings(files, code, eol, c.settings);
        assert.ok(fired.includes(`${at.path}:${at.line}`), `expected ${code} at ${at.path}:${at.line}, got ${fired.join(', ') || 'nothing'}`);
        assert.deepEqual(firings(replaced(files, c.silent), code, eol, c.settings), [], 'the silent set-up');
      });
    }
  }
});
