// Checks an smtpd restriction list word by word: known restrictions, their arguments, restriction
// classes, lookup tables used directly, and deprecated names.
import { lookupRestriction, restrictions } from '../data/catalogue';
import type { Deprecation, ParameterInfo } from '../data/types';
import type { Finding, FindingFix } from '../findings';
import type { Value } from '../parser/values';
import { closestMatch, type Suggester } from '../suggest';
import type { Span } from '../text';
import { checkMapItem } from './checkMapItem';

export interface RestrictionContext {
  /** Names declared in smtpd_restriction_classes. */
  restrictionClasses: ReadonlySet<string>;
  /** One file's did-you-mean for restriction words and table types (bounded); without it, each word is compared with every name. */
  suggest?: { restrictions: Suggester; mapTypes: Suggester };
}

export const restrictionNames = () => restrictions.map((r) => r.name);

export function checkRestrictionList(info: ParameterInfo, value: Value, context: RestrictionContext): Finding[] {
  const findings: Finding[] = [];
  const items = value.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.template || item.group || item.text.includes('$')) continue;
    if (item.text.includes(':')) {
      findings.push(...checkMapItem(item, context.suggest?.mapTypes)); // a bare table means check_<list>_access
      continue;
    }
    if (context.restrictionClasses.has(item.text)) continue;
    const restriction = lookupRestriction(item.text);
    if (!restriction) {
      const guess = context.suggest ? context.suggest.restrictions.suggest(item.text) : closestMatch(item.text, restrictionNames());
      findings.push({
        code: 'unknown-restriction',
        span: item.span,
        message: `"${item.text.slice(0, 80)}" is not a restriction Postfix knows, nor a class in smtpd_restriction_classes: smtpd answers every client with a temporary error ("server configuration error").${guess ? ` Did you mean "${guess}"?` : ''}`,
        fix: guess ? { kind: 'replace', span: item.span, text: guess, title: `Change to "${guess}"` } : undefined,
      });
      continue;
    }
    if (restriction.deprecated) {
      const { replacement, removed, since } = restriction.deprecated;
      const when = removed ? `was removed in Postfix ${removed}` : `is deprecated${since ? ` since Postfix ${since}` : ''}`;
      findings.push({
        code: 'deprecated-restriction',
        span: item.span,
        message: `"${item.text}" ${when}.${replacement ? ` Use ${replacement} instead.` : ''}`,
        deprecated: true,
        fix: replacementFix(item.span, restriction.deprecated),
      });
    }
    if (restriction.argument && restriction.argument !== 'none') {
      const next = items[i + 1];
      // smtpd takes the next word as the argument whatever it is; a word without "type:" is a table with no type.
      const nextIsArgument = next && (next.template || next.text.includes('$') || next.text.includes(':') || !lookupRestriction(next.text));
      if (!nextIsArgument) {
        const what = restriction.argument === 'map' ? 'a lookup table (type:name)' : restriction.argument === 'domain' ? 'a domain name' : 'an argument';
        findings.push({ code: 'restriction-missing-argument', span: item.span, message: `"${item.text}" must be followed by ${what} in "${info.name}".` });
        continue;
      }
      if (restriction.argument === 'map' && !next.template) findings.push(...checkMapItem(next, context.suggest?.mapTypes));
      i++;
    }
  }
  return findings;
}

/**
 * A restriction for a restriction, never one that needs an argument we do not know (reject_maps_rbl
 * became reject_rbl_client DOMAIN) nor a parameter (permit_mx_backup). The spellings that still
 * work mean the same as their replacement, so that rename is safe; a removed one was not the same.
 */
function replacementFix(span: Span, deprecated: Deprecation): FindingFix | undefined {
  const next = deprecated.replacement ? lookupRestriction(deprecated.replacement) : undefined;
  if (!next || next.deprecated || (next.argument && next.argument !== 'none')) return undefined;
  return { kind: 'replace', span, text: next.name, title: `Replace with ${next.name}`, ...(deprecated.removed ? {} : { safe: true }) };
}
