// Finds Postfix $parameter references in a value: $name, ${name}, $(name), $$,
// ${name?text}, ${name:text}, ${name?{a}:{b}} and ${{a} OP {b} ? {x} : {y}}.

export type ReferenceKind = 'plain' | 'braced' | 'conditional' | 'comparison';

/** Positions are indices into the string that was scanned. */
export interface RawReference {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  kind: ReferenceKind;
}

export interface RawReferenceError {
  start: number;
  end: number;
  message: string;
}

export interface ReferenceScan {
  references: RawReference[];
  errors: RawReferenceError[];
}

const COMPARISON = /^\s*(==|!=|<=|>=|<|>)(level)?\s*$/;

/** Deeper nesting is not scanned: recursion per level would overflow the stack on hostile input. */
const MAX_NESTING = 100;

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Index of the bracket that closes the one at `open`, or -1. Nested pairs of the same kind count. */
export function matchingClose(text: string, open: number, limit = text.length): number {
  const opener = text[open];
  const closer = opener === '{' ? '}' : ')';
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === opener) depth++;
    else if (ch === closer && --depth === 0) return i;
  }
  return -1;
}

export function scanReferences(text: string, from = 0, to = text.length): ReferenceScan {
  const scan: ReferenceScan = { references: [], errors: [] };
  scanInto(text, from, to, scan, 0);
  return scan;
}

function scanInto(text: string, from: number, to: number, scan: ReferenceScan, depth: number): void {
  if (depth > MAX_NESTING) {
    scan.errors.push({ start: from, end: to, message: `references nested more than ${MAX_NESTING} deep are not checked` });
    return;
  }
  let i = text.indexOf('$', from);
  while (i !== -1 && i < to) {
    i = scanOne(text, i, to, scan, depth);
    i = text.indexOf('$', i);
  }
}

/** Scans the reference starting at the `$` at `at`; returns where scanning continues. */
function scanOne(text: string, at: number, to: number, scan: ReferenceScan, depth: number): number {
  const next = text.charCodeAt(at + 1);
  if (next === 36) return at + 2; // $$ is a literal dollar
  if (isNameChar(next)) {
    let end = at + 1;
    while (end < to && isNameChar(text.charCodeAt(end))) end++;
    scan.references.push({ name: text.slice(at + 1, end), nameStart: at + 1, nameEnd: end, start: at, end, kind: 'plain' });
    return end;
  }
  if (next !== 123 && next !== 40) return at + 1; // a lone $ is kept as is by Postfix
  const close = matchingClose(text, at + 1, to);
  if (close === -1) {
    scan.errors.push({ start: at, end: to, message: `"${text[at + 1]}" after "$" is never closed` });
    return to;
  }
  if (next === 123 && text[at + 2] === '{') {
    scanComparison(text, at, close, scan, depth);
    return close + 1;
  }
  let nameEnd = at + 2;
  while (nameEnd < close && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const name = text.slice(at + 2, nameEnd);
  if (!name) {
    scan.errors.push({ start: at, end: close + 1, message: 'a parameter name must follow "${" or "$("' });
    return close + 1;
  }
  const op = text[nameEnd];
  if (nameEnd === close) {
    scan.references.push({ name, nameStart: at + 2, nameEnd, start: at, end: close + 1, kind: 'braced' });
  } else if (op === '?' || op === ':') {
    scan.references.push({ name, nameStart: at + 2, nameEnd, start: at, end: close + 1, kind: 'conditional' });
    scanInto(text, nameEnd + 1, close, scan, depth + 1);
  } else {
    scan.errors.push({ start: nameEnd, end: close, message: `unexpected "${op}" after the parameter name; expected "}", "?" or ":"` });
  }
  return close + 1;
}

/** ${{a} OP {b} ? {x} : {y}}: checks the shape and scans each operand for references. */
function scanComparison(text: string, at: number, close: number, scan: ReferenceScan, depth: number): void {
  const groups: Array<[number, number]> = [];
  const between: string[] = [];
  let i = at + 2;
  let last = i;
  while (i < close) {
    if (text[i] === '{') {
      between.push(text.slice(last, i));
      const end = matchingClose(text, i, close);
      if (end === -1) break;
      groups.push([i + 1, end]);
      i = last = end + 1;
    } else i++;
  }
  const shapeOk =
    groups.length === 4 && COMPARISON.test(between[1] ?? '') && /^\s*\?\s*$/.test(between[2] ?? '') && /^\s*:\s*$/.test(between[3] ?? '') && /^\s*$/.test(text.slice(last, close)) && /^\s*$/.test(between[0] ?? '');
  if (!shapeOk) {
    scan.errors.push({ start: at, end: close + 1, message: 'expected ${{left} OPERATOR {right} ? {then} : {else}} with one of ==, !=, <, <=, >, >= (optionally followed by "level")' });
  }
  for (const [start, end] of groups) scanInto(text, start, end, scan, depth + 1);
}
