// What a real Postfix smtp client does with each client-side set-up, as seen by the test relays, and
// which of our codes the same settings must raise (or must not). Ports 30200-30249 belong to this suite.
import type { RuleCode } from '../../server/src/service/rules';
import type { ClientSetup } from './clientPostfix';
import type { RelayMode } from './relay';

export const PORT_BASE = Number(process.env.RELAYS_PORT_BASE ?? 30200);

export const relayPorts = {
  starttls: PORT_BASE,
  implicit: PORT_BASE + 1,
  stripped: PORT_BASE + 2,
  /** STARTTLS, and CRAM-MD5 offered besides PLAIN and LOGIN (refused if asked for). */
  cram: PORT_BASE + 3,
  /** STARTTLS, and ANONYMOUS offered besides PLAIN and LOGIN (accepted). */
  anonymous: PORT_BASE + 4,
  /** STARTTLS, and only ANONYMOUS offered. */
  anonymousOnly: PORT_BASE + 5,
} as const;

export const relayModes: Record<keyof typeof relayPorts, RelayMode> = { starttls: 'starttls', implicit: 'implicit', stripped: 'stripped', cram: 'starttls', anonymous: 'starttls', anonymousOnly: 'starttls' };
const PLAIN_LOGIN = ['PLAIN', 'LOGIN'];

/** What each relay offers with AUTH. */
export const relayMechanisms: Record<keyof typeof relayPorts, string[]> = { starttls: PLAIN_LOGIN, implicit: PLAIN_LOGIN, stripped: PLAIN_LOGIN, cram: [...PLAIN_LOGIN, 'CRAM-MD5'], anonymous: [...PLAIN_LOGIN, 'ANONYMOUS'], anonymousOnly: ['ANONYMOUS'] };

export interface RelayCase extends ClientSetup {
  /** What the real client does, in one line (the test's name). */
  claim: string;
  outcome: 'sent' | 'deferred' | 'bounced' | 'fatal';
  /** Must match the case's smtp log lines (joined by newlines). */
  log?: RegExp;
  /** The AUTH the relay received, or none at all. */
  auth: { mechanism: string; tls: boolean; /** Unset: not compared (ANONYMOUS sends a trace naming the host). */ user?: string; password?: 'as written' | 'with the comment' } | 'none';
  /** Mechanisms the client asked the relay for (only checked when given). */
  attempts?: string[];
  raises?: RuleCode[];
  quiet?: RuleCode[];
}

const CLIENT_CODES: RuleCode[] = [
  'sasl-client-no-password-maps', 'sasl-client-no-worthy-mechs', 'sasl-client-password-without-tls', 'sasl-client-filter-plugin-name', 'sasl-anonymous-allowed', 'sasl-passwd-key-never-used',
  'sasl-client-wrappermode-missing', 'sasl-client-password-map-db-suffix', 'sasl-client-auth-not-enabled', 'sasl-client-plaintext-on-opportunistic-tls', 'sasl-client-type-unsupported', 'sasl-passwd-sender-key-ignored', 'sasl-passwd-comment-in-password',
  'oauth-filter-missing', 'oauth-security-excludes-xoauth2', 'oauth-password-not-token-file',
];

const login = { smtp_sasl_auth_enable: 'yes', smtp_sasl_password_maps: 'hash:{passwd}' };
const careful = { ...login, smtp_tls_security_level: 'encrypt', smtp_sasl_security_options: 'noanonymous', smtp_sasl_tls_security_options: 'noanonymous' };
const hopLine = (port: number, user = 'hopuser') => `[127.0.0.1]:${port} ${user}:{pw}`;

