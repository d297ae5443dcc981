// What each restriction does to a mail that is being relayed (a recipient in a domain that is not
// ours), as smtpd_check.c decides it. Facts as data: the evaluator asks only this table.
//
//   permit / reject / defer          always decides
//   mynetworks / sasl                decides `permit` when the client is in mynetworks / logged in
//   unauth-destination               decides (reject or defer) for a foreign recipient
//   login-mismatch                   the sender-ownership checks (see evaluate.ts)
//   client-check                     may reject some clients of any class (DNS lists, reverse DNS, HELO)
//   address-check                    may reject some addresses (the sender's or the recipient's domain)
//   table / policy                   the answer depends on content we cannot see
//   may-permit                       may accept some clients (certificates, DNS allowlists)
//   prefix                           changes the next restriction (warn_if_reject) or later ones
//   none                             has no effect on a relayed mail

export type Behaviour =
  | { kind: 'permit' | 'reject' | 'defer' | 'mynetworks' | 'sasl' | 'table' | 'policy' | 'may-permit' | 'client-check' | 'address-check' | 'none' }
  | { kind: 'unauth-destination'; action: 'reject' | 'defer' }
  | { kind: 'login-mismatch'; checks: 'both' | 'authenticated' | 'known' | 'unauthenticated' }
  | { kind: 'prefix'; prefix: 'warn_if_reject' | 'defer_if_reject' | 'defer_if_permit' };

const table: Record<string, Behaviour> = {
  permit: { kind: 'permit' },
  reject: { kind: 'reject' },
  defer: { kind: 'defer' },
  dunno: { kind: 'none' },
  warn_if_reject: { kind: 'prefix', prefix: 'warn_if_reject' },
  defer_if_reject: { kind: 'prefix', prefix: 'defer_if_reject' },
  defer_if_permit: { kind: 'prefix', prefix: 'defer_if_permit' },
  sleep: { kind: 'none' },
  reject_unauth_pipelining: { kind: 'none' },
  check_policy_service: { kind: 'policy' },
  permit_mynetworks: { kind: 'mynetworks' },
  permit_sasl_authenticated: { kind: 'sasl' },
  permit_inet_interfaces: { kind: 'may-permit' },
  permit_tls_clientcerts: { kind: 'may-permit' },
  permit_tls_all_clientcerts: { kind: 'may-permit' },
  permit_dnswl_client: { kind: 'may-permit' },
  permit_rhswl_client: { kind: 'may-permit' },
  permit_naked_ip_address: { kind: 'may-permit' },
  reject_unknown_client_hostname: { kind: 'client-check' },
  reject_unknown_client: { kind: 'client-check' },
  reject_unknown_reverse_client_hostname: { kind: 'client-check' },
  reject_rbl_client: { kind: 'client-check' },
  reject_rhsbl_client: { kind: 'client-check' },
  reject_rhsbl_reverse_client: { kind: 'client-check' },
  reject_maps_rbl: { kind: 'client-check' },
  reject_rbl: { kind: 'client-check' },
  reject_plaintext_session: { kind: 'client-check' },
  reject_invalid_helo_hostname: { kind: 'client-check' },
  reject_invalid_hostname: { kind: 'client-check' },
  reject_non_fqdn_helo_hostname: { kind: 'client-check' },
  reject_non_fqdn_hostname: { kind: 'client-check' },
  reject_unknown_helo_hostname: { kind: 'client-check' },
  reject_unknown_hostname: { kind: 'client-check' },
  reject_rhsbl_helo: { kind: 'client-check' },
  reject_non_fqdn_sender: { kind: 'address-check' },
  reject_unknown_sender_domain: { kind: 'address-check' },
  reject_unknown_address: { kind: 'address-check' },
  reject_unlisted_sender: { kind: 'address-check' },
  reject_unverified_sender: { kind: 'address-check' },
  reject_rhsbl_sender: { kind: 'address-check' },
  reject_non_fqdn_recipient: { kind: 'address-check' },
  reject_unknown_recipient_domain: { kind: 'address-check' },
  reject_unlisted_recipient: { kind: 'address-check' },
  check_recipient_maps: { kind: 'address-check' },
  reject_unverified_recipient: { kind: 'address-check' },
  reject_rhsbl_recipient: { kind: 'address-check' },
  reject_multi_recipient_bounce: { kind: 'address-check' },
  reject_unauth_destination: { kind: 'unauth-destination', action: 'reject' },
  defer_unauth_destination: { kind: 'unauth-destination', action: 'defer' },
  // Removed long ago; it rejected relaying by clients outside relay_domains just the same.
  check_relay_domains: { kind: 'unauth-destination', action: 'reject' },
  permit_auth_destination: { kind: 'none' },
  permit_mx_backup: { kind: 'none' },
  // reject_sender_login_mismatch is smtpd's built-in class of the authenticated and unauthenticated checks.
  reject_sender_login_mismatch: { kind: 'login-mismatch', checks: 'both' },
  reject_authenticated_sender_login_mismatch: { kind: 'login-mismatch', checks: 'authenticated' },
  reject_known_sender_login_mismatch: { kind: 'login-mismatch', checks: 'known' },
  reject_unauthenticated_sender_login_mismatch: { kind: 'login-mismatch', checks: 'unauthenticated' },
};

/** smtpd compares restriction names without regard to case. */
export function behaviourOf(name: string): Behaviour | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(table, lower)) return table[lower];
  if (/^check_[a-z_]+_access$/.test(lower)) return { kind: 'table' };
  return undefined;
}

/** The names smtpd's start-up check accepts as "might block relaying" (rcpt_required in smtpd_check.c). */
export const RELAY_BLOCKERS: ReadonlySet<string> = new Set(['reject_unauth_destination', 'defer_unauth_destination', 'reject', 'defer', 'defer_if_permit', 'check_relay_domains']);
