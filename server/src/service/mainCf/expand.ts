// Expands $references as `postconf -x` does, for hover's "effective value" and for checks that need
// the final value of a parameter (relay safety). The parsing is Postfix's own (parser/macExpand.ts);
// this file supplies the lookups: the file's last assignment, else the catalogue's default.
import { compareVersions, defaultForVersion, lookupParameter } from '../data/catalogue';
import { macExpand, type MacError } from '../parser/macExpand';
import type { MainCfDocument } from '../parser/mainCf';

export interface ExpandOptions {
  /** The Postfix version whose expansion rules apply (`${name{text}}` functions came in 3.11, raw
   * parameters inserted unexpanded in 3.12); default: the newest. */
  postfixVersion?: string;
}

export interface Expansion {
  /** What `postconf -x` prints; undefined when Postfix would stop with an error or it cannot be computed here. */
  value: string | undefined;
  /** The error that makes `postconf -x` fail ("macro processing error"). */
  error?: MacError;
}

/** The raw value Postfix uses for `name`: the file's last assignment, else the default of `postfixVersion`. */
export function rawValue(doc: MainCfDocument, name: string, postfixVersion?: string): string | undefined {
  const list = doc.byName.get(name);
  if (list) return list[list.length - 1].value.text;
  return defaultForVersion(name, postfixVersion);
}

/** Whether a `major.minor` version is at least `min`. */
function atLeast(version: string | undefined, min: [number, number]): boolean {
  if (!version) return true;
  const [major, minor] = version.split('.').map((n) => parseInt(n, 10) || 0);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

export function expandText(doc: MainCfDocument, text: string, options: ExpandOptions = {}): Expansion {
  const result = macExpand(text, {
    mode: 'expand',
    lookup: (name) => rawValue(doc, name, options.postfixVersion),
    functions: atLeast(options.postfixVersion, [3, 11]),
    ...(atLeast(options.postfixVersion, [3, 12]) ? { dontExpand: (name: string) => lookupParameter(name)?.raw === true } : {}),
  });
  return result.error ? { value: undefined, error: result.error } : { value: result.value };
}

export function expandValue(doc: MainCfDocument, text: string, options: ExpandOptions = {}): string | undefined {
  return text.includes('$') ? expandText(doc, text, options).value : text;
}

/** What `postconf -x` prints for `name`: a raw parameter as written, any other expanded. */
export function effectiveValue(doc: MainCfDocument, name: string, options: ExpandOptions = {}): string | undefined {
  const raw = rawValue(doc, name, options.postfixVersion);
  if (raw === undefined || lookupParameter(name)?.raw) return raw;
  return expandValue(doc, raw, options);
}

/** Compatibility levels compare as versions: 3.10 > 3.6; an empty level is 0. */
export const compareLevels = compareVersions;
