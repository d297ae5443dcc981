// The file's compatibility level and the defaults that follow from it (see data/compatibilityDefaults).
import { compatibilityDefaults, unsetCompatibilityLevel, type CompatibilityDefault } from '../data/compatibilityDefaults';
import type { MainCfDocument } from '../parser/mainCf';
import { compareLevels, effectiveValue } from './expand';

const byName = new Map(compatibilityDefaults.map((d) => [d.name, d]));

export function compatibilityDefault(name: string): CompatibilityDefault | undefined {
  return byName.get(name);
}

/** The level this file runs at: its own `compatibility_level` (expanded), else Postfix's built-in one. */
export function compatibilityLevel(doc: MainCfDocument): { level: string; set: boolean } {
  if (!doc.byName.has('compatibility_level')) return { level: unsetCompatibilityLevel, set: false };
  const value = effectiveValue(doc, 'compatibility_level')?.trim();
  return { level: value || unsetCompatibilityLevel, set: true };
}

export function defaultAtLevel(entry: CompatibilityDefault, level: string): string {
  return compareLevels(level, entry.level) < 0 ? entry.before : entry.from;
}

/** The default of `name` for this file's level, when it depends on the level; else undefined. */
export function levelDefault(doc: MainCfDocument, name: string): string | undefined {
  const entry = byName.get(name);
  return entry ? defaultAtLevel(entry, compatibilityLevel(doc).level) : undefined;
}
