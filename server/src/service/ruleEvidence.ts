// What backs each rule's claim (its message and its default severity): a test that runs the real
// daemon and shows it dies, refuses or runs, or the daemon's own documentation where no daemon can
// show it. Keyed by RuleCode, so a new rule without evidence does not type-check;
// test/unit/ruleEvidence.test.ts checks that every named test case exists and names the code.
import type { RuleCode } from './rules';

export type Evidence =
  /** A real-daemon test case: 'test/oracle/FILE.test.ts#CASE' (or the case table test/relays/cases.ts#CASE), CASE being the case's name in that file. */
  | { daemon: string }
  /** The daemon's own manual or documentation: 'postconf(5) NAME', a file the distribution ships, or a URL. */
  | { documented: string }
  /** A finding about our own reading of the files (size, template syntax), which no daemon has an opinion on. */
  | { tool: string };

const FATAL = 'test/oracle/postfixFatal.test.ts#';
const SASLAUTHD = 'test/oracle/saslauthdStart.test.ts#';
const MASTER = 'test/oracle/masterStart.test.ts#';
const DOVECOT = 'test/oracle/dovecotVerdicts.test.ts#';
/** A real Postfix smtp client delivering to test relays, case by case. */
const RELAYS = 'test/relays/cases.ts#';
const MECHS = 'test/oracle/smtpdMechanisms.test.ts#';
const RESTRICT = 'test/oracle/restrictionVerdicts.test.ts#';
const MASTER_FORMAT = 'master(5)';
const MAIN_FORMAT = 'postconf(5) (file format)';
const CYRUS_OPTIONS = 'https://www.cyrusimap.org/sasl/sasl/options.html';
const SASL_README = 'https://www.postfix.org/SASL_README.html';
const XOAUTH2 = 'https://github.com/tarickb/sasl-xoauth2';
const DEBIAN_INIT = '/etc/init.d/saslauthd (Debian sasl2-bin)';

