// Access control lists of the SMTP server and the limits that go with them.
import type { OverlayTable } from './shape';

const RELAY_SAFETY =
  'Postfix refuses to accept mail when neither this list nor `smtpd_recipient_restrictions` ends relaying with `reject_unauth_destination` or `defer_unauth_destination` (or a plain `reject`/`defer`).';

export const restrictionsOverlay: OverlayTable = {
  smtpd_relay_restrictions: {
    since: '2.10',
    doc: 'Decides at RCPT TO whether the client may send to this recipient at all: the relay policy. The usual list is `permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination`; keep spam rules in `smtpd_recipient_restrictions`.',
    security: RELAY_SAFETY,
    related: ['smtpd_recipient_restrictions', 'mynetworks', 'relay_domains', 'smtpd_relay_before_recipient_restrictions'],
  },
  smtpd_recipient_restrictions: {
    doc: 'Spam and policy checks at RCPT TO. Since Postfix 3.6 they run after `smtpd_relay_restrictions` (earlier releases ran them first). Before Postfix 2.10 this list also carried the relay policy, which is why old configurations end it with `reject_unauth_destination`.',
    security: RELAY_SAFETY,
    related: ['smtpd_relay_restrictions', 'smtpd_delay_reject'],
  },
  smtpd_client_restrictions: {
    doc: 'Checks on the connecting client\'s address and name, e.g. DNS blocklists. With `smtpd_delay_reject = yes` (the default) they run at RCPT TO, so SASL logins are already known.',
    related: ['smtpd_delay_reject', 'smtpd_helo_restrictions'],
  },
  smtpd_helo_restrictions: {
    doc: 'Checks on the HELO/EHLO name. Only useful with `smtpd_helo_required = yes`; many legitimate servers send poor names, so keep these mild.',
    related: ['smtpd_helo_required', 'smtpd_client_restrictions'],
  },
  smtpd_sender_restrictions: {
    doc: 'Checks on the MAIL FROM address: unknown domains, blocklists, and whether an authenticated user may use this address (`reject_sender_login_mismatch`).',
    related: ['smtpd_sender_login_maps', 'smtpd_recipient_restrictions'],
  },
  smtpd_data_restrictions: {
    doc: 'Checks when the client sends DATA, e.g. `reject_unauth_pipelining` or `reject_multi_recipient_bounce`.',
    related: ['smtpd_end_of_data_restrictions'],
  },
  smtpd_end_of_data_restrictions: {
    doc: 'Checks after the whole message arrived, when its size is known; typically a policy service that enforces quotas.',
    related: ['smtpd_data_restrictions'],
  },
  smtpd_etrn_restrictions: {
    doc: 'Who may use ETRN to flush queued mail for a domain.',
  },
  smtpd_relay_before_recipient_restrictions: {
    type: 'boolean',
    since: '3.6',
    doc: 'Evaluate `smtpd_relay_restrictions` before `smtpd_recipient_restrictions`, as documented; older releases did the opposite.',
    related: ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'],
  },
  smtpd_delay_reject: {
    doc: 'Wait until RCPT TO before applying client, HELO and sender restrictions. Keep `yes`: the rejection is logged with the sender and recipient, some clients misbehave when rejected earlier, and `permit_sasl_authenticated` only works once AUTH has happened.',
    related: ['smtpd_client_restrictions', 'smtpd_helo_restrictions', 'smtpd_sender_restrictions'],
  },
  smtpd_helo_required: {
    doc: 'Require HELO or EHLO before MAIL FROM. Needed for `smtpd_helo_restrictions` to see a name.',
    related: ['smtpd_helo_restrictions'],
  },
  smtpd_restriction_classes: {
    type: 'list',
    doc: 'Names of your own restriction lists. Each name is then defined as a parameter holding restrictions, and an access table can return the name to apply that list to a domain or user.',
    related: ['smtpd_recipient_restrictions'],
  },
  smtpd_reject_unlisted_recipient: {
    since: '2.1',
    doc: 'Reject recipients in our own domains that no recipient table knows, even without `reject_unlisted_recipient` in a list.',
    related: ['local_recipient_maps', 'relay_recipient_maps'],
  },
  smtpd_reject_unlisted_sender: {
    since: '2.1',
    doc: 'Reject MAIL FROM addresses in our own domains that do not exist as recipients.',
    related: ['smtpd_reject_unlisted_recipient'],
  },
  strict_rfc821_envelopes: {
    doc: 'Insist on RFC 821 syntax in MAIL FROM and RCPT TO (angle brackets, no comments). Breaks many badly written clients; leave `no` unless you have a reason.',
  },
  smtpd_client_connection_rate_limit: {
    since: '2.2',
    doc: 'Most connections one client may open per `anvil_rate_time_unit`; `0` disables the limit. Clients in `smtpd_client_event_limit_exceptions` are exempt.',
    related: ['smtpd_client_connection_count_limit', 'smtpd_client_auth_rate_limit', 'anvil_rate_time_unit'],
  },
  smtpd_client_connection_count_limit: {
    doc: 'Most simultaneous connections from one client.',
    related: ['smtpd_client_connection_rate_limit'],
  },
  smtpd_client_message_rate_limit: {
    doc: 'Most messages one client may send per `anvil_rate_time_unit`; `0` disables the limit.',
    related: ['smtpd_client_recipient_rate_limit', 'anvil_rate_time_unit'],
  },
  smtpd_client_recipient_rate_limit: {
    doc: 'Most recipients one client may send to per `anvil_rate_time_unit`; `0` disables the limit.',
    related: ['smtpd_client_message_rate_limit', 'smtpd_recipient_limit'],
  },
  smtpd_forbid_unauth_pipelining: {
    doc: 'Disconnect clients that send commands ahead of time against the pipelining rules; the default became `yes` in Postfix 3.9.',
    security: 'Part of the defence against SMTP smuggling and spamware.',
    related: ['smtpd_forbid_bare_newline'],
  },
  smtpd_forbid_bare_newline: {
    type: 'enum',
    values: ['normalize', 'note', 'yes', 'reject', 'no'],
    doc: 'What to do with lines ending in a bare LF instead of CRLF. `normalize` (the default from Postfix 3.9) accepts them but requires a proper end-of-data; `reject` refuses them; `no` is the old behaviour.',
    security: '`no` leaves the server open to SMTP smuggling, where a forged second message hides inside the first.',
    related: ['smtpd_forbid_bare_newline_exclusions', 'smtpd_forbid_unauth_pipelining'],
  },
  smtpd_error_sleep_time: {
    doc: 'Pause before each error reply once a client has made `smtpd_soft_error_limit` errors; slows down address guessing.',
    related: ['smtpd_soft_error_limit', 'smtpd_hard_error_limit'],
  },
  smtpd_soft_error_limit: {
    doc: 'Errors after which the server starts delaying its replies by `smtpd_error_sleep_time`.',
    related: ['smtpd_error_sleep_time', 'smtpd_hard_error_limit'],
  },
  smtpd_hard_error_limit: {
    doc: 'Errors after which the server disconnects the client.',
    related: ['smtpd_soft_error_limit'],
  },
  unknown_local_recipient_reject_code: {
    doc: 'Reply code for unknown local recipients. `550` rejects for good; `450` makes senders retry, which is handy while testing new recipient tables.',
    related: ['local_recipient_maps'],
  },
};
