// What must hold for any parse and any feature result, whatever the file type: written against the
// shapes (spans, LSP ranges, values) rather than one parser, so new parsers are covered as they land.
import assert from 'node:assert/strict';
import type { ParsedFile } from '../../server/src/service/documents';
import { unescapeQuoted } from '../../server/src/service/dovecot/parse';
import { Value } from '../../server/src/service/parser/values';
import type { LineIndex } from '../../server/src/service/text';

type Json = Record<string, unknown>;

function isSpan(v: unknown): v is { start: number; end: number } {
  return !!v && typeof v === 'object' && typeof (v as Json).start === 'number' && typeof (v as Json).end === 'number';
}

function isPosition(v: unknown): v is { line: number; character: number } {
  return !!v && typeof v === 'object' && typeof (v as Json).line === 'number' && typeof (v as Json).character === 'number';
}

const LINE_KEYS = new Set(['line', 'firstLine', 'lastLine', 'startLine', 'endLine']);

/**
 * Walks a parse: every span lies inside the text, every line number inside the line count, every
 * piece of text that a span claims is what the text holds there, every Value maps back to the text.
 */
export function checkParse(file: ParsedFile): void {
  const { text, lines } = file;
  assert.equal(lines.text, text, 'the line index is built over the parsed text');
  const seen = new Set<object>();
  // A loop over a stack rather than recursion: a parse of nested sections can be 50,000 levels deep.
  const pending: Array<[unknown, string]> = [];
  const walk = (node: unknown, path: string) => pending.push([node, path]);
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    if ((node as object) === lines) return;
    seen.add(node);
    if (node instanceof Value) return checkValue(node, text, path);
    if (node instanceof Map) {
      for (const [k, v] of node) walk(v, below(path, `[${String(k).slice(0, 20)}]`));
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, below(path, `[${i}]`)));
      return;
    }
    const obj = node as Json;
    if (isSpan(node)) checkSpan(node, text.length, path);
    for (const [key, value] of Object.entries(obj)) {
      const at = below(path, `.${key}`);
      if (typeof value === 'number') {
        if (LINE_KEYS.has(key)) assert.ok(Number.isInteger(value) && value >= 0 && value < lines.lineCount, `${at} = ${value} outside 0..${lines.lineCount - 1}`);
        if (/Offset$/.test(key)) assert.ok(value >= 0 && value <= text.length, `${at} = ${value} outside 0..${text.length}`);
      } else if (key.endsWith('Lines') && Array.isArray(value) && value.every((v) => typeof v === 'number')) {
        for (const l of value as number[]) assert.ok(l >= 0 && l < lines.lineCount, `${at} holds line ${l} outside 0..${lines.lineCount - 1}`);
      } else walk(value, at);
    }
    // A name or a token with its span on one line: the text there is the name or the token. (Across
    // continuation lines a parser reports the joined text, which the Value check covers.)
    for (const [key, value] of Object.entries(obj)) {
      if (!key.endsWith('Span') || !isSpan(value)) continue;
      const base = key.slice(0, -4);
      if (typeof obj[base] !== 'string' || !onOneLine(lines, value)) continue;
      // Dovecot unescapes a quoted value (`"a\"b"` is `a"b`): compare with the text unescaped the same way.
      const unescape = file.languageId === 'dovecot' && base === 'value' ? unescapeQuoted : undefined;
      assertSlice(text, value, obj[base] as string, `${path}.${base}`, 'same', unescape);
    }
    // A token's span may be coarser than its text (a value cut at ":"), but it holds that text.
    if (isSpan(obj.span) && typeof obj.text === 'string' && onOneLine(lines, obj.span)) assertSlice(text, obj.span, obj.text, `${path}.text`, 'holds');
  };
  walk(file, 'file');
  for (let next = pending.pop(); next; next = pending.pop()) visit(...next);
}

/** A path one step further down, with its middle cut out when the parse nests deep. */
function below(path: string, step: string): string {
  const p = path + step;
  return p.length > 300 ? `${p.slice(0, 100)}…${p.slice(-180)}` : p;
}

function checkSpan(span: { start: number; end: number }, length: number, path: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${path}: span ${JSON.stringify(span)} is not whole numbers`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${path}: span ${span.start}..${span.end} outside 0..${length}`);
}

function onOneLine(lines: LineIndex, span: { start: number; end: number }): boolean {
  return lines.positionAt(span.start).line === lines.positionAt(span.end).line;
}

/** 'exact': the very text; 'same': up to case and quotes (keys and values a parser normalises); 'holds': the span covers the text.
 * `unescape` applies to what the quotes hold, for a format that unescapes quoted values. */
