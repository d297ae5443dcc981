// STARTTLS for the SMTP server (smtpd_tls_*) and the SMTP client (smtp_tls_*).
import { CIPHER_GRADES, CLIENT_TLS_LEVELS, SERVER_TLS_LEVELS, type OverlayTable } from './shape';

export const tlsOverlay: OverlayTable = {
  smtpd_tls_security_level: {
    type: 'enum',
    values: SERVER_TLS_LEVELS,
    since: '2.3',
    doc: 'TLS for incoming connections: `none`, `may` (offer STARTTLS) or `encrypt` (require it). Use `may` on port 25, since public MTAs must not require TLS, and `encrypt` on the submission ports.',
    security: 'With `may`, a client can still send without TLS; set `smtpd_tls_auth_only = yes` to keep passwords off plaintext sessions.',
    related: ['smtpd_tls_auth_only', 'smtpd_tls_chain_files', 'smtpd_tls_cert_file', 'smtpd_tls_mandatory_protocols'],
  },
  smtpd_tls_auth_only: {
    doc: 'Offer SMTP AUTH only after the client has started TLS.',
    security: 'Set `yes` wherever AUTH is enabled with plaintext mechanisms: otherwise passwords can travel in the clear.',
    related: ['smtpd_sasl_auth_enable', 'smtpd_tls_security_level'],
  },
  smtpd_tls_cert_file: {
    doc: 'PEM file with the server certificate, optionally followed by the intermediate certificates (and the key). Prefer `smtpd_tls_chain_files` on Postfix 3.4 and later.',
    related: ['smtpd_tls_key_file', 'smtpd_tls_chain_files'],
  },
  smtpd_tls_key_file: {
    doc: 'PEM file with the private key for `smtpd_tls_cert_file`; by default the same file.',
    security: 'Keep the key readable only by root; Postfix reads it before dropping privileges.',
    related: ['smtpd_tls_cert_file', 'smtpd_tls_chain_files'],
  },
  smtpd_tls_chain_files: {
    since: '3.4',
    doc: 'Files holding the private key followed by its certificate chain, leaf first, one set per algorithm (RSA, ECDSA). Replaces the separate cert/key settings and takes precedence over them.',
    related: ['smtpd_tls_cert_file', 'smtpd_tls_key_file'],
  },
  smtpd_tls_CAfile: {
    doc: 'Trusted CA certificates used to verify client certificates. Only needed when asking clients for certificates.',
    related: ['smtpd_tls_ask_ccert', 'smtpd_tls_CApath'],
  },
  smtpd_tls_CApath: {
    doc: 'Directory of trusted CA certificates (hashed with `c_rehash`) used to verify client certificates.',
    related: ['smtpd_tls_CAfile'],
  },
  smtpd_tls_ask_ccert: {
    doc: 'Ask clients for a certificate, e.g. for `permit_tls_clientcerts`. Some clients misbehave when asked, so leave it off on port 25.',
    related: ['relay_clientcerts', 'smtpd_tls_req_ccert'],
  },
  smtpd_tls_req_ccert: {
    doc: 'Require a verified client certificate; only meaningful with `smtpd_tls_security_level = encrypt`.',
    related: ['smtpd_tls_ask_ccert'],
  },
  smtpd_tls_loglevel: {
    doc: 'How much the server logs about TLS: 0 nothing, 1 a summary line per session, 2 and up handshake detail for debugging. Use 1 in production.',
  },
  smtpd_tls_received_header: {
    doc: 'Record the TLS protocol and cipher (and client certificate details) in the Received: header.',
  },
  smtpd_tls_protocols: {
    type: 'list',
    since: '2.6',
    doc: 'TLS versions allowed for opportunistic TLS (`may`), e.g. `>=TLSv1` or `!SSLv2, !SSLv3`. Keep it permissive on port 25: a refused handshake means the mail is sent in plaintext instead.',
    related: ['smtpd_tls_mandatory_protocols'],
  },
  smtpd_tls_mandatory_protocols: {
    type: 'list',
    doc: 'TLS versions allowed when TLS is required (`encrypt`), e.g. `>=TLSv1.2` on submission ports.',
    security: 'Disabling SSLv2/SSLv3 (and on mandatory ports TLSv1/TLSv1.1) protects against downgrade attacks.',
    related: ['smtpd_tls_protocols', 'smtpd_tls_security_level'],
  },
  smtpd_tls_ciphers: {
    type: 'enum',
    values: CIPHER_GRADES,
    since: '2.6',
    doc: 'Minimum cipher grade for opportunistic TLS. The default `medium` is right for almost everyone.',
    related: ['smtpd_tls_mandatory_ciphers', 'tls_medium_cipherlist'],
  },
  smtpd_tls_mandatory_ciphers: {
    type: 'enum',
    values: CIPHER_GRADES,
    doc: 'Minimum cipher grade when TLS is required. `high` is a reasonable choice on submission ports.',
    related: ['smtpd_tls_ciphers', 'tls_high_cipherlist'],
  },
  smtpd_tls_exclude_ciphers: {
    type: 'list',
    doc: 'OpenSSL cipher names to remove from whatever grade is in use, e.g. `aNULL, RC4`.',
    related: ['smtpd_tls_ciphers'],
  },
  smtpd_tls_session_cache_database: {
    doc: 'Table that caches TLS sessions so returning clients can resume quickly, e.g. `btree:${data_directory}/smtpd_scache`.',
    related: ['smtp_tls_session_cache_database'],
  },
  smtpd_tls_wrappermode: {
    doc: 'Start TLS as soon as the client connects instead of waiting for STARTTLS. Set it only on the port 465 (submissions) service in master.cf.',
    related: ['smtpd_tls_security_level'],
  },
  relay_clientcerts: {
    doc: 'Fingerprints of client certificates allowed to relay through `permit_tls_clientcerts`.',
    related: ['smtpd_tls_ask_ccert'],
  },
  smtp_tls_security_level: {
    type: 'enum',
    values: CLIENT_TLS_LEVELS,
    since: '2.3',
    doc: 'TLS for outgoing mail: `may` tries STARTTLS, `encrypt` requires it, `dane` uses DNSSEC TLSA records, and `verify`/`secure`/`fingerprint` also check the server\'s identity. `may` (or `dane` with a validating resolver) suits mail to the internet.',
    security: 'When logging in to a relay, use at least `encrypt` so credentials cannot leak; `may` silently falls back to plaintext.',
    related: ['smtp_tls_policy_maps', 'smtp_dns_support_level', 'smtp_sasl_auth_enable', 'smtp_tls_CAfile'],
  },
  smtp_tls_policy_maps: {
    doc: 'Per-destination TLS policy (`example.com encrypt`, `[relay]:587 secure match=...`), overriding `smtp_tls_security_level`.',
    related: ['smtp_tls_security_level'],
  },
  smtp_tls_cert_file: {
    doc: 'Client certificate for the SMTP client, only for servers that want one. Most set-ups leave it empty.',
    related: ['smtp_tls_key_file', 'smtp_tls_chain_files'],
  },
  smtp_tls_key_file: {
    doc: 'Private key for `smtp_tls_cert_file`.',
    related: ['smtp_tls_cert_file'],
  },
  smtp_tls_chain_files: {
    since: '3.4',
    doc: 'Client keys and certificate chains in one setting, like `smtpd_tls_chain_files`.',
    related: ['smtp_tls_cert_file'],
  },
  smtp_tls_CAfile: {
    doc: 'Trusted CA certificates for verifying servers at the `verify` and `secure` levels, e.g. the system bundle.',
    related: ['smtp_tls_CApath', 'smtp_tls_security_level'],
  },
  smtp_tls_CApath: {
    doc: 'Directory of trusted CA certificates for verifying servers, e.g. `/etc/ssl/certs`.',
    related: ['smtp_tls_CAfile'],
  },
  smtp_tls_loglevel: {
    doc: 'How much the client logs about TLS; 1 logs one line per connection with the peer and cipher.',
  },
  smtp_tls_protocols: {
    type: 'list',
    doc: 'TLS versions the client allows with opportunistic TLS.',
    related: ['smtp_tls_mandatory_protocols'],
  },
  smtp_tls_mandatory_protocols: {
    type: 'list',
    doc: 'TLS versions the client allows when TLS is required.',
    related: ['smtp_tls_protocols'],
  },
  smtp_tls_ciphers: {
    type: 'enum',
    values: CIPHER_GRADES,
    since: '2.6',
    doc: 'Minimum cipher grade for opportunistic TLS in the client.',
    related: ['smtp_tls_mandatory_ciphers'],
  },
  smtp_tls_mandatory_ciphers: {
    type: 'enum',
    values: CIPHER_GRADES,
    doc: 'Minimum cipher grade for mandatory TLS in the client.',
    related: ['smtp_tls_ciphers'],
  },
  smtp_tls_session_cache_database: {
    doc: 'Table that caches client-side TLS sessions, e.g. `btree:${data_directory}/smtp_scache`.',
    related: ['smtpd_tls_session_cache_database'],
  },
  smtp_tls_wrappermode: {
    doc: 'Start TLS immediately instead of using STARTTLS, for relays on port 465. Requires a security level of `encrypt` or stronger.',
    related: ['relayhost', 'smtp_tls_security_level'],
  },
  smtp_tls_note_starttls_offer: {
    doc: 'Log the names of servers that offer STARTTLS while the client is not using TLS, to find candidates for a TLS policy.',
    related: ['smtp_tls_policy_maps'],
  },
  tls_high_cipherlist: {
    doc: 'The OpenSSL cipher list that the `high` grade stands for. Leave it alone unless you know OpenSSL cipher syntax well.',
    related: ['smtpd_tls_mandatory_ciphers', 'tls_medium_cipherlist'],
  },
  tls_medium_cipherlist: {
    doc: 'The OpenSSL cipher list behind the default `medium` grade.',
    related: ['tls_high_cipherlist', 'smtpd_tls_ciphers'],
  },
};
