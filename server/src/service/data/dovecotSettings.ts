// What we know about the Dovecot settings that matter to authentication, in our own words.
// Hand-written. `version` says where a name is valid: Dovecot 2.3 (Debian bookworm ships 2.3.19)
// renamed several of them in 2.4; doveconf 2.3 refuses the 2.4 names ("Unknown setting"), and
// 2.4 refuses most of the 2.3 ones. A test checks the 2.3 and 2.4 claims against the installed doveconf.

export type DovecotVersion = '2.3' | '2.4' | 'both';

export interface DovecotSettingInfo {
  name: string;
  doc: string;
  version: DovecotVersion;
  /** The name of the same setting in the other version. */
  counterpart?: string;
  values?: readonly string[];
  default?: string;
  /** Sections it belongs in; undefined: the top level (and protocol sections). */
  within?: readonly string[];
}

const BOOL = ['yes', 'no'] as const;

export const dovecotSettings: readonly DovecotSettingInfo[] = [
  { name: 'auth_mechanisms', version: 'both', default: 'plain', doc: 'The SASL mechanisms Dovecot offers, separated by blanks: `plain login` for most set-ups. Postfix offers its clients exactly this list, minus what its `smtpd_sasl_security_options` exclude. `cram-md5`, `digest-md5` and `scram-*` work only when the passdb can produce the password in plain text (or in that mechanism\'s own scheme).' },
  { name: 'disable_plaintext_auth', version: '2.3', counterpart: 'auth_allow_cleartext', values: BOOL, default: 'yes', doc: 'Dovecot 2.3. With `yes` (the default), PLAIN and LOGIN are refused unless the connection is secured. Postfix tells Dovecot a session is secured only after STARTTLS or on a TLS-wrapped port, so `yes` keeps passwords from being accepted in clear. In 2.4 the setting is `auth_allow_cleartext`, with the opposite sense.' },
  { name: 'auth_allow_cleartext', version: '2.4', counterpart: 'disable_plaintext_auth', values: BOOL, default: 'no', doc: 'Dovecot 2.4 (replaces `disable_plaintext_auth`, with the opposite sense). With `no` (the default), PLAIN and LOGIN are refused on connections that are not secured by TLS.' },
  { name: 'auth_username_format', version: 'both', default: '%Lu', doc: 'Rewrites the user name before the passdb and userdb see it. `%Lu` (the default) lowercases the whole name; `%n` or `%Ln` keep only the part before "@", so `user@example.org` is looked up as `user` (2.4 writes these `%{user | lower}` and `%{user | username}`).' },
  { name: 'auth_default_realm', version: '2.3', counterpart: 'auth_default_domain', default: '', doc: 'Dovecot 2.3. The domain added to user names that have none: with `example.org`, a login as `user` is looked up as `user@example.org`. Postfix does not pass its `smtpd_sasl_local_domain` to Dovecot, so this is where a default domain for SMTP logins belongs. Renamed `auth_default_domain` in 2.4.' },
  { name: 'auth_default_domain', version: '2.4', counterpart: 'auth_default_realm', default: '', doc: 'Dovecot 2.4 (was `auth_default_realm`). The domain added to user names that have none.' },
  { name: 'auth_realms', version: 'both', default: '', doc: 'The realms DIGEST-MD5 announces to clients, separated by blanks. Other mechanisms ignore it.' },
  { name: 'auth_username_chars', version: 'both', doc: 'The characters allowed in user names; a login with any other character fails before the passdb is asked. Empty allows everything.' },
  { name: 'auth_username_translation', version: 'both', default: '', doc: 'Pairs of characters to translate in user names before the lookup, such as `%@` to turn `user%domain` into `user@domain`.' },
  { name: 'auth_master_user_separator', version: 'both', default: '', doc: 'A character (often `*`) that lets a master user log in as another user: `target*master`.' },
  { name: 'auth_anonymous_username', version: 'both', default: 'anonymous', doc: 'The user name given to ANONYMOUS logins. Postfix clients that may log in anonymously can relay through `permit_sasl_authenticated`: keep `anonymous` out of `auth_mechanisms`, or set `noanonymous` in Postfix.' },
  { name: 'auth_failure_delay', version: 'both', default: '2 secs', doc: 'How long Dovecot waits before it answers a failed login; slows down password guessing.' },
  { name: 'auth_verbose', version: 'both', values: BOOL, default: 'no', doc: 'Logs every failed login with its reason. Useful while setting up SASL for Postfix.' },
  { name: 'auth_verbose_passwords', version: 'both', values: ['no', 'plain', 'sha1'], default: 'no', doc: 'Also logs the password of failed logins (`plain`) or a hash of it. Leave `no` outside debugging.' },
  { name: 'auth_debug', version: 'both', values: BOOL, default: 'no', doc: 'Logs every step of each login: which passdb was asked and what it answered.' },
  { name: 'auth_debug_passwords', version: 'both', values: BOOL, default: 'no', doc: 'Like `auth_debug`, and also logs passwords and hashes. Only for a test set-up.' },
  { name: 'auth_ssl_require_client_cert', version: 'both', values: BOOL, default: 'no', doc: 'Requires a valid client certificate before any login is accepted.' },
  { name: 'auth_cache_size', version: 'both', default: '0', doc: 'Size of the cache of passdb and userdb answers; 0 turns it off.' },
  { name: 'auth_worker_max_count', version: '2.3', doc: 'How many auth worker processes (for blocking passdbs such as PAM or SQL) may run at once.' },
  { name: 'base_dir', version: 'both', default: '/run/dovecot', doc: 'The folder for Dovecot\'s runtime files. `unix_listener` paths that do not start with "/" are relative to it, so a listener meant for Postfix must be written as an absolute path under Postfix\'s queue directory.' },
  { name: 'listen', version: 'both', default: '*, ::', doc: 'The addresses `inet_listener`s bind to when they name none.' },
  { name: 'protocols', version: 'both', default: 'imap pop3 lmtp', doc: 'The mail protocols Dovecot serves. `none` runs Dovecot as an authentication server only (for Postfix SASL).' },
  { name: 'login_trusted_networks', version: 'both', default: '', doc: 'Networks whose proxies may pass on the client\'s address; connections from them also count as secured.' },
  { name: 'ssl', version: 'both', values: ['yes', 'no', 'required'], default: 'yes', doc: 'TLS for Dovecot\'s own IMAP and POP3 (not for Postfix\'s SMTP). `required` also refuses every login before TLS, plaintext or not.' },
  { name: 'ssl_cert', version: '2.3', counterpart: 'ssl_server_cert_file', doc: 'Dovecot 2.3. The server certificate, usually read from a file: `ssl_cert = </etc/ssl/certs/mail.pem` (note the "<"). In 2.4: `ssl_server_cert_file = /etc/ssl/certs/mail.pem`.' },
  { name: 'ssl_key', version: '2.3', counterpart: 'ssl_server_key_file', doc: 'Dovecot 2.3. The private key of the certificate: `ssl_key = </etc/ssl/private/mail.key`. In 2.4: `ssl_server_key_file`.' },
  { name: 'ssl_ca', version: '2.3', counterpart: 'ssl_server_ca_file', doc: 'Dovecot 2.3. Certificate authorities used to verify client certificates. In 2.4: `ssl_server_ca_file`.' },
  { name: 'ssl_dh', version: '2.3', counterpart: 'ssl_server_dh_file', doc: 'Dovecot 2.3. Diffie-Hellman parameters: `ssl_dh = </usr/share/dovecot/dh.pem`. In 2.4: `ssl_server_dh_file`.' },
  { name: 'ssl_server_cert_file', version: '2.4', counterpart: 'ssl_cert', doc: 'Dovecot 2.4 (was `ssl_cert = <file`). The path of the server certificate, without "<".' },
  { name: 'ssl_server_key_file', version: '2.4', counterpart: 'ssl_key', doc: 'Dovecot 2.4 (was `ssl_key = <file`). The path of the private key, without "<".' },
  { name: 'ssl_server_ca_file', version: '2.4', counterpart: 'ssl_ca', doc: 'Dovecot 2.4 (was `ssl_ca`). Certificate authorities for client certificates.' },
  { name: 'ssl_server_dh_file', version: '2.4', counterpart: 'ssl_dh', doc: 'Dovecot 2.4 (was `ssl_dh`). Diffie-Hellman parameters.' },
  { name: 'ssl_min_protocol', version: 'both', default: 'TLSv1.2', doc: 'The oldest TLS version Dovecot accepts.' },
  { name: 'ssl_cipher_list', version: 'both', doc: 'OpenSSL cipher list for TLS 1.2 and older.' },
  { name: 'dovecot_config_version', version: '2.4', doc: 'Dovecot 2.4: the first setting of the configuration, saying which version\'s names and defaults it is written for (`2.4.0`). Dovecot 2.3 does not know it.' },
  { name: 'dovecot_storage_version', version: '2.4', doc: 'Dovecot 2.4: the oldest version that must be able to read the mail storage Dovecot writes.' },
  // Inside passdb and userdb
  { name: 'driver', version: 'both', within: ['passdb', 'userdb'], doc: 'Where users and passwords come from: `passwd-file`, `pam`, `sql`, `ldap`, `static`, `checkpassword` ... PAM, checkpassword and LDAP with `auth_bind` only check a password they are given, so they serve PLAIN and LOGIN but never CRAM-MD5, DIGEST-MD5 or SCRAM.' },
  { name: 'args', version: '2.3', within: ['passdb', 'userdb'], doc: 'Dovecot 2.3: the driver\'s arguments in one line, such as `scheme=SHA512-CRYPT username_format=%u /etc/dovecot/users` for passwd-file, or the path of `dovecot-sql.conf.ext`. Dovecot 2.4 replaced it with named settings (`passwd_file_path`, `sql_driver` ...).' },
  { name: 'passwd_file_path', version: '2.4', within: ['passdb', 'userdb'], doc: 'Dovecot 2.4: the passwd-file to read (in 2.3, the last word of `args`).' },
  { name: 'default_password_scheme', version: '2.4', within: ['passdb'], doc: 'Dovecot 2.4: the scheme of passwords stored without a `{SCHEME}` prefix (in 2.3, `scheme=` in `args` or `default_pass_scheme`).' },
  { name: 'default_fields', version: 'both', within: ['passdb', 'userdb'], doc: 'Fields returned for every user unless the database gives its own.' },
  { name: 'override_fields', version: 'both', within: ['passdb', 'userdb'], doc: 'Fields that replace what the database returns.' },
  { name: 'deny', version: 'both', within: ['passdb'], values: BOOL, doc: 'A passdb that, when it finds the user, refuses the login (a block list).' },
  { name: 'master', version: 'both', within: ['passdb'], values: BOOL, doc: 'A passdb of master users, who may log in as others.' },
  { name: 'pass', version: 'both', within: ['passdb'], values: BOOL, doc: 'For master passdbs: also check the target user in the ordinary passdbs.' },
  { name: 'skip', version: 'both', within: ['passdb', 'userdb'], values: ['never', 'authenticated', 'unauthenticated'], doc: 'When to skip this database.' },
  { name: 'result_success', version: 'both', within: ['passdb', 'userdb'], values: ['return-ok', 'return', 'return-fail', 'continue', 'continue-ok', 'continue-fail'], doc: 'What to do next when this database succeeds.' },
  { name: 'result_failure', version: 'both', within: ['passdb', 'userdb'], values: ['return-ok', 'return', 'return-fail', 'continue', 'continue-ok', 'continue-fail'], doc: 'What to do next when this database fails.' },
  { name: 'mechanisms', version: '2.4', within: ['passdb'], doc: 'Dovecot 2.4 (`mechanisms_filter` in 2.4.1+): the mechanisms this passdb is used for.' },
  // Inside service and listeners
  { name: 'mode', version: 'both', within: ['unix_listener', 'fifo_listener'], default: '0600', doc: 'Permissions of the socket, in octal. Postfix\'s smtpd connects as the user `postfix` (its `mail_owner`), so it needs write permission: `0660` with `user = postfix` or `group = postfix`, or `0666`.' },
  { name: 'user', version: 'both', within: ['unix_listener', 'fifo_listener', 'service'], doc: 'In a listener: the owner of the socket. For Postfix\'s SASL socket, `postfix`.' },
  { name: 'group', version: 'both', within: ['unix_listener', 'fifo_listener', 'service'], doc: 'In a listener: the group of the socket. For Postfix\'s SASL socket, `postfix`.' },
  { name: 'port', version: 'both', within: ['inet_listener'], doc: 'The TCP port of this listener. Postfix reaches it with `smtpd_sasl_path = inet:HOST:PORT`.' },
  { name: 'address', version: 'both', within: ['inet_listener'], doc: 'The addresses this listener binds to; the default is `listen`.' },
  { name: 'process_limit', version: 'both', within: ['service'], doc: 'The most processes this service may run at once.' },
  { name: 'client_limit', version: 'both', within: ['service'], doc: 'The most client connections one process of this service serves.' },
];