export const relayCases: RelayCase[] = [
  {
    name: 'careful',
    claim: 'encrypt + noanonymous through STARTTLS: PLAIN inside TLS, mail sent',
    port: relayPorts.starttls,
    settings: careful,
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'hopuser', password: 'as written' },
    quiet: CLIENT_CODES,
  },
  {
    name: 'wrapper',
    claim: 'an implicit-TLS port with smtp_tls_wrappermode = yes: PLAIN inside TLS, mail sent',
    port: relayPorts.implicit,
    checkedAs: '[127.0.0.1]:465',
    settings: { ...careful, smtp_tls_wrappermode: 'yes' },
    passwd: ['127.0.0.1 hopuser:{pw}'], // the host name: the same key for the relay's port and for 465
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'hopuser', password: 'as written' },
    quiet: CLIENT_CODES,
  },
  {
    name: 'nowrapper',
    claim: 'an implicit-TLS port without smtp_tls_wrappermode: no greeting ever comes, mail deferred, no password sent',
    port: relayPorts.implicit,
    checkedAs: '[127.0.0.1]:465',
    settings: { ...careful, smtp_helo_timeout: '2s' },
    passwd: ['127.0.0.1 hopuser:{pw}'], // the host name: the same key for the relay's port and for 465
    outcome: 'deferred',
    log: /timed out while receiving the initial server greeting/,
    auth: 'none',
    raises: ['sasl-client-wrappermode-missing'],
  },
  {
    name: 'maystripped',
    claim: 'level may, plaintext allowed, STARTTLS stripped: PLAIN goes in clear, mail sent',
    port: relayPorts.stripped,
    settings: { ...login, smtp_tls_security_level: 'may', smtp_sasl_security_options: 'noanonymous' },
    passwd: [hopLine(relayPorts.stripped)],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: false, user: 'hopuser', password: 'as written' },
    raises: ['sasl-client-plaintext-on-opportunistic-tls'],
  },
  {
    name: 'encryptstripped',
    claim: 'level encrypt, STARTTLS stripped: mail deferred, no password sent',
    port: relayPorts.stripped,
    settings: careful,
    passwd: [hopLine(relayPorts.stripped)],
    outcome: 'deferred',
    log: /TLS is required, but was not offered/,
    auth: 'none',
    quiet: CLIENT_CODES,
  },
  {
    name: 'notls',
    claim: 'no TLS level at all: PLAIN goes in clear, mail sent',
    port: relayPorts.stripped,
    settings: { ...login, smtp_sasl_security_options: 'noanonymous' },
    passwd: [hopLine(relayPorts.stripped)],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: false, user: 'hopuser', password: 'as written' },
    raises: ['sasl-client-password-without-tls'],
  },
  {
    name: 'bothkeys',
    claim: 'a bare-host key and the bracketed next-hop key: the host name is looked up first',
    port: relayPorts.starttls,
    settings: careful,
    passwd: [hopLine(relayPorts.starttls), '127.0.0.1 bareuser:{pw}'],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'bareuser' },
    quiet: CLIENT_CODES,
  },
  {
    name: 'noportkey',
    claim: 'a key "[127.0.0.1]" for next hop "[127.0.0.1]:PORT": never looked up, no AUTH, the relay refuses the mail',
    port: relayPorts.starttls,
    settings: careful,
    passwd: ['[127.0.0.1] hopuser:{pw}'],
    outcome: 'bounced',
    log: /Authentication required/,
    auth: 'none',
    raises: ['sasl-passwd-key-never-used'],
  },
  {
    name: 'senderon',
    claim: 'smtp_sender_dependent_authentication = yes: the sender\'s entry wins over the next hop\'s',
    port: relayPorts.starttls,
    settings: { ...careful, smtp_sender_dependent_authentication: 'yes' },
    passwd: ['alice@example.org alice:{pw}', hopLine(relayPorts.starttls)],
    sender: 'alice@example.org',
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'alice' },
    quiet: CLIENT_CODES,
  },
  {
    name: 'senderoff',
    claim: 'sender-keyed entries without smtp_sender_dependent_authentication: ignored, the next hop\'s entry is used',
    port: relayPorts.starttls,
    settings: careful,
    passwd: ['alice@example.org alice:{pw}', hopLine(relayPorts.starttls)],
    sender: 'alice@example.org',
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'hopuser' },
    raises: ['sasl-passwd-sender-key-ignored'],
  },
  {
    name: 'hashcomment',
    claim: 'a "#" after the password: the relay receives it as part of the password',
    port: relayPorts.starttls,
    settings: careful,
    passwd: [`${hopLine(relayPorts.starttls)} # work account`],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'hopuser', password: 'with the comment' },
    raises: ['sasl-passwd-comment-in-password'],
  },
  {
    name: 'dovecottype',
    claim: 'smtp_sasl_type = dovecot: the smtp client dies',
    port: relayPorts.starttls,
    settings: { ...careful, smtp_sasl_type: 'dovecot' },
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'fatal',
    log: /unsupported SASL client implementation: dovecot/,
    auth: 'none',
    raises: ['sasl-client-type-unsupported', 'invalid-enum'],
  },
  {
    name: 'untypedmap',
    claim: 'a password map without "type:": the smtp client dies',
    port: relayPorts.starttls,
    settings: { ...careful, smtp_sasl_password_maps: '{passwd}' },
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'fatal',
    log: /expecting "type:name" form/,
    auth: 'none',
    raises: ['unknown-map-type'],
  },
  {
    name: 'dbsuffix',
    claim: 'a password map named with its .db suffix: Postfix opens sasl_passwd.db.db, the lookup fails, mail deferred, no AUTH',
    port: relayPorts.starttls,
    settings: { ...careful, smtp_sasl_password_maps: 'hash:{passwd}.db' },
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'deferred',
    log: /sasl_passwd\.db\.db: No such file[\s\S]*smtp_sasl_password_maps lookup error/,
    auth: 'none',
    raises: ['sasl-client-password-map-db-suffix'],
  },
  {
    name: 'nomaps',
    claim: 'smtp_sasl_auth_enable = yes without password maps: the smtp client dies',
    port: relayPorts.starttls,
    settings: { smtp_sasl_auth_enable: 'yes', smtp_tls_security_level: 'encrypt', smtp_sasl_security_options: 'noanonymous' },
    outcome: 'fatal',
    log: /specify a password table/,
    auth: 'none',
    raises: ['sasl-client-no-password-maps'],
  },
  {
    name: 'noenable',
    claim: 'password maps without smtp_sasl_auth_enable: no AUTH, the relay refuses the mail',
    port: relayPorts.starttls,
    settings: { smtp_sasl_password_maps: 'hash:{passwd}', smtp_tls_security_level: 'encrypt' },
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'bounced',
    log: /Authentication required/,
    auth: 'none',
    raises: ['sasl-client-auth-not-enabled'],
  },
  {
    name: 'noworthy',
    claim: 'the default security options (noplaintext) over TLS with a PLAIN/LOGIN relay: "no worthy mechs", mail deferred',
    port: relayPorts.starttls,
    settings: { ...login, smtp_tls_security_level: 'encrypt' },
    passwd: [hopLine(relayPorts.starttls)],
    outcome: 'deferred',
    log: /No worthy mechs/,
    auth: 'none',
    raises: ['sasl-client-no-worthy-mechs'],
  },
  {
    name: 'anonymousboth',
    claim: 'empty security options with a relay that offers PLAIN, LOGIN and ANONYMOUS: the client still picks PLAIN',
    port: relayPorts.anonymous,
    settings: { ...login, smtp_tls_security_level: 'encrypt', smtp_sasl_security_options: '', smtp_sasl_tls_security_options: '' },
    passwd: [hopLine(relayPorts.anonymous)],
    outcome: 'sent',
    auth: { mechanism: 'PLAIN', tls: true, user: 'hopuser', password: 'as written' },
    raises: ['sasl-anonymous-allowed'],
  },
  {
    name: 'anonymous',
    claim: 'empty security options with a relay that offers only ANONYMOUS: the client logs in anonymously',
    port: relayPorts.anonymousOnly,
    settings: { ...login, smtp_tls_security_level: 'encrypt', smtp_sasl_security_options: '', smtp_sasl_tls_security_options: '' },
    passwd: [hopLine(relayPorts.anonymousOnly)],
    outcome: 'sent',
    auth: { mechanism: 'ANONYMOUS', tls: true },
    raises: ['sasl-anonymous-allowed'],
  },
  {
    name: 'noanonymous',
    claim: 'noanonymous with a relay that offers only ANONYMOUS: no AUTH, mail deferred',
    port: relayPorts.anonymousOnly,
    settings: careful,
    passwd: [hopLine(relayPorts.anonymousOnly)],
    outcome: 'deferred',
    auth: 'none',
    quiet: CLIENT_CODES,
  },
  {
    name: 'pluginfilter',
    claim: 'smtp_sasl_mechanism_filter = crammd5 (a plugin name): nothing matches, no AUTH is tried, mail deferred',
    port: relayPorts.cram,
    settings: { ...careful, smtp_sasl_mechanism_filter: 'crammd5' },
    passwd: [hopLine(relayPorts.cram)],
    outcome: 'deferred',
    log: /offered no supported AUTH mechanisms/,
    auth: 'none',
    attempts: [],
    raises: ['sasl-client-filter-plugin-name'],
  },
  {
    name: 'mechfilter',
    claim: 'smtp_sasl_mechanism_filter = CRAM-MD5 (the mechanism name): the client asks for CRAM-MD5',
    port: relayPorts.cram,
    settings: { ...careful, smtp_sasl_mechanism_filter: 'CRAM-MD5' },
    passwd: [hopLine(relayPorts.cram)],
    outcome: 'deferred',
    auth: 'none',
    attempts: ['CRAM-MD5'],
    quiet: CLIENT_CODES,
  },
];
