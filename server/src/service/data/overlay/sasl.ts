// SMTP AUTH: the server side (smtpd_sasl_*) and the client side used towards a relay (smtp_sasl_*).
import { SASL_OPTION_WORDS, type OverlayTable } from './shape';

export const saslOverlay: OverlayTable = {
  smtpd_sasl_auth_enable: {
    doc: 'Offer SMTP AUTH to clients. Usually enabled only for the submission services in master.cf (`-o smtpd_sasl_auth_enable=yes`) rather than on port 25.',
    security: 'Pair it with `smtpd_tls_auth_only = yes` so passwords never cross the network unencrypted, and with `permit_sasl_authenticated` in the relay restrictions.',
    related: ['smtpd_sasl_type', 'smtpd_sasl_path', 'smtpd_tls_auth_only', 'smtpd_relay_restrictions', 'smtpd_sasl_security_options'],
  },
  smtpd_sasl_type: {
    type: 'enum',
    values: ['cyrus', 'dovecot'],
    since: '2.3',
    doc: 'Which SASL implementation checks passwords: Cyrus SASL (often with saslauthd) or the Dovecot auth service. `postconf -a` lists the ones compiled in.',
    related: ['smtpd_sasl_path', 'cyrus_sasl_config_path'],
  },
  smtpd_sasl_path: {
    since: '2.3',
    doc: 'With Cyrus, the application name: Cyrus reads `<name>.conf` (default `smtpd.conf`). With Dovecot, the auth socket, relative to the queue directory (`private/auth`) or an `inet:` address.',
    related: ['smtpd_sasl_type', 'cyrus_sasl_config_path'],
  },
  smtpd_sasl_security_options: {
    type: 'enumlist',
    values: SASL_OPTION_WORDS,
    doc: 'Mechanism properties the server refuses. They hold for TLS sessions too, unless `smtpd_sasl_tls_security_options` says otherwise (its default is this value). The default only excludes anonymous logins.',
    security: 'To keep PLAIN and LOGIN off sessions without TLS, set `smtpd_tls_auth_only = yes`. Adding `noplaintext` here alone also refuses them after STARTTLS; pair it with `smtpd_sasl_tls_security_options = noanonymous`. Never remove `noanonymous` on a server that relays for authenticated users.',
    related: ['smtpd_sasl_tls_security_options', 'smtpd_tls_auth_only'],
  },
  smtpd_sasl_tls_security_options: {
    type: 'enumlist',
    values: SASL_OPTION_WORDS,
    since: '2.2',
    doc: 'Like `smtpd_sasl_security_options`, but for sessions protected by TLS; by default the same value. Plaintext mechanisms are fine here, so `noanonymous` alone is normal.',
    related: ['smtpd_sasl_security_options'],
  },
  smtpd_sasl_local_domain: {
    doc: 'The realm added to login names that have none. Must match how the users are stored (e.g. in sasldb); most set-ups leave it empty.',
    related: ['smtpd_sasl_type'],
  },
  smtpd_sasl_authenticated_header: {
    since: '2.3',
    doc: 'Write the login name of the authenticated client into the Received: header.',
    security: 'Shows the user\'s login to every recipient; useful for tracing abuse, but a privacy leak.',
    related: ['smtpd_sasl_auth_enable'],
  },
  smtpd_sasl_exceptions_networks: {
    since: '2.1',
    doc: 'Clients to whom AUTH is not offered, for example internal hosts that should relay by address instead.',
    related: ['mynetworks'],
  },
  smtpd_sasl_response_limit: {
    doc: 'Longest AUTH response from a client, in bytes. Raise it only for mechanisms with large tokens, such as GSSAPI with big tickets.',
  },
  smtpd_sasl_service: {
    doc: 'The service name the server passes to the SASL library (e.g. the PAM service name with saslauthd). Rarely changed.',
    related: ['smtpd_sasl_type'],
  },
  smtpd_sasl_mechanism_filter: {
    type: 'list',
    since: '3.6',
    doc: 'Which mechanisms the server announces. Names, `!name` to drop one, or tables; the default hides EXTERNAL, which Postfix does not implement.',
    related: ['smtpd_sasl_security_options'],
  },
  broken_sasl_auth_clients: {
    doc: 'Also announce AUTH in the old `AUTH=` form that very old Outlook and Outlook Express versions need. Harmless, but rarely useful today.',
    related: ['smtpd_sasl_auth_enable'],
  },
  cyrus_sasl_config_path: {
    doc: 'Where Cyrus SASL looks for the `smtpd.conf` file named by `smtpd_sasl_path`. Empty means the library\'s built-in search path (on Debian `/etc/postfix/sasl`).',
    related: ['smtpd_sasl_path', 'smtpd_sasl_type'],
  },
  smtpd_sender_login_maps: {
    doc: 'Which SASL login (or certificate) owns which MAIL FROM address. Needed by `reject_sender_login_mismatch` and its variants.',
    security: 'Without it, any authenticated user can send as any address.',
    related: ['smtpd_sender_restrictions', 'smtpd_sasl_auth_enable'],
  },
  smtpd_client_auth_rate_limit: {
    since: '3.1',
    doc: 'Most AUTH commands one client may send per `anvil_rate_time_unit`; `0` means no limit.',
    security: 'A small limit slows down password guessing against the submission port.',
    related: ['smtpd_client_connection_rate_limit', 'anvil_rate_time_unit'],
  },
  smtp_sasl_auth_enable: {
    doc: 'Let the SMTP client log in to the next hop, typically a provider\'s relay set in `relayhost`.',
    security: 'Use it together with `smtp_tls_security_level = encrypt` (or stronger) so the password is not sent in the clear.',
    related: ['smtp_sasl_password_maps', 'relayhost', 'smtp_sasl_security_options', 'smtp_tls_security_level'],
  },
  smtp_sasl_password_maps: {
    doc: 'Login credentials per next hop (`[mail.example.com]:587 user:password`), or per sender with `smtp_sender_dependent_authentication`. The client looks up the name of the server it connected to first (a bare `mail.example.com` matches), then the next hop as `relayhost` writes it, brackets and port included. Run `postmap` after editing.',
    security: 'The file holds passwords: make it and its .db readable only by root.',
    related: ['smtp_sasl_auth_enable', 'relayhost', 'smtp_sender_dependent_authentication'],
  },
  smtp_sasl_security_options: {
    type: 'enumlist',
    values: SASL_OPTION_WORDS,
    doc: 'Mechanism properties the client refuses. The default refuses plaintext mechanisms (PLAIN, LOGIN), which most providers offer only. TLS alone does not change that: over TLS the client uses `smtp_sasl_tls_security_options`, whose default is this value, so "no worthy mechs" persists until that one is set to `noanonymous`.',
    related: ['smtp_sasl_tls_security_options', 'smtp_tls_security_level'],
  },
  smtp_sasl_tls_security_options: {
    type: 'enumlist',
    values: SASL_OPTION_WORDS,
    since: '2.2',
    doc: 'Mechanism properties the client refuses over TLS; by default the same as `smtp_sasl_security_options`. Set it to `noanonymous` so PLAIN and LOGIN can be used once the session is encrypted.',
    related: ['smtp_sasl_security_options'],
  },
  smtp_sasl_tls_verified_security_options: {
    type: 'enumlist',
    values: SASL_OPTION_WORDS,
  },
  smtp_sasl_mechanism_filter: {
    type: 'list',
    since: '2.2',
    doc: 'Restrict the mechanisms the client tries to the ones listed, e.g. `plain, login` when a server announces a mechanism that fails.',
    related: ['smtp_sasl_security_options'],
  },
  smtp_sasl_type: {
    type: 'enum',
    values: ['cyrus'],
    since: '2.3',
    doc: 'The SASL implementation used by the SMTP client. Postfix only supports Cyrus on the client side.',
    related: ['smtp_sasl_auth_enable'],
  },
  smtp_sasl_path: {
    since: '2.3',
    doc: 'Implementation-specific setting for the client-side SASL library; normally left empty.',
    related: ['smtp_sasl_type'],
  },
  smtp_sender_dependent_authentication: {
    since: '2.3',
    doc: 'Look up `smtp_sasl_password_maps` by envelope sender first, so different users log in to the relay with their own accounts.',
    related: ['smtp_sasl_password_maps', 'sender_dependent_relayhost_maps'],
  },
  smtp_sasl_auth_soft_bounce: {
    since: '2.5',
    doc: 'When the relay rejects the login, defer the mail instead of returning it, so it is delivered once the credentials are fixed.',
    related: ['smtp_sasl_password_maps'],
  },
};
