// Type fixes where the generator's name/default heuristics are wrong; no docs here.
import type { OverlayTable } from './shape';

export const correctionsOverlay: OverlayTable = {
  // Accept ratios such as "1/concurrency" as well as numbers.
  default_destination_concurrency_negative_feedback: { type: 'string' },
  default_destination_concurrency_positive_feedback: { type: 'string' },
  mail_release_date: { type: 'string' },
  smtp_tcp_port: { type: 'string' },
  lmtp_tcp_port: { type: 'string' },
  smtp_address_preference: { type: 'enum', values: ['any', 'ipv4', 'ipv6'] },
  lmtp_address_preference: { type: 'enum', values: ['any', 'ipv4', 'ipv6'] },
  smtp_host_lookup: { type: 'enumlist', values: ['dns', 'native'] },
  lmtp_host_lookup: { type: 'enumlist', values: ['dns', 'native'] },
  postscreen_tls_security_level: { type: 'enum', values: ['none', 'may', 'encrypt'] },
  tlsproxy_tls_security_level: { type: 'enum', values: ['none', 'may', 'encrypt'] },
  tlsproxy_client_security_level: {
    type: 'enum',
    values: ['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure'],
  },
  smtpd_tls_fingerprint_digest: { type: 'string' },
  smtp_tls_fingerprint_digest: { type: 'string' },
  smtpd_per_request_deadline: { type: 'boolean' },
  // Names newer than the installed Postfix, typed from postconf.proto's description.
  maillog_file_permissions: { type: 'enum', values: ['0600', '0640', '0644'] },
  use_srv_lookup: { type: 'list' },
  smtp_requiretls_policy: { type: 'list' },
  lmtp_requiretls_policy: { type: 'list' },
  smtpd_per_record_deadline: { type: 'boolean' },
  smtp_tlsrpt_socket_name: { type: 'path' },
  // Domain lists: names, /file/names and type:table lookups mixed.
  virtual_alias_domains: { type: 'list' },
  virtual_mailbox_domains: { type: 'list' },
};