export const ruleEvidence: { readonly [C in RuleCode]: Evidence } = {
  'missing-equals': { documented: MAIN_FORMAT },
  'orphan-continuation': { documented: MAIN_FORMAT },
  'invalid-name': { documented: MAIN_FORMAT },
  'inline-comment': { documented: MAIN_FORMAT },
  'ignore-unknown-code': { tool: 'our own ignore comments, which no daemon reads' },
  'bad-reference': { documented: 'postconf(5) ($name, ${name?value}, ${name:value} expressions)' },
  'unknown-parameter': { documented: 'postconf(1) (-n warns "unused parameter")' },
  'unknown-service-parameter': { documented: 'postconf(5) (service_name_parameter overrides, Postfix 3.0 and later)' },
  'service-parameter-unchecked': { documented: 'postconf(5) (service_name_parameter overrides, Postfix 3.0 and later)' },
  'deprecated-parameter': { documented: 'https://www.postfix.org/COMPATIBILITY_README.html' },
  'parameter-newer-than-target': { documented: 'postconf(5) ("This feature is available in Postfix N or later")' },
  'read-only-parameter': { documented: 'postconf(5) (process_name, process_id: "read-only")' },
  'duplicate-parameter': { documented: 'postconf(1) (warns "overriding earlier entry")' },
  'undefined-reference': { documented: 'postconf(5) ($name of an unset parameter expands to nothing)' },
  'invalid-boolean': { daemon: FATAL + 'bool' },
  'invalid-integer': { daemon: FATAL + 'int' },
  'invalid-time': { daemon: FATAL + 'time' },
  'invalid-size': { daemon: FATAL + 'size' },
  'invalid-enum': { daemon: FATAL + 'tls-level' },
  'unknown-option-word': { documented: 'postconf(5) smtpd_sasl_security_options' },
  'unknown-restriction': { daemon: FATAL + 'unknown-restriction' },
  'deprecated-restriction': { documented: 'postconf(5) (reject_maps_rbl, check_relay_domains: removed)' },
  'restriction-missing-argument': { daemon: FATAL + 'access-no-table' },
  'unknown-map-type': { daemon: FATAL + 'map-no-type' },
  'relay-restrictions-unsafe': { daemon: RESTRICT + 'table-only' },
  'open-relay': { daemon: RESTRICT + 'class-permit' },
  'mynetworks-covers-world': { daemon: RESTRICT + 'world' },
  'sasl-users-rejected': { daemon: RESTRICT + 'reject-first' },
  'sasl-users-may-be-rejected': { documented: 'postconf(5) reject_rbl_client' },
  'sasl-login-check-skipped': { daemon: RESTRICT + 'mismatch-skipped' },
  'cyrus-syntax': { documented: CYRUS_OPTIONS },
  'cyrus-unknown-option': { documented: CYRUS_OPTIONS },
  'cyrus-duplicate-option': { documented: CYRUS_OPTIONS },
  'cyrus-unknown-pwcheck-method': { documented: CYRUS_OPTIONS },
  'cyrus-sasl-v1-method': { documented: 'https://www.cyrusimap.org/sasl/sasl/upgrading.html' },
  'cyrus-pwcheck-alwaystrue': { documented: CYRUS_OPTIONS },
  'cyrus-unknown-mechanism': { documented: CYRUS_OPTIONS },
  'cyrus-mech-needs-secret': { daemon: MECHS + 'cram' },
  'cyrus-saslauthd-path-not-mux': { documented: CYRUS_OPTIONS },
  'cyrus-unknown-auxprop-plugin': { documented: CYRUS_OPTIONS },
  'saslauthd-syntax': { documented: DEBIAN_INIT },
  'saslauthd-unknown-variable': { documented: DEBIAN_INIT },
  'saslauthd-unknown-mechanism': { daemon: SASLAUTHD + 'unknown-mechanism' },
  'saslauthd-several-mechanisms': { daemon: SASLAUTHD + 'extra-words' },
  'saslauthd-mechanism-twice': { daemon: SASLAUTHD + 'second-a' },
  'saslauthd-unknown-flag': { daemon: SASLAUTHD + 'unknown-flag' },
  'saslauthd-debug-flag': { documented: DEBIAN_INIT },
  'saslauthd-not-started': { documented: DEBIAN_INIT },
  'saslauthd-missing-socket-dir': { documented: DEBIAN_INIT },
  'saslauthd-socket-is-mux': { documented: 'saslauthd(8) -m' },
  'saslauthd-socket-outside-chroot': { documented: SASL_README },
  'saslauthd-socket-mismatch': { documented: CYRUS_OPTIONS },
  'sasl-passwd-syntax': { documented: 'postmap(1)' },
  'sasl-passwd-missing-credentials': { documented: SASL_README },
  'sasl-passwd-duplicate-key': { documented: 'postmap(1) (warns "duplicate entry")' },
  'sasl-passwd-readable': { documented: SASL_README },
  'sasl-passwd-map-stale': { documented: 'postmap(1)' },
  'sasl-passwd-key-never-used': { daemon: RELAYS + 'noportkey' },
  'sasl-anonymous-allowed': { documented: 'postconf(5) smtpd_sasl_security_options' },
  'sasl-plaintext-over-clear': { documented: 'postconf(5) smtpd_tls_auth_only' },
  'sasl-auth-no-certificate': { daemon: MECHS + 'no-certificate' },
  'sasl-no-mechanisms': { daemon: MECHS + 'nodictionary' },
  'sasl-auth-tls-disabled': { daemon: MECHS + 'tls-none' },
  'sasl-type-miscased': { daemon: MECHS + 'Dovecot' },
  'sasl-dovecot-default-path': { daemon: MECHS + 'dovecot-default-path' },
  'sasl-sasldb-outside-chroot': { documented: 'https://www.postfix.org/SASL_README.html' },
  'sasl-permit-before-auth': { documented: 'postconf(5) smtpd_delay_reject' },
  'sasl-client-no-password-maps': { daemon: RELAYS + 'nomaps' },
  'sasl-client-no-worthy-mechs': { daemon: RELAYS + 'noworthy' },
  'sasl-client-password-without-tls': { daemon: RELAYS + 'notls' },
  'oauth-filter-missing': { documented: XOAUTH2 },
  'oauth-security-excludes-xoauth2': { documented: XOAUTH2 + ' (src/module.cc: the plugin\'s security flags)' },
  'oauth-password-not-token-file': { documented: XOAUTH2 + ' (README: the sasl_passwd password is the token file path)' },
  'sasl-client-filter-plugin-name': { daemon: RELAYS + 'pluginfilter' },
  'sasl-client-wrappermode-missing': { daemon: RELAYS + 'nowrapper' },
  'sasl-client-wrappermode-needs-encrypt': { documented: 'postconf(5) smtp_tls_wrappermode ("requires smtp_tls_security_level = encrypt or stronger")' },
  'sasl-client-password-map-db-suffix': { daemon: RELAYS + 'dbsuffix' },
  'sasl-client-auth-not-enabled': { daemon: RELAYS + 'noenable' },
  'sasl-client-plaintext-on-opportunistic-tls': { daemon: RELAYS + 'maystripped' },
  'sasl-client-type-unsupported': { daemon: RELAYS + 'dovecottype' },
  'sasl-passwd-sender-key-ignored': { daemon: RELAYS + 'senderoff' },
  'sasl-passwd-comment-in-password': { daemon: RELAYS + 'hashcomment' },
  'sasl-sender-login-maps-unused': { documented: 'postconf(5) smtpd_sender_login_maps' },
  'sasl-login-mismatch-without-maps': { daemon: RESTRICT + 'mismatch-no-maps' },
  'sasl-broken-clients': { documented: 'postconf(5) broken_sasl_auth_clients' },
  'sasl-realm-breaks-saslauthd': { documented: 'saslauthd(8) -r' },
  'sasl-realm-sasldb': { documented: 'postconf(5) smtpd_sasl_local_domain' },
  'template-file': { tool: 'template syntax is skipped by our parsers' },
  'binary-file': { documented: MAIN_FORMAT },
  'file-too-large': { tool: 'postfixSasl.maxFileSize' },
  'instance-file-unusable': { tool: 'a file we could not read' },
  'master-too-few-columns': { daemon: MASTER + 'too-few-columns' },
  'master-invalid-type': { daemon: MASTER + 'invalid-type' },
  'master-invalid-flag': { daemon: MASTER + 'invalid-flag' },
  'master-invalid-wakeup': { daemon: MASTER + 'invalid-wakeup' },
  'master-invalid-maxproc': { daemon: MASTER + 'invalid-maxproc' },
  'master-option-syntax': { daemon: FATAL + 'no-equals' },
  'master-unbalanced-brace': { daemon: MASTER + 'unbalanced-brace' },
  'master-override-split': { daemon: FATAL + 'split' },
  'master-stray-argument': { daemon: FATAL + 'stray' },
  'master-duplicate-service': { daemon: MASTER + 'duplicate-service' },
  'master-unknown-command': { documented: MASTER_FORMAT },
  'dovecot-syntax': { documented: 'https://doc.dovecot.org/configuration_manual/config_file/' },
  'dovecot-mixed-versions': { documented: 'https://doc.dovecot.org/2.4.0/installation/upgrade/2.3-to-2.4.html' },
  'dovecot-unknown-setting': { daemon: 'test/oracle/dovecotNames.test.ts#a made-up name' },
  'dovecot-renamed-setting': { daemon: 'test/oracle/dovecotNames.test.ts#2.4 ssl_server_cert_file in 2.3' },
  'dovecot-unknown-mechanism': { documented: 'https://doc.dovecot.org/configuration_manual/authentication/authentication_mechanisms/' },
  'dovecot-mechanism-needs-plain-password': { daemon: DOVECOT + 'cram-over-crypt' },
  'dovecot-socket-mismatch': { daemon: DOVECOT + 'wrong-socket' },
  'dovecot-socket-permissions': { daemon: DOVECOT + 'locked-out' },
  'dovecot-inet-mismatch': { documented: SASL_README },
  'dovecot-no-mechanism-left': { documented: 'postconf(5) smtpd_sasl_security_options' },
  'dovecot-cleartext-allowed': { documented: 'https://doc.dovecot.org/settings/core/#core_setting-auth_allow_cleartext' },
  'dovecot-local-domain-ignored': { documented: SASL_README },
};
