// "What is at this offset?" for main.cf: the one question completion and hover start from.
// Cost is bounded by the logical line under the cursor (plus a binary search), never the document.
import { lookupMapType, lookupParameter, lookupRestriction, lookupServiceFamily } from '../data/catalogue';
import type { ParameterInfo } from '../data/types';
import type { Assignment, MainCfDocument } from '../parser/mainCf';
import type { Reference, ValueItem } from '../parser/values';
import type { Span } from '../text';

/** Fields shared by everything on the value side of an assignment. */
export interface ValueSide {
  assignment: Assignment;
  /** The parameter's facts: catalogue, service family or restriction class; undefined for user-defined names. */
  info?: ParameterInfo;
  /** The list item under the cursor, if any. */
  item?: ValueItem;
  /** The word under the cursor (empty at the cursor when there is none). Completions replace it. */
  span: Span;
  /** The part of the word before the cursor. */
  prefix: string;
  /** The whole word. */
  word: string;
}

export type MainCfLocation =
  /** Nothing to offer: a template line, the words after a name with no `=` yet, a group. */
  | { kind: 'none' }
  /** A blank line, or column 0 of a whitespace-only line: a new name may start here. */
  | { kind: 'empty'; span: Span }
  | { kind: 'comment'; span: Span }
  /** A parameter name; `assignment` is undefined while the name is still being typed (no `=` yet). */
  | { kind: 'name'; assignment?: Assignment; span: Span; prefix: string; word: string }
  | { kind: 'equals'; assignment: Assignment; span: Span }
  /** `$name`, `${name}`, `$(name)`, `${name?…}`, also while being typed (`$`, `${my`). */
  | (ValueSide & { kind: 'reference'; name: string; opener: '' | '{' | '('; closed: boolean; reference?: Reference; referenceSpan: Span })
  /** The `type` of `type:name` (also while typing a type where a table is expected). */
  | (ValueSide & { kind: 'mapType' })
  /** A word in an smtpd restriction list. */
  | (ValueSide & { kind: 'restriction' })
  /** A word in an option-word list such as smtpd_sasl_security_options. */
  | (ValueSide & { kind: 'option' })
  /** Any other value word: booleans, enumerations, plain text. */
  | (ValueSide & { kind: 'value' });

export type ValueLocation = Extract<MainCfLocation, ValueSide>;

const NAME_CHAR = /[A-Za-z0-9_]/;
/** Characters of a value word: stops at list separators and reference/group punctuation. */
const WORD_CHAR = /[^\s,{}()$:]/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

function lineStart(doc: MainCfDocument, line: number): number {
  const start = doc.lines.lineStarts[line];
  return line === 0 && doc.text.charCodeAt(0) === 0xfeff ? start + 1 : start;
}

function firstNonBlank(doc: MainCfDocument, line: number): number {
  const end = doc.lines.lineEnd(line);
  let at = lineStart(doc, line);
  while (at < end && isBlank(doc.text.charCodeAt(at))) at++;
  return at;
}

