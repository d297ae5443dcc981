// smtpd's start-up check (smtpd_check_init, has_required in smtpd_check.c): smtpd dies with "specify
// at least one working instance of: reject_unauth_destination, ..." unless smtpd_relay_restrictions
// or smtpd_recipient_restrictions names one of RELAY_BLOCKERS before any `permit`. Restriction
// classes are searched too (a `permit` inside one ends only that class); `warn_if_reject X` does not
// count X; lookup tables and policy servers never count, whatever they hold.
import type { Instance } from '../../instance/instance';
import { splitWords, type SmtpdService } from '../../instance/services';
import { RELAY_BLOCKERS } from './behaviour';
import { listItems, type ListItem } from './items';

export const RELAY_CONTROL_LISTS = ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'] as const;

type Found = boolean | undefined;

function hasRequired(items: readonly ListItem[], classItems: (name: string) => ListItem[] | undefined, depth: number): Found {
  let unsure = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.unknown) {
      unsure = true;
      continue;
    }
    const word = item.text.toLowerCase();
    if (word === 'warn_if_reject' && i + 1 < items.length) {
      i++;
      continue;
    }
    if (word === 'permit') return unsure ? undefined : false;
    if (RELAY_BLOCKERS.has(word)) return true;
    const cls = depth < 10 ? classItems(item.text) : undefined;
    if (cls) {
      const inner = hasRequired(cls, classItems, depth + 1);
      if (inner) return true;
      if (inner === undefined) unsure = true;
    }
  }
  return unsure ? undefined : false;
}

/** Whether smtpd starts with this service's lists; undefined when a template or unexpandable reference hides a word. */
export function passesStartupCheck(instance: Instance, service: SmtpdService): boolean | undefined {
  const main = instance.main?.main;
  const classes = new Set(splitWords(service.get('smtpd_restriction_classes')));
  const classItems = (name: string) => (classes.has(name) ? listItems(service, main, name) : undefined);
  let unsure = false;
  for (const list of RELAY_CONTROL_LISTS) {
    const found = hasRequired(listItems(service, main, list), classItems, 0);
    if (found) return true;
    if (found === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}
