// Every diagnostic we can raise, with a stable code. Codes are part of the public interface: the
// settings, `# postfix-sasl: ignore CODE` comments and the CLI's JSON all use them. Never rename one.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Rule {
  code: string;
  defaultSeverity: Severity;
  /** One line: what the rule is about (for the README and the settings description). */
  summary: string;
}

export const rules = [
  // Syntax
  { code: 'missing-equals', defaultSeverity: 'error', summary: 'A line that is neither a comment nor "name = value".' },
  { code: 'orphan-continuation', defaultSeverity: 'warning', summary: 'An indented line with no line before it to continue: Postfix warns and drops it.' },
  { code: 'invalid-name', defaultSeverity: 'error', summary: 'A parameter name with characters other than letters, digits and "_".' },
  { code: 'inline-comment', defaultSeverity: 'warning', summary: 'A "#" after a blank inside a value: Postfix reads it as part of the value.' },
  { code: 'ignore-unknown-code', defaultSeverity: 'information', summary: 'A "# postfix-sasl: ignore" comment names a code that is not one of ours: it silences nothing under that name.' },
  { code: 'bad-reference', defaultSeverity: 'error', summary: 'A malformed $name, ${name...} or ${{...}} expression.' },
  // Names
  { code: 'unknown-parameter', defaultSeverity: 'warning', summary: 'A name Postfix does not know and nothing references (often a typo).' },
  { code: 'unknown-service-parameter', defaultSeverity: 'warning', summary: 'A SERVICE_name parameter whose service is not in master.cf.' },
  { code: 'service-parameter-unchecked', defaultSeverity: 'information', summary: 'A SERVICE_name parameter that cannot be checked because no master.cf is known.' },
  { code: 'deprecated-parameter', defaultSeverity: 'warning', summary: 'A parameter name that Postfix deprecated or removed.' },
  { code: 'parameter-newer-than-target', defaultSeverity: 'warning', summary: 'A parameter that came in a later Postfix than the version set in postfixSasl.postfixVersion.' },
  { code: 'read-only-parameter', defaultSeverity: 'warning', summary: 'A parameter that Postfix sets itself; assigning it has no effect.' },
  { code: 'duplicate-parameter', defaultSeverity: 'warning', summary: 'A parameter set twice: the later line wins and the earlier one is dead.' },
  { code: 'undefined-reference', defaultSeverity: 'warning', summary: 'A $name that no parameter defines: it expands to nothing.' },
  // Values
  { code: 'invalid-boolean', defaultSeverity: 'error', summary: 'A yes/no parameter with another value: the daemon stops with a fatal error.' },
  { code: 'invalid-integer', defaultSeverity: 'error', summary: 'A numeric parameter that is not a whole number.' },
  { code: 'invalid-time', defaultSeverity: 'error', summary: 'A time parameter that is not a number with an optional s, m, h, d or w unit.' },
  { code: 'invalid-size', defaultSeverity: 'error', summary: 'A size parameter that is not a plain number of bytes (Postfix has no K/M/G suffixes).' },
  { code: 'invalid-enum', defaultSeverity: 'error', summary: 'A value outside the fixed set the parameter accepts.' },
  { code: 'unknown-option-word', defaultSeverity: 'error', summary: 'A word that is not one of the options the parameter accepts.' },
  { code: 'unknown-restriction', defaultSeverity: 'error', summary: 'A word in a restriction list that is not a restriction, a restriction class or a lookup table.' },
  { code: 'deprecated-restriction', defaultSeverity: 'warning', summary: 'A restriction name that Postfix deprecated or removed.' },
  { code: 'restriction-missing-argument', defaultSeverity: 'error', summary: 'A restriction such as check_client_access without its table or domain.' },
  { code: 'unknown-map-type', defaultSeverity: 'error', summary: 'A table without "type:" (smtpd dies when it opens it) or of a type Postfix does not know (every lookup in it fails).' },
  { code: 'relay-restrictions-unsafe', defaultSeverity: 'error', summary: 'Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions names reject_unauth_destination (or defer_unauth_destination, reject, defer) before a permit: smtpd refuses to start.' },
  { code: 'open-relay', defaultSeverity: 'error', summary: 'The restriction lists let every internet client relay mail to any domain.' },
  // Restriction lists evaluated per service (smtpd/restrictions)
  { code: 'mynetworks-covers-world', defaultSeverity: 'error', summary: 'mynetworks holds every address (0.0.0.0/0, ::/0): permit_mynetworks makes the server an open relay.' },
  { code: 'sasl-users-rejected', defaultSeverity: 'error', summary: 'A restriction refuses every authenticated user before permit_sasl_authenticated is reached (a warning where the service inherits AUTH from main.cf).' },
  { code: 'sasl-users-may-be-rejected', defaultSeverity: 'warning', summary: 'A DNS, reverse-DNS or HELO check before permit_sasl_authenticated refuses logged-in users on some networks.' },
  { code: 'sasl-login-check-skipped', defaultSeverity: 'warning', summary: 'permit_sasl_authenticated before reject_sender_login_mismatch: logged-in users are accepted before their sender is checked.' },
  // Cyrus SASL application file (smtpd.conf)
  { code: 'cyrus-syntax', defaultSeverity: 'error', summary: 'A line Cyrus SASL cannot read ("key: value" with the colon right after the key, and a value); it rejects the whole file.' },
  { code: 'cyrus-unknown-option', defaultSeverity: 'information', summary: 'An option name the Cyrus SASL library and its usual plugins do not read (often a typo).' },
  { code: 'cyrus-duplicate-option', defaultSeverity: 'warning', summary: 'An option set twice: Cyrus SASL uses the first line and ignores the later ones.' },
  { code: 'cyrus-unknown-pwcheck-method', defaultSeverity: 'error', summary: 'A pwcheck_method that Cyrus SASL 2 does not know.' },
  { code: 'cyrus-sasl-v1-method', defaultSeverity: 'error', summary: 'A pwcheck_method from SASL version 1 (sasldb, pwcheck, pam, shadow ...) that version 2 refuses.' },
  { code: 'cyrus-pwcheck-alwaystrue', defaultSeverity: 'error', summary: 'pwcheck_method: alwaystrue accepts every password.' },
  { code: 'cyrus-unknown-mechanism', defaultSeverity: 'warning', summary: 'A mech_list word that is not a SASL mechanism name (often a typo or a plugin name).' },
  { code: 'cyrus-mech-needs-secret', defaultSeverity: 'warning', summary: 'CRAM-MD5, DIGEST-MD5, SCRAM or NTLM offered with pwcheck_method saslauthd and no auxprop store named: they work only for users whose secret is also in sasldb.' },
  { code: 'cyrus-saslauthd-path-not-mux', defaultSeverity: 'warning', summary: 'saslauthd_path that does not end in the socket name "mux".' },
  { code: 'cyrus-unknown-auxprop-plugin', defaultSeverity: 'warning', summary: 'An auxprop_plugin other than sasldb, sql or ldapdb.' },
  // saslauthd settings (/etc/sysconfig/saslauthd, /etc/default/saslauthd)
  { code: 'saslauthd-syntax', defaultSeverity: 'error', summary: 'A line of the saslauthd settings file that is not a valid shell assignment.' },
  { code: 'saslauthd-unknown-variable', defaultSeverity: 'information', summary: 'A variable that neither the Red Hat nor the Debian start-up scripts read.' },
  { code: 'saslauthd-unknown-mechanism', defaultSeverity: 'error', summary: 'A saslauthd authentication mechanism that does not exist: saslauthd refuses to start.' },
  { code: 'saslauthd-several-mechanisms', defaultSeverity: 'warning', summary: 'More than one mechanism: saslauthd runs with the first and ignores the others.' },
  { code: 'saslauthd-mechanism-twice', defaultSeverity: 'error', summary: 'A second -a (one in OPTIONS or FLAGS besides the script\'s own): saslauthd prints its usage and exits.' },
  { code: 'saslauthd-unknown-flag', defaultSeverity: 'error', summary: 'A flag saslauthd does not accept: it prints its usage and exits.' },
  { code: 'saslauthd-debug-flag', defaultSeverity: 'warning', summary: '-d keeps saslauthd in the foreground, so the start-up script never returns.' },
  { code: 'saslauthd-not-started', defaultSeverity: 'warning', summary: 'Debian: START is not "yes", so the init script does not start saslauthd.' },
  { code: 'saslauthd-missing-socket-dir', defaultSeverity: 'error', summary: "Debian: OPTIONS without -m; the init script's saslauthd then does not run." },
  { code: 'saslauthd-socket-is-mux', defaultSeverity: 'warning', summary: '-m names the socket ("…/mux") instead of the directory saslauthd creates it in.' },
  { code: 'saslauthd-socket-outside-chroot', defaultSeverity: 'error', summary: "saslauthd's socket lies outside the Postfix queue directory while smtpd runs chrooted: smtpd cannot reach it." },
  { code: 'saslauthd-socket-mismatch', defaultSeverity: 'warning', summary: 'The socket saslauthd creates is not the one the Cyrus SASL file (saslauthd_path) tells smtpd to use.' },
  // sasl_passwd (smtp_sasl_password_maps)
  { code: 'sasl-passwd-syntax', defaultSeverity: 'error', summary: 'A sasl_passwd line postmap cannot read as "destination username:password".' },
  { code: 'sasl-passwd-missing-credentials', defaultSeverity: 'error', summary: 'An entry without "username:password": Postfix sends no password, or none at all.' },
  { code: 'sasl-passwd-duplicate-key', defaultSeverity: 'warning', summary: 'The same destination twice: postmap keeps the first entry and warns about the rest.' },
  { code: 'sasl-passwd-readable', defaultSeverity: 'warning', summary: 'The live sasl_passwd (the one main.cf names) is readable by group or others: the relay passwords leak to local users.' },
  { code: 'sasl-passwd-map-stale', defaultSeverity: 'warning', summary: 'The compiled table (.db/.lmdb/.cdb) is older than the sasl_passwd it is built from: Postfix still uses the old passwords until postmap runs.' },
  { code: 'sasl-passwd-key-never-used', defaultSeverity: 'warning', summary: 'A destination Postfix never looks up for the configured relayhost, so no password is sent.' },
  // SASL security and consistency across files
  { code: 'sasl-anonymous-allowed', defaultSeverity: 'warning', summary: 'AUTH is on and the SASL security options allow anonymous mechanisms.' },
  { code: 'sasl-plaintext-over-clear', defaultSeverity: 'warning', summary: 'An smtpd service offers PLAIN/LOGIN before TLS: passwords can cross the network in clear.' },
  { code: 'sasl-auth-no-certificate', defaultSeverity: 'error', summary: 'AUTH is allowed only over TLS, but no server certificate is configured: AUTH is never offered.' },
  { code: 'sasl-permit-before-auth', defaultSeverity: 'warning', summary: 'permit_sasl_authenticated in client or HELO restrictions with smtpd_delay_reject = no: it never matches.' },
  { code: 'sasl-client-no-password-maps', defaultSeverity: 'error', summary: 'smtp_sasl_auth_enable = yes without smtp_sasl_password_maps: the smtp client stops with a fatal error and no mail leaves.' },
  { code: 'sasl-client-no-worthy-mechs', defaultSeverity: 'warning', summary: 'The client forbids PLAIN and LOGIN even over TLS (the default security options with no TLS override): "no worthy mechs".' },
  { code: 'sasl-client-password-without-tls', defaultSeverity: 'warning', summary: 'The client sends passwords to the relay without TLS.' },
  { code: 'oauth-filter-missing', defaultSeverity: 'warning', summary: 'sasl_passwd holds a token file path (sasl-xoauth2) but smtp_sasl_mechanism_filter does not name xoauth2: the path may go out as a PLAIN or LOGIN password.' },
  { code: 'oauth-security-excludes-xoauth2', defaultSeverity: 'error', summary: 'smtp_sasl_mechanism_filter names xoauth2, but the client security options in effect (noactive, nodictionary, mutual_auth) leave the XOAUTH2 plugin out.' },
  { code: 'oauth-password-not-token-file', defaultSeverity: 'error', summary: 'With smtp_sasl_mechanism_filter = xoauth2, a sasl_passwd "password" that is no token file path: sasl-xoauth2 cannot open it.' },
  // Postfix as a client, per transport and next hop (smtpClient/)
  { code: 'sasl-client-wrappermode-missing', defaultSeverity: 'error', summary: 'A next hop on port 465 (TLS from the first byte) without smtp_tls_wrappermode = yes: the client waits for a greeting that never comes and the mail stays deferred.' },
  { code: 'sasl-client-wrappermode-needs-encrypt', defaultSeverity: 'error', summary: 'smtp_tls_wrappermode = yes with smtp_tls_security_level none or may: Postfix skips every server ("requires smtp_tls_security_level = encrypt") and the mail stays deferred.' },
  { code: 'sasl-client-password-map-db-suffix', defaultSeverity: 'error', summary: 'smtp_sasl_password_maps names the compiled file (sasl_passwd.db): Postfix opens sasl_passwd.db.db, every lookup fails and the mail is deferred.' },
  { code: 'sasl-client-auth-not-enabled', defaultSeverity: 'warning', summary: 'Password maps are set but no smtp transport has smtp_sasl_auth_enable = yes: AUTH is never sent.' },
  { code: 'sasl-client-plaintext-on-opportunistic-tls', defaultSeverity: 'warning', summary: 'smtp_tls_security_level = may with PLAIN/LOGIN allowed without TLS: whoever strips STARTTLS on the way reads the password.' },
  { code: 'sasl-client-type-unsupported', defaultSeverity: 'error', summary: 'smtp_sasl_type other than cyrus (Dovecot has no client side): the smtp client stops with a fatal error and no mail leaves.' },
  { code: 'sasl-passwd-sender-key-ignored', defaultSeverity: 'warning', summary: 'A sender-keyed sasl_passwd line (user@domain, @domain) without smtp_sender_dependent_authentication = yes: it is never looked up.' },
  { code: 'sasl-passwd-comment-in-password', defaultSeverity: 'warning', summary: 'A "#" after the password in sasl_passwd: postmap keeps it as part of the password, so the login fails.' },
  { code: 'sasl-client-filter-plugin-name', defaultSeverity: 'warning', summary: 'smtp_sasl_mechanism_filter names a Cyrus plugin (crammd5) instead of a mechanism (CRAM-MD5).' },
  { code: 'sasl-sender-login-maps-unused', defaultSeverity: 'warning', summary: 'smtpd_sender_login_maps is set but no reject_*sender_login_mismatch restriction uses it.' },
  { code: 'sasl-login-mismatch-without-maps', defaultSeverity: 'error', summary: 'reject_sender_login_mismatch with no smtpd_sender_login_maps: smtpd refuses every authenticated sender (the known_ and unauthenticated_ variants check nothing).' },
  { code: 'sasl-broken-clients', defaultSeverity: 'hint', summary: 'broken_sasl_auth_clients = yes only helps very old Outlook clients.' },
  { code: 'sasl-realm-breaks-saslauthd', defaultSeverity: 'warning', summary: 'smtpd_sasl_local_domain set while saslauthd runs with -r against system accounts: users become user@realm and fail.' },
  { code: 'sasl-realm-sasldb', defaultSeverity: 'information', summary: 'A SASL realm other than myhostname with sasldb: users must have been created in that realm.' },
  // What each smtpd service offers to log in (smtpd/mechanisms/)
  { code: 'sasl-no-mechanisms', defaultSeverity: 'error', summary: 'The SASL security options remove every mechanism the back end offers: smtpd exits with "fatal: no SASL authentication mechanisms" (at connect, or after STARTTLS).' },
  { code: 'sasl-auth-tls-disabled', defaultSeverity: 'error', summary: 'AUTH waits for TLS (smtpd_tls_auth_only) while smtpd_tls_security_level = none: AUTH is never offered.' },
  { code: 'sasl-type-miscased', defaultSeverity: 'error', summary: 'smtpd_sasl_type written with capitals ("Dovecot"): smtpd compares it case by case and exits at start.' },
  { code: 'sasl-dovecot-default-path', defaultSeverity: 'error', summary: 'Dovecot SASL on the default smtpd_sasl_path "smtpd", a socket Dovecot does not create: smtpd exits at every connection.' },
  { code: 'sasl-sasldb-outside-chroot', defaultSeverity: 'warning', summary: 'A chrooted smtpd reads sasldb (sasldb_path, default /etc/sasldb2) inside its queue directory, where the file usually is not.' },
  // Files
  { code: 'template-file', defaultSeverity: 'information', summary: 'The file holds template syntax, which is skipped; the rest is checked.' },
  { code: 'binary-file', defaultSeverity: 'error', summary: 'The file is not text.' },
  { code: 'file-too-large', defaultSeverity: 'information', summary: 'The file is larger than the size limit, so only its syntax is checked.' },
  { code: 'instance-file-unusable', defaultSeverity: 'information', summary: 'A file of the instance that could not be used (unreadable, a folder or device, an include loop); the rest is still checked.' },
  // master.cf
  { code: 'master-too-few-columns', defaultSeverity: 'error', summary: 'A master.cf entry with fewer than eight fields: Postfix stops with a fatal error.' },
  { code: 'master-invalid-type', defaultSeverity: 'error', summary: 'A service type other than inet, unix, unix-dgram, fifo or pass.' },
  { code: 'master-invalid-flag', defaultSeverity: 'error', summary: 'A private, unpriv or chroot column other than y, n or -.' },
  { code: 'master-invalid-wakeup', defaultSeverity: 'error', summary: 'A wakeup column other than -, a number, or a number followed by "?".' },
  { code: 'master-invalid-maxproc', defaultSeverity: 'error', summary: 'A maxproc column other than - or a whole number.' },
  { code: 'master-option-syntax', defaultSeverity: 'error', summary: 'An -o override without name=value, or with a name that is not a parameter name.' },
  { code: 'master-unbalanced-brace', defaultSeverity: 'error', summary: 'A "{" in a master.cf entry without its "}".' },
  { code: 'master-override-split', defaultSeverity: 'error', summary: 'Whitespace inside an -o value: the rest becomes a stray argument; use -o { name = value }.' },
  { code: 'master-stray-argument', defaultSeverity: 'error', summary: 'A word without "-" after a Postfix daemon, which takes only options.' },
  { code: 'master-duplicate-service', defaultSeverity: 'warning', summary: 'The same service name and type defined twice in master.cf: the master daemon uses the last entry and drops the first.' },
  { code: 'master-unknown-command', defaultSeverity: 'warning', summary: 'A command that is not a Postfix daemon (and not an absolute path).' },
  // Dovecot
  { code: 'dovecot-syntax', defaultSeverity: 'error', summary: 'A line of a Dovecot configuration that Dovecot cannot read (missing "=" or "{", text after "{", an unmatched "}"): Dovecot refuses to start.' },
  { code: 'dovecot-mixed-versions', defaultSeverity: 'warning', summary: 'A Dovecot file mixes setting names of 2.3 and of 2.4: whichever version runs refuses the other\'s names.' },
  { code: 'dovecot-unknown-setting', defaultSeverity: 'error', summary: 'A setting the Dovecot version the configuration is for (dovecot_config_version, the installed dovecot, or postfixSasl.dovecotVersion) does not define: it stops with "Unknown setting" and does not start.' },
  { code: 'dovecot-renamed-setting', defaultSeverity: 'error', summary: "A Dovecot 2.3 name in a 2.4 configuration (or a 2.4 name in a 2.3 one): that version refuses it and does not start; the message names the replacement." },
  { code: 'dovecot-unknown-mechanism', defaultSeverity: 'error', summary: 'An auth_mechanisms word Dovecot does not know: the auth process refuses to start.' },
  { code: 'dovecot-mechanism-needs-plain-password', defaultSeverity: 'warning', summary: 'CRAM-MD5, DIGEST-MD5 or SCRAM offered while every passdb holds only crypt hashes or only verifies passwords: clients that pick them fail.' },
  { code: 'dovecot-socket-mismatch', defaultSeverity: 'error', summary: "Postfix's smtpd_sasl_path (under its queue directory) is not a unix_listener of Dovecot's service auth." },
  { code: 'dovecot-socket-permissions', defaultSeverity: 'error', summary: "The mode, user and group of Dovecot's auth socket do not let the postfix user connect." },
  { code: 'dovecot-inet-mismatch', defaultSeverity: 'error', summary: 'smtpd_sasl_path = inet:HOST:PORT names a port no inet_listener of Dovecot\'s service auth listens on.' },
  { code: 'dovecot-no-mechanism-left', defaultSeverity: 'error', summary: "Postfix's SASL security options exclude every mechanism in Dovecot's auth_mechanisms: AUTH is never offered." },
  { code: 'dovecot-cleartext-allowed', defaultSeverity: 'warning', summary: 'Dovecot accepts PLAIN/LOGIN on connections without TLS while a Postfix service offers AUTH before TLS.' },
  { code: 'dovecot-local-domain-ignored', defaultSeverity: 'warning', summary: 'smtpd_sasl_local_domain has no effect with Dovecot SASL; the default domain belongs in Dovecot (auth_default_realm).' },
] as const satisfies readonly Rule[];

export type RuleCode = (typeof rules)[number]['code'];

const byCode = new Map<string, Rule>(rules.map((r) => [r.code, r]));

export function ruleOf(code: RuleCode): Rule {
  return byCode.get(code)!;
}

/** Whether a name a user wrote (settings, --config) is one of our codes. */
export function isRuleCode(code: string): code is RuleCode {
  return byCode.has(code);
}
