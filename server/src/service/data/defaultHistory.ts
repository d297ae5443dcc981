// Defaults that changed between Postfix releases, for the names where the change matters to a verdict
// (TLS, SASL, SMTP smuggling, milters, cache tables). Facts from the DEF_* macros of
// src/global/mail_params.h at each release tag of the Postfix source (v3.0.0 … v3.11.0 and the 3.12
// snapshot). Each row lists [first release, default from that release on], oldest first; a target
// older than the first row gets the first row's value (the oldest we record). Names not listed keep
// the catalogue's default (postconf -d of the release in parameters.generated.ts) for every version.
// Values are written as Postfix's source writes them: a `${{$compatibility_level} <level …}` default is
// resolved by expansion against the file's compatibility_level, exactly as Postfix does.

export type DefaultHistory = readonly (readonly [since: string, value: string])[];

const protocols: DefaultHistory = [['3.0', '!SSLv2'], ['3.1', '!SSLv2, !SSLv3'], ['3.6', '>=TLSv1']];
const ciphers: DefaultHistory = [['3.0', 'export'], ['3.1', 'medium']];

export const defaultHistory: Readonly<Record<string, DefaultHistory>> = {
  smtpd_tls_protocols: [['3.0', ''], ['3.1', '!SSLv2, !SSLv3'], ['3.6', '>=TLSv1']],
  smtpd_tls_mandatory_protocols: protocols,
  smtp_tls_protocols: protocols,
  smtp_tls_mandatory_protocols: protocols,
  smtpd_tls_ciphers: ciphers,
  smtp_tls_ciphers: ciphers,
  smtp_tls_security_level: [['3.0', ''], ['3.11', '${{$compatibility_level} <level {3.11} ? {} : {may}}']],
  smtp_tls_dane_insecure_mx_policy: [['3.1', 'dane'], ['3.6', '${{$smtp_tls_security_level} == {dane} ? {dane} : {may}}'], ['3.10', 'dane']],
  smtp_tlsrpt_skip_reused_handshakes: [['3.10', 'yes'], ['3.11', 'no']],
  tls_low_cipherlist: [['3.4', 'aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH'], ['3.8', '']],
  tls_export_cipherlist: [['3.4', 'aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH'], ['3.8', '']],
  smtpd_forbid_unauth_pipelining: [['3.5', 'no'], ['3.9', 'yes']],
  smtpd_forbid_bare_newline: [['3.5', 'no'], ['3.9', 'normalize']],
  milter_default_action: [['3.0', 'tempfail'], ['3.11', 'shutdown']],
  address_verify_map: [['3.0', 'btree:$data_directory/verify_cache'], ['3.11', '$default_cache_db_type:$data_directory/verify_cache']],
  // Build-dependent (makedefs): btree where Postfix is built with Berkeley DB, as the distributions do.
  default_cache_db_type: [['3.11', 'btree']],
  postscreen_cache_map: [['3.0', 'btree:$data_directory/postscreen_cache'], ['3.11', '$default_cache_db_type:$data_directory/postscreen_cache']],
};
