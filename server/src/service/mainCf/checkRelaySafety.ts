// smtpd refuses to start unless smtpd_relay_restrictions or smtpd_recipient_restrictions holds a
// restriction that stops relaying (reject_unauth_destination and a few others). Catch that here,
// and catch a bare `permit` that lets everyone relay before the check is reached.
import { lookupRestriction } from '../data/catalogue';
import type { Finding } from '../findings';
import type { MainCfDocument } from '../parser/mainCf';
import { expandValue, rawValue } from './expand';

export const RELAY_LISTS = ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;
const LISTS = RELAY_LISTS;

export type Verdict = 'blocks' | 'open' | 'unknown';

export function judge(words: string[], classes: ReadonlySet<string>): { verdict: Verdict; permitAt?: number } {
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

export function checkRelaySafety(doc: MainCfDocument, classes: ReadonlySet<string>): Finding[] {
  if (!LISTS.some((n) => doc.byName.has(n))) return []; // Postfix's own defaults are safe
  const judged = [];
  for (const name of LISTS) {
    const list = doc.byName.get(name);
    const last = list?.[list.length - 1];
    if (last && (last.template || last.value.hasTemplate)) return [];
    const text = expandValue(doc, rawValue(doc, name) ?? '');
    if (text === undefined) return [];
    const words = text.split(/[\s,]+/).filter(Boolean);
    judged.push({ name, last, words, ...judge(words, classes) });
  }
  // Relay restrictions run first; a list that permits before any relay check decides for everyone.
  for (const list of judged) {
    if (list.verdict === 'blocks' || list.verdict === 'unknown') return [];
    if (list.permitAt !== undefined) {
      const item = list.last?.value.items.find((i) => i.text === 'permit');
      return [{
        code: 'open-relay',
        span: item?.span ?? list.last?.nameSpan ?? { start: 0, end: 0 },
        message: openRelayMessage(list.name),
      }];
    }
  }
  const at = judged.find((l) => l.last)!;
  return [{
    code: 'relay-restrictions-unsafe',
    span: at.last!.nameSpan,
    message: UNSAFE_MESSAGE,
  }];
}

export const openRelayMessage = (list: string) =>
  `"permit" in ${list} accepts every recipient before relaying is checked: anyone on the Internet can send mail through this server. Put reject_unauth_destination before it.`;

export const UNSAFE_MESSAGE =
  'Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions contains reject_unauth_destination (or defer_unauth_destination, reject, defer): smtpd refuses to start. Add reject_unauth_destination after your permit_ entries.';
