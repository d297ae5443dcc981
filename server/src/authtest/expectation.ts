import { Capabilities, offeredMechanisms } from './capabilities';

/**
 * The expectation "AUTH must not be offered before TLS" (RFC 3207 lets a server list AUTH only after
 * STARTTLS, as Postfix does with smtpd_tls_auth_only = yes). Nothing is sent but EHLO and STARTTLS: the
 * question is answered by the two EHLO replies, so no password is needed.
 */
export interface ExpectationResult {
  expectation: 'no-auth-before-tls';
  /** True when the EHLO before STARTTLS had no AUTH line, in either form, even an empty one. */
  met: boolean;
  offeredBeforeTls: string[];
  offeredAfterTls: string[];
}

export function judgeNoAuthBeforeTls(before: Capabilities | undefined, after: Capabilities | undefined): ExpectationResult {
  const listed = !!before && ('AUTH' in before.extensions || 'AUTH=' in before.extensions);
  return { expectation: 'no-auth-before-tls', met: !listed, offeredBeforeTls: before ? offeredMechanisms(before) : [], offeredAfterTls: after ? offeredMechanisms(after) : [] };
}

export function expectationSummary(e: ExpectationResult): string {
  if (!e.met) return `AUTH is offered before STARTTLS (${e.offeredBeforeTls.join(' ') || 'an AUTH line naming no mechanism'}), which the expectation forbids.`;
  if (!e.offeredAfterTls.length) return 'AUTH is offered neither before nor after STARTTLS, so the expectation has nothing to compare.';
  return `AUTH is withheld until STARTTLS, as expected (after TLS: ${e.offeredAfterTls.join(' ')}).`;
}
