// smtpd access restrictions. `contexts` follows Postfix's rule that a restriction can be used in
// its own stage and every later one (client < helo < sender < recipient), because evaluation is
// delayed to RCPT TO by default (smtpd_delay_reject).
import { deprecatedRestrictions } from './deprecated';
import type { RestrictionInfo, RestrictionKind } from './types';

const ANY: readonly RestrictionKind[] = ['generic'];
const FROM_CLIENT: readonly RestrictionKind[] = ['client', 'helo', 'sender', 'recipient', 'relay', 'etrn', 'data'];
const FROM_HELO: readonly RestrictionKind[] = ['helo', 'sender', 'recipient', 'relay', 'data'];
const FROM_SENDER: readonly RestrictionKind[] = ['sender', 'recipient', 'relay', 'data'];
const RECIPIENT: readonly RestrictionKind[] = ['recipient', 'relay'];

type Row = Omit<RestrictionInfo, 'deprecated'>;

const rows: Row[] = [
  // Generic actions
  { name: 'permit', contexts: ANY, argument: 'none', permits: true, doc: 'Stop evaluating this list and accept the request.' },
  { name: 'reject', contexts: ANY, argument: 'none', blocksRelay: true, doc: 'Stop and reject the request with `reject_code` (554).' },
  { name: 'defer', contexts: ANY, argument: 'none', blocksRelay: true, doc: 'Stop and answer with a temporary error (`defer_code`); the client retries later.' },
  { name: 'defer_if_permit', contexts: ANY, argument: 'none', blocksRelay: true, doc: 'Turn a later explicit permit into a temporary error; used when a lookup failed temporarily.' },
  { name: 'defer_if_reject', contexts: ANY, argument: 'none', doc: 'Turn a later explicit reject into a temporary error.' },
  { name: 'warn_if_reject', contexts: ANY, argument: 'none', doc: 'Prefix for the next restriction: log what it would reject instead of rejecting. Handy when trying out a new rule.' },
  { name: 'reject_unauth_pipelining', contexts: ANY, argument: 'none', doc: 'Reject clients that send commands ahead of time without the server having offered PIPELINING; catches bulk-mail software.' },
  { name: 'sleep', contexts: ANY, argument: 'text', doc: 'Pause for the given number of seconds before going on; slows down zombie clients that talk first.' },
  { name: 'check_policy_service', contexts: ANY, argument: 'text', doc: 'Ask an external policy server (`inet:host:port` or `unix:path`) and apply its answer, e.g. for greylisting or quotas.' },
  // Client
  { name: 'permit_mynetworks', contexts: FROM_CLIENT, argument: 'none', permits: true, doc: 'Accept clients whose address is in `mynetworks`. Keep `mynetworks` tight: every listed host may relay.' },
  { name: 'permit_sasl_authenticated', contexts: FROM_CLIENT, argument: 'none', permits: true, doc: 'Accept clients that logged in with SMTP AUTH. Put it before `reject_unauth_destination` so users can relay.' },
  { name: 'permit_inet_interfaces', contexts: FROM_CLIENT, argument: 'none', permits: true, since: '2.3', doc: 'Accept clients connecting from one of this host\'s own addresses.' },
  { name: 'permit_tls_clientcerts', contexts: FROM_CLIENT, argument: 'none', permits: true, since: '2.2', doc: 'Accept clients whose verified TLS certificate fingerprint is listed in `relay_clientcerts`.' },
  { name: 'permit_tls_all_clientcerts', contexts: FROM_CLIENT, argument: 'none', permits: true, since: '2.2', doc: 'Accept any client with a certificate that verifies against the trusted CAs. Only safe when the CA list is yours alone.' },
  { name: 'permit_dnswl_client', contexts: FROM_CLIENT, argument: 'domain', permits: true, since: '2.8', doc: 'Accept clients whose address is listed in the given DNS allowlist.' },
  { name: 'permit_rhswl_client', contexts: FROM_CLIENT, argument: 'domain', permits: true, since: '2.8', doc: 'Accept clients whose host name is listed in the given DNS domain allowlist.' },
  { name: 'check_client_access', contexts: FROM_CLIENT, argument: 'map', doc: 'Look the client name, address and parent networks up in an access table and apply the action found.' },
  { name: 'check_reverse_client_hostname_access', contexts: FROM_CLIENT, argument: 'map', since: '2.6', doc: 'Like check_client_access, but with the unverified reverse DNS name.' },
  { name: 'check_ccert_access', contexts: FROM_CLIENT, argument: 'map', since: '2.2', doc: 'Look the client certificate (or public key) fingerprint up in an access table.' },
  { name: 'check_sasl_access', contexts: FROM_CLIENT, argument: 'map', since: '2.11', doc: 'Look the SASL login name up in an access table, e.g. to block a compromised account.' },
  { name: 'check_client_a_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the IP addresses of the client host name up in an access table.' },
  { name: 'check_client_mx_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the MX hosts of the client host name up in an access table.' },
  { name: 'check_client_ns_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the DNS servers of the client host name up in an access table.' },
  { name: 'check_reverse_client_hostname_a_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the IP addresses of the reverse client name up in an access table.' },
  { name: 'check_reverse_client_hostname_mx_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the MX hosts of the reverse client name up in an access table.' },
  { name: 'check_reverse_client_hostname_ns_access', contexts: FROM_CLIENT, argument: 'map', since: '3.0', doc: 'Look the DNS servers of the reverse client name up in an access table.' },
  { name: 'reject_unknown_client_hostname', contexts: FROM_CLIENT, argument: 'none', since: '2.3', doc: 'Reject clients whose address has no name, or whose name does not resolve back to the address. Strict; hurts badly configured legitimate senders.' },
  { name: 'reject_unknown_reverse_client_hostname', contexts: FROM_CLIENT, argument: 'none', since: '2.3', doc: 'Reject clients whose address has no reverse DNS name at all.' },
  { name: 'reject_rbl_client', contexts: FROM_CLIENT, argument: 'domain', doc: 'Reject clients whose address is listed in the given DNS blocklist (optionally `domain=127.0.0.2` to match one result).' },
  // Spellings smtpd_check.c still accepts though postconf(5) no longer lists them.
  { name: 'reject_rbl', contexts: FROM_CLIENT, argument: 'domain', doc: 'An older name of `reject_rbl_client`, still accepted by smtpd: reject clients listed in the given DNS blocklist.' },
  { name: 'reject_rhsbl_client', contexts: FROM_CLIENT, argument: 'domain', doc: 'Reject clients whose host name is listed in the given DNS domain blocklist.' },
  { name: 'reject_rhsbl_reverse_client', contexts: FROM_CLIENT, argument: 'domain', since: '2.8', doc: 'Reject when the unverified reverse client name is in the given domain blocklist.' },
  { name: 'reject_plaintext_session', contexts: FROM_CLIENT, argument: 'none', since: '2.3', doc: 'Reject sessions that did not start TLS.' },
  // HELO
  { name: 'check_helo_access', contexts: FROM_HELO, argument: 'map', doc: 'Look the HELO/EHLO name up in an access table.' },
  { name: 'check_helo_a_access', contexts: FROM_HELO, argument: 'map', since: '3.0', doc: 'Look the IP addresses of the HELO name up in an access table.' },
  { name: 'check_helo_mx_access', contexts: FROM_HELO, argument: 'map', since: '2.1', doc: 'Look the MX hosts of the HELO name up in an access table.' },
  { name: 'check_helo_ns_access', contexts: FROM_HELO, argument: 'map', since: '2.1', doc: 'Look the DNS servers of the HELO name up in an access table.' },
  { name: 'reject_invalid_helo_hostname', contexts: FROM_HELO, argument: 'none', since: '2.3', doc: 'Reject a HELO name with bad syntax.' },
  { name: 'reject_non_fqdn_helo_hostname', contexts: FROM_HELO, argument: 'none', since: '2.3', doc: 'Reject a HELO name that is not a fully-qualified domain name.' },
  { name: 'reject_unknown_helo_hostname', contexts: FROM_HELO, argument: 'none', since: '2.3', doc: 'Reject a HELO name that has neither an A nor an MX record.' },
  { name: 'reject_rhsbl_helo', contexts: FROM_HELO, argument: 'domain', doc: 'Reject when the HELO name is in the given domain blocklist.' },
  // Sender
  { name: 'check_sender_access', contexts: FROM_SENDER, argument: 'map', doc: 'Look the MAIL FROM address, its domain and parents up in an access table.' },
  { name: 'check_sender_a_access', contexts: FROM_SENDER, argument: 'map', since: '3.0', doc: 'Look the IP addresses of the sender domain up in an access table.' },
  { name: 'check_sender_mx_access', contexts: FROM_SENDER, argument: 'map', since: '2.1', doc: 'Look the MX hosts of the sender domain up in an access table.' },
  { name: 'check_sender_ns_access', contexts: FROM_SENDER, argument: 'map', since: '2.1', doc: 'Look the DNS servers of the sender domain up in an access table.' },
  { name: 'reject_sender_login_mismatch', contexts: FROM_SENDER, argument: 'none', doc: 'Reject when the MAIL FROM address is not owned by the SASL login (per `smtpd_sender_login_maps`), or is owned by someone while the client did not log in. Stops users sending as each other.' },
  { name: 'reject_authenticated_sender_login_mismatch', contexts: FROM_SENDER, argument: 'none', since: '2.1', doc: 'Like reject_sender_login_mismatch, but only checks clients that logged in.' },
  { name: 'reject_known_sender_login_mismatch', contexts: FROM_SENDER, argument: 'none', since: '2.11', doc: 'Like reject_sender_login_mismatch, but only for addresses listed in `smtpd_sender_login_maps`.' },
  { name: 'reject_unauthenticated_sender_login_mismatch', contexts: FROM_SENDER, argument: 'none', since: '2.1', doc: 'Reject clients that did not log in but use an address that belongs to a SASL login.' },
  { name: 'reject_non_fqdn_sender', contexts: FROM_SENDER, argument: 'none', doc: 'Reject a MAIL FROM address whose domain is not fully qualified.' },
  { name: 'reject_unknown_sender_domain', contexts: FROM_SENDER, argument: 'none', doc: 'Reject a sender domain with no DNS A or MX record, so bounces could not be delivered.' },
  { name: 'reject_unknown_address', contexts: FROM_SENDER, argument: 'none', doc: 'An older name of `reject_unknown_sender_domain`, still accepted by smtpd in sender checks.' },
  { name: 'reject_unlisted_sender', contexts: FROM_SENDER, argument: 'none', since: '2.1', doc: 'Reject a sender address in one of our own domains that does not exist as a recipient.' },
  { name: 'reject_unverified_sender', contexts: FROM_SENDER, argument: 'none', since: '2.1', doc: 'Probe the sender address and reject it when it bounces. Costly; can get you blocklisted.' },
  { name: 'reject_rhsbl_sender', contexts: FROM_SENDER, argument: 'domain', doc: 'Reject when the sender domain is in the given domain blocklist.' },
  // Recipient
  { name: 'reject_unauth_destination', contexts: RECIPIENT, argument: 'none', blocksRelay: true, doc: 'Reject mail for domains we are not the final or relay destination for, unless an earlier permit matched. The rule that stops an open relay.' },
  { name: 'defer_unauth_destination', contexts: RECIPIENT, argument: 'none', blocksRelay: true, since: '2.10', doc: 'Like reject_unauth_destination, but with a temporary error; the safe default in smtpd_relay_restrictions.' },
  { name: 'permit_auth_destination', contexts: RECIPIENT, argument: 'none', permits: true, doc: 'Accept mail for domains we are the final or relay destination for.' },
  { name: 'permit_mx_backup', contexts: RECIPIENT, argument: 'none', permits: true, doc: 'Accept mail for any domain that lists this host as an MX. List backup domains in `relay_domains` instead.' },
  { name: 'check_recipient_access', contexts: RECIPIENT, argument: 'map', doc: 'Look the RCPT TO address, its domain and parents up in an access table.' },
  { name: 'check_recipient_a_access', contexts: RECIPIENT, argument: 'map', since: '3.0', doc: 'Look the IP addresses of the recipient domain up in an access table.' },
  { name: 'check_recipient_mx_access', contexts: RECIPIENT, argument: 'map', since: '2.1', doc: 'Look the MX hosts of the recipient domain up in an access table.' },
  { name: 'check_recipient_ns_access', contexts: RECIPIENT, argument: 'map', since: '2.1', doc: 'Look the DNS servers of the recipient domain up in an access table.' },
  { name: 'reject_non_fqdn_recipient', contexts: RECIPIENT, argument: 'none', doc: 'Reject a RCPT TO address whose domain is not fully qualified.' },
  { name: 'reject_unknown_recipient_domain', contexts: RECIPIENT, argument: 'none', doc: 'Reject a recipient domain with no DNS A or MX record.' },
  { name: 'reject_unlisted_recipient', contexts: RECIPIENT, argument: 'none', since: '2.1', doc: 'Reject a recipient in one of our own domains that does not exist.' },
  { name: 'reject_unverified_recipient', contexts: RECIPIENT, argument: 'none', since: '2.1', doc: 'Probe the recipient address downstream and reject it when it bounces; for gateways without a user list.' },
  { name: 'reject_rhsbl_recipient', contexts: RECIPIENT, argument: 'domain', doc: 'Reject when the recipient domain is in the given domain blocklist.' },
  { name: 'reject_multi_recipient_bounce', contexts: ['recipient', 'relay', 'data'], argument: 'none', since: '2.1', doc: 'Reject a bounce (null sender) with more than one recipient; real bounces have one.' },
  // Removed or renamed; kept so that old configurations get a useful message.
  { name: 'check_relay_domains', contexts: RECIPIENT, argument: 'none', blocksRelay: true, doc: 'Old relay control that trusted the client\'s domain name.' },
  { name: 'reject_maps_rbl', contexts: FROM_CLIENT, argument: 'none', doc: 'Old DNS blocklist check that used `maps_rbl_domains`.' },
  { name: 'permit_naked_ip_address', contexts: FROM_CLIENT, argument: 'none', permits: true, doc: 'Old rule that accepted a bare IP address as HELO name; matched far too easily.' },
  { name: 'reject_unknown_client', contexts: FROM_CLIENT, argument: 'none', doc: 'Old name of reject_unknown_client_hostname.' },
  { name: 'reject_invalid_hostname', contexts: FROM_HELO, argument: 'none', doc: 'Old name of reject_invalid_helo_hostname.' },
  { name: 'reject_non_fqdn_hostname', contexts: FROM_HELO, argument: 'none', doc: 'Old name of reject_non_fqdn_helo_hostname.' },
  { name: 'reject_unknown_hostname', contexts: FROM_HELO, argument: 'none', doc: 'Old name of reject_unknown_helo_hostname.' },
  { name: 'check_recipient_maps', contexts: RECIPIENT, argument: 'none', doc: 'Postfix 2.0 name of reject_unlisted_recipient.' },
];

export const restrictionTable: readonly RestrictionInfo[] = rows.map((row) => {
  const deprecated = deprecatedRestrictions[row.name];
  return deprecated ? { ...row, deprecated } : row;
});
