// What the Cyrus SASL application file (smtpd.conf) accepts, for completion, hover and checks.
// Written by hand from the Cyrus SASL 2.1 option reference; docs are our own words.

export interface CyrusOption {
  name: string;
  doc: string;
  /** Fixed words the value may hold (several for list options). */
  values?: readonly string[];
  /** The value is a list of words. */
  list?: boolean;
}

export interface WordDoc {
  name: string;
  doc: string;
}

/** pwcheck_method values Cyrus SASL 2 understands. */
export const pwcheckMethods: readonly WordDoc[] = [
  { name: 'saslauthd', doc: 'Ask the saslauthd daemon over its UNIX socket, for PLAIN and LOGIN. CRAM-MD5, DIGEST-MD5 and SCRAM never reach saslauthd: they read the secret from the auxprop plugins (sasldb by default) whatever this says, so they work only for users kept there too.' },
  { name: 'auxprop', doc: 'Read the secret from an auxiliary property plugin (`auxprop_plugin`: sasldb, sql, ldapdb). Works with every mechanism, including CRAM-MD5 and SCRAM, when the secret is stored in the clear.' },
  { name: 'authdaemond', doc: 'Ask Courier\'s authdaemond over its socket (`authdaemond_path`). Plaintext mechanisms only.' },
  { name: 'alwaystrue', doc: 'Accepts any password. A test aid only: never use it on a real server.' },
];

/** Methods from SASL version 1 that version 2 no longer accepts. */
export const saslV1Methods: ReadonlyMap<string, string> = new Map([
  ['sasldb', 'pwcheck_method: auxprop with auxprop_plugin: sasldb'],
  ['pwcheck', 'pwcheck_method: saslauthd'],
  ['passwd', 'pwcheck_method: saslauthd (with saslauthd -a getpwent)'],
  ['shadow', 'pwcheck_method: saslauthd (with saslauthd -a shadow)'],
  ['pam', 'pwcheck_method: saslauthd (with saslauthd -a pam)'],
  ['sia', 'pwcheck_method: saslauthd'],
  ['kerberos_v4', 'pwcheck_method: saslauthd (with saslauthd -a kerberos5)'],
]);

export const auxpropPlugins: readonly WordDoc[] = [
  { name: 'sasldb', doc: 'The Berkeley DB / LMDB file that `saslpasswd2` maintains (`sasldb_path`, usually `/etc/sasldb2`).' },
  { name: 'sql', doc: 'A MySQL, PostgreSQL or SQLite table (`sql_engine`, `sql_hostnames`, `sql_select` ...).' },
  { name: 'ldapdb', doc: 'An LDAP directory reached through SASL itself (`ldapdb_uri`, `ldapdb_id`, `ldapdb_pw` ...).' },
];

/** SASL mechanisms, with what each needs from the password store. */
export interface MechanismInfo extends WordDoc {
  /** Sends the password itself (PLAIN, LOGIN): saslauthd and authdaemond can check it. */
  plaintext: boolean;
  /** Needs the shared secret (the clear password) from an auxprop plugin such as sasldb; saslauthd cannot serve it. */
  sharedSecret: boolean;
}

export const saslMechanisms: readonly MechanismInfo[] = [
  { name: 'PLAIN', plaintext: true, sharedSecret: false, doc: 'User name and password sent as they are (base64 is not encryption). Safe only inside TLS.' },
  { name: 'LOGIN', plaintext: true, sharedSecret: false, doc: 'An older, non-standard form of PLAIN that Outlook and some phones still use. Password sent as it is.' },
  { name: 'ANONYMOUS', plaintext: false, sharedSecret: false, doc: 'Login without an identity. Never offer it on a server that relays for authenticated users.' },
  { name: 'CRAM-MD5', plaintext: false, sharedSecret: true, doc: 'Challenge-response with HMAC-MD5. The server must hold the clear password; obsolete.' },
  { name: 'DIGEST-MD5', plaintext: false, sharedSecret: true, doc: 'Challenge-response, declared historic by RFC 6331. The server must hold the clear password.' },
  { name: 'SCRAM-SHA-1', plaintext: false, sharedSecret: true, doc: 'Salted challenge-response (RFC 5802). Needs the secret or SCRAM hashes on the server.' },
  { name: 'SCRAM-SHA-256', plaintext: false, sharedSecret: true, doc: 'Salted challenge-response with SHA-256 (RFC 7677). Needs the secret on the server.' },
  { name: 'SCRAM-SHA-512', plaintext: false, sharedSecret: true, doc: 'Salted challenge-response with SHA-512. Needs the secret on the server.' },
  { name: 'NTLM', plaintext: false, sharedSecret: true, doc: 'Microsoft\'s challenge-response. Needs the secret (or an NTLM server); weak.' },
  { name: 'OTP', plaintext: false, sharedSecret: true, doc: 'One-time passwords (RFC 2444).' },
  { name: 'SRP', plaintext: false, sharedSecret: true, doc: 'Secure Remote Password. Needs a verifier on the server.' },
  { name: 'GSSAPI', plaintext: false, sharedSecret: false, doc: 'Kerberos 5. Uses a keytab, not passwords.' },
  { name: 'GS2-KRB5', plaintext: false, sharedSecret: false, doc: 'Kerberos 5 through the GS2 bridge.' },
  { name: 'EXTERNAL', plaintext: false, sharedSecret: false, doc: 'Identity from outside SASL, such as a TLS client certificate.' },
  { name: 'XOAUTH2', plaintext: false, sharedSecret: false, doc: 'OAuth 2.0 bearer token (needs a third-party plugin).' },
  { name: 'OAUTHBEARER', plaintext: false, sharedSecret: false, doc: 'OAuth 2.0 bearer token, RFC 7628 (needs a plugin).' },
];