/** The assignment whose first line is `line`, by binary search over the file-ordered assignments. */
function assignmentAt(doc: MainCfDocument, line: number): Assignment | undefined {
  const list = doc.assignments;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const first = list[mid].firstLine;
    if (first === line) return list[mid];
    if (first < line) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** The line that starts the logical line `line` continues: walks back over continuation, blank and comment lines. */
function logicalStart(doc: MainCfDocument, line: number): number | undefined {
  for (let l = line; l >= 0; l--) {
    const start = lineStart(doc, l);
    const first = firstNonBlank(doc, l);
    if (first === doc.lines.lineEnd(l) || doc.text.charCodeAt(first) === 35) continue;
    if (first === start) return l;
  }
  return undefined;
}

/** Facts for the value of `name`: a catalogue parameter, a master.cf service family, or a restriction class. */
export function valueInfo(doc: MainCfDocument, name: string): ParameterInfo | undefined {
  const known = lookupParameter(name);
  if (known) return known;
  const family = lookupServiceFamily(name);
  if (family) return { name, type: family.family.type, default: '', doc: family.family.doc };
  if (restrictionClasses(doc).has(name)) return { name, type: 'restrictions', default: '' };
  return undefined;
}

/** Names listed in the winning smtpd_restriction_classes. */
export function restrictionClasses(doc: MainCfDocument): Set<string> {
  const list = doc.byName.get('smtpd_restriction_classes');
  const out = new Set<string>();
  if (list) for (const item of list[list.length - 1].value.items) if (!item.template && !item.group) out.add(item.text);
  return out;
}

export function locate(doc: MainCfDocument, offset: number): MainCfLocation {
  const text = doc.text;
  const clamped = Math.max(0, Math.min(offset, text.length));
  const line = doc.lines.positionAt(clamped).line;
  const start = lineStart(doc, line);
  const end = doc.lines.lineEnd(line);
  // Not before a byte order mark, nor between the \r and \n of a line break.
  const at = Math.max(start, Math.min(clamped, end));
  const first = firstNonBlank(doc, line);
  const here = { start: at, end: at };

  if (first === end) {
    // Whitespace after column 0 continues the logical line above; column 0 starts a new one.
    if (at > start) {
      const owner = logicalStart(doc, line);
      const assignment = owner === undefined ? undefined : assignmentAt(doc, owner);
      if (assignment && !assignment.template) return locateValue(doc, assignment, at);
      if (owner !== undefined) return { kind: 'none' };
    }
    return { kind: 'empty', span: here };
  }
  if (text.charCodeAt(first) === 35) return { kind: 'comment', span: { start: first, end } };

  if (first === start) {
    const assignment = assignmentAt(doc, line);
    if (!assignment) return locateBrokenLine(doc, start, end, at);
    if (assignment.template) return { kind: 'none' };
    const name = assignment.nameSpan;
    if (at <= name.end) return { kind: 'name', assignment, span: name, prefix: text.slice(name.start, at), word: assignment.name };
    if (at <= assignment.equalsOffset) return { kind: 'equals', assignment, span: { start: assignment.equalsOffset, end: assignment.equalsOffset + 1 } };
    return locateValue(doc, assignment, at);
  }

  const owner = logicalStart(doc, line);
  const assignment = owner === undefined ? undefined : assignmentAt(doc, owner);
  if (!assignment || assignment.template) return { kind: 'none' };
  return locateValue(doc, assignment, at);
}

/** A column-0 line without `=`: the name being typed, or words after it. */
function locateBrokenLine(doc: MainCfDocument, start: number, end: number, at: number): MainCfLocation {
  const text = doc.text;
  let wordEnd = start;
  while (wordEnd < end && NAME_CHAR.test(text[wordEnd])) wordEnd++;
  if (at > wordEnd) return { kind: 'none' };
  // `{{ var }}` or other template syntax at the start is not a name.
  if (wordEnd < end && !isBlank(text.charCodeAt(wordEnd))) return { kind: 'none' };
  const span = { start, end: wordEnd };
  return { kind: 'name', span, prefix: text.slice(start, at), word: text.slice(start, wordEnd) };
}

function locateValue(doc: MainCfDocument, assignment: Assignment, at: number): MainCfLocation {
  const text = doc.text;
  const value = assignment.value;
  const info = valueInfo(doc, assignment.name);
  const items = value.items;
  let index = -1;
  for (let i = 0; i < items.length; i++) {
    const span = items[i].span;
    if (span.start > at) break;
    if (at <= span.end) {
      index = i;
      break;
    }
  }
  const item = index === -1 ? undefined : items[index];
  const previous = index === -1 ? lastItemBefore(items, at) : items[index - 1];

  // The word around the cursor, on this physical line only.
  const lineNo = doc.lines.positionAt(at).line;
  const lineBegin = lineNo === assignment.firstLine ? assignment.equalsOffset + 1 : doc.lines.lineStarts[lineNo];
  const lineEnd = doc.lines.lineEnd(lineNo);
  let wordStart = at;
  while (wordStart > lineBegin && WORD_CHAR.test(text[wordStart - 1])) wordStart--;
  let wordEnd = at;
  while (wordEnd < lineEnd && WORD_CHAR.test(text[wordEnd])) wordEnd++;
  const base = { assignment, info, item, span: { start: wordStart, end: wordEnd }, prefix: text.slice(wordStart, at), word: text.slice(wordStart, wordEnd) };

  const reference = referenceAt(doc, assignment, at, lineBegin, lineEnd);
  if (reference) return { ...base, ...reference };
  if (item?.group || item?.template) return { kind: 'none' };
  if (text[wordStart - 1] === '$' || (item && (text[wordStart - 1] === '{' || text[wordStart - 1] === '(') && text.slice(item.span.start, wordStart).includes('$'))) return { kind: 'none' };

  const type = info?.type;
  // In a restriction list the word after check_*_access is a table; after reject_rbl_client & co. free text.
  const argument = type === 'restrictions' && previous ? lookupRestriction(previous.text)?.argument : undefined;
  if (argument && argument !== 'none' && argument !== 'map') return { ...base, kind: 'value' };
  const tableExpected = type === 'maplist' || argument === 'map';
  const colon = item ? text.indexOf(':', item.span.start) : -1;
  if (item && colon !== -1 && colon < item.span.end) {
    // The type part of `type:name`, including nested ones such as `proxy:hash:/path`.
    const onType = mapTypePartAt(text, item.span.start, at);
    if (onType && (tableExpected || type === 'restrictions' || lookupMapType(base.word))) return { ...base, kind: 'mapType' };
    return { ...base, kind: 'value' };
  }
  if (tableExpected) return { ...base, kind: 'mapType' };
  if (type === 'restrictions') return { ...base, kind: 'restriction' };
  if (type === 'enumlist') return { ...base, kind: 'option' };
  return { ...base, kind: 'value' };
}

function lastItemBefore(items: readonly ValueItem[], at: number): ValueItem | undefined {
  let found: ValueItem | undefined;
  for (const item of items) {
    if (item.span.end > at) break;
    found = item;
  }
  return found;
}

/** True when `at` is inside a map type: the text from the item start to `at` is `type:type:...:partial`. */
function mapTypePartAt(text: string, itemStart: number, at: number): boolean {
  let from = itemStart;
  for (;;) {
    const colon = text.indexOf(':', from);
    if (colon === -1 || colon >= at) return true;
    const type = text.slice(from, colon);
    if (lookupMapType(type)?.argument !== 'map') return false; // past the table's own name
    from = colon + 1;
  }
}

type ReferenceFields = Pick<Extract<MainCfLocation, { kind: 'reference' }>, 'kind' | 'name' | 'opener' | 'closed' | 'reference' | 'referenceSpan' | 'span' | 'prefix' | 'word'>;

/** A reference whose `$` or name holds the cursor; also `$`, `${` and `$(` while being typed. */
function referenceAt(doc: MainCfDocument, assignment: Assignment, at: number, lineBegin: number, lineEnd: number): ReferenceFields | undefined {
  const text = doc.text;
  if (!assignment.value.includes('$')) return undefined;
  // Parsed references: innermost (latest-starting) one whose head holds the cursor.
  let best: Reference | undefined;
  for (const ref of assignment.value.references) {
    if (ref.span.start <= at && at <= ref.nameSpan.end && (!best || ref.span.start >= best.span.start)) best = ref;
  }
  if (best) {
    const opener = text[best.span.start + 1] === '{' ? '{' : text[best.span.start + 1] === '(' ? '(' : '';
    const head = best.kind === 'conditional' || best.kind === 'comparison' ? { start: best.span.start, end: best.nameSpan.end } : best.span;
    return {
      kind: 'reference',
      name: best.name,
      opener,
      closed: true,
      reference: best,
      referenceSpan: head,
      span: best.nameSpan,
      prefix: text.slice(best.nameSpan.start, Math.max(best.nameSpan.start, at)),
      word: best.name,
    };
  }
  // Being typed: `$`, `$na`, `${`, `${na` right before the cursor, with an odd run of `$` (`$$` is a literal dollar).
  let nameStart = at;
  while (nameStart > lineBegin && NAME_CHAR.test(text[nameStart - 1])) nameStart--;
  let dollar = nameStart - 1;
  let opener: '' | '{' | '(' = '';
  if (text[dollar] === '{' || text[dollar] === '(') {
    opener = text[dollar] as '{' | '(';
    dollar--;
  }
  if (dollar < lineBegin || text[dollar] !== '$') return undefined;
  let run = 0;
  while (dollar - run >= lineBegin && text[dollar - run] === '$') run++;
  if (run % 2 === 0) return undefined;
  let nameEnd = at;
  while (nameEnd < lineEnd && NAME_CHAR.test(text[nameEnd])) nameEnd++;
  const closer = opener === '{' ? '}' : opener === '(' ? ')' : '';
  const closed = opener === '' || text[nameEnd] === closer || text[nameEnd] === '?' || text[nameEnd] === ':';
  const name = text.slice(nameStart, nameEnd);
  return {
    kind: 'reference',
    name,
    opener,
    closed,
    referenceSpan: { start: dollar, end: nameEnd + (closed && closer && text[nameEnd] === closer ? 1 : 0) },
    span: { start: nameStart, end: nameEnd },
    prefix: text.slice(nameStart, at),
    word: name,
  };
}
