// What became of Dovecot 2.3 setting names in 2.4, for the names a 2.4 refuses. Hand-written from the
// facts of Dovecot's 2.3 → 2.4 upgrade notes, checked against the generated name lists (a test: every
// `from` is a 2.3 name 2.4 does not know, every `to` that is a name is a 2.4 one). `within`: the
// section the old name belongs in, when it is a section's own setting.

export interface DovecotRename {
  from: string;
  within?: readonly string[];
  /** The 2.4 setting that replaces it, when there is one to write instead. */
  to?: string;
  /** What else changes, in our words. */
  note?: string;
}

const DB = ['passdb', 'userdb'] as const;

export const dovecotRenames: readonly DovecotRename[] = [
  { from: 'disable_plaintext_auth', to: 'auth_allow_cleartext', note: 'with the opposite sense: `disable_plaintext_auth = yes` is `auth_allow_cleartext = no`' },
  { from: 'auth_default_realm', to: 'auth_default_domain' },
  { from: 'ssl_cert', to: 'ssl_server_cert_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_key', to: 'ssl_server_key_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_ca', to: 'ssl_server_ca_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_dh', to: 'ssl_server_dh_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_alt_cert', to: 'ssl_server_alt_cert_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_alt_key', to: 'ssl_server_alt_key_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_key_password', to: 'ssl_server_key_password' },
  { from: 'ssl_cert_username_field', to: 'ssl_server_cert_username_field' },
  { from: 'ssl_prefer_server_ciphers', to: 'ssl_server_prefer_ciphers' },
  { from: 'ssl_require_crl', to: 'ssl_server_require_crl' },
  { from: 'ssl_verify_client_cert', to: 'ssl_server_request_client_cert' },
  { from: 'ssl_client_cert', to: 'ssl_client_cert_file', note: 'the value is the path itself, without "<"' },
  { from: 'ssl_client_key', to: 'ssl_client_key_file', note: 'the value is the path itself, without "<"' },
  { from: 'verbose_ssl', to: 'log_debug', note: 'as `log_debug = category=ssl`' },
  { from: 'mail_location', to: 'mail_driver', note: 'split in two: the format goes to `mail_driver` (maildir, mbox, sdbox …), the folder to `mail_path`' },
  { from: 'mail_attachment_dir', to: 'mail_ext_attachment_path' },
  { from: 'mail_attachment_min_size', to: 'mail_ext_attachment_min_size' },
  { from: 'mail_attachment_hash', to: 'mail_ext_attachment_hash' },
  { from: 'imap_id_log', to: 'imap_id_retain' },
  { from: 'auth_worker_max_count', to: 'process_limit', note: 'set inside `service auth-worker { }`' },
  { from: 'service_count', within: ['service'], to: 'restart_request_count' },
  { from: 'address', within: ['inet_listener'], to: 'listen' },
  { from: 'args', within: DB, note: "gone: each driver has settings of its own, e.g. `passwd_file_path` for passwd-file, `default_password_scheme` for the scheme" },
  { from: 'mechanisms', within: ['passdb'], to: 'mechanisms_filter' },
  { from: 'default_fields', within: DB, to: 'fields', note: 'as a `fields { key = value }` section' },
  { from: 'override_fields', within: DB, to: 'fields', note: 'as a `fields { key = value }` section' },
];