export interface DovecotSectionInfo {
  name: string;
  doc: string;
}

export const dovecotSections: readonly DovecotSectionInfo[] = [
  { name: 'passdb', doc: 'A password database: checks the password of each login. Dovecot asks the passdbs in order. In 2.3 `passdb { driver = ... args = ... }`; in 2.4 every passdb has a name, `passdb NAME { driver = ... }`, and `args` is gone.' },
  { name: 'userdb', doc: 'A user database: where a user\'s mail lives and as which system user. Postfix SASL does not use it, but Dovecot wants one.' },
  { name: 'service', doc: 'A Dovecot process and its sockets. `service auth` holds the `unix_listener` (or `inet_listener`) Postfix connects to for SASL.' },
  { name: 'unix_listener', doc: 'A UNIX socket of a service. For Postfix SASL, inside `service auth`, at the path `smtpd_sasl_path` names under Postfix\'s queue directory (e.g. `/var/spool/postfix/private/auth` for `private/auth`), with `mode`, `user` and `group` that let the postfix user connect.' },
  { name: 'inet_listener', doc: 'A TCP socket of a service. For Postfix SASL over the network, inside `service auth`, with the `port` that `smtpd_sasl_path = inet:HOST:PORT` names.' },
  { name: 'fifo_listener', doc: 'A named pipe of a service.' },
  { name: 'protocol', doc: 'Settings for one protocol only (`imap`, `pop3`, `lmtp` ...).' },
  { name: 'plugin', doc: 'Settings read by plugins.' },
];

