// Deprecated and removed names: what the generated catalogue cannot read from postconf.proto.
// `warnsSince` is the version from which Postfix logs a warning (DEPRECATION_README, 3.12 edition);
// `since` (the version that replaced the name) comes from postconf.proto through the generated rows,
// and is given here only where the proto does not say it. A replacement here wins over the proto's.
import type { Deprecation } from './types';

/** Parameters, keyed by the obsolete name. */
export const deprecatedParameters: Readonly<Record<string, Deprecation>> = {
  authorized_verp_clients: { warnsSince: '3.11', replacement: 'smtpd_authorized_verp_clients' },
  fallback_relay: { warnsSince: '3.11', replacement: 'smtp_fallback_relay' },
  lmtp_per_record_deadline: { warnsSince: '3.11', replacement: 'lmtp_per_request_deadline' },
  smtp_per_record_deadline: { warnsSince: '3.11', replacement: 'smtp_per_request_deadline' },
  smtpd_per_record_deadline: { warnsSince: '3.11', replacement: 'smtpd_per_request_deadline' },
  postscreen_blacklist_action: { warnsSince: '3.11', replacement: 'postscreen_denylist_action' },
  postscreen_dnsbl_ttl: { warnsSince: '3.11', replacement: 'postscreen_dnsbl_max_ttl' },
  postscreen_dnsbl_whitelist_threshold: { warnsSince: '3.11', replacement: 'postscreen_dnsbl_allowlist_threshold' },
  postscreen_whitelist_interfaces: { warnsSince: '3.11', replacement: 'postscreen_allowlist_interfaces' },
  smtpd_client_connection_limit_exceptions: { warnsSince: '3.11', replacement: 'smtpd_client_event_limit_exceptions' },
  tlsproxy_client_level: { warnsSince: '3.11', replacement: 'tlsproxy_client_security_level' },
  tlsproxy_client_policy: { warnsSince: '3.11', replacement: 'tlsproxy_client_policy_maps' },
  // The proto names virtual_alias_domains and virtual_alias_maps; the maps are what the old lines held.
  virtual_maps: { warnsSince: '3.11', replacement: 'virtual_alias_maps' },
  // No replacement: leave unset.
  smtp_cname_overrides_servername: { warnsSince: '3.11' },
  lmtp_cname_overrides_servername: { warnsSince: '3.11' },
  smtp_tls_enforce_peername: { warnsSince: '3.11', replacement: 'smtp_tls_security_level' },
  lmtp_tls_enforce_peername: { warnsSince: '3.11', replacement: 'lmtp_tls_security_level' },
  disable_dns_lookups: { warnsSince: '3.9', replacement: 'smtp_dns_support_level' },
  // The boolean TLS switches that predate the security levels (2.3).
  smtp_use_tls: { warnsSince: '3.9', replacement: 'smtp_tls_security_level' },
  lmtp_use_tls: { warnsSince: '3.9', replacement: 'lmtp_tls_security_level' },
  smtpd_use_tls: { warnsSince: '3.9', replacement: 'smtpd_tls_security_level' },
  postscreen_use_tls: { warnsSince: '3.9', replacement: 'postscreen_tls_security_level' },
  tlsproxy_use_tls: { warnsSince: '3.9', replacement: 'tlsproxy_tls_security_level' },
  tlsproxy_client_use_tls: { warnsSince: '3.9', replacement: 'tlsproxy_client_security_level' },
  smtp_enforce_tls: { warnsSince: '3.9', replacement: 'smtp_tls_security_level' },
  lmtp_enforce_tls: { warnsSince: '3.9', replacement: 'lmtp_tls_security_level' },
  smtpd_enforce_tls: { warnsSince: '3.9', replacement: 'smtpd_tls_security_level' },
  postscreen_enforce_tls: { warnsSince: '3.9', replacement: 'postscreen_tls_security_level' },
  tlsproxy_enforce_tls: { warnsSince: '3.9', replacement: 'tlsproxy_tls_security_level' },
  tlsproxy_client_enforce_tls: { warnsSince: '3.9', replacement: 'tlsproxy_client_security_level' },
  // Not a rename: the policy table format and search order changed too.
  smtp_tls_per_site: { warnsSince: '3.9', replacement: 'smtp_tls_policy_maps' },
  lmtp_tls_per_site: { warnsSince: '3.9', replacement: 'lmtp_tls_policy_maps' },
  tlsproxy_client_per_site: { warnsSince: '3.9', replacement: 'tlsproxy_client_policy_maps' },
  smtpd_tls_dh1024_param_file: { warnsSince: '3.9' },
  smtpd_tls_eecdh_grade: { warnsSince: '3.9' },
  // Ignored since 2.3, when cipher grades replaced the raw OpenSSL cipher list.
  smtpd_tls_cipherlist: { replacement: 'smtpd_tls_mandatory_ciphers' },
  smtp_tls_cipherlist: { replacement: 'smtp_tls_mandatory_ciphers' },
  tlsproxy_client_loglevel_parameter: { since: '3.12', removed: '3.12' },
};

/** Access restrictions, keyed by the obsolete name. */
export const deprecatedRestrictions: Readonly<Record<string, Deprecation>> = {
  permit_mx_backup: { since: '3.9', replacement: 'relay_domains' },
  check_relay_domains: { since: '2.2', removed: '3.9', replacement: 'reject_unauth_destination' },
  reject_maps_rbl: { since: '2.1', removed: '3.9', replacement: 'reject_rbl_client' },
  permit_naked_ip_address: { since: '2.0', removed: '3.9', replacement: 'permit_mynetworks' },
  // Pre-2.3 spellings that still work.
  reject_unknown_client: { since: '2.3', replacement: 'reject_unknown_client_hostname' },
  reject_invalid_hostname: { since: '2.3', replacement: 'reject_invalid_helo_hostname' },
  reject_non_fqdn_hostname: { since: '2.3', replacement: 'reject_non_fqdn_helo_hostname' },
  reject_unknown_hostname: { since: '2.3', replacement: 'reject_unknown_helo_hostname' },
  check_recipient_maps: { since: '2.1', replacement: 'reject_unlisted_recipient' },
};
