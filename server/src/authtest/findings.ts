/** The findings an auth test can report: stable codes, a default severity, and our own words. */
import { Remedies, withRemedies } from './remedies';

export type Severity = 'error' | 'warning' | 'info';

export interface FindingRule {
  code: string;
  severity: Severity;
  title: string;
  /** Why it matters, or what to look at. */
  explanation: string;
  likelyCauses?: string[];
}

export interface Finding {
  code: string;
  severity: Severity;
  title: string;
  detail: string;
  likelyCauses?: string[];
}

export const FINDING_RULES = {
  authBeforeTls: {
    code: 'auth-before-tls',
    severity: 'warning',
    title: 'AUTH is offered before TLS',
    explanation: 'A client may send its password before STARTTLS. Set smtpd_tls_auth_only = yes so AUTH appears only after STARTTLS.',
  },
  plaintextMechInClear: {
    code: 'plaintext-mechanisms-in-clear',
    severity: 'warning',
    title: 'Plaintext mechanisms offered on a clear connection',
    explanation: 'PLAIN and LOGIN send the password itself, only base64-encoded, which anyone on the path can read.',
  },
  authAcceptedInClear: {
    code: 'auth-accepted-in-clear',
    severity: 'error',
    title: 'The server accepted AUTH on a clear connection',
    explanation: 'The password (or a hash open to offline guessing) crossed the network unencrypted. Require TLS before AUTH (smtpd_tls_auth_only = yes).',
  },
  noStarttls: {
    code: 'no-starttls',
    severity: 'error',
    title: 'STARTTLS is not offered',
    explanation: 'The server has no TLS on this port, so AUTH can only happen in clear.',
    likelyCauses: ['smtpd_tls_security_level is none or unset for this service', 'no certificate: smtpd_tls_cert_file / smtpd_tls_chain_files missing or unreadable', 'a middlebox strips STARTTLS from the EHLO reply'],
  },
  legacyTls: {
    code: 'legacy-tls-accepted',
    severity: 'warning',
    title: 'TLS 1.0 or 1.1 accepted',
    explanation: 'These versions are deprecated (RFC 8996). Set smtpd_tls_protocols = >=TLSv1.2 (and smtpd_tls_mandatory_protocols).',
  },
  certExpired: { code: 'certificate-expired', severity: 'error', title: 'The certificate has expired', explanation: 'Clients that verify will refuse the connection; renew it.' },
  certNotYetValid: { code: 'certificate-not-yet-valid', severity: 'error', title: 'The certificate is not valid yet', explanation: 'Check the clock of the server and of this machine.' },
  certSelfSigned: {
    code: 'certificate-self-signed',
    severity: 'warning',
    title: 'The certificate is self-signed',
    explanation: 'Clients cannot verify it unless they trust it explicitly ({trustCa}). Use a certificate from a CA (e.g. Let\'s Encrypt) for clients you do not control.',
  },
  certUntrusted: { code: 'certificate-untrusted', severity: 'error', title: 'The certificate chain does not verify', explanation: 'Install the intermediate certificates (smtpd_tls_chain_files), or {trustCa}.' },
  certOtherName: { code: 'certificate-name-mismatch', severity: 'error', title: 'The certificate is for another name', explanation: 'Clients connecting by this name will refuse it. Connect by the name in the certificate, or add this name to its subjectAltName.' },
  verificationOff: {
    code: 'verification-off',
    severity: 'warning',
    title: 'Certificate verification was turned off',
    explanation: 'This test did not check who it talked to (--insecure). Anyone in between could have read the password.',
  },
  noAuthOffered: {
    code: 'no-auth-offered',
    severity: 'error',
    title: 'No AUTH offered',
    explanation: 'The EHLO reply has no AUTH line, so no client can authenticate here.',
    likelyCauses: [
      'smtpd_sasl_auth_enable = no for this service (check the -o overrides in master.cf)',
      'smtpd_tls_auth_only = yes and this connection is not encrypted: {useStarttls}',
      'TLS-only auth without a working certificate: STARTTLS is then missing too, so AUTH never appears',
      'the SASL back end failed to start (the mail log says "no SASL authentication mechanisms")',
    ],
  },
  mechanismNotOffered: { code: 'mechanism-not-offered', severity: 'warning', title: 'A requested mechanism is not offered', explanation: 'The server does not list it in AUTH; it was not tried.' },
  unsupportedMechanisms: { code: 'mechanisms-not-tested', severity: 'info', title: 'Some offered mechanisms were not tried', explanation: 'This tester does not implement them, or they take a token rather than the password (name one in the mechanisms to test a token).' },
  rejected535: {
    code: 'auth-rejected',
    severity: 'error',
    title: 'Authentication rejected (535)',
    explanation: 'The back end checked the credentials and said no.',
    likelyCauses: [
      'wrong password, or wrong user name',
      'realm: Cyrus sasldb stores user@realm, and the realm must match myhostname or smtpd_sasl_local_domain; try the user with and without @domain',
      'the wrong user database: Debian\'s Postfix reads $config_directory/sasl/<smtpd_sasl_path>.conf, not /etc/sasl2; a chrooted smtpd reads its own copy of sasldb under the queue directory',
      'the password is stored hashed, which CRAM-MD5, DIGEST-MD5 and SCRAM cannot use',
    ],
  },
  temporary454: {
    code: 'auth-temporary-failure',
    severity: 'error',
    title: 'Temporary authentication failure (454)',
    explanation: 'The SASL back end could not give an answer.',
    likelyCauses: [
      'the back end is unreachable: saslauthd not running, or its socket outside the chroot (a chrooted smtpd needs it under /var/spool/postfix/var/run/saslauthd)',
      'CRAM-MD5 or DIGEST-MD5 offered with pwcheck_method saslauthd: they never reach saslauthd but read the secret from sasldb, which smtpd cannot open (or which lacks the user): keep mech_list to PLAIN LOGIN, or keep the users in a sasldb that smtpd can read',
      'the Dovecot auth socket path (smtpd_sasl_path) does not exist or has the wrong owner',
    ],
  },
  tlsRequired530: {
    code: 'auth-requires-tls',
    severity: 'error',
    title: 'The server wants TLS before AUTH (530 or 538)',
    explanation: 'Without TLS it will not authenticate: {useStarttls}.',
  },
  serverNotVerified: {
    code: 'server-proof-failed',
    severity: 'error',
    title: 'The server did not prove that it knows the password',
    explanation: 'SCRAM and DIGEST-MD5 let the client check the server; this check failed.',
  },
  stepTimeout: {
    code: 'step-timeout',
    severity: 'error',
    title: 'The server did not answer in time',
    explanation: 'A step ran out of its time limit (or the whole test of its own); this is no verdict on the password. A slow SASL back end (saslauthd, an LDAP or SQL lookup) or a tarpit is the usual cause; try a longer limit.',
  },
  senderRefused: {
    code: 'sender-refused',
    severity: 'warning',
    title: 'The authenticated user may not send as this sender',
    explanation: 'MAIL FROM was refused after AUTH. Check smtpd_sender_login_maps and reject_sender_login_mismatch (or reject_authenticated_sender_login_mismatch) for this service.',
  },
  relayRefused: {
    code: 'relay-refused-after-auth',
    severity: 'error',
    title: 'The authenticated user may not send to this recipient',
    explanation: 'RCPT TO got a permanent refusal after AUTH, so this user cannot submit mail to that address here. The enhanced code in the reply tells which cause below it is.',
    likelyCauses: [
      'a policy refusal (5.7.x, such as Postfix\'s "Relay access denied"): authenticated users may not relay; put permit_sasl_authenticated before reject_unauth_destination in smtpd_relay_restrictions (or smtpd_recipient_restrictions) of this service',
      'the address itself (5.1.x: no such user or domain), which says nothing about relaying: test with an outside address that exists',
      'a check_recipient_access table, an RBL or a policy service that refuses this recipient',
    ],
  },
  recipientDeferred: {
    code: 'recipient-deferred-after-auth',
    severity: 'warning',
    title: 'The recipient was deferred after AUTH',
    explanation: 'RCPT TO got a temporary refusal (4xx), so whether this user may relay is not known yet. Greylisting, a policy service that did not answer or a failed lookup are the usual causes; try again later.',
  },
  unauthenticatedRelay: {
    code: 'unauthenticated-relay',
    severity: 'error',
    title: 'A client without AUTH may send to this recipient',
    explanation: 'If the recipient is outside your domains, this is an open relay. This test connects from this machine, which mynetworks may trust (permit_mynetworks); a client elsewhere may be refused.',
  },
  protocolError: { code: 'protocol-error', severity: 'error', title: 'The server broke the protocol', explanation: 'Its reply could not be used.' },
} satisfies Record<string, FindingRule>;

export type FindingKey = keyof typeof FINDING_RULES;

/** A finding with the front end's remedies filled in; `severity` overrides the rule's where the context changes it. */
export function finding(key: FindingKey, remedies: Remedies, detail?: string, severity?: Severity): Finding {
  const rule: FindingRule = FINDING_RULES[key];
  const explanation = withRemedies(rule.explanation, remedies);
  const f: Finding = { code: rule.code, severity: severity ?? rule.severity, title: rule.title, detail: detail ? `${detail} ${explanation}` : explanation };
  if (rule.likelyCauses) f.likelyCauses = rule.likelyCauses.map((c) => withRemedies(c, remedies));
  return f;
}