function assertSlice(text: string, span: { start: number; end: number }, expected: string, path: string, how: 'exact' | 'same' | 'holds' = 'exact', unescape = (inner: string) => inner): void {
  const got = text.slice(span.start, span.end);
  const unquoted = /^(["']).*\1$/s.test(got) ? unescape(got.slice(1, -1)) : got; // a quoted value reported without its quotes
  const same = (a: string) => a.toLowerCase() === expected.toLowerCase();
  const ok = how === 'exact' ? got === expected : how === 'same' ? same(got) || same(unquoted) : got.includes(expected);
  assert.ok(ok, `${path}: the text at ${span.start}..${span.end} is ${JSON.stringify(got.slice(0, 80))}, the parse says ${JSON.stringify(expected.slice(0, 80))}`);
}

/** A value is its segments joined by one space; each segment is the document's text at its offset. */
function checkValue(value: Value, text: string, path: string): void {
  let joined = 0;
  for (const seg of value.segments) {
    assertSlice(text, { start: seg.start, end: seg.start + seg.text.length }, seg.text, `${path}.segment`);
    assert.equal(seg.joinedStart, joined, `${path}: segment joined at ${seg.joinedStart}, expected ${joined}`);
    joined += seg.text.length + 1;
  }
  assert.equal(value.text, value.segments.map((s) => s.text).join(' '));
  checkSpan(value.span, text.length, `${path}.span`);
  const step = Math.max(1, Math.floor(value.text.length / 2000)); // long values: a sample of indices
  for (let i = 0; i < value.text.length; i += step) {
    const offset = value.toOffset(i);
    if (value.text[i] !== ' ' || text[offset] === ' ') assert.equal(text[offset], value.text[i], `${path}: joined index ${i} maps to offset ${offset}`);
    if (text[offset] === value.text[i]) assert.equal(value.fromOffset(offset), i, `${path}: offset ${offset} maps back to ${value.fromOffset(offset)}, not ${i}`);
  }
  for (const item of value.items) {
    checkSpan(item.span, text.length, `${path}.item`);
    assert.ok(value.text.includes(item.text), `${path}: item ${JSON.stringify(item.text.slice(0, 40))} is not in the value`);
  }
  for (const ref of value.references) {
    checkSpan(ref.span, text.length, `${path}.reference`);
    checkSpan(ref.nameSpan, text.length, `${path}.reference.nameSpan`);
    assertSlice(text, ref.nameSpan, ref.name, `${path}.reference.name`);
    assert.ok(ref.span.start <= ref.nameSpan.start && ref.nameSpan.end <= ref.span.end, `${path}: a reference's name lies inside the reference`);
  }
  for (const e of value.referenceErrors) checkSpan(e.span, text.length, `${path}.referenceError`);
}

/** Every LSP range or position anywhere in `result` lies inside the document; locations name it. */
export function checkLspResult(result: unknown, file: ParsedFile, what: string): void {
  const { lines } = file;
  const checkPosition = (p: { line: number; character: number }, path: string) => {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.lineCount, `${what}${path}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    const length = lines.lineEnd(p.line) - lines.lineStarts[p.line];
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= length, `${what}${path}: character ${p.character} outside 0..${length} on line ${p.line}`);
  };
  const seen = new Set<object>();
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}[${i}]`));
    const obj = node as Json;
    if (isPosition(obj.start) && isPosition(obj.end)) {
      checkPosition(obj.start, `${path}.start`);
      checkPosition(obj.end, `${path}.end`);
      const s = obj.start;
      const e = obj.end;
      assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `${what}${path}: range ends before it starts`);
    }
    if (typeof obj.startLine === 'number' && typeof obj.endLine === 'number') {
      assert.ok(obj.startLine >= 0 && obj.startLine <= obj.endLine && obj.endLine < lines.lineCount, `${what}${path}: folding ${obj.startLine}..${obj.endLine} outside 0..${lines.lineCount - 1}`);
    }
    if (typeof obj.uri === 'string' && 'range' in obj) assert.equal(obj.uri, file.uri, `${what}${path}: a location in another document`);
    if (obj.changes && typeof obj.changes === 'object') for (const uri of Object.keys(obj.changes)) assert.equal(uri, file.uri, `${what}${path}: an edit to another document`);
    for (const [key, value] of Object.entries(obj)) if (key !== 'changes' || typeof value === 'object') walk(value, `${path}.${key}`);
  };
  walk(result, '');
}