const byMechanism = new Map(saslMechanisms.map((m) => [m.name, m]));

export function lookupMechanism(name: string): MechanismInfo | undefined {
  return byMechanism.get(name.toUpperCase());
}

/** Cyrus plugin names that people write where a mechanism name belongs. */
export const pluginToMechanism: ReadonlyMap<string, string> = new Map([
  ['crammd5', 'CRAM-MD5'],
  ['digestmd5', 'DIGEST-MD5'],
  ['gssapiv2', 'GSSAPI'],
  ['scram', 'SCRAM-SHA-1'],
  ['anonymous', 'ANONYMOUS'],
]);

export const cyrusOptions: readonly CyrusOption[] = [
  { name: 'pwcheck_method', list: true, values: pwcheckMethods.map((m) => m.name), doc: 'How plaintext passwords (PLAIN, LOGIN) are checked: `saslauthd`, `auxprop` or `authdaemond`. Several may be listed; they are tried in order.' },
  { name: 'mech_list', list: true, values: saslMechanisms.map((m) => m.name), doc: 'The mechanisms offered to clients. Unset means every installed plugin, which often includes mechanisms the password store cannot serve. List only what works with `pwcheck_method`.' },
  { name: 'saslauthd_path', doc: 'Path of saslauthd\'s socket, ending in `/mux`. Postfix opens it from inside its chroot when smtpd is chrooted, so it is then relative to the queue directory.' },
  { name: 'auxprop_plugin', list: true, values: auxpropPlugins.map((p) => p.name), doc: 'Which auxiliary property plugins hold the secrets when `pwcheck_method` is `auxprop`. Unset means every installed one.' },
  { name: 'sasldb_path', doc: 'The sasldb file for `auxprop_plugin: sasldb` (default `/etc/sasldb2`). For a chrooted smtpd it must be reachable inside the chroot, and readable by the postfix user.' },
  { name: 'log_level', values: ['0', '1', '2', '3', '4', '5', '6', '7'], doc: 'How much the library logs: 0 none, 1 errors, 2 failures, 3 non-fatal warnings, 4 more, 5 debug, 6 trace, 7 passwords too (never leave 7 on).' },
  { name: 'authdaemond_path', doc: 'Socket of Courier\'s authdaemond, for `pwcheck_method: authdaemond`.' },
  { name: 'auto_transition', values: ['yes', 'no', 'noplain'], doc: 'Store new secrets for other mechanisms when a user logs in with PLAIN (auxprop only).' },
  { name: 'canon_user_plugin', doc: 'The plugin that turns a login name into a canonical user name (default `INTERNAL`).' },
  { name: 'keytab', doc: 'Kerberos keytab for GSSAPI.' },
  { name: 'reauth_timeout', doc: 'Minutes that DIGEST-MD5 keeps a session for fast re-authentication (0 turns it off).' },
  { name: 'ntlm_server', doc: 'Windows servers that check NTLM logins in our place.' },
  { name: 'ntlm_v2', values: ['yes', 'no'], doc: 'Allow NTLMv2 responses.' },
  { name: 'otp_mda', values: ['md4', 'md5', 'sha1'], doc: 'Digest for new OTP secrets.' },
  { name: 'srp_mda', doc: 'Digest for SRP.' },
  { name: 'plugin_list', doc: 'A file listing the plugins to load.' },
  { name: 'sql_engine', values: ['mysql', 'pgsql', 'sqlite', 'sqlite3'], doc: 'Database driver of the sql auxprop plugin.' },
  { name: 'sql_hostnames', doc: 'Database servers, `host[:port]`, comma separated.' },
  { name: 'sql_user', doc: 'Database user of the sql plugin.' },
  { name: 'sql_passwd', doc: 'Password of the database user. Keep this file readable only by root and postfix.' },
  { name: 'sql_database', doc: 'Database name.' },
  { name: 'sql_select', doc: 'Query that returns the secret; `%u` user, `%r` realm, `%p` property.' },
  { name: 'sql_insert', doc: 'Query that stores a secret (saslpasswd2, auto_transition).' },
  { name: 'sql_update', doc: 'Query that updates a secret.' },
  { name: 'sql_usessl', values: ['yes', 'no'], doc: 'Connect to the database with TLS.' },
  { name: 'ldapdb_uri', doc: 'LDAP server URI(s) of the ldapdb plugin.' },
  { name: 'ldapdb_id', doc: 'SASL identity the plugin binds with.' },
  { name: 'ldapdb_pw', doc: 'Password of `ldapdb_id`. Keep this file private.' },
  { name: 'ldapdb_mech', doc: 'SASL mechanism for the LDAP bind.' },
  { name: 'ldapdb_rc', doc: 'An ldap.conf-style file with more client options.' },
  { name: 'ldapdb_starttls', values: ['try', 'demand'], doc: 'Use STARTTLS to the LDAP server.' },
  { name: 'ldapdb_canon_attr', doc: 'Attribute holding the canonical user name.' },
];

const byOption = new Map(cyrusOptions.map((o) => [o.name, o]));

export function lookupCyrusOption(name: string): CyrusOption | undefined {
  return byOption.get(name.toLowerCase());
}

/** Families of keys that plugins define; not checked one by one. */
export function isCyrusOptionFamily(name: string): boolean {
  return /^(sql|ldapdb|sasldb|gssapi|ntlm|otp|srp|scram|plain|login|cram|digest|auxprop|sasl)_/.test(name.toLowerCase());
}
