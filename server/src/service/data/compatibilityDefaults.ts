// Defaults that depend on `compatibility_level`. Facts from the Postfix 3.12 source: the
// `${{$compatibility_level} <level {N} ? {old} : {new}}` defaults in src/global/mail_params.h, the
// legacy-default flags in src/global/mail_params.c and src/master/master_ent.c, and COMPATIBILITY_README.
// Postfix's rule: below `level` the old (backwards-compatible) value applies, at or above it the new one.

export interface CompatibilityDefault {
  /** main.cf parameter, or `chroot` for the master.cf column. */
  name: string;
  /** The compatibility level at which the new default starts to apply. */
  level: string;
  /** The default below `level`. */
  before: string;
  /** The default at `level` and above. */
  from: string;
  /** The Postfix release that introduced this level-dependent default. */
  postfix: string;
}

/** The level Postfix assumes when main.cf does not set one (DEF_COMPAT_LEVEL). */
export const unsetCompatibilityLevel = '0';

export const compatibilityDefaults: readonly CompatibilityDefault[] = [
  { name: 'append_dot_mydomain', level: '1', before: 'yes', from: 'no', postfix: '3.0' },
  { name: 'smtputf8_enable', level: '1', before: 'no', from: 'yes', postfix: '3.0' },
  { name: 'smtpd_relay_restrictions', level: '1', before: '', from: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination', postfix: '3.0' },
  { name: 'chroot', level: '1', before: 'y', from: 'n', postfix: '3.0' },
  { name: 'mynetworks_style', level: '2', before: 'subnet', from: 'host', postfix: '3.0' },
  { name: 'relay_domains', level: '2', before: '$mydestination', from: '', postfix: '3.0' },
  { name: 'smtpd_tls_fingerprint_digest', level: '3.6', before: 'md5', from: 'sha256', postfix: '3.6' },
  { name: 'smtp_tls_fingerprint_digest', level: '3.6', before: 'md5', from: 'sha256', postfix: '3.6' },
  { name: 'lmtp_tls_fingerprint_digest', level: '3.6', before: 'md5', from: 'sha256', postfix: '3.6' },
  { name: 'smtpd_relay_before_recipient_restrictions', level: '3.6', before: 'no', from: 'yes', postfix: '3.6' },
  { name: 'respectful_logging', level: '3.6', before: 'no', from: 'yes', postfix: '3.6' },
  { name: 'smtp_tls_security_level', level: '3.11', before: '', from: 'may', postfix: '3.11' },
  { name: 'smtp_tlsrpt_skip_reused_handshakes', level: '3.11', before: 'yes', from: 'no', postfix: '3.11' },
];
