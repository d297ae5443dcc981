// The fix for a deprecated parameter: a plain rename where the value means the same under the new
// name; for the old yes/no switches, the level they amount to, merged into one line; and where the
// new parameter is already set, the removal of the dead old line. Anything else gets no fix.
import { legacySwitchFamily, plainRenames, switchesOf, type LegacySwitchFamily } from '../data/legacySwitches';
import type { FindingFix } from '../findings';
import type { Assignment, MainCfDocument } from '../parser/mainCf';
import { effectiveValue } from './expand';

export interface DeprecatedFix {
  fix?: FindingFix;
  /** The new parameter is set, so this line has no effect: the line that wins. */
  overriddenBy?: { name: string; value: string; line?: Assignment };
  /** What the old switches amount to, as one line ("smtpd_tls_security_level = may"). */
  translation?: string;
}

export function deprecatedFix(doc: MainCfDocument, a: Assignment, replacement: string | undefined): DeprecatedFix {
  if (a.template || a.value.hasTemplate) return {};
  if (replacement && plainRenames.has(a.name)) {
    return { fix: { kind: 'replace', span: a.nameSpan, text: replacement, title: `Rename to ${replacement}`, safe: true } };
  }
  const family = legacySwitchFamily(a.name);
  return family ? switchFix(doc, a, family) : {};
}

function switchFix(doc: MainCfDocument, a: Assignment, family: LegacySwitchFamily): DeprecatedFix {
  const target = (effectiveValue(doc, family.target) ?? '').trim();
  const lines = switchesOf(family).flatMap((name) => doc.byName.get(name) ?? []);
  if (target) {
    const winner = doc.byName.get(family.target)?.at(-1);
    const overriddenBy = { name: family.target, value: target, line: winner };
    const title = `Remove ${a.name}: ${family.target} = ${target} wins`;
    return { overriddenBy, fix: { kind: 'delete-lines', firstLine: a.firstLine, lastLine: a.lastLine, title, safe: true } };
  }
  const level = levelOf(doc, family);
  if (!level) return {};
  // One line for the whole family: every switch line gets the same fix, so "fix all" applies it once.
  const [first, ...rest] = lines.sort((x, y) => x.firstLine - y.firstLine);
  const translation = `${family.target} = ${level}`;
  return {
    translation,
    fix: {
      kind: 'replace',
      span: first.span,
      text: translation,
      title: rest.length ? `Replace the ${lines.length} old switches with ${family.target} = ${level}` : `Replace with ${family.target} = ${level}`,
      safe: true,
      also: rest.map((r) => ({ kind: 'delete-lines' as const, firstLine: r.firstLine, lastLine: r.lastLine })),
    },
  };
}

/** The level the switches amount to, or undefined when one of them is not a plain yes or no. */
function levelOf(doc: MainCfDocument, family: LegacySwitchFamily): string | undefined {
  const values = new Map<string, string>();
  for (const name of switchesOf(family)) {
    const value = effectiveValue(doc, name)?.trim().toLowerCase();
    if (value !== 'yes' && value !== 'no') return undefined;
    values.set(name, value);
  }
  return family.decide.find((row) => Object.entries(row.when).every(([name, v]) => values.get(name) === v))?.level;
}
