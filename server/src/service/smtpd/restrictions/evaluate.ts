// One restriction list walked as smtpd_check.c's generic_checks walks it, for one kind of client
// relaying one mail to a foreign domain. The first restriction that decides ends the list; one whose
// answer depends on what we cannot see (a table's content, the client's DNS) "may" decide and the
// walk goes on. The end of a list is an implicit `dunno`: the next list still runs.
import { lookupRestriction } from '../../data/catalogue';
import { behaviourOf } from './behaviour';
import type { ListItem } from './items';

export type Tri = 'yes' | 'no' | 'may';
export type Action = 'permit' | 'reject' | 'defer';

/** What is true of the client and its mail when this list runs. */
export interface ClientFacts {
  inMynetworks: Tri;
  /** Logged in with AUTH by the time this list runs (never at CONNECT or HELO). */
  authenticated: boolean;
  ownsSender: boolean;
  /** The list runs at RCPT TO (a recipient is known) or at MAIL FROM or later (a sender is known). */
  hasRecipient: boolean;
  hasSender: boolean;
  saslEnabled: boolean;
  loginMaps: boolean;
  /** AUTH is offered only inside TLS, so a logged-in client never has a plaintext session. */
  tlsBeforeAuth: boolean;
}

/** Why a step is uncertain: a table or policy server, the client's DNS or HELO, or the mail's addresses. */
export type Doubt = 'table' | 'client' | 'address' | 'unknown';

export interface Step {
  action: Action;
  item: ListItem;
  /** Absent when the step decides for every client of the kind. */
  doubt?: Doubt;
}

export interface ListResult {
  /** The step that decides for certain; undefined when the list ends with the implicit dunno. */
  decided?: Step;
  /** Steps before it that may decide (in order). */
  mays: Step[];
  /** A defer_if_permit that turns the mail's final acceptance into a deferral. */
  deferIfPermit?: ListItem;
}

export interface EvaluationContext {
  facts: ClientFacts;
  /** The items of a restriction class, or undefined when the word is not one. */
  classItems: (name: string) => ListItem[] | undefined;
  /** Filled as classes are evaluated. */
  classResults?: Map<string, ListResult>;
}

const MAX_CLASS_DEPTH = 10;

export function evaluateList(items: readonly ListItem[], ctx: EvaluationContext, depth = 0): ListResult {
  const result: ListResult = { mays: [] };
  let warnNext = false;
  let deferIfReject = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const steps = stepsOf(item, items[i + 1], ctx, depth);
    if (steps.skipArgument) i++;
    if (steps.prefix === 'warn_if_reject') {
      warnNext = true;
      continue;
    }
    if (steps.prefix === 'defer_if_reject') deferIfReject = true;
    if (steps.prefix === 'defer_if_permit') result.deferIfPermit ??= item;
    if (steps.deferIfPermit) result.deferIfPermit ??= steps.deferIfPermit;
    // warn_if_reject turns the next restriction's reject into a log line; defer_if_reject turns every later reject into a deferral.
    const soften = (action: Action): Action | undefined => (action === 'permit' ? action : warnNext ? undefined : deferIfReject && action === 'reject' ? 'defer' : action);
    for (const step of steps.mays ?? []) {
      const action = soften(step.action);
      if (action) result.mays.push({ ...step, action });
    }
    const action = steps.decided && soften(steps.decided.action);
    warnNext = false;
    if (steps.decided && action) {
      result.decided = { ...steps.decided, action };
      return result;
    }
  }
  return result;
}

interface ItemSteps {
  decided?: Step;
  mays?: Step[];
  prefix?: 'warn_if_reject' | 'defer_if_reject' | 'defer_if_permit';
  skipArgument?: boolean;
  deferIfPermit?: ListItem;
}

const both = (item: ListItem, doubt: Doubt): Step[] => [
  { action: 'permit', item, doubt },
  { action: 'reject', item, doubt },
];

