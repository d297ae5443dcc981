// What each rule's page says beyond the rule table: why the finding matters, a set-up where the
// rule fires and the same set-up fixed. scripts/rule-docs.ts turns this and rules.ts into
// docs/rules/CODE.md; a test runs every example through the service, so a page never shows a "bad"
// example that passes or a "good" one that still fires. Keyed by RuleCode: a new rule without a
// page does not type-check.
import type { RuleCode } from './rules';

/** Files by path under /etc ("postfix/main.cf"); the path decides the file type, as on disk. */
export type ExampleFiles = Readonly<Record<string, string>>;

/** What the disk says about a file that its text cannot: permission bits, a compiled table's age. */
export interface ExampleDisk {
  mode: number;
  /** The compiled table (FILE.db) is older than the file (true) or newer (false); unset: not said. */
  staleTable?: boolean;
}

export interface RuleDoc {
  /** Why it matters: what the daemon does, what the user sees. Markdown. */
  why: string;
  /** A set-up where the rule fires. */
  bad: ExampleFiles;
  /** The files that change to fix it (the others stay as in `bad`). */
  good: ExampleFiles;
  disk?: { bad?: Readonly<Record<string, ExampleDisk>>; good?: Readonly<Record<string, ExampleDisk>> };
  /** A smaller size limit, for the size rule's example. */
  maxFileSize?: number;
  /** postfixSasl.postfixVersion for both examples. */
  postfixVersion?: string;
  /** The finding is about the whole file (its first line), so no ignore comment can sit above it. */
  wholeFile?: true;
}

const MAIN = 'postfix/main.cf';
const MASTER = 'postfix/master.cf';
const CYRUS = 'postfix/sasl/smtpd.conf';
const REDHAT = 'sysconfig/saslauthd';
const DEBIAN = 'default/saslauthd';
const PASSWD = 'postfix/sasl_passwd';
const AUTH = 'dovecot/conf.d/10-auth.conf';
const DOVECOT_MASTER = 'dovecot/conf.d/10-master.conf';

const SERVER = [
  'smtpd_sasl_auth_enable = yes',
  'smtpd_tls_chain_files = /etc/ssl/private/mail.key, /etc/ssl/certs/mail.pem',
  'smtpd_tls_security_level = may',
  'smtpd_tls_auth_only = yes',
  '',
].join('\n');
const CLIENT = 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_tls_security_level = encrypt\n';
/** A smarthost login with sasl-xoauth2: the token file path stands where the password would. */
const OAUTH = CLIENT + 'smtp_sasl_security_options = noanonymous\n';
const OAUTH_FILTER = OAUTH + 'smtp_sasl_mechanism_filter = xoauth2\n';
const TOKEN_ENTRY = '[smtp.example.com]:587 user@example.com:/etc/tokens/user@example.com\n';
const DEBIAN_SASLAUTHD = (options: string) => `START=yes\nMECHANISMS="pam"\nOPTIONS="${options}"\n`;
const REDHAT_SASLAUTHD = (flags: string) => `SOCKETDIR=/run/saslauthd\nMECH=pam\nFLAGS="${flags}"\n`;
const DOVECOT_POSTFIX = SERVER + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\nsmtpd_sasl_security_options = noanonymous\n';
const PASSDB = 'passdb {\n  driver = passwd-file\n  args = scheme=SHA512-CRYPT /etc/dovecot/users\n}\n';
const AUTH_LISTENER = (path: string, mode = '0660', user = 'postfix') => `service auth {\n  unix_listener ${path} {\n    mode = ${mode}\n    user = ${user}\n    group = postfix\n  }\n}\n`;
const dovecot = (over: { main?: string; auth?: string; master?: string } = {}): ExampleFiles => ({
  [MAIN]: over.main ?? DOVECOT_POSTFIX,
  'dovecot/dovecot.conf': 'protocols = imap\n!include conf.d/*.conf\n',
  [AUTH]: over.auth ?? 'auth_mechanisms = plain login\n' + PASSDB,
  [DOVECOT_MASTER]: over.master ?? AUTH_LISTENER('/var/spool/postfix/private/auth'),
});
const SUBMISSION = 'submission inet n - y - - smtpd\n  -o syslog_name=postfix/submission\n';

