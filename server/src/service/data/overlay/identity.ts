// Who the server is, what it accepts mail for and where it sends it.
import type { OverlayTable } from './shape';

export const identityOverlay: OverlayTable = {
  myhostname: {
    defaultNote: 'the fully-qualified name of this host',
    doc: 'The name this server uses for itself: in the SMTP greeting, in HELO when it sends, and in the defaults of many other settings. Set it to the public, fully-qualified name that resolves to this host and matches its reverse DNS.',
    related: ['mydomain', 'myorigin', 'smtpd_banner'],
  },
  mydomain: {
    defaultNote: '`myhostname` without its first label',
    doc: 'The local internet domain. Only its use in other defaults (`myorigin`, `mydestination`) matters; set it when `myhostname` is not under the domain you want.',
    related: ['myhostname', 'myorigin', 'mydestination'],
  },
  myorigin: {
    doc: 'The domain added to addresses without one in mail posted on this host, e.g. from cron. Many sites set `$mydomain` so that mail appears to come from user@example.com rather than from the host.',
    related: ['mydomain', 'myhostname'],
  },
  mydestination: {
    doc: 'Domains that this host is the final destination for, delivered to local UNIX accounts. List only those; virtual and relay domains must not appear here.',
    security: 'A domain listed here accepts mail for every local account, including system users such as `root` and `nobody`.',
    related: ['relay_domains', 'virtual_alias_maps', 'local_recipient_maps', 'myhostname'],
  },
  mynetworks: {
    defaultNote: 'computed from `mynetworks_style` and the host\'s interfaces',
    doc: 'Client networks trusted to relay without logging in (`permit_mynetworks`). An explicit list here overrides `mynetworks_style`. Write IPv6 networks in brackets: `[2001:db8::]/32`.',
    security: 'Every host in these networks may send mail anywhere through this server. Keep it to loopback and hosts you control; a broad entry makes an open relay.',
    related: ['mynetworks_style', 'smtpd_relay_restrictions'],
  },
  mynetworks_style: {
    type: 'enum',
    values: ['host', 'subnet', 'class'],
    doc: 'How Postfix computes `mynetworks` when it is not set: only this host, the local subnets, or whole address classes. Ignored when `mynetworks` is set.',
    security: '`subnet` and `class` trust every machine on the local network (or a whole class) to relay; `host` is the safe choice.',
    related: ['mynetworks'],
  },
  relayhost: {
    doc: 'Send all non-local mail through this host (a "smarthost") instead of looking up MX records. Write `[mail.example.com]:587` to skip the MX lookup and choose the port; the same spelling must be used as the key in `smtp_sasl_password_maps`.',
    related: ['smtp_sasl_auth_enable', 'smtp_sasl_password_maps', 'sender_dependent_relayhost_maps', 'smtp_tls_security_level'],
  },
  relay_domains: {
    doc: 'Remote domains this server accepts mail for and forwards, for example as a backup MX or a gateway. Pair it with `relay_recipient_maps` so unknown recipients are refused at SMTP time.',
    security: 'Mail to these domains passes `reject_unauth_destination`; list only domains you are responsible for.',
    related: ['relay_recipient_maps', 'mydestination', 'smtpd_relay_restrictions'],
  },
  relay_recipient_maps: {
    doc: 'Valid recipient addresses in `relay_domains`. When set, the SMTP server rejects unknown recipients instead of accepting mail it later has to bounce.',
    related: ['relay_domains', 'smtpd_reject_unlisted_recipient'],
  },
  local_recipient_maps: {
    doc: 'Tables of valid local recipients, so mail for unknown users in `mydestination` is refused during SMTP. Leaving it empty accepts every local address and creates backscatter.',
    related: ['mydestination', 'alias_maps', 'unknown_local_recipient_reject_code'],
  },
  inet_interfaces: {
    doc: 'The network addresses the server listens on for mail: `all`, `loopback-only`, or a list of addresses. Use `loopback-only` for a send-only host. A change needs `postfix stop` and `postfix start`, not just a reload.',
    related: ['inet_protocols'],
  },
  inet_protocols: {
    type: 'enumlist',
    values: ['all', 'ipv4', 'ipv6'],
    doc: 'The IP versions Postfix uses for listening and for outgoing connections. Set `ipv4` on hosts without working IPv6 to avoid delivery delays. A change needs a full restart.',
    related: ['inet_interfaces'],
  },
  compatibility_level: {
    type: 'string',
    doc: 'Tells Postfix which release\'s defaults the configuration was written for. Postfix keeps older, less safe defaults (open `relay_domains`, no relay restrictions) until this is raised, and logs what it would change. Set it to the current level, e.g. `3.6`, after reviewing the warnings.',
    security: 'Low levels keep legacy defaults such as `mynetworks_style = subnet` and `relay_domains = $mydestination`.',
    related: ['smtpd_relay_restrictions', 'mynetworks_style', 'relay_domains'],
  },
  smtpd_banner: {
    doc: 'The text after the 220 code in the SMTP greeting. It must begin with `$myhostname`; add what you like after it.',
    security: 'Leave out the version number (`$mail_version`) so that scanners learn less about the server.',
    related: ['myhostname'],
  },
  disable_vrfy_command: {
    doc: 'Turn off the SMTP VRFY command, which tells a client whether an address exists.',
    security: 'Set `yes` on public servers: VRFY lets spammers harvest valid addresses.',
  },
  message_size_limit: {
    doc: 'Largest message, in bytes, including headers and the extra size of encoding. Keep it no larger than `mailbox_size_limit`, or big messages get accepted and then cannot be stored.',
    related: ['mailbox_size_limit'],
  },
  mailbox_size_limit: {
    doc: 'Largest mailbox file or maildir message the local delivery agent will write, in bytes; `0` means no limit. It must not be smaller than `message_size_limit`.',
    related: ['message_size_limit'],
  },
  alias_maps: {
    doc: 'Tables that redirect local recipients (`postmaster: root`). Rebuild hashed files with `newaliases` after editing.',
    related: ['alias_database', 'virtual_alias_maps'],
  },
  alias_database: {
    doc: 'The alias files that `newaliases` rebuilds. Usually the same as the local file in `alias_maps`.',
    related: ['alias_maps'],
  },
  virtual_alias_maps: {
    doc: 'Address rewriting for every recipient, local or remote: one address to one or more others. Used for virtual domains whose mail is forwarded elsewhere.',
    related: ['alias_maps', 'mydestination', 'relay_domains'],
  },
  sender_dependent_relayhost_maps: {
    doc: 'Pick the relay host by envelope sender address or domain, overriding `relayhost`. Combine with `smtp_sender_dependent_authentication` when each relay needs its own login.',
    related: ['relayhost', 'smtp_sender_dependent_authentication', 'smtp_sasl_password_maps'],
  },
  smtpd_recipient_limit: {
    doc: 'Most recipients the SMTP server accepts for one message. Lower it to limit the damage from a stolen account.',
    related: ['smtpd_client_recipient_rate_limit'],
  },
  smtp_fallback_relay: {
    doc: 'Hosts to try when normal delivery to a destination fails or is deferred. Rarely needed; a wrong value can create mail loops.',
    related: ['relayhost'],
  },
  smtp_dns_support_level: {
    type: 'enum',
    values: ['', 'disabled', 'enabled', 'dnssec'],
    doc: 'How the SMTP client uses DNS: not at all, normally, or with DNSSEC validation. `dnssec` is required for DANE (`smtp_tls_security_level = dane`) and needs a validating resolver.',
    related: ['smtp_tls_security_level'],
  },
};
