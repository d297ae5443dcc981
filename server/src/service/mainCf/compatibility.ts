// The file's compatibility level and the defaults that follow from it (see data/compatibilityDefaults).
import { postfixVersion as newestVersion } from '../data/catalogue';
import { compatibilityDefaults, unsetCompatibilityLevel, type CompatibilityDefault } from '../data/compatibilityDefaults';
import type { MainCfDocument } from '../parser/mainCf';
import { compareLevels, effectiveValue } from './expand';

const byName = new Map(compatibilityDefaults.map((d) => [d.name, d]));

export function compatibilityDefault(name: string): CompatibilityDefault | undefined {
  return byName.get(name);
}

// Asked for every default a rule reads; a parsed document never changes, so once per document.
const levels = new WeakMap<MainCfDocument, { level: string; set: boolean }>();

/** The level this file runs at: its own `compatibility_level` (expanded), else Postfix's built-in one. */
export function compatibilityLevel(doc: MainCfDocument): { level: string; set: boolean } {
  let found = levels.get(doc);
  if (!found) {
    const value = doc.byName.has('compatibility_level') ? effectiveValue(doc, 'compatibility_level')?.trim() : undefined;
    found = doc.byName.has('compatibility_level') ? { level: value || unsetCompatibilityLevel, set: true } : { level: unsetCompatibilityLevel, set: false };
    levels.set(doc, found);
  }
  return found;
}

export function defaultAtLevel(entry: CompatibilityDefault, level: string): string {
  return compareLevels(level, entry.level) < 0 ? entry.before : entry.from;
}

/** The level-dependent entry of `name` when Postfix `version` (undefined: the newest) has it; before that release the old default was the only one. */
export function levelEntry(name: string, version?: string): CompatibilityDefault | undefined {
  const entry = byName.get(name);
  return entry && compareLevels(version ?? newestVersion, entry.postfix) >= 0 ? entry : undefined;
}

/** The default of `name` for this file's level in Postfix `version`, when it depends on the level; else undefined. */
export function levelDefault(doc: MainCfDocument, name: string, version?: string): string | undefined {
  const entry = byName.get(name);
  if (!entry) return undefined;
  return levelEntry(name, version) ? defaultAtLevel(entry, compatibilityLevel(doc).level) : entry.before;
}