export const ruleDocs: { readonly [C in RuleCode]: RuleDoc } = {
  // main.cf syntax
  'missing-equals': {
    why: 'Postfix stops at a line it cannot read: `postfix reload` and every daemon that reads main.cf report a fatal error, so mail stops until the line is fixed.',
    bad: { [MAIN]: 'myhostname mail.example.org\n' },
    good: { [MAIN]: 'myhostname = mail.example.org\n' },
  },
  'orphan-continuation': {
    why: 'A line that starts with a blank continues the line above it. At the top of the file there is nothing to continue: Postfix warns "logical line must not start with whitespace" and drops the text, so the value it was meant for never gets it.',
    bad: { [MAIN]: '  mail.example.org\nmydomain = example.org\n' },
    good: { [MAIN]: 'myhostname =\n  mail.example.org\nmydomain = example.org\n' },
  },
  'invalid-name': {
    why: 'Postfix parameter names hold letters, digits and underscores only. A name with anything else is no parameter Postfix has: the line is ignored (`postconf -n` calls it an unused parameter).',
    bad: { [MAIN]: 'smtpd@banner = $myhostname ESMTP\n' },
    good: { [MAIN]: 'smtpd_banner = $myhostname ESMTP\n' },
  },
  'inline-comment': {
    why: 'Only lines that start with `#` are comments. After a value, the `#` and the words after it become part of the value: `none # for now` is not the level `none`, and smtpd stops with "Invalid TLS level".',
    bad: { [MAIN]: 'smtpd_tls_security_level = may # opportunistic TLS\n' },
    good: { [MAIN]: '# opportunistic TLS\nsmtpd_tls_security_level = may\n' },
  },
  'ignore-unknown-code': {
    why: 'An ignore comment silences the codes it names on the next line. A misspelt code matches no finding, so the finding you meant to silence is still reported, and the comment suggests that someone looked at it.',
    bad: { [MAIN]: '# postfix-sasl: ignore unknown-paramter\nsmtpd_sasl_auth_enabel = yes\n' },
    good: { [MAIN]: '# postfix-sasl: ignore unknown-parameter\nsmtpd_sasl_auth_enabel = yes\n' },
  },
  'bad-reference': {
    why: 'A `${name` without its closing brace, or a malformed `${name?value}`, cannot be expanded as written: the value that reaches the daemon is not the one you meant.',
    bad: { [MAIN]: 'myorigin = ${mydomain\n' },
    good: { [MAIN]: 'myorigin = ${mydomain}\n' },
  },
  // Names
  'unknown-parameter': {
    why: 'The daemons ignore a name they do not know (only `postconf -n` warns about an unused parameter). A misspelt `smtpd_sasl_auth_enable` leaves AUTH off, and the mail log says nothing about it.',
    bad: { [MAIN]: 'smtpd_sasl_auth_enabel = yes\n' },
    good: { [MAIN]: 'smtpd_sasl_auth_enable = yes\n' },
  },
  'unknown-service-parameter': {
    why: 'A `SERVICE_name` parameter applies to the master.cf service of that name. Without such a service, Postfix ignores it and the limit you meant to set never applies.',
    bad: { [MASTER]: 'relay unix - - n - - smtp\n  -o polite_destination_concurrency_limit=3\n' },
    good: { [MASTER]: 'polite unix - - n - - smtp\n  -o polite_destination_concurrency_limit=3\n' },
  },
  'service-parameter-unchecked': {
    why: 'Whether a `SERVICE_name` parameter does anything depends on master.cf. Open (or check) master.cf of the same instance to have it checked.',
    bad: { [MAIN]: 'relay_destination_recipient_limit = 1\n' },
    good: { [MASTER]: 'relay unix - - n - - smtp\n' },
  },
  'deprecated-parameter': {
    why: 'Newer Postfix versions warn about these names and later stop reading them. The old TLS switches also lose to the new level parameter when both are set, so an old line can look active while it does nothing.',
    bad: { [MAIN]: 'smtpd_use_tls = yes\n' },
    good: { [MAIN]: 'smtpd_tls_security_level = may\n' },
  },
  'parameter-newer-than-target': {
    why: 'The Postfix the files are for does not know the name: it logs "unused parameter" and runs as if the line were not there, so a setting meant to take effect (a TLS or SASL option, say) silently does not.',
    bad: { [MAIN]: 'tls_ffdhe_auto_groups = ffdhe3072\n' },
    good: { [MAIN]: 'tls_eecdh_auto_curves = X25519 prime256v1\n' },
    postfixVersion: '3.7',
  },
  'read-only-parameter': {
    why: 'Postfix sets these itself for each process; an assignment in main.cf has no effect.',
    bad: { [MAIN]: 'process_name = relay\n' },
    good: { [MAIN]: 'syslog_name = relay\n' },
  },
  'duplicate-parameter': {
    why: 'The last line of a name wins. The earlier one is dead, and whoever reads the file later may edit the wrong one.',
    bad: { [MAIN]: 'relayhost = [old.example.com]\nrelayhost = [smtp.example.com]:587\n' },
    good: { [MAIN]: 'relayhost = [smtp.example.com]:587\n' },
  },
  'undefined-reference': {
    why: 'A `$name` that nothing defines expands to an empty string: `$mydomian` leaves myorigin empty, with no warning from Postfix.',
    bad: { [MAIN]: 'myorigin = $mydomian\n' },
    good: { [MAIN]: 'myorigin = $mydomain\n' },
  },
  // Values
  'invalid-boolean': {
    why: 'Postfix accepts only yes and no here. Any other word makes the daemons that read the parameter stop with "bad boolean configuration".',
    bad: { [MAIN]: 'smtpd_sasl_auth_enable = true\n' },
    good: { [MAIN]: 'smtpd_sasl_auth_enable = yes\n' },
  },
  'invalid-integer': {
    why: 'A number parameter that does not hold a whole number makes the daemon stop with "bad numerical configuration".',
    bad: { [MAIN]: 'smtpd_soft_error_limit = ten\n' },
    good: { [MAIN]: 'smtpd_soft_error_limit = 10\n' },
  },
  'invalid-time': {
    why: 'Time values are a number with one optional unit letter (s, m, h, d, w) and no blank. "5 days" makes the daemon stop with a fatal error.',
    bad: { [MAIN]: 'maximal_queue_lifetime = 5 days\n' },
    good: { [MAIN]: 'maximal_queue_lifetime = 5d\n' },
  },
  'invalid-size': {
    why: 'Postfix sizes are plain byte counts. "10M" is not a number to Postfix, and the daemon stops with "bad numerical configuration".',
    bad: { [MAIN]: 'message_size_limit = 10M\n' },
    good: { [MAIN]: 'message_size_limit = 10485760\n' },
  },
  'invalid-enum': {
    why: 'The parameter accepts a fixed set of words; any other stops the daemon or is refused at run time (for TLS levels: "Invalid TLS level").',
    bad: { [MAIN]: 'smtp_tls_security_level = required\n' },
    good: { [MAIN]: 'smtp_tls_security_level = encrypt\n' },
  },
  'unknown-option-word': {
    why: 'A word the parameter does not know is refused when the daemon reads it: for the SASL security options, smtpd stops with an error and AUTH is not offered.',
    bad: { [MAIN]: 'smtpd_sasl_security_options = noanonymous, noplain\n' },
    good: { [MAIN]: 'smtpd_sasl_security_options = noanonymous, noplaintext\n' },
  },
  'unknown-restriction': {
    why: 'smtpd treats an unknown restriction as a configuration error: it answers every client that reaches that list with "451 4.3.5 Server configuration error", so mail is deferred.',
    bad: { [MAIN]: 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destinaton\n' },
    good: { [MAIN]: 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n' },
  },
  'deprecated-restriction': {
    why: 'Old restriction names still work for now but are on their way out; the removed ones make smtpd answer with a configuration error.',
    bad: { [MAIN]: 'smtpd_client_restrictions = reject_unknown_client\n' },
    good: { [MAIN]: 'smtpd_client_restrictions = reject_unknown_client_hostname\n' },
  },
  'restriction-missing-argument': {
    why: 'Restrictions such as check_client_access take a table (or a domain) as the next word. Without it, smtpd reads the next restriction as the table, or answers with a configuration error.',
    bad: { [MAIN]: 'smtpd_client_restrictions = check_client_access\n' },
    good: { [MAIN]: 'smtpd_client_restrictions = check_client_access hash:/etc/postfix/access\n' },
  },
  'unknown-map-type': {
    why: 'A table written without its `type:` stops the daemon that opens it ("fatal: open dictionary: expecting \\"type:name\\" form"); one of a type Postfix does not know opens as a table whose every lookup fails, so smtpd answers "451 4.3.5 Server configuration error" wherever it is consulted (Postfix 3.7). Either way mail stops.',
    bad: { [MAIN]: 'alias_maps = hsh:/etc/aliases\n' },
    good: { [MAIN]: 'alias_maps = hash:/etc/aliases\n' },
  },
  'relay-restrictions-unsafe': {
    why: 'At start smtpd looks through smtpd_relay_restrictions and smtpd_recipient_restrictions (and the restriction classes they name) for reject_unauth_destination, defer_unauth_destination, reject, defer or defer_if_permit before the first `permit`. Without one it stops with a fatal error, so that Postfix never runs as an open relay by accident. A lookup table, a policy server or `warn_if_reject reject_unauth_destination` does not count, whatever it would answer.',
    bad: { [MAIN]: 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, check_recipient_access hash:/etc/postfix/relay_ok\n' },
    good: { [MAIN]: 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, check_recipient_access hash:/etc/postfix/relay_ok, reject_unauth_destination\n' },
  },
  'open-relay': {
    why: 'When every list lets an unknown client through, anyone can send mail anywhere through the server: spammers find such servers within hours, and the server lands on block lists. smtpd\'s start-up check cannot see it when the permit hides in a restriction class.',
    bad: { [MAIN]: 'smtpd_restriction_classes = everyone\neveryone = permit\nsmtpd_relay_restrictions = everyone, reject_unauth_destination\n' },
    good: { [MAIN]: 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' },
  },
  'mynetworks-covers-world': {
    why: 'permit_mynetworks accepts every client whose address is in mynetworks. A pattern with prefix length 0 (0.0.0.0/0, ::/0) holds every address there is, so every client on the Internet may relay.',
    bad: { [MAIN]: 'mynetworks = 127.0.0.0/8, 0.0.0.0/0\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' },
    good: { [MAIN]: 'mynetworks = 127.0.0.0/8, [::1]/128\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' },
  },
  'sasl-users-rejected': {
    why: 'smtpd stops at the first restriction that decides, and runs every list (client, HELO, sender, relay, recipient) until one rejects. A reject_unauth_destination (or reject) that comes before permit_sasl_authenticated answers logged-in users "Relay access denied": they authenticate, and still cannot send to other domains.',
    bad: { [MAIN]: SERVER + 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination, permit_sasl_authenticated\n' },
    good: { [MAIN]: SERVER + 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n' },
  },
  'sasl-users-may-be-rejected': {
    why: 'DNS block lists, reverse-DNS and HELO checks judge the network a client connects from. Users who log in from home, hotel or mobile networks are often on such lists or have no reverse name; placed before permit_sasl_authenticated, the check refuses them although they logged in.',
    bad: { [MAIN]: SERVER + 'smtpd_recipient_restrictions = reject_rbl_client zen.spamhaus.org, permit_sasl_authenticated, reject_unauth_destination\n' },
    good: { [MAIN]: SERVER + 'smtpd_recipient_restrictions = permit_sasl_authenticated, reject_rbl_client zen.spamhaus.org, reject_unauth_destination\n' },
  },
  'sasl-login-check-skipped': {
    why: 'permit_sasl_authenticated ends the list for a logged-in user. A reject_sender_login_mismatch after it is never reached for the users it is meant to check, so any of them may send with any sender address.',
    bad: { [MAIN]: SERVER + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = permit_sasl_authenticated, reject_sender_login_mismatch\n' },
    good: { [MAIN]: SERVER + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_sender_login_mismatch, permit_sasl_authenticated\n' },
  },
  // Cyrus SASL application file
  'cyrus-syntax': {
    why: 'Cyrus SASL reads `key: value` with the colon right after the key. A line it cannot read makes it ignore the whole file, so smtpd falls back to the library defaults.',
    bad: { [CYRUS]: 'pwcheck_method : saslauthd\n' },
    good: { [CYRUS]: 'pwcheck_method: saslauthd\n' },
  },
  'cyrus-unknown-option': {
    why: 'The library and its plugins ignore options they do not read; a misspelt option changes nothing.',
    bad: { [CYRUS]: 'pwcheck_method: auxprop\nlog_levl: 3\n' },
    good: { [CYRUS]: 'pwcheck_method: auxprop\nlog_level: 3\n' },
  },
  'cyrus-duplicate-option': {
    why: 'Cyrus SASL uses the first line of an option and ignores the later ones: the opposite of Postfix, and easy to get wrong.',
    bad: { [CYRUS]: 'mech_list: PLAIN\nmech_list: PLAIN LOGIN\n' },
    good: { [CYRUS]: 'mech_list: PLAIN LOGIN\n' },
  },
  'cyrus-unknown-pwcheck-method': {
    why: 'With a pwcheck_method it does not know, the library cannot check any password: every login fails.',
    bad: { [CYRUS]: 'pwcheck_method: saslauth\n' },
    good: { [CYRUS]: 'pwcheck_method: saslauthd\n' },
  },
  'cyrus-sasl-v1-method': {
    why: 'SASL version 1 names such as sasldb or pam are refused by version 2, which every current system runs: logins fail. sasldb became auxprop with auxprop_plugin: sasldb; pam and shadow go through saslauthd.',
    bad: { [CYRUS]: 'pwcheck_method: sasldb\n' },
    good: { [CYRUS]: 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\n' },
  },
  'cyrus-pwcheck-alwaystrue': {
    why: 'alwaystrue accepts any password for any user name: anyone can log in and relay mail through the server.',
    bad: { [CYRUS]: 'pwcheck_method: alwaystrue\n' },
    good: { [CYRUS]: 'pwcheck_method: saslauthd\n' },
  },
  'cyrus-unknown-mechanism': {
    why: 'A mechanism name that does not exist is never offered; if it was the only one meant, clients find no mechanism they can use.',
    bad: { [CYRUS]: 'mech_list: PLAIN CRAM-MD4\n' },
    good: { [CYRUS]: 'mech_list: PLAIN CRAM-MD5\n' },
  },
  'cyrus-mech-needs-secret': {
    why: 'pwcheck_method decides how PLAIN and LOGIN are checked. CRAM-MD5, DIGEST-MD5, SCRAM and NTLM never reach saslauthd: Cyrus reads the secret from its auxprop plugins (sasldb by default, at /etc/sasldb2). They work for the users kept there too, and fail with "535 authentication failed" for users only saslauthd knows (system accounts, PAM). Checked on the real Postfix: with the user in sasldb, CRAM-MD5 logs in although pwcheck_method is saslauthd.',
    bad: { [CYRUS]: 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN CRAM-MD5\n' },
    good: { [CYRUS]: 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n' },
  },
  'cyrus-saslauthd-path-not-mux': {
    why: 'saslauthd_path names the socket itself, which saslauthd calls `mux` inside its directory. Naming the directory makes every connection, and so every login, fail.',
    bad: { [CYRUS]: 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd\n' },
    good: { [CYRUS]: 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n' },
  },
  'cyrus-unknown-auxprop-plugin': {
    why: 'The library loads no plugin by that name, so it finds no user and every login fails. MySQL and PostgreSQL go through the `sql` plugin (with sql_engine).',
    bad: { [CYRUS]: 'pwcheck_method: auxprop\nauxprop_plugin: mysql\n' },
    good: { [CYRUS]: 'pwcheck_method: auxprop\nauxprop_plugin: sql\nsql_engine: mysql\n' },
  },
  // saslauthd settings
  'saslauthd-syntax': {
    why: 'The start-up script reads this file as shell. A line the shell cannot read stops the script or runs part of the line as a command.',
    bad: { [REDHAT]: 'MECH=pam\nFLAGS=-c -r\n' },
    good: { [REDHAT]: 'MECH=pam\nFLAGS="-c -r"\n' },
  },
  'saslauthd-unknown-variable': {
    why: 'Neither the Red Hat nor the Debian start-up script reads that variable, so the setting never reaches saslauthd.',
    bad: { [REDHAT]: 'MECH=pam\nFLAG="-r"\n' },
    good: { [REDHAT]: 'MECH=pam\nFLAGS="-r"\n' },
  },
  'saslauthd-unknown-mechanism': {
    why: 'saslauthd refuses to start with a mechanism it does not have, and every login through it fails.',
    bad: { [REDHAT]: 'MECH=pma\n' },
    good: { [REDHAT]: 'MECH=pam\n' },
  },
  'saslauthd-several-mechanisms': {
    why: 'saslauthd runs with one mechanism; the others are ignored, so users that only the ignored one knows cannot log in.',
    bad: { [REDHAT]: 'MECH="pam shadow"\n' },
    good: { [REDHAT]: 'MECH="pam"\n' },
  },
  'saslauthd-mechanism-twice': {
    why: 'The start-up scripts pass `-a` with MECHANISMS (Debian) or MECH (Red Hat) themselves. Another `-a` in OPTIONS or FLAGS is a second one: saslauthd 2.1.28 prints its usage and exits, so it never runs and every login through it fails.',
    bad: { [DEBIAN]: 'START=yes\nMECHANISMS="pam"\nOPTIONS="-a pam -c -m /var/run/saslauthd"\n' },
    good: { [DEBIAN]: 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n' },
  },
  'saslauthd-unknown-flag': {
    why: 'saslauthd prints its usage and exits at an option it does not know (saslauthd 2.1.28): it does not run, and every login through it fails.',
    bad: { [REDHAT]: REDHAT_SASLAUTHD('-r -z') },
    good: { [REDHAT]: REDHAT_SASLAUTHD('-r') },
  },
  'saslauthd-debug-flag': {
    why: '-d keeps saslauthd in the foreground and logging to the terminal: the start-up script never returns, and the service manager may kill it as hung.',
    bad: { [REDHAT]: REDHAT_SASLAUTHD('-r -d') },
    good: { [REDHAT]: REDHAT_SASLAUTHD('-r') },
  },
  'saslauthd-not-started': {
    why: "On Debian the init script starts saslauthd only with START=yes. Without it, smtpd's password checks find no daemon and every login fails.",
    bad: { [DEBIAN]: 'START=no\nMECHANISMS="pam"\nOPTIONS="-c -m /var/run/saslauthd"\n', [CYRUS]: 'pwcheck_method: saslauthd\n' },
    good: { [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/run/saslauthd') },
  },
  'saslauthd-missing-socket-dir': {
    why: "Debian's init script needs -m in OPTIONS to know where saslauthd puts its socket; without it saslauthd does not run.",
    bad: { [DEBIAN]: 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c"\n' },
    good: { [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/run/saslauthd') },
  },
  'saslauthd-socket-is-mux': {
    why: '-m takes the directory; saslauthd creates `mux` inside it. Naming the socket makes it look for `mux/mux`, and clients never find it.',
    bad: { [REDHAT]: REDHAT_SASLAUTHD('-m /run/saslauthd/mux') },
    good: { [REDHAT]: REDHAT_SASLAUTHD('-m /run/saslauthd') },
  },
  'saslauthd-socket-outside-chroot': {
    why: 'A chrooted smtpd sees only the queue directory (/var/spool/postfix). A socket outside it does not exist for smtpd, and every login fails with "cannot connect to saslauthd server".',
    bad: { [MAIN]: SERVER, [MASTER]: SUBMISSION, [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/run/saslauthd') },
    good: { [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/spool/postfix/var/run/saslauthd') },
  },
  'saslauthd-socket-mismatch': {
    why: 'smtpd connects where the Cyrus SASL file says; when saslauthd listens somewhere else, every login fails.',
    bad: {
      [MAIN]: SERVER,
      [MASTER]: 'submission inet n - n - - smtpd\n',
      [CYRUS]: 'pwcheck_method: saslauthd\nsaslauthd_path: /var/run/saslauthd/mux\n',
      [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/spool/postfix/var/run/saslauthd'),
    },
    good: { [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/run/saslauthd') },
  },
  // sasl_passwd
  'sasl-passwd-syntax': {
    why: 'postmap reads one `destination username:password` per entry. A line it cannot read is skipped with a warning, and that relay gets no password.',
    bad: { [PASSWD]: '  user@example.com:secret\n[smtp.example.com]:587 user@example.com:secret\n' },
    good: { [PASSWD]: '[smtp.example.com]:587 user@example.com:secret\n' },
  },
  'sasl-passwd-missing-credentials': {
    why: 'Without `username:password` the client sends a user name with an empty password, or nothing at all: the relay refuses the login and the mail stays in the queue.',
    bad: { [PASSWD]: '[smtp.example.com]:587 user@example.com\n' },
    good: { [PASSWD]: '[smtp.example.com]:587 user@example.com:secret\n' },
  },
  'sasl-passwd-duplicate-key': {
    why: 'postmap keeps the first entry of a key and warns about the others (keys compare without regard to case), so the password you changed last may be the one that is ignored.',
    bad: { [PASSWD]: '[smtp.example.com]:587 old@example.com:secret\n[SMTP.example.com]:587 new@example.com:secret\n' },
    good: { [PASSWD]: '[smtp.example.com]:587 new@example.com:secret\n' },
  },
  'sasl-passwd-readable': {
    wholeFile: true,
    why: 'The file holds relay passwords in clear. Readable by group or others, every local user can read them.',
    bad: { [MAIN]: 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n', [PASSWD]: '[smtp.example.com]:587 user@example.com:secret\n' },
    good: {},
    disk: { bad: { [PASSWD]: { mode: 0o644 } }, good: { [PASSWD]: { mode: 0o600 } } },
  },
  'sasl-passwd-map-stale': {
    wholeFile: true,
    why: 'Postfix reads the compiled table, not the text file. Until `postmap` runs again, it keeps sending the old passwords.',
    bad: { [MAIN]: 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n', [PASSWD]: '[smtp.example.com]:587 user@example.com:secret\n' },
    good: {},
    disk: { bad: { [PASSWD]: { mode: 0o600, staleTable: true } }, good: { [PASSWD]: { mode: 0o600, staleTable: false } } },
  },
  'sasl-passwd-key-never-used': {
    why: 'The client looks up the next hop exactly as relayhost writes it: `[host]:port` is a different key from `host:port`. An entry under another key is never found, so no password is sent.',
    bad: { [MAIN]: CLIENT, [PASSWD]: 'smtp.example.com:587 user@example.com:secret\n' },
    good: { [PASSWD]: '[smtp.example.com]:587 user@example.com:secret\n' },
  },
  'sasl-passwd-sender-key-ignored': {
    why: 'Postfix looks up the sender in sasl_passwd only with `smtp_sender_dependent_authentication = yes`. Without it, lines keyed by a sender address or `@domain` are never read, and that mail logs in with the next hop\'s password, or none.',
    bad: { [MAIN]: CLIENT, [PASSWD]: '[smtp.example.com]:587 relay:secret\nalice@example.com alice:secret\n' },
    good: { [MAIN]: CLIENT + 'smtp_sender_dependent_authentication = yes\n' },
  },
  'sasl-passwd-comment-in-password': {
    why: 'postmap treats "#" as a comment only at the start of a line. After the password it is kept, blanks and all, so the password sent is wrong and every login to the relay fails.',
    bad: { [MAIN]: CLIENT, [PASSWD]: '[smtp.example.com]:587 user:secret # the relay account\n' },
    good: { [PASSWD]: '# the relay account\n[smtp.example.com]:587 user:secret\n' },
  },
  // SASL security and consistency across files
  'sasl-anonymous-allowed': {
    why: 'Without noanonymous, a client may log in with the ANONYMOUS mechanism where it is offered, and permit_sasl_authenticated then lets it relay.',
    bad: { [MAIN]: SERVER + 'smtpd_sasl_security_options = noplaintext\n' },
    good: { [MAIN]: SERVER + 'smtpd_sasl_security_options = noplaintext, noanonymous\n' },
  },
  'sasl-plaintext-over-clear': {
    why: 'Offered before STARTTLS, PLAIN and LOGIN send the password readable by anyone on the path.',
    bad: { [MAIN]: 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\n' },
    good: { [MAIN]: 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\n' },
  },
  'sasl-auth-no-certificate': {
    why: 'With AUTH only after STARTTLS and no certificate, STARTTLS never succeeds, so AUTH is never offered and no client can log in.',
    bad: { [MAIN]: 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\n' },
    good: { [MAIN]: SERVER },
  },
  'sasl-permit-before-auth': {
    why: 'With smtpd_delay_reject = no, the client and HELO restrictions run before the client could log in, so permit_sasl_authenticated there never matches.',
    bad: { [MAIN]: SERVER + 'smtpd_delay_reject = no\nsmtpd_client_restrictions = permit_sasl_authenticated, reject\n' },
    good: { [MAIN]: SERVER + 'smtpd_delay_reject = yes\nsmtpd_client_restrictions = permit_sasl_authenticated, reject\n' },
  },
  'sasl-client-no-password-maps': {
    why: 'The client authenticates only with a password from smtp_sasl_password_maps. With AUTH on and no table named, the smtp client stops at start-up with "fatal: specify a password table via the `smtp_sasl_password_maps` configuration parameter", and no mail leaves through it.',
    bad: { [MAIN]: 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\n' },
    good: { [MAIN]: 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n' },
  },
  'sasl-client-no-worthy-mechs': {
    why: 'By default the client refuses plaintext mechanisms, and with TLS it uses smtp_sasl_tls_security_options, which defaults to the same. PLAIN and LOGIN, all most relays offer, are then refused: "no worthy mechs found".',
    bad: { [MAIN]: CLIENT },
    good: { [MAIN]: CLIENT + 'smtp_sasl_tls_security_options = noanonymous\n' },
  },
  'sasl-client-password-without-tls': {
    why: 'Without TLS to the relay, the password crosses the network readable.',
    bad: { [MAIN]: 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\n' },
    good: { [MAIN]: 'relayhost = [smtp.example.com]:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = encrypt\n' },
  },
  'oauth-filter-missing': {
    why: 'sasl-xoauth2 takes the path of its token file where the password would be. Without `smtp_sasl_mechanism_filter = xoauth2`, Cyrus chooses among whatever the relay offers: if the plugin is not installed, or the relay offers no XOAUTH2, the client logs in with PLAIN or LOGIN and sends the file path as the password, and the relay refuses it.',
    bad: { [MAIN]: OAUTH, 'postfix/sasl_passwd': TOKEN_ENTRY },
    good: { [MAIN]: OAUTH_FILTER },
  },
  'oauth-security-excludes-xoauth2': {
    why: 'Cyrus picks a mechanism only if it has every property the security options ask for. The XOAUTH2 plugin claims noanonymous and noplaintext (since 0.22), not noactive, nodictionary or mutual_auth: any of those leaves it out, and with xoauth2 the only mechanism of the filter the client has nothing to log in with.',
    bad: { [MAIN]: OAUTH_FILTER + 'smtp_sasl_tls_security_options = noanonymous, noactive\n', 'postfix/sasl_passwd': TOKEN_ENTRY },
    good: { [MAIN]: OAUTH_FILTER + 'smtp_sasl_tls_security_options = noanonymous\n' },
  },
  'oauth-password-not-token-file': {
    why: 'With XOAUTH2 the "password" of a sasl_passwd entry is the path of the token file that sasl-xoauth2 reads and rewrites when it refreshes the token. A real password there (left from before the switch to OAuth) names no file, so every login fails.',
    bad: { [MAIN]: OAUTH_FILTER, 'postfix/sasl_passwd': '[smtp.example.com]:587 user@example.com:secret\n' },
    good: { 'postfix/sasl_passwd': TOKEN_ENTRY },
  },
  'sasl-client-wrappermode-missing': {
    why: 'Port 465 (submissions) speaks TLS from the first byte, so the server sends no greeting until the client starts TLS. Without `smtp_tls_wrappermode = yes` the client waits for a "220" that never comes, times out, and the mail stays in the queue. Wrapper mode also needs `smtp_tls_security_level = encrypt`, or Postfix skips the host.',
    bad: { [MAIN]: CLIENT.replace(':587', ':465') },
    good: { [MAIN]: CLIENT.replace(':587', ':465') + 'smtp_tls_wrappermode = yes\n' },
  },
  'sasl-client-wrappermode-needs-encrypt': {
    why: 'Wrapper mode starts TLS before the first byte, and Postfix allows it only at level `encrypt` or stronger: at `none` or `may` it logs `smtp_tls_wrappermode requires "smtp_tls_security_level = encrypt" (or stronger)`, skips the server, and the mail stays deferred.',
    bad: { [MAIN]: CLIENT.replace(':587', ':465').replace('= encrypt', '= may') + 'smtp_tls_wrappermode = yes\n' },
    good: { [MAIN]: CLIENT.replace(':587', ':465') + 'smtp_tls_wrappermode = yes\n' },
  },
  'sasl-client-password-map-db-suffix': {
    why: 'A `hash:` (or btree, lmdb, cdb) table is named by its source file; Postfix adds the suffix of the compiled form itself. Naming `sasl_passwd.db` makes it open `sasl_passwd.db.db`, which does not exist: every password lookup fails and the mail is deferred.',
    bad: { [MAIN]: CLIENT.replace('sasl_passwd\n', 'sasl_passwd.db\n') },
    good: { [MAIN]: CLIENT },
  },
  'sasl-client-auth-not-enabled': {
    why: 'smtp_sasl_auth_enable defaults to no: with it off the client never sends AUTH, whatever the password table holds, and a relay that wants a login refuses the mail ("530 Authentication required").',
    bad: { [MAIN]: CLIENT.replace('smtp_sasl_auth_enable = yes\n', '') },
    good: { [MAIN]: CLIENT },
  },
  'sasl-client-plaintext-on-opportunistic-tls': {
    why: 'At level `may` the client uses TLS only when the server offers STARTTLS. Anyone on the path can remove that offer from the EHLO reply; the client then logs in without TLS, and with PLAIN or LOGIN allowed by `smtp_sasl_security_options` it sends the password readable. `encrypt` refuses to go on without TLS.',
    bad: { [MAIN]: CLIENT.replace('= encrypt', '= may') + 'smtp_sasl_security_options = noanonymous\n' },
    good: { [MAIN]: CLIENT + 'smtp_sasl_security_options = noanonymous\n' },
  },
  'sasl-client-type-unsupported': {
    why: 'Postfix\'s smtp client can only log in through Cyrus SASL. Dovecot\'s SASL serves smtpd (the server side) only: with `smtp_sasl_type = dovecot` the client logs "unsupported SASL client implementation" and stops with a fatal error.',
    bad: { [MAIN]: CLIENT + 'smtp_sasl_type = dovecot\n' },
    good: { [MAIN]: CLIENT + 'smtp_sasl_type = cyrus\n' },
  },
  'sasl-client-filter-plugin-name': {
    why: 'The filter compares mechanism names as the server announces them (CRAM-MD5). A plugin name such as crammd5 matches nothing, so that mechanism is filtered out.',
    bad: { [MAIN]: 'smtp_sasl_mechanism_filter = crammd5, plain\n' },
    good: { [MAIN]: 'smtp_sasl_mechanism_filter = cram-md5, plain\n' },
  },
  'sasl-sender-login-maps-unused': {
    why: 'The table says which login may use which sender address, but only the reject_*sender_login_mismatch restrictions enforce it. Without one, any logged-in user may send as anyone.',
    bad: { [MAIN]: SERVER + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\n' },
    good: { [MAIN]: SERVER + 'smtpd_sender_login_maps = hash:/etc/postfix/senders\nsmtpd_sender_restrictions = reject_authenticated_sender_login_mismatch\n' },
  },
  'sasl-login-mismatch-without-maps': {
    why: 'reject_sender_login_mismatch (and reject_authenticated_sender_login_mismatch) accept a logged-in user only when smtpd_sender_login_maps names the user as an owner of the sender address. With no table, no one owns any address, so smtpd answers every authenticated sender 553 "Sender address rejected: not owned by user". The known_ and unauthenticated_ variants let unowned addresses pass, so without the table they check nothing.',
    bad: { [MAIN]: SERVER + 'smtpd_sender_restrictions = reject_sender_login_mismatch\n' },
    good: { [MAIN]: SERVER + 'smtpd_sender_restrictions = reject_sender_login_mismatch\nsmtpd_sender_login_maps = hash:/etc/postfix/senders\n' },
  },
  'sasl-broken-clients': {
    why: 'It adds a second, non-standard AUTH line to the EHLO answer for very old Microsoft clients (Outlook Express 4, Exchange 5.0). Current clients do not need it.',
    bad: { [MAIN]: SERVER + 'broken_sasl_auth_clients = yes\n' },
    good: { [MAIN]: SERVER + 'broken_sasl_auth_clients = no\n' },
  },
  'sasl-realm-breaks-saslauthd': {
    why: 'With -r, saslauthd passes user@realm to PAM or the shadow file, where users have plain names: with a realm set in Postfix, every login fails.',
    bad: { [MAIN]: SERVER + 'smtpd_sasl_local_domain = example.org\n', [DEBIAN]: DEBIAN_SASLAUTHD('-c -r -m /var/run/saslauthd') },
    good: { [DEBIAN]: DEBIAN_SASLAUTHD('-c -m /var/run/saslauthd') },
  },
  'sasl-realm-sasldb': {
    why: 'sasldb stores users per realm. With a realm other than the host name, users made with a plain `saslpasswd2 user` are not found.',
    bad: { [MAIN]: SERVER + 'myhostname = mail.example.org\nsmtpd_sasl_local_domain = example.org\n', [CYRUS]: 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' },
    good: { [MAIN]: SERVER + 'myhostname = mail.example.org\nsmtpd_sasl_local_domain = $myhostname\n' },
  },
  'sasl-no-mechanisms': {
    why: 'smtpd asks the back end for its mechanisms and keeps those the security options of that moment allow (`smtpd_sasl_security_options` before TLS, `smtpd_sasl_tls_security_options` after it). When none is left it does not carry on without AUTH: it exits with "fatal: no SASL authentication mechanisms", at every connection or right after STARTTLS. Checked on the real Postfix with private Cyrus files.',
    bad: { [MAIN]: SERVER + 'smtpd_sasl_security_options = noanonymous, noplaintext\n', [CYRUS]: 'pwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n' },
    good: { [MAIN]: SERVER + 'smtpd_sasl_security_options = noanonymous\n' },
  },
  'sasl-auth-tls-disabled': {
    why: 'With `smtpd_tls_auth_only = yes` smtpd announces AUTH only inside TLS. At `smtpd_tls_security_level = none` it never offers STARTTLS, so AUTH is never announced and every client that needs to log in fails. Postfix logs nothing about it.',
    bad: { [MAIN]: SERVER + 'smtpd_tls_security_level = none\n' },
    good: { [MAIN]: SERVER + 'smtpd_tls_security_level = may\n' },
  },
  'sasl-type-miscased': {
    why: 'smtpd looks up `smtpd_sasl_type` by its exact spelling. "Dovecot" or "Cyrus" is an unknown implementation: smtpd logs "unsupported SASL server implementation" and exits before its greeting, so the service takes no mail.',
    bad: { [MAIN]: DOVECOT_POSTFIX + 'smtpd_sasl_type = Dovecot\n' },
    good: { [MAIN]: DOVECOT_POSTFIX },
  },
  'sasl-dovecot-default-path': {
    why: 'The default `smtpd_sasl_path` is "smtpd". For Cyrus it names the configuration file; for Dovecot it names the socket `$queue_directory/smtpd`, which Dovecot does not create. smtpd then finds no mechanism and exits at every connection. Dovecot\'s usual listener for Postfix is `private/auth`.',
    bad: { [MAIN]: SERVER + 'smtpd_sasl_type = dovecot\n' },
    good: { [MAIN]: SERVER + 'smtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\n' },
  },
  'sasl-sasldb-outside-chroot': {
    why: 'A chrooted smtpd (chroot column `y`) looks up users after it entered the queue directory, so Cyrus opens `sasldb_path` (default `/etc/sasldb2`) below it, as `/var/spool/postfix/etc/sasldb2`. Unless a copy is kept there, every sasldb lookup fails with "unable to open Berkeley db".',
    bad: { [MAIN]: SERVER, [MASTER]: 'smtp inet n - y - - smtpd\n', [CYRUS]: 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n' },
    good: { [MASTER]: 'smtp inet n - n - - smtpd\n' },
  },
  // Files
  'template-file': {
    wholeFile: true,
    why: 'Template syntax (Jinja, ERB, installer placeholders) is not Postfix syntax. Those parts are skipped, so findings inside them may be missed; check the rendered file too.',
    bad: { [MAIN]: 'relayhost = {{ relay_host }}\n' },
    good: { [MAIN]: 'relayhost = [relay.example.com]\n' },
  },
  'binary-file': {
    wholeFile: true,
    why: 'A file with NUL bytes is not a configuration file, often a compiled table (.db) opened by mistake. Nothing in it is checked.',
    bad: { [MAIN]: 'myhostname = mail\u0000\n' },
    good: { [MAIN]: 'myhostname = mail\n' },
  },
  'instance-file-unusable': {
    wholeFile: true,
    why: 'A file the instance reads could not be used: it cannot be read, it is a folder, a FIFO or a device where a file should be, or Dovecot `!include`s run in a loop (doveconf stops with a fatal error). The rest of the instance is still checked, without what that file would have told.',
    bad: { 'dovecot/dovecot.conf': 'protocols = imap\n!include conf.d/*.conf\n', 'dovecot/conf.d/10-loop.conf': '!include ../dovecot.conf\n' },
    good: { 'dovecot/conf.d/10-loop.conf': 'auth_mechanisms = plain\n' },
  },
  'file-too-large': {
    wholeFile: true,
    why: 'Past the size limit (postfixSasl.maxFileSize) only the syntax of the head is checked, so the editor stays responsive. Raise the limit if the file is real.',
    bad: { [MAIN]: '# a comment line\n'.repeat(8) },
    good: { [MAIN]: '# a comment line\n'.repeat(4) },
    maxFileSize: 100,
  },
  // master.cf
  'master-too-few-columns': {
    why: 'Each master.cf entry has eight fields before the command arguments. With fewer, the master daemon stops with a fatal error and Postfix does not start.',
    bad: { [MASTER]: 'smtp inet n - n - smtpd\n' },
    good: { [MASTER]: 'smtp inet n - n - - smtpd\n' },
  },
  'master-invalid-type': {
    why: 'The master daemon knows inet, unix, unix-dgram, fifo and pass; any other type is a fatal error.',
    bad: { [MASTER]: 'smtp tcp n - n - - smtpd\n' },
    good: { [MASTER]: 'smtp inet n - n - - smtpd\n' },
  },
  'master-invalid-flag': {
    why: 'The private, unpriv and chroot columns take y, n or -; anything else is a fatal error for the master daemon.',
    bad: { [MASTER]: 'smtp inet yes - n - - smtpd\n' },
    good: { [MASTER]: 'smtp inet n - n - - smtpd\n' },
  },
  'master-invalid-wakeup': {
    why: 'The wakeup column takes -, a number of seconds, or a number followed by "?". A unit letter is a fatal error.',
    bad: { [MASTER]: 'pickup unix n - n 60s 1 pickup\n' },
    good: { [MASTER]: 'pickup unix n - n 60 1 pickup\n' },
  },
  'master-invalid-maxproc': {
    why: 'The process limit is - or a whole number; anything else is a fatal error.',
    bad: { [MASTER]: 'qmgr unix n - n 300 one qmgr\n' },
    good: { [MASTER]: 'qmgr unix n - n 300 1 qmgr\n' },
  },
  'master-option-syntax': {
    why: 'An -o override needs name=value. Without the "=", there is nothing Postfix can set, and the service runs without the setting you meant.',
    bad: { [MASTER]: SUBMISSION + '  -o smtpd_tls_security_level\n' },
    good: { [MASTER]: SUBMISSION + '  -o smtpd_tls_security_level=encrypt\n' },
  },
  'master-unbalanced-brace': {
    why: 'Postfix reads from `{` to its `}` as one argument. Without the `}`, postconf warns "missing \'}\'" and `postfix start` fails.',
    bad: { [MASTER]: SUBMISSION + '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject\n' },
    good: { [MASTER]: SUBMISSION + '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }\n' },
  },
  'master-override-split': {
    why: 'Arguments are split at blanks: after `, ` the rest of the value becomes a stray argument, and the daemon stops with "unexpected command-line argument".',
    bad: { [MASTER]: SUBMISSION + '  -o smtpd_client_restrictions=permit_sasl_authenticated, reject\n' },
    good: { [MASTER]: SUBMISSION + '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject\n' },
  },
  'master-stray-argument': {
    why: 'Postfix daemons accept only options; a bare word makes the daemon stop with "unexpected command-line argument", so the service never answers.',
    bad: { [MASTER]: 'cleanup unix n - n - 0 cleanup extra\n' },
    good: { [MASTER]: 'cleanup unix n - n - 0 cleanup\n' },
  },
  'master-duplicate-service': {
    why: 'With two entries of the same name and type, the master daemon logs "duplicate master.cf entry ... using the last entry": the first entry and its settings are lost.',
    bad: { [MASTER]: 'smtp inet n - n - - smtpd\nsmtp inet n - n - 1 postscreen\n' },
    good: { [MASTER]: 'smtp inet n - n - 1 postscreen\nsmtpd pass - - n - - smtpd\n' },
  },
  'master-unknown-command': {
    why: 'The command must be a program in the Postfix daemon directory (or an absolute path). A misspelt one makes every start of the service fail.',
    bad: { [MASTER]: 'smtp inet n - n - - smtpdd\n' },
    good: { [MASTER]: 'smtp inet n - n - - smtpd\n' },
  },
  // Dovecot
  'dovecot-syntax': {
    why: 'Dovecot refuses to start with a line it cannot read, so IMAP and the SASL service for Postfix both stop.',
    bad: dovecot({ auth: 'auth_mechanisms plain login\n' + PASSDB }),
    good: { [AUTH]: 'auth_mechanisms = plain login\n' + PASSDB },
  },
  'dovecot-mixed-versions': {
    why: 'Dovecot 2.4 renamed many settings and refuses the 2.3 names, and 2.3 does not know the new ones: a file with both runs on neither version.',
    bad: dovecot({ auth: 'auth_allow_cleartext = no\ndisable_plaintext_auth = yes\n' }),
    good: { [AUTH]: 'auth_allow_cleartext = no\n' },
  },
  'dovecot-unknown-setting': {
    why: 'Dovecot reads every setting name against its own tables and stops at the first it does not know, so the whole server (and Postfix SASL with it) stays down.',
    bad: dovecot({ auth: 'dovecot_config_version = 2.4.0\nauth_mechanism = plain login\n' }),
    good: { [AUTH]: 'dovecot_config_version = 2.4.0\nauth_mechanisms = plain login\n' },
  },
  'dovecot-renamed-setting': {
    why: 'Dovecot 2.4 renamed many 2.3 settings and refuses the old names; a configuration that says it is for 2.4 (dovecot_config_version) must use the new ones.',
    bad: dovecot({ auth: 'dovecot_config_version = 2.4.0\ndisable_plaintext_auth = yes\n' }),
    good: { [AUTH]: 'dovecot_config_version = 2.4.0\nauth_allow_cleartext = no\n' },
  },
  'dovecot-unknown-mechanism': {
    why: 'The auth process refuses to start with a mechanism it does not know, and no login works.',
    bad: dovecot({ auth: 'auth_mechanisms = plain logon\n' + PASSDB }),
    good: { [AUTH]: 'auth_mechanisms = plain login\n' + PASSDB },
  },
  'dovecot-mechanism-needs-plain-password': {
    why: 'CRAM-MD5, DIGEST-MD5 and SCRAM need the password (or a scheme made for them) on the server. With only crypt hashes, clients that pick them fail to log in.',
    bad: dovecot({ auth: 'auth_mechanisms = plain login cram-md5\n' + PASSDB }),
    good: { [AUTH]: 'auth_mechanisms = plain login\n' + PASSDB },
  },
  'dovecot-socket-mismatch': {
    why: "smtpd connects to smtpd_sasl_path under its queue directory; if Dovecot's auth service does not listen there, every login fails with \"SASL: Connect to private/auth failed\".",
    bad: dovecot({ master: AUTH_LISTENER('/var/spool/postfix/private/dovecot-auth') }),
    good: { [DOVECOT_MASTER]: AUTH_LISTENER('/var/spool/postfix/private/auth') },
  },
  'dovecot-socket-permissions': {
    why: 'smtpd runs as the postfix user. If the socket mode, user and group do not let that user connect, every login fails with "Permission denied".',
    bad: dovecot({ master: AUTH_LISTENER('/var/spool/postfix/private/auth', '0600', 'dovecot') }),
    good: { [DOVECOT_MASTER]: AUTH_LISTENER('/var/spool/postfix/private/auth', '0660', 'dovecot') },
  },
  'dovecot-inet-mismatch': {
    why: 'smtpd connects to the port in smtpd_sasl_path; when no inet_listener of the auth service listens there, every login fails.',
    bad: dovecot({ main: DOVECOT_POSTFIX.replace('= private/auth', '= inet:127.0.0.1:12345'), master: 'service auth {\n  inet_listener {\n    port = 12346\n  }\n}\n' }),
    good: { [DOVECOT_MASTER]: 'service auth {\n  inet_listener {\n    port = 12345\n  }\n}\n' },
  },
  'dovecot-no-mechanism-left': {
    why: 'Postfix offers only the mechanisms that Dovecot offers and its own security options allow. When none is left, AUTH is not offered and no client can log in.',
    bad: dovecot({ main: DOVECOT_POSTFIX.replace('= noanonymous', '= noanonymous, noplaintext') }),
    good: { [MAIN]: DOVECOT_POSTFIX },
  },
  'dovecot-cleartext-allowed': {
    why: 'When Postfix offers AUTH before STARTTLS and Dovecot accepts plaintext passwords without TLS, passwords can cross the network readable.',
    bad: dovecot({ main: DOVECOT_POSTFIX.replace('smtpd_tls_auth_only = yes\n', ''), auth: 'auth_mechanisms = plain login\ndisable_plaintext_auth = no\n' + PASSDB }),
    good: { [MAIN]: DOVECOT_POSTFIX },
  },
  'dovecot-local-domain-ignored': {
    why: 'Postfix does not pass smtpd_sasl_local_domain to Dovecot, so users still log in without the domain. Set the default realm in Dovecot instead.',
    bad: dovecot({ main: DOVECOT_POSTFIX + 'smtpd_sasl_local_domain = example.org\n' }),
    good: { [MAIN]: DOVECOT_POSTFIX, [AUTH]: 'auth_mechanisms = plain login\nauth_default_realm = example.org\n' + PASSDB },
  },
};
