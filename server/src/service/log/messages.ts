// The log messages we recognise, as data. The patterns follow the texts the daemons write (Postfix:
// src/smtpd/smtpd_sasl_glue.c, src/xsasl/xsasl_cyrus_log.c and xsasl_dovecot_server.c,
// src/smtp/smtp_sasl_glue.c and smtp_proto.c, src/smtpd/smtpd_check.c; Cyrus SASL's checkpw.c and
// sasldb; saslauthd; Dovecot's auth process); each is produced by a real daemon in
// test/explain/realDaemons.test.ts. The explanations are ours.
//
// Named groups a pattern may capture: client (name[address]), user (a SASL user name: redacted
// before it is shown), mech, path, param, server, reason. `key` names the group whose value splits
// one code into several groups (each socket path, each parameter); `service` splits by the logging service.

export type LogSeverity = 'error' | 'warning' | 'information';

/**
 * A setting to point at, for the service that logged the line:
 *   postfix:NAME   where the service gets NAME (its master.cf -o, else main.cf)
 *   cyrus:KEY      KEY in the Cyrus SASL file the service reads (smtpd_sasl_path + .conf)
 *   dovecot:KEY    KEY in Dovecot's configuration; dovecot:listener the auth socket Postfix connects to
 *   master:service the service's line in master.cf (its chroot column, say)
 *   param:         the parameter the message itself names (group `param`)
 */
export type SettingTarget = `postfix:${string}` | `cyrus:${string}` | `dovecot:${string}` | 'master:service' | 'param:';

export interface LogMessage {
  code: string;
  severity: LogSeverity;
  /** Daemons that log it (the last part of the program name; Dovecot's process name). */
  daemons: readonly string[];
  /** A literal every matching text contains: a cheap test before the pattern runs. */
  contains: string;
  pattern: RegExp;
  key?: string;
  /**
   * The line means this only on a service with one of these settings (the line alone cannot tell):
   * with a known instance, a group whose service has none is dropped, and the group points at the
   * ones it has. Values are compared in lower case.
   */
  onlyWith?: readonly SettingCondition[];
  /** Counts as a failed login in the summary by client and user. */
  failedLogin?: boolean;
  explanation: string;
  targets: readonly SettingTarget[];
}

export interface SettingCondition {
  name: string;
  values: readonly string[];
}

// smtpd refuses AUTH before STARTTLS with any of these (smtpd_enforce_tls is the old spelling of encrypt).
const TLS_FOR_AUTH: readonly SettingCondition[] = [
  { name: 'smtpd_tls_security_level', values: ['encrypt'] },
  { name: 'smtpd_enforce_tls', values: ['yes'] },
  { name: 'smtpd_tls_auth_only', values: ['yes'] },
];
const TLS_FOR_MAIL = TLS_FOR_AUTH.slice(0, 2);

const CLIENT = String.raw`(?<client>[^\s\[\]]*\[[^\]]*\](?::\d+)?)`;
// smtpd's statistics at the end of a session (ehlo=1 auth=0/1 ... commands=1/2): a command counted
// 0/N was refused every time; starttls=N with N ≥ 1 means the session went over TLS.
const NO_TLS_SESSION = String.raw`^disconnect from ${CLIENT} (?!.*\bstarttls=[1-9])`;