export interface DovecotMechanism {
  name: string;
  doc: string;
  /** Sends the password itself (noplaintext in Postfix excludes it). */
  plaintext?: boolean;
  /** Open to passive dictionary attacks (nodictionary excludes it). */
  dictionary?: boolean;
  /** Open to active (non-dictionary) attacks (noactive excludes it). */
  active?: boolean;
  anonymous?: boolean;
  mutualAuth?: boolean;
  /** Needs the password in plain text, or in this scheme, from the passdb. */
  needsScheme?: string;
  /** Not advertised to Postfix (APOP is for POP3 only). */
  private?: boolean;
}

export const dovecotMechanisms: readonly DovecotMechanism[] = [
  { name: 'plain', plaintext: true, doc: 'The user name and password, sent as they are (base64 is no protection). Works with every passdb. Needs TLS.' },
  { name: 'login', plaintext: true, doc: 'Like PLAIN, in two steps; older Outlook versions use it. Works with every passdb. Needs TLS.' },
  { name: 'cram-md5', dictionary: true, active: true, needsScheme: 'CRAM-MD5', doc: 'A challenge answered with an MD5 HMAC of the password. The passdb must hold the password in plain text or as `{CRAM-MD5}`; crypt hashes cannot serve it.' },
  { name: 'digest-md5', dictionary: true, active: true, mutualAuth: true, needsScheme: 'DIGEST-MD5', doc: 'An obsolete challenge-response mechanism (RFC 6331). Needs the password in plain text or as `{DIGEST-MD5}` (which includes the realm).' },
  { name: 'scram-sha-1', mutualAuth: true, needsScheme: 'SCRAM-SHA-1', doc: 'Salted challenge-response. Needs the password in plain text or stored as `{SCRAM-SHA-1}`.' },
  { name: 'scram-sha-256', mutualAuth: true, needsScheme: 'SCRAM-SHA-256', doc: 'Salted challenge-response with SHA-256. Needs the password in plain text or stored as `{SCRAM-SHA-256}`.' },
  { name: 'apop', dictionary: true, active: true, private: true, needsScheme: 'PLAIN', doc: 'POP3 only; never offered to Postfix.' },
  { name: 'anonymous', anonymous: true, doc: 'Login without a password. Through Postfix this means anyone can relay with `permit_sasl_authenticated`, unless Postfix sets `noanonymous`.' },
  { name: 'external', doc: 'The TLS client certificate identifies the user.' },
  { name: 'gssapi', doc: 'Kerberos 5.' },
  { name: 'gss-spnego', doc: 'Kerberos or NTLM through Samba\'s winbind.' },
  { name: 'ntlm', dictionary: true, active: true, needsScheme: 'NTLM', doc: 'Microsoft NTLM. Needs the password in plain text or as `{NTLM}`.' },
  { name: 'otp', dictionary: true, active: true, needsScheme: 'OTP', doc: 'One-time passwords (RFC 2289).' },
  { name: 'oauthbearer', doc: 'An OAuth 2.0 bearer token (RFC 7628).' },
  { name: 'xoauth2', doc: 'Google\'s older form of OAuth 2.0 login.' },
];

/** Passdb drivers that only verify a password they are given: no plain password to derive from. */
export const verifyOnlyDrivers: ReadonlySet<string> = new Set(['pam', 'checkpassword', 'bsdauth', 'shadow', 'passwd', 'imap', 'oauth2', 'lua-verify']);

export const passdbDrivers = ['passwd-file', 'pam', 'sql', 'ldap', 'static', 'checkpassword', 'dict', 'lua', 'imap', 'oauth2', 'bsdauth', 'passwd', 'shadow'].map((name) => ({ name, doc: `The \`${name}\` passdb driver.` }));

const byName = new Map(dovecotSettings.map((s) => [s.name, s]));
export const lookupDovecotSetting = (name: string): DovecotSettingInfo | undefined => byName.get(name);
const mechByName = new Map(dovecotMechanisms.map((m) => [m.name, m]));
export const lookupDovecotMechanism = (name: string): DovecotMechanism | undefined => mechByName.get(name.toLowerCase());
export const lookupDovecotSection = (name: string): DovecotSectionInfo | undefined => dovecotSections.find((s) => s.name === name);
