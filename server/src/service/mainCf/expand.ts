// Expands $references the way Postfix does, for hover's "effective value" and for checks that need
// the final value of a parameter (relay safety). Gives up (returns undefined) on loops or depth.
import { lookupParameter } from '../data/catalogue';
import { matchingClose } from '../parser/references';
import type { MainCfDocument } from '../parser/mainCf';

const MAX_DEPTH = 20;
const MAX_LENGTH = 100_000;

/** The raw value Postfix uses for `name`: the file's last assignment, else the default. */
export function rawValue(doc: MainCfDocument, name: string): string | undefined {
  const list = doc.byName.get(name);
  if (list) return list[list.length - 1].value.text;
  return lookupParameter(name)?.default;
}

export function expandValue(doc: MainCfDocument, text: string): string | undefined {
  try {
    return expand(doc, text, new Set(), 0);
  } catch {
    return undefined;
  }
}

export function effectiveValue(doc: MainCfDocument, name: string): string | undefined {
  const raw = rawValue(doc, name);
  return raw === undefined ? undefined : expandValue(doc, raw);
}

class GiveUp extends Error {}

function lookup(doc: MainCfDocument, name: string, active: Set<string>, depth: number): string | undefined {
  if (active.has(name) || depth > MAX_DEPTH) throw new GiveUp();
  const raw = rawValue(doc, name);
  if (raw === undefined) return undefined;
  active.add(name);
  const value = expand(doc, raw, active, depth + 1);
  active.delete(name);
  return value;
}

function expand(doc: MainCfDocument, text: string, active: Set<string>, depth: number): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    const next = text[at + 1];
    if (next === '$') {
      out += '$';
      i = at + 2;
    } else if (next === '{' || next === '(') {
      const close = matchingClose(text, at + 1);
      if (close === -1) throw new GiveUp();
      out += expandBraced(doc, text.slice(at + 2, close), active, depth);
      i = close + 1;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(text.slice(at + 1, at + 200));
      if (!m) {
        out += '$';
        i = at + 1;
        continue;
      }
      out += lookup(doc, m[0], active, depth) ?? '';
      i = at + 1 + m[0].length;
    }
    if (out.length > MAX_LENGTH) throw new GiveUp();
  }
  return out;
}

function stripBraces(text: string): string {
  const t = text.trim();
  return t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
}

function expandBraced(doc: MainCfDocument, inner: string, active: Set<string>, depth: number): string {
  if (inner.startsWith('{')) return expandComparison(doc, inner, active, depth);
  const m = /^[A-Za-z0-9_]+/.exec(inner);
  if (!m) throw new GiveUp();
  const name = m[0];
  const op = inner[name.length];
  const value = lookup(doc, name, active, depth);
  if (op === undefined) return value ?? '';
  const rest = inner.slice(name.length + 1);
  const set = value !== undefined && value !== '';
  if (op === '?') {
    const [then, otherwise] = splitTernary(rest);
    return set ? expand(doc, stripBraces(then), active, depth) : otherwise === undefined ? '' : expand(doc, stripBraces(otherwise), active, depth);
  }
  if (op === ':') return set ? '' : expand(doc, stripBraces(rest), active, depth);
  throw new GiveUp();
}

/** `{a}:{b}` → [`{a}`, `{b}`]; plain text → [text]. */
function splitTernary(rest: string): [string, string | undefined] {
  const t = rest.trim();
  if (t.startsWith('{')) {
    const close = matchingClose(t, 0);
    if (close !== -1 && t.slice(close + 1).trim().startsWith(':')) return [t.slice(0, close + 1), t.slice(close + 1).trim().slice(1)];
  }
  return [rest, undefined];
}

function expandComparison(doc: MainCfDocument, inner: string, active: Set<string>, depth: number): string {
  const groups: string[] = [];
  const between: string[] = [];
  let i = 0;
  let last = 0;
  while (i < inner.length) {
    if (inner[i] === '{') {
      between.push(inner.slice(last, i));
      const close = matchingClose(inner, i);
      if (close === -1) throw new GiveUp();
      groups.push(inner.slice(i + 1, close));
      i = last = close + 1;
    } else i++;
  }
  const op = /^\s*(==|!=|<=|>=|<|>)(level)?\s*$/.exec(between[1] ?? '');
  if (groups.length !== 4 || !op) throw new GiveUp();
  const left = expand(doc, groups[0].trim(), active, depth);
  const right = expand(doc, groups[1].trim(), active, depth);
  const cmp = op[2] ? compareLevels(left, right) : left < right ? -1 : left > right ? 1 : 0;
  const holds = { '==': cmp === 0, '!=': cmp !== 0, '<': cmp < 0, '<=': cmp <= 0, '>': cmp > 0, '>=': cmp >= 0 }[op[1]];
  return expand(doc, groups[holds ? 2 : 3].trim(), active, depth);
}

/** Compatibility levels compare as versions: 3.10 > 3.6; an empty level is 0. */
export function compareLevels(a: string, b: string): number {
  const pa = (a.trim() || '0').split('.').map((n) => parseInt(n, 10) || 0);
  const pb = (b.trim() || '0').split('.').map((n) => parseInt(n, 10) || 0);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}
