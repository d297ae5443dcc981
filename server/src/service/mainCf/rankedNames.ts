// Parameter names in the order completion offers them, filtered by what was typed and capped, for
// main.cf names, $references and master.cf `-o` names.
import { allParameters, lookupParameter } from '../data/catalogue';
import { rankedOverlayGroups } from '../data/completionRank';
import { overlayTables } from '../data/overlay';
import type { ParameterInfo } from '../data/types';
import { isSubsequence } from '../snippets';

/** At most this many names per response: enough to fill any list widget, small enough to send at once. */
export const MAX_NAME_ITEMS = 150;

export interface RankedName {
  info: ParameterInfo;
  lower: string;
  /** Ranked groups come before the rest, deprecated names after everything. */
  tier: 'ranked' | 'rest' | 'deprecated';
}

let rankedNames: RankedName[] | undefined;
/** Every parameter in offering order: the ranked overlay groups in their own order, the rest by name. */
function namesInRank(): RankedName[] {
  if (rankedNames) return rankedNames;
  const seen = new Set<string>();
  const ranked: RankedName[] = [];
  for (const group of rankedOverlayGroups) {
    for (const name of Object.keys(overlayTables[group])) {
      const info = lookupParameter(name);
      if (!info || info.deprecated || seen.has(name)) continue;
      seen.add(name);
      ranked.push({ info, lower: name.toLowerCase(), tier: 'ranked' });
    }
  }
  const rest = allParameters().filter((info) => !seen.has(info.name));
  for (const info of rest) if (!info.deprecated) ranked.push({ info, lower: info.name.toLowerCase(), tier: 'rest' });
  for (const info of rest) if (info.deprecated) ranked.push({ info, lower: info.name.toLowerCase(), tier: 'deprecated' });
  rankedNames = ranked;
  return ranked;
}

/** The names matching `typed`: those it begins first, then fuzzy (subsequence) matches, each in rank order; deprecated names last. */
export function matchingNames(typed: string): { names: RankedName[]; complete: boolean } {
  const lower = typed.toLowerCase();
  const starting: RankedName[] = [];
  const fuzzy: RankedName[] = [];
  const old: RankedName[] = [];
  for (const entry of namesInRank()) {
    const begins = entry.lower.startsWith(lower);
    if (!begins && (fuzzy.length > MAX_NAME_ITEMS || !isSubsequence(lower, entry.lower))) continue;
    if (entry.tier === 'deprecated') old.push(entry);
    else (begins ? starting : fuzzy).push(entry);
  }
  old.sort((a, b) => Number(!a.lower.startsWith(lower)) - Number(!b.lower.startsWith(lower)));
  let all = starting.concat(fuzzy, old);
  // A misspelt name (renaming `smtpd_sasl_auth_enabel`): the names sharing its longest prefix.
  for (let n = lower.length - 1; n > 0 && !all.length; n--) all = namesInRank().filter((e) => e.lower.startsWith(lower.slice(0, n)));
  return { names: all.slice(0, MAX_NAME_ITEMS), complete: all.length <= MAX_NAME_ITEMS };
}

/** sortText keeps this order among items a client scores alike. */
export const rankText = (i: number) => String(i).padStart(3, '0');
