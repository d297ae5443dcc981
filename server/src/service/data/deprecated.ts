// Deprecated and removed names, from Postfix's DEPRECATION_README (3.11 edition) and the
// restriction renames of Postfix 2.3. `since` is the version that started to warn.
import type { Deprecation } from './types';

/** Parameters, keyed by the obsolete name. */
export const deprecatedParameters: Readonly<Record<string, Deprecation>> = {
  // Renamed for consistency in 3.11; the old value still seeds the new name's default.
  authorized_verp_clients: { since: '3.11', replacement: 'smtpd_authorized_verp_clients' },
  fallback_relay: { since: '3.11', replacement: 'smtp_fallback_relay' },
  // DEPRECATION_README lists these as "x_per_request_deadline -> x_per_request_deadline" (a typo);
  // the old names are the *_per_record_deadline ones that 3.7's defaults still refer to.
  lmtp_per_record_deadline: { since: '3.11', replacement: 'lmtp_per_request_deadline' },
  smtp_per_record_deadline: { since: '3.11', replacement: 'smtp_per_request_deadline' },
  smtpd_per_record_deadline: { since: '3.11', replacement: 'smtpd_per_request_deadline' },
  postscreen_blacklist_action: { since: '3.11', replacement: 'postscreen_denylist_action' },
  postscreen_dnsbl_ttl: { since: '3.11', replacement: 'postscreen_dnsbl_max_ttl' },
  postscreen_dnsbl_whitelist_threshold: { since: '3.11', replacement: 'postscreen_dnsbl_allowlist_threshold' },
  postscreen_whitelist_interfaces: { since: '3.11', replacement: 'postscreen_allowlist_interfaces' },
  smtpd_client_connection_limit_exceptions: { since: '3.11', replacement: 'smtpd_client_event_limit_exceptions' },
  tlsproxy_client_level: { since: '3.11', replacement: 'tlsproxy_client_security_level' },
  tlsproxy_client_policy: { since: '3.11', replacement: 'tlsproxy_client_policy_maps' },
  virtual_maps: { since: '3.11', replacement: 'virtual_alias_maps' },
  // No replacement: leave unset.
  smtp_cname_overrides_servername: { since: '3.11' },
  lmtp_cname_overrides_servername: { since: '3.11' },
  smtp_tls_enforce_peername: { since: '3.11', replacement: 'smtp_tls_security_level' },
  lmtp_tls_enforce_peername: { since: '3.11', replacement: 'lmtp_tls_security_level' },
  disable_dns_lookups: { since: '3.9', replacement: 'smtp_dns_support_level' },
  // The boolean TLS switches that predate the security levels.
  smtp_use_tls: { since: '3.9', replacement: 'smtp_tls_security_level' },
  lmtp_use_tls: { since: '3.9', replacement: 'lmtp_tls_security_level' },
  smtpd_use_tls: { since: '3.9', replacement: 'smtpd_tls_security_level' },
  postscreen_use_tls: { since: '3.9', replacement: 'postscreen_tls_security_level' },
  tlsproxy_use_tls: { since: '3.9', replacement: 'tlsproxy_tls_security_level' },
  tlsproxy_client_use_tls: { since: '3.9', replacement: 'tlsproxy_client_security_level' },
  smtp_enforce_tls: { since: '3.9', replacement: 'smtp_tls_security_level' },
  lmtp_enforce_tls: { since: '3.9', replacement: 'lmtp_tls_security_level' },
  smtpd_enforce_tls: { since: '3.9', replacement: 'smtpd_tls_security_level' },
  postscreen_enforce_tls: { since: '3.9', replacement: 'postscreen_tls_security_level' },
  tlsproxy_enforce_tls: { since: '3.9', replacement: 'tlsproxy_tls_security_level' },
  tlsproxy_client_enforce_tls: { since: '3.9', replacement: 'tlsproxy_client_security_level' },
  // Not a rename: the policy table format and search order changed too.
  smtp_tls_per_site: { since: '3.9', replacement: 'smtp_tls_policy_maps' },
  lmtp_tls_per_site: { since: '3.9', replacement: 'lmtp_tls_policy_maps' },
  tlsproxy_client_per_site: { since: '3.9', replacement: 'tlsproxy_client_policy_maps' },
  smtpd_tls_dh1024_param_file: { since: '3.9' },
  smtpd_tls_eecdh_grade: { since: '3.9' },
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