function stepsOf(item: ListItem, next: ListItem | undefined, ctx: EvaluationContext, depth: number): ItemSteps {
  const { facts } = ctx;
  if (item.unknown) return { mays: both(item, 'unknown') };
  const name = item.text;
  const cls = depth < MAX_CLASS_DEPTH ? ctx.classItems(name) : undefined;
  if (cls) {
    // A class answers the same wherever it is named for one kind of client: evaluate it once.
    const cache = (ctx.classResults ??= new Map());
    let inner = cache.get(name);
    if (!inner) cache.set(name, (inner = evaluateList(cls, ctx, depth + 1)));
    return { decided: inner.decided, mays: inner.mays, deferIfPermit: inner.deferIfPermit };
  }
  const behaviour = behaviourOf(name);
  const argument = lookupRestriction(name.toLowerCase())?.argument;
  const skipArgument = argument !== undefined && argument !== 'none' && next !== undefined;
  if (!behaviour) {
    // A bare type:table is a check_<list>_access; a restriction this table does not describe may do anything;
    // any other word makes smtpd answer 451 "server configuration error".
    if (name.includes(':')) return tableSteps(item, name);
    if (argument !== undefined) return { mays: both(item, 'unknown'), skipArgument };
    return { decided: { action: 'defer', item } };
  }
  switch (behaviour.kind) {
    case 'permit':
    case 'reject':
    case 'defer':
      return { decided: { action: behaviour.kind, item } };
    case 'none':
      return { skipArgument };
    case 'prefix':
      return { prefix: behaviour.prefix };
    case 'mynetworks':
      return facts.inMynetworks === 'yes' ? { decided: { action: 'permit', item } } : facts.inMynetworks === 'may' ? { mays: [{ action: 'permit', item, doubt: 'table' }] } : {};
    case 'sasl':
      return facts.authenticated ? { decided: { action: 'permit', item } } : {};
    case 'unauth-destination':
      return facts.hasRecipient ? { decided: { action: behaviour.action, item } } : {};
    case 'table':
      return next ? { ...tableSteps(item, next.text), skipArgument } : {};
    case 'policy':
      return { mays: both(item, 'table'), skipArgument };
    case 'may-permit':
      return { mays: [{ action: 'permit', item, doubt: 'client' }], skipArgument };
    case 'client-check':
      if (name.toLowerCase() === 'reject_plaintext_session' && facts.authenticated && facts.tlsBeforeAuth) return {};
      return { mays: [{ action: 'reject', item, doubt: 'client' }], skipArgument };
    case 'address-check':
      return facts.hasSender ? { mays: [{ action: 'reject', item, doubt: 'address' }], skipArgument } : { skipArgument };
    case 'login-mismatch':
      return loginMismatch(behaviour.checks, item, facts);
  }
}

/** An access table answers the same for every key only when it is static:ACTION; any other may answer anything. */
function tableSteps(item: ListItem, table: string): ItemSteps {
  const action = /^static:\{?\s*([^\s}]+)/i.exec(table)?.[1].toUpperCase();
  if (!action) return { mays: both(item, 'table') };
  if (action === 'OK' || action === 'PERMIT') return { decided: { action: 'permit', item } };
  if (action === 'REJECT') return { decided: { action: 'reject', item } };
  if (action === 'DEFER' || action === 'DEFER_IF_PERMIT') return { decided: { action: 'defer', item } };
  if (action === 'DUNNO') return {};
  return { mays: both(item, 'table') };
}

/**
 * smtpd_check.c: the authenticated check rejects a logged-in client unless smtpd_sender_login_maps
 * names it as an owner of the sender, so with no maps it rejects every logged-in sender; the "known"
 * variant lets addresses without an owner pass. The unauthenticated check rejects a client that did
 * not log in only when the sender has an owner. All of them are ignored without smtpd_sasl_auth_enable.
 */
function loginMismatch(checks: 'both' | 'authenticated' | 'known' | 'unauthenticated', item: ListItem, facts: ClientFacts): ItemSteps {
  if (!facts.saslEnabled || !facts.hasSender) return {};
  if (facts.authenticated) {
    if (checks === 'unauthenticated') return {};
    if (checks === 'known') return facts.loginMaps && !facts.ownsSender ? { mays: [{ action: 'reject', item, doubt: 'table' }] } : {};
    return !facts.loginMaps || !facts.ownsSender ? { decided: { action: 'reject', item } } : {};
  }
  if (checks === 'authenticated' || !facts.loginMaps) return {};
  return { mays: [{ action: 'reject', item, doubt: 'address' }] };
}
