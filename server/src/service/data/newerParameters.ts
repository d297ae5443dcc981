// Parameters added after Postfix 3.7 (the version the generated catalogue comes from).
// Names, defaults and versions are from postconf.proto of the Postfix source.
import type { ParameterInfo } from './types';

export const newerParameters: readonly ParameterInfo[] = [
  // 3.8
  { name: 'use_srv_lookup', type: 'list', default: '', since: '3.8' },
  { name: 'allow_srv_lookup_fallback', type: 'boolean', default: 'no', since: '3.8' },
  { name: 'ignore_srv_lookup_error', type: 'boolean', default: 'no', since: '3.8' },
  { name: 'smtpd_client_ipv4_prefix_length', type: 'integer', default: '32', since: '3.8' },
  { name: 'smtpd_client_ipv6_prefix_length', type: 'integer', default: '84', since: '3.8' },
  // 3.9
  { name: 'smtpd_tls_enable_rpk', type: 'boolean', default: 'no', since: '3.9' },
  { name: 'tlsproxy_tls_enable_rpk', type: 'boolean', default: '$smtpd_tls_enable_rpk', since: '3.9' },
  { name: 'smtp_tls_enable_rpk', type: 'boolean', default: 'no', since: '3.9' },
  // postconf.proto prints "yes" here, unlike the SMTP default.
  { name: 'lmtp_tls_enable_rpk', type: 'boolean', default: 'yes', since: '3.9' },
  { name: 'maillog_file_permissions', type: 'enum', default: '0600', values: ['0600', '0640', '0644'], since: '3.9' },
  { name: 'force_mime_input_conversion', type: 'boolean', default: 'no', since: '3.9' },
  // 3.10
  { name: 'smtp_tlsrpt_enable', type: 'boolean', default: 'no', since: '3.10' },
  { name: 'smtp_tlsrpt_socket_name', type: 'path', default: '', since: '3.10' },
  // The default was "yes" in 3.10 and became "no" in 3.11.
  { name: 'smtp_tlsrpt_skip_reused_handshakes', type: 'boolean', default: 'no', since: '3.10' },
  { name: 'full_name_encoding_charset', type: 'string', default: 'utf-8', since: '3.10' },
  { name: 'socketmap_max_reply_size', type: 'size', default: '100000', since: '3.10' },
  { name: 'tls_required_enable', type: 'boolean', default: 'yes', since: '3.10' },
  { name: 'smtpd_hide_client_session', type: 'boolean', default: 'no', since: '3.10' },
  { name: 'smtp_tls_enforce_sts_mx_patterns', type: 'boolean', default: 'yes', since: '3.10.5' },
  { name: 'lmtp_tls_enforce_sts_mx_patterns', type: 'boolean', default: 'yes', since: '3.10.5' },
  // 3.11
  { name: 'requiretls_enable', type: 'boolean', default: 'yes', since: '3.11' },
  { name: 'requiretls_redact_dsn', type: 'boolean', default: 'yes', since: '3.11' },
  {
    name: 'smtp_requiretls_policy',
    type: 'list',
    default: 'inline:{ {.$mydomain = opportunistic} {localhost = opportunistic} } opportunistic+starttls',
    since: '3.11',
  },
  { name: 'lmtp_requiretls_policy', type: 'list', default: 'opportunistic', since: '3.11' },
  { name: 'smtp_log_tls_feature_status', type: 'boolean', default: 'yes', since: '3.11' },
  { name: 'smtpd_reject_filter_maps', type: 'maplist', default: '', since: '3.11' },
];

/** Newest Postfix version whose parameters the catalogue knows. */
export const newestKnownVersion = '3.11';