export const LOG_MESSAGES: readonly LogMessage[] = [
  {
    code: 'sasl-no-mechanisms',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'no SASL authentication mechanisms',
    pattern: /^fatal: no SASL authentication mechanisms/,
    explanation: 'smtpd found no SASL mechanism to offer and stopped, so every connection to this service is dropped. With Cyrus, the SASL file named by smtpd_sasl_path is missing or its mech_list names no installed plugin; with Dovecot, smtpd could not reach the auth socket (see the connect warning just before) or Dovecot offers no mechanism.',
    targets: ['postfix:smtpd_sasl_type', 'postfix:smtpd_sasl_path', 'cyrus:mech_list', 'dovecot:auth_mechanisms'],
  },
  {
    code: 'sasl-filter-discards-all',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'discards all mechanisms',
    pattern: /^fatal: (?<param>\S+) discards all mechanisms in '(?<mech>[^']*)'/,
    key: 'param',
    explanation: 'smtpd_sasl_mechanism_filter keeps none of the mechanisms the SASL back end offers, so smtpd stops and every connection to this service is dropped. Let the filter keep at least one of the listed mechanisms, or offer one it keeps.',
    targets: ['param:', 'cyrus:mech_list', 'dovecot:auth_mechanisms'],
  },
  {
    code: 'sasl-no-applicable-mechanisms',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'no applicable SASL mechanisms',
    pattern: /^warning: \S+: no applicable SASL mechanisms/,
    explanation: 'The SASL security options rule out every mechanism in mech_list (for example noplaintext while only PLAIN and LOGIN are listed), so smtpd stops with "no SASL authentication mechanisms". Relax smtpd_sasl_security_options (or smtpd_sasl_tls_security_options after TLS), or list a mechanism that passes them.',
    targets: ['postfix:smtpd_sasl_security_options', 'postfix:smtpd_sasl_tls_security_options', 'cyrus:mech_list'],
  },
  {
    code: 'cyrus-no-mechanism-available',
    severity: 'error',
    daemons: ['smtpd'],
    contains: ': no mechanism available',
    pattern: /^warning: xsasl_cyrus_server_get_mechanism_list: no mechanism available/,
    explanation: 'None of the mechanisms in mech_list has a Cyrus SASL plugin installed (a misspelt name, or the plugin package is missing; Debian: libsasl2-modules), so smtpd stops with "no SASL authentication mechanisms".',
    targets: ['cyrus:mech_list'],
  },
  {
    code: 'sasl-not-compiled',
    severity: 'error',
    daemons: ['smtpd', 'smtp', 'lmtp'],
    contains: 'SASL support is not compiled in',
    pattern: /^warning: (?<param>\S+) is true, but SASL support is not compiled in/,
    key: 'param',
    explanation: 'This Postfix was built without SASL, so it ignores the setting: no login is offered or sent at all. Install a Postfix build with SASL (Debian\'s postfix package has Cyrus and Dovecot), or turn the setting off.',
    targets: ['param:'],
  },
  {
    code: 'sasl-init-failed',
    severity: 'error',
    daemons: ['smtpd', 'smtp', 'lmtp'],
    contains: 'SASL per-process initialization failed',
    pattern: /^(?:warning|fatal): SASL per-process initialization failed(?:: (?<reason>.*))?/,
    explanation: 'The Cyrus SASL library could not start, so the daemon stops. The reason is usually in the Cyrus SASL file or its plugin directory.',
    targets: ['postfix:smtpd_sasl_path', 'postfix:cyrus_sasl_config_path'],
  },
  {
    code: 'sasl-dovecot-connect',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'SASL: Connect to',
    pattern: /^warning: SASL: Connect to (?:Dovecot auth socket )?'?(?<path>[^'\s]+)'? failed: (?<reason>.*)/,
    key: 'path',
    explanation: 'smtpd could not connect to Dovecot\'s auth socket, so it offers no login (and stops with "no SASL authentication mechanisms"). smtpd_sasl_path is relative to the queue directory (private/auth is $queue_directory/private/auth); Dovecot must create the same socket in its service auth { unix_listener ... } with a mode and owner that let the postfix user connect. Is Dovecot running?',
    targets: ['postfix:smtpd_sasl_path', 'dovecot:listener'],
  },
  {
    code: 'cyrus-sasldb-unreadable',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'unable to open Berkeley db',
    pattern: /^warning: SASL authentication (?:problem|failure): unable to open Berkeley db (?<path>\S+): (?<reason>.*)/,
    key: 'path',
    explanation: 'Cyrus SASL could not open its password database, so every mechanism that checks against it (CRAM-MD5, DIGEST-MD5, SCRAM, and PLAIN/LOGIN with auxprop) fails. A chrooted smtpd looks for the file inside the queue directory; the file must be readable by the postfix user (group postfix, mode 640). pwcheck_method: saslauthd does not help here: it serves PLAIN and LOGIN only, and the other mechanisms read this database whatever pwcheck_method says. Make the file readable (inside the chroot for a chrooted smtpd), or drop those mechanisms from mech_list.',
    targets: ['cyrus:sasldb_path', 'cyrus:pwcheck_method', 'cyrus:mech_list', 'master:service'],
  },
  {
    code: 'cyrus-saslauthd-unreachable',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'cannot connect to saslauthd server',
    pattern: /^warning: SASL authentication (?:failure|problem): cannot connect to saslauthd server: (?<reason>.*)/,
    explanation: 'Cyrus SASL could not reach saslauthd\'s socket, so no PLAIN or LOGIN login can succeed. Is saslauthd running, and does saslauthd_path (or the default /var/run/saslauthd/mux) name its socket? A chrooted smtpd needs the socket inside the queue directory (Debian: saslauthd -m /var/spool/postfix/var/run/saslauthd).',
    targets: ['cyrus:saslauthd_path', 'cyrus:pwcheck_method', 'master:service'],
  },
  {
    code: 'sasl-backend-failure',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'authentication failed: generic failure',
    pattern: new RegExp(String.raw`^warning: ${CLIENT}: SASL (?<mech>\S+) authentication failed: generic failure(?:, sasl_username=(?<user>.*))?$`),
    key: 'mech',
    explanation: 'The SASL back end could not check the login at all (not a wrong password): it is unreachable (see the warning just before: the saslauthd socket, the sasldb file), or a mechanism such as CRAM-MD5 or DIGEST-MD5 is offered while the users live only where saslauthd looks: those mechanisms never reach saslauthd and need each secret in sasldb (readable by smtpd). Remove them from mech_list, or keep the users in sasldb.',
    targets: ['cyrus:mech_list', 'cyrus:pwcheck_method'],
  },
  {
    code: 'sasl-login-failed',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: 'authentication failed: ',
    pattern: new RegExp(String.raw`^warning: ${CLIENT}: SASL (?<mech>\S+) authentication failed: (?<reason>[^,]*)(?:, sasl_username=(?<user>.*))?$`),
    failedLogin: true,
    explanation: 'A client gave a user name or password the back end refused. A few are typing errors; many from one address are a guessing attack: limit them with smtpd_client_auth_rate_limit (anvil counts per client), or postscreen and fail2ban in front.',
    targets: ['postfix:smtpd_client_auth_rate_limit'],
  },
  {
    code: 'sasl-login-aborted',
    severity: 'information',
    daemons: ['smtpd'],
    contains: 'authentication aborted',
    pattern: new RegExp(String.raw`^warning: ${CLIENT}: SASL (?<mech>\S+) authentication aborted`),
    explanation: 'The client gave up in the middle of a login (it sent "*"). Some clients do so to try another mechanism; many aborts from one address are probing.',
    targets: [],
  },
  {
    code: 'cyrus-wrong-password',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: 'SASL authentication failure: ',
    pattern: /^warning: SASL authentication failure: (?<reason>Password verification failed|incorrect digest response|StoredKey mismatch|client response doesn't match what we generated)/,
    explanation: 'Cyrus SASL\'s side of a refused login: the password did not match. The smtpd line "SASL ... authentication failed" of the same session names the client and user.',
    targets: [],
  },
  {
    code: 'cyrus-no-secret',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: 'no secret in database',
    pattern: /^warning: SASL authentication (?:failure|problem): no secret in database/,
    explanation: 'The user is not in the sasldb Cyrus SASL reads (or is there under another realm). Add it with saslpasswd2 -c -u REALM USER, and check that sasldb_path names the file you edit.',
    targets: ['cyrus:sasldb_path', 'postfix:smtpd_sasl_local_domain'],
  },
  {
    code: 'sasl-no-worthy-mechs',
    severity: 'error',
    daemons: ['smtpd', 'smtp', 'lmtp'],
    contains: 'o worthy mechs found',
    pattern: /^warning: SASL authentication (?:failure|problem): [Nn]o worthy mechs found/,
    explanation: 'Cyrus SASL has no mechanism that fits: the server offered none that a client plugin is installed for (Debian: libsasl2-modules) or that passes the security options (noplaintext, noanonymous). On the client side look at smtp_sasl_mechanism_filter and smtp_sasl_security_options.',
    targets: ['postfix:smtp_sasl_mechanism_filter', 'postfix:smtp_sasl_security_options', 'postfix:smtp_sasl_tls_security_options'],
  },
  {
    code: 'smtp-sasl-cannot-authenticate',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'cannot authenticate to server',
    pattern: /SASL authentication failed; cannot authenticate to server (?<server>\S+): (?<reason>[^)]*)/,
    key: 'server',
    explanation: 'Postfix\'s SMTP client could not start a login with the relay: no mechanism the server offers is both installed here and allowed by the security options. Mail to this relay waits in the queue.',
    targets: ['postfix:smtp_sasl_mechanism_filter', 'postfix:smtp_sasl_security_options', 'postfix:smtp_sasl_tls_security_options'],
  },
  {
    code: 'smtp-sasl-refused',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'SASL authentication failed; server',
    pattern: /SASL authentication failed; server (?<server>\S+) said: (?<reason>[^)]*)/,
    key: 'server',
    explanation: 'The relay refused the user name and password Postfix sent. The credentials come from smtp_sasl_password_maps, looked up by the relay as written in relayhost (with [brackets] and :port); run postmap after editing the file.',
    targets: ['postfix:smtp_sasl_password_maps'],
  },
  {
    code: 'smtp-sasl-no-supported-mechs',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'offered no supported AUTH mechanisms',
    pattern: /^warning: (?<server>\S+) offered no supported AUTH mechanisms: '(?<mech>[^']*)'/,
    key: 'server',
    explanation: 'smtp_sasl_mechanism_filter removes every mechanism the relay offers, so Postfix cannot log in there (and the relay will likely refuse the mail). Let the filter keep one of the mechanisms named here.',
    targets: ['postfix:smtp_sasl_mechanism_filter'],
  },
  {
    code: 'smtp-sasl-no-compatible',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'offered no compatible authentication mechanisms',
    pattern: /SASL authentication failed: server (?<server>\S+) offered no compatible authentication mechanisms/,
    key: 'server',
    explanation: 'None of the relay\'s mechanisms is left after smtp_sasl_mechanism_filter and the security options for this connection (smtp_sasl_security_options, or smtp_sasl_tls_security_options over TLS): mail to this relay waits in the queue. noplaintext without TLS rules out PLAIN and LOGIN; turn TLS on for the relay instead.',
    targets: ['postfix:smtp_sasl_mechanism_filter', 'postfix:smtp_sasl_security_options', 'postfix:smtp_sasl_tls_security_options'],
  },
  {
    code: 'smtp-tls-not-offered',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'TLS is required, but was not offered by host',
    pattern: /TLS is required, but was not offered by host (?<server>[^\s,)]+)/,
    key: 'server',
    explanation: 'The TLS level for this destination requires TLS, but the server did not offer STARTTLS, so Postfix does not deliver (and would not send a password in clear). Lower smtp_tls_security_level for this destination (smtp_tls_policy_maps), use the relay\'s submission port, or fix the server.',
    targets: ['postfix:smtp_tls_security_level', 'postfix:smtp_tls_policy_maps'],
  },
  {
    code: 'smtp-tls-engine-unavailable',
    severity: 'error',
    daemons: ['smtp', 'lmtp'],
    contains: 'but our TLS engine is unavailable',
    pattern: /TLS is required, but our TLS engine is unavailable/,
    explanation: 'The SMTP client requires TLS but could not set up its own TLS (a certificate, key or CA file it cannot read, or tlsmgr not running): nothing is delivered where TLS is required.',
    targets: ['postfix:smtp_tls_security_level', 'postfix:smtp_tls_CAfile', 'postfix:smtp_tls_chain_files'],
  },
  {
    code: 'tls-chain-file-unreadable',
    severity: 'error',
    daemons: ['smtpd', 'smtp', 'lmtp', 'postscreen', 'tlsproxy'],
    contains: 'error opening chain file',
    pattern: /^warning: error opening chain file: (?<path>.*): (?<reason>[^:]*)$/,
    key: 'path',
    explanation: 'The daemon cannot read the certificate chain file named in its TLS settings, so its TLS does not start: smtpd offers no STARTTLS, and the SMTP client defers mail wherever TLS is required. Correct the path, or make the file readable (it is read as root before the daemon drops privileges, or inside the chroot).',
    targets: ['postfix:smtpd_tls_chain_files', 'postfix:smtp_tls_chain_files'],
  },
  {
    code: 'tls-no-server-certs',
    severity: 'warning',
    daemons: ['smtpd', 'postscreen'],
    contains: 'No server certs available',
    pattern: /^warning: No server certs available\. TLS won't be enabled/,
    explanation: 'TLS is on but no certificate and key are configured, so smtpd offers no STARTTLS. Clients that keep their password for TLS connections cannot log in. Set smtpd_tls_chain_files (or smtpd_tls_cert_file and smtpd_tls_key_file).',
    targets: ['postfix:smtpd_tls_security_level', 'postfix:smtpd_tls_chain_files', 'postfix:smtpd_tls_cert_file'],
  },
  {
    code: 'relay-restrictions-fatal',
    severity: 'error',
    daemons: ['smtpd'],
    contains: 'specify at least one working instance of',
    pattern: /^fatal: in parameter (?<param>\S+)(?: or \S+)?, specify at least one working instance of: (?<reason>.*)/,
    key: 'param',
    explanation: 'The relay restrictions do not end in a rule that refuses strangers (reject_unauth_destination, defer_unauth_destination or reject), so smtpd refuses to run rather than be an open relay: every connection to this service is dropped.',
    targets: ['param:'],
  },
  {
    code: 'smtpd-auth-refused-before-tls',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: ' auth=0/',
    pattern: new RegExp(String.raw`${NO_TLS_SESSION}.*\bauth=0/\d`),
    key: 'service',
    onlyWith: TLS_FOR_AUTH,
    explanation: 'A client tried to log in without starting TLS first, on a service that accepts logins only over TLS: smtpd refused the AUTH command (530 "Must issue a STARTTLS command first" at level encrypt; 503 "authentication not enabled" with smtpd_tls_auth_only, which also hides AUTH from the EHLO reply), so this client cannot send as a user. Set the client to use STARTTLS on this port (or implicit TLS on 465); keep the setting, since lifting it would let passwords cross the network in clear.',
    targets: [],
  },
  {
    code: 'smtpd-mail-refused-before-tls',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: ' mail=0/',
    pattern: new RegExp(String.raw`${NO_TLS_SESSION}.*\bmail=0/\d`),
    key: 'service',
    onlyWith: TLS_FOR_MAIL,
    explanation: 'A client sent MAIL FROM without starting TLS on a service that requires TLS (level encrypt), and smtpd answered 530 "Must issue a STARTTLS command first" each time, so its mail is not accepted. On port 25 this refuses every server that does not use STARTTLS: use level may there and keep encrypt for submission; on a submission port, set the client to use STARTTLS.',
    targets: [],
  },
  {
    code: 'smtpd-client-left-before-tls',
    severity: 'information',
    daemons: ['smtpd'],
    contains: ' ehlo=1 quit=1 commands=2',
    pattern: new RegExp(String.raw`^disconnect from ${CLIENT} ehlo=1 quit=1 commands=2$`),
    key: 'service',
    onlyWith: TLS_FOR_AUTH,
    explanation: 'A client said EHLO and QUIT and nothing else, without STARTTLS, on a service that offers AUTH (or takes mail) only over TLS. A mail program set up without STARTTLS does this when the EHLO reply lists no AUTH; on port 25 it is often a scanner. If these are your users, set their programs to use STARTTLS on this port.',
    targets: [],
  },
  {
    code: 'relay-access-denied',
    severity: 'warning',
    daemons: ['smtpd'],
    contains: 'Relay access denied',
    pattern: new RegExp(String.raw`^(?:NOQUEUE|[0-9A-Za-z]+): reject: RCPT from ${CLIENT}: \d{3} [\d.]+ <[^>]*>: (?:Recipient address rejected: )?Relay access denied`),
    explanation: 'A client that had not logged in tried to send mail to a domain this server does not handle. For strangers this is right. If they are your users, their client did not log in: it must use AUTH (often on port 587, with smtpd_sasl_auth_enable on that service) before permit_sasl_authenticated can let it relay.',
    targets: ['postfix:smtpd_relay_restrictions', 'postfix:smtpd_sasl_auth_enable', 'postfix:mynetworks'],
  },
  {
    code: 'saslauthd-auth-failure',
    severity: 'warning',
    daemons: ['saslauthd'],
    contains: 'auth failure',
    pattern: /auth failure: \[user=(?<user>[^\]]*)\] \[service=(?<service>[^\]]*)\] \[realm=(?<realm>[^\]]*)\](?: \[mech=(?<mech>[^\]]*)\])?(?: \[reason=(?<reason>[^\]]*)\])?/,
    failedLogin: true,
    explanation: 'saslauthd refused a user name and password (its mechanism, -a, said no). If the password is right, check the realm: with saslauthd -r the realm is part of the name; PAM needs a service file for the service named here (e.g. /etc/pam.d/smtp).',
    targets: ['cyrus:saslauthd'],
  },
  {
    code: 'dovecot-password-mismatch',
    severity: 'warning',
    daemons: ['auth', 'auth-worker'],
    contains: 'Password mismatch',
    pattern: /^(?:auth(?:-worker)?(?:\([^)]*\))?: )?(?:Info: )?(?<mech>[a-z0-9-]+)\((?<user>[^,()]*),(?<client>[^,()]*)(?:,[^()]*)?\)(?:<[^>]*>)?: (?:\([^)]*\): )?Password mismatch/,
    failedLogin: true,
    explanation: 'Dovecot refused the password for this user. If the password is right, the passdb\'s scheme may not match how the password is stored (default_pass_scheme, or a {SCHEME} prefix).',
    targets: ['dovecot:passdb'],
  },
  {
    code: 'dovecot-unknown-user',
    severity: 'warning',
    daemons: ['auth', 'auth-worker'],
    contains: 'unknown user',
    pattern: /^(?:auth(?:-worker)?(?:\([^)]*\))?: )?(?:Info: )?(?<mech>[a-z0-9-]+)\((?<user>[^,()]*),(?<client>[^,()]*)(?:,[^()]*)?\)(?:<[^>]*>)?: (?:\([^)]*\): )?unknown user/,
    failedLogin: true,
    explanation: 'No passdb of Dovecot knows this user name. Users of other domains may need auth_username_format (e.g. %n drops the domain), or the name is a guess.',
    targets: ['dovecot:auth_username_format', 'dovecot:passdb'],
  },
  {
    code: 'dovecot-unknown-mechanism',
    severity: 'error',
    daemons: ['auth', 'config', 'master', 'dovecot'],
    contains: 'nknown authentication mechanism',
    pattern: /[Uu]nknown authentication mechanism '(?<mech>[^']*)'/,
    key: 'mech',
    explanation: 'Dovecot\'s auth_mechanisms names a mechanism Dovecot does not have, so its auth process does not start and Postfix cannot log anyone in through it.',
    targets: ['dovecot:auth_mechanisms'],
  },
];
