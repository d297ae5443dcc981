// Parser for main.cf with Postfix's own line rules. It never throws: what it cannot read becomes
// a syntax problem with a span, and parsing goes on with the next line.
import { LineIndex, type Span } from '../text';
import { isTemplateStatementLine, linePrefixTemplate, mayContainTemplate } from './templates';
import { Value, type ValueSegment } from './values';

export interface Assignment {
  name: string;
  nameSpan: Span;
  /** The `=` sign. */
  equalsOffset: number;
  value: Value;
  /** From the name to the end of the last continuation line. */
  span: Span;
  firstLine: number;
  lastLine: number;
  /** Name or value built from template syntax: not a Postfix name we can judge. */
  template: boolean;
}

export type SyntaxProblemKind = 'missing-equals' | 'orphan-continuation' | 'invalid-name' | 'inline-comment' | 'bad-reference';

export interface SyntaxProblem {
  kind: SyntaxProblemKind;
  span: Span;
  message: string;
}

export interface Comment {
  span: Span;
  line: number;
  text: string;
}

export interface MainCfDocument {
  text: string;
  lines: LineIndex;
  assignments: Assignment[];
  comments: Comment[];
  problems: SyntaxProblem[];
  /** Lines that hold template statements or prefixes. */
  templateLines: number[];
  /** Every assignment of a name, in file order: the last one wins. */
  byName: Map<string, Assignment[]>;
}

/** A logical line being read; `broken` ones (no "=") swallow their continuation lines silently. */
interface PendingAssignment {
  head: Omit<Assignment, 'value' | 'span' | 'lastLine'>;
  segments: ValueSegment[];
  joined: number;
  lastLine: number;
  broken?: boolean;
}

// Service names in master.cf may hold '-' and '.', and Postfix derives parameter names from them.
const NAME_OK = /^[A-Za-z0-9_.-]+$/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

export function parseMainCf(text: string): MainCfDocument {
  const body = text;
  const lines = new LineIndex(body);
  const doc: MainCfDocument = { text: body, lines, assignments: [], comments: [], problems: [], templateLines: [], byName: new Map() };
  let current: PendingAssignment | undefined;
  // Most files hold no template syntax at all: then no line needs the per-line template checks.
  const templated = mayContainTemplate(body);

  const finish = () => {
    if (!current) return;
    if (current.broken) {
      current = undefined;
      return;
    }
    const value = new Value(current.segments);
    const lastSeg = current.segments[current.segments.length - 1];
    const end = lastSeg ? lastSeg.start + lastSeg.text.length : current.head.equalsOffset + 1;
    const assignment: Assignment = { ...current.head, value, span: { start: current.head.nameSpan.start, end }, lastLine: current.lastLine };
    if (!assignment.template && value.hasTemplate && value.items.length === value.items.filter((i) => i.template).length) assignment.template = true;
    doc.assignments.push(assignment);
    const list = doc.byName.get(assignment.name);
    if (list) list.push(assignment);
    else doc.byName.set(assignment.name, [assignment]);
    current = undefined;
  };

  for (let line = 0; line < lines.lineCount; line++) {
    let start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (line === 0 && body.charCodeAt(0) === 0xfeff) start++;
    let first = start;
    while (first < end && isBlank(body.charCodeAt(first))) first++;
    if (first === end) continue; // blank lines never end a logical line
    if (body.charCodeAt(first) === 35) {
      doc.comments.push({ span: { start: first, end }, line, text: body.slice(first, end) });
      continue;
    }
    const lineText = templated ? body.slice(start, end) : '';
    if (templated && mayContainTemplate(lineText) && isTemplateStatementLine(lineText)) {
      doc.templateLines.push(line);
      continue;
    }
    if (first > start) {
      if (current) {
        const piece = segment(body, first, end, current.joined, doc);
        if (piece) {
          current.segments.push(piece);
          current.joined += piece.text.length + 1;
        }
        current.lastLine = line;
      } else {
        doc.problems.push({ kind: 'orphan-continuation', span: { start: first, end }, message: 'This line starts with whitespace, so Postfix reads it as the continuation of a previous line, but there is none.' });
      }
      continue;
    }
    finish();
    const prefix = templated && mayContainTemplate(lineText) ? linePrefixTemplate(lineText) : 0;
    if (prefix) doc.templateLines.push(line);
    current = startAssignment(body, start + prefix, end, line, doc, prefix > 0, templated);
  }
  finish();
  return doc;
}

/** Trims trailing blanks and records a `#` that starts a word as an unsupported comment. */
function segment(text: string, from: number, to: number, joinedStart: number, doc: MainCfDocument): ValueSegment | undefined {
  let end = to;
  while (end > from && isBlank(text.charCodeAt(end - 1))) end--;
  if (end <= from) return undefined;
  const piece = text.slice(from, end);
  const hash = findInlineComment(piece);
  if (hash !== -1) {
    doc.problems.push({ kind: 'inline-comment', span: { start: from + hash, end }, message: 'Postfix has no end-of-line comments: this "#" and everything after it is part of the value.' });
  }
  return { start: from, text: piece, joinedStart };
}

/** A `#` at the start of the value or after a blank; a `#` inside a word (regexp, password) is fine. */
function findInlineComment(piece: string): number {
  let at = piece.indexOf('#');
  while (at !== -1) {
    if (at === 0 || isBlank(piece.charCodeAt(at - 1))) {
      if (!piece.startsWith('{#', at - 1)) return at;
    }
    at = piece.indexOf('#', at + 1);
  }
  return -1;
}

function startAssignment(text: string, start: number, end: number, line: number, doc: MainCfDocument, templatePrefix: boolean, templated: boolean): PendingAssignment {
  let nameEnd = start;
  while (nameEnd < end && !isBlank(text.charCodeAt(nameEnd)) && text.charCodeAt(nameEnd) !== 61) nameEnd++;
  const name = text.slice(start, nameEnd);
  let eq = nameEnd;
  while (eq < end && isBlank(text.charCodeAt(eq))) eq++;
  const nameSpan = { start, end: nameEnd };
  const template = templatePrefix || (templated && mayContainTemplate(name));
  if (text.charCodeAt(eq) !== 61) {
    if (!template) doc.problems.push({ kind: 'missing-equals', span: { start, end }, message: `Missing "=" after "${name.slice(0, 60)}": Postfix stops with a fatal error on this line.` });
    return { head: { name, nameSpan, equalsOffset: eq, firstLine: line, template }, segments: [], joined: 0, lastLine: line, broken: true };
  }
  if (!template && !NAME_OK.test(name)) {
    doc.problems.push({ kind: 'invalid-name', span: nameSpan, message: `"${name.slice(0, 60)}" is not a parameter name: names use only letters, digits, "_", "-" and ".".` });
  }
  let valueStart = eq + 1;
  while (valueStart < end && isBlank(text.charCodeAt(valueStart))) valueStart++;
  const first = segment(text, valueStart, end, 0, doc);
  return {
    head: { name, nameSpan, equalsOffset: eq, firstLine: line, template },
    segments: first ? [first] : [],
    joined: first ? first.text.length + 1 : 0,
    lastLine: line,
  };
}
