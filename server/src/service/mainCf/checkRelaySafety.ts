// smtpd refuses to start unless smtpd_relay_restrictions or smtpd_recipient_restrictions holds a
// restriction that stops relaying (reject_unauth_destination and a few others). Catch that here,
// and catch a bare `permit` that lets everyone relay before the check is reached.
import { lookupRestriction } from '../data/catalogue';
import type { Finding } from '../findings';
import type { MainCfDocument } from '../parser/mainCf';
import { expandValue, rawValue } from './expand';

/** In the order smtpd evaluates them. */
export const RELAY_LISTS = ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;

type Verdict = 'blocks' | 'open' | 'unknown';

function judge(words: string[], classes: ReadonlySet<string>): { verdict: Verdict; permitAt?: number } {
  if (words.length === 0) return { verdict: 'open' };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'permit') return { verdict: 'open', permitAt: i };
    const info = lookupRestriction(w);
    if (info?.blocksRelay) return { verdict: 'blocks' };
    if (!info && (classes.has(w) || w.includes(':') || w.includes('$') || w.includes('{'))) return { verdict: 'unknown' };
  }
  return { verdict: 'open' };
}

/** What smtpd makes of the two lists' expanded texts: safe (or not knowable), open at a list, or refusing to start. */
export type RelayVerdict = { kind: 'safe' } | { kind: 'open'; list: number } | { kind: 'unsafe' };

export function relayVerdict(texts: readonly string[], classes: ReadonlySet<string>): RelayVerdict {
  // Relay restrictions run first; a list that permits before any relay check decides for everyone.
  for (let list = 0; list < texts.length; list++) {
    const { verdict, permitAt } = judge(texts[list].split(/[\s,]+/).filter(Boolean), classes);
    if (verdict !== 'open') return { kind: 'safe' };
    if (permitAt !== undefined) return { kind: 'open', list };
  }
  return { kind: 'unsafe' };
}

export function checkRelaySafety(doc: MainCfDocument, classes: ReadonlySet<string>): Finding[] {
  if (!RELAY_LISTS.some((n) => doc.byName.has(n))) return []; // Postfix's own defaults are safe
  const texts: string[] = [];
  for (const name of RELAY_LISTS) {
    const last = doc.byName.get(name)?.at(-1);
    if (last && (last.template || last.value.hasTemplate)) return [];
    const text = expandValue(doc, rawValue(doc, name) ?? '');
    if (text === undefined) return [];
    texts.push(text);
  }
  const verdict = relayVerdict(texts, classes);
  if (verdict.kind === 'safe') return [];
  if (verdict.kind === 'open') {
    const name = RELAY_LISTS[verdict.list];
    const last = doc.byName.get(name)?.at(-1);
    const item = last?.value.items.find((i) => i.text === 'permit');
    return [{ code: 'open-relay', span: item?.span ?? last?.nameSpan ?? { start: 0, end: 0 }, message: openRelayMessage(name) }];
  }
  const at = RELAY_LISTS.map((n) => doc.byName.get(n)?.at(-1)).find((a) => a)!;
  return [{ code: 'relay-restrictions-unsafe', span: at.nameSpan, message: UNSAFE_MESSAGE }];
}

export const openRelayMessage = (list: string) =>
  `"permit" in ${list} accepts every recipient before relaying is checked: anyone on the Internet can send mail through this server. Put reject_unauth_destination before it.`;

export const UNSAFE_MESSAGE =
  'Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions contains reject_unauth_destination (or defer_unauth_destination, reject, defer): smtpd refuses to start. Add reject_unauth_destination after your permit_ entries.';
