// Parser for main.cf with Postfix's own line rules. It never throws: what it cannot read becomes
// a syntax problem with a span, and parsing goes on with the next line.
import { LineIndex, type Span } from '../text';
import { isTemplateStatementLine, linePrefixTemplate, mayContainTemplate } from './templates';
import { isBlank, postfixContentStart } from './contentLines';
import { Value, type ValueLayout } from './values';

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

/** What the helpers of one parse share. */
interface ParseContext {
  text: string;
  lines: LineIndex;
  doc: MainCfDocument;
  comments: InlineCommentFinder;
  /** The file holds template syntax somewhere: lines need the per-line template checks. */
  templated: boolean;
}

/** A logical line being read; `broken` ones (no "=") swallow their continuation lines silently. */
interface PendingAssignment {
  head: Omit<Assignment, 'value' | 'span' | 'lastLine'>;
  /** Document offsets where the value's first piece starts and its last one ends (trimmed); -1 while it has none. */
  firstStart: number;
  lastEnd: number;
  pieceCount: number;
  /** How many comment lines the file had when the first and the last piece were read. */
  commentsAtFirst: number;
  commentsAtLast: number;
  /** Each piece, kept in a file with template syntax only: the stretch between them may hold template lines. */
  pieces: Array<[number, number]>;
  lastLine: number;
  /** No "=": the line and its continuation lines are not an assignment. */
  broken: boolean;
}

// Service names in master.cf may hold '-' and '.', and Postfix derives parameter names from them.
const NAME_OK = /^[A-Za-z0-9_.-]+$/;

export function parseMainCf(text: string): MainCfDocument {
  const body = text;
  const lines = new LineIndex(body);
  const doc: MainCfDocument = { text: body, lines, assignments: [], comments: [], problems: [], templateLines: [], byName: new Map() };
  let current: PendingAssignment | undefined;
  // Most files hold no template syntax at all: then no line needs the per-line template checks.
  const templated = mayContainTemplate(body);
  const ctx: ParseContext = { text: body, lines, doc, comments: new InlineCommentFinder(body), templated };

  const finish = () => {
    if (!current) return;
    if (current.broken) {
      current = undefined;
      return;
    }
    const value = valueOf(ctx, current);
    const end = current.pieceCount ? current.lastEnd : current.head.equalsOffset + 1;
    const { head } = current;
    // Spelled out rather than spread: a spread copy here cost a kilobyte an assignment.
    const assignment: Assignment = { name: head.name, nameSpan: head.nameSpan, equalsOffset: head.equalsOffset, value, span: { start: head.nameSpan.start, end }, firstLine: head.firstLine, lastLine: current.lastLine, template: head.template };
    if (!assignment.template && templated && value.hasTemplate && value.items.length === value.items.filter((i) => i.template).length) assignment.template = true;
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
    const first = postfixContentStart(body, start, end, line, doc.comments);
    if (first === -1) continue;
    const lineText = templated ? body.slice(start, end) : '';
    if (templated && mayContainTemplate(lineText) && isTemplateStatementLine(lineText)) {
      doc.templateLines.push(line);
      continue;
    }
    if (first > start) {
      if (current && !templated) {
        line = readContinuation(ctx, current, line) - 1;
        continue;
      }
      if (current) {
        addPiece(ctx, current, first, end);
        current.lastLine = line;
      } else {
        doc.problems.push({ kind: 'orphan-continuation', span: { start: first, end }, message: 'This line starts with whitespace, so Postfix reads it as the continuation of a previous line, but there is none.' });
      }
      continue;
    }
    finish();
    const prefix = templated && mayContainTemplate(lineText) ? linePrefixTemplate(lineText) : 0;
    if (prefix) doc.templateLines.push(line);
    current = startAssignment(ctx, start + prefix, end, line, prefix > 0);
  }
  finish();
  return doc;
}

/**
 * Takes the continuation lines (and the blank and comment lines among them) from `line` on, in a file
 * without template syntax; returns the first line it did not take. A small loop of its own: a site's
 * long lists are most of a large file, and this gets optimized long before the whole parse loop would.
 */
function readContinuation(ctx: ParseContext, pending: PendingAssignment, line: number): number {
  const { text, lines, doc } = ctx;
  for (; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    const first = postfixContentStart(text, start, end, line, doc.comments);
    if (first === -1) continue;
    if (first === start) return line;
    addPiece(ctx, pending, first, end);
    pending.lastLine = line;
  }
  return line;
}

/** Adds the line's part [from, to) to the value, trimmed; records a `#` that starts a word as an unsupported comment. */
function addPiece(ctx: ParseContext, pending: PendingAssignment, from: number, to: number): void {
  const { text, doc } = ctx;
  let end = to;
  while (end > from && isBlank(text.charCodeAt(end - 1))) end--;
  if (end <= from) return;
  const hash = ctx.comments.firstIn(from, end);
  if (hash !== -1) {
    doc.problems.push({ kind: 'inline-comment', span: { start: hash, end }, message: 'Postfix has no end-of-line comments: this "#" and everything after it is part of the value.' });
  }
  if (pending.firstStart === -1) {
    pending.firstStart = from;
    pending.commentsAtFirst = doc.comments.length;
  }
  pending.commentsAtLast = doc.comments.length;
  pending.lastEnd = end;
  pending.pieceCount++;
  if (ctx.templated) pending.pieces.push([from, end]);
}

/**
 * The value as Postfix reads it. A value of several lines is laid out (joined, each piece mapped to
 * the document) only when a rule reads it: most never look inside a site's long lists.
 */
function valueOf(ctx: ParseContext, pending: PendingAssignment): Value {
  const { text, lines, templated } = ctx;
  const { firstStart, lastEnd, pieceCount, pieces, commentsAtFirst, commentsAtLast } = pending;
  if (pieceCount === 0) return new Value({ text: '', starts: [], joinedStarts: [] }, !templated);
  if (templated) return Value.fromPieces(pieces.map(([s, e]) => text.slice(s, e)), pieces.map(([s]) => s));
  if (pieceCount === 1) return new Value({ text: text.slice(firstStart, lastEnd), starts: [firstStart], joinedStarts: [0] }, true);
  const stretch = text.slice(firstStart, lastEnd);
  return new Value({ stretch, start: firstStart, plain: commentsAtLast === commentsAtFirst, layout: () => layOut(text, lines, firstStart, lastEnd) }, true);
}

/** Splits the value between `from` (its first piece) and `to` (the end of its last) into its pieces, as the parser read them; no template lines lie between. */
function layOut(text: string, lines: LineIndex, from: number, to: number): ValueLayout {
  const pieces: string[] = [];
  const starts: number[] = [];
  const joinedStarts: number[] = [];
  let joined = 0;
  for (let line = lines.positionAt(from).line; line < lines.lineCount && lines.lineStarts[line] < to; line++) {
    let first = Math.max(lines.lineStarts[line], from);
    let end = Math.min(lines.lineEnd(line), to);
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    while (end > first && isBlank(text.charCodeAt(end - 1))) end--;
    if (end > first && (first === from || text.charCodeAt(first) !== 35)) {
      pieces.push(text.slice(first, end));
      starts.push(first);
      joinedStarts.push(joined);
      joined += end - first + 1;
    }
  }
  return { text: pieces.join(' '), starts, joinedStarts };
}

/**
 * Finds a `#` that starts a word inside a piece of a value (Postfix has no end-of-line comments); a
 * `#` inside a word (regexp, password, `{#`) is fine. Pieces come in document order, so the next `#`
 * is found once with indexOf and remembered, rather than every character of every line looked at.
 */
class InlineCommentFinder {
  private next = -1;

  constructor(private readonly text: string) {}

  firstIn(from: number, end: number): number {
    if (this.next < from) this.next = this.after(from);
    while (this.next < end) {
      const at = this.next;
      if (at === from || isBlank(this.text.charCodeAt(at - 1))) return at;
      this.next = this.after(at + 1);
    }
    return -1;
  }

  private after(from: number): number {
    // "None left" is the text's length rather than Infinity: a field that turns from integer to
    // double throws away the optimized parse loop.
    const at = this.text.indexOf('#', from);
    return at === -1 ? this.text.length : at;
  }
}

function startAssignment(ctx: ParseContext, start: number, end: number, line: number, templatePrefix: boolean): PendingAssignment {
  const { text, doc, templated } = ctx;
  let nameEnd = start;
  while (nameEnd < end && !isBlank(text.charCodeAt(nameEnd)) && text.charCodeAt(nameEnd) !== 61) nameEnd++;
  const name = text.slice(start, nameEnd);
  let eq = nameEnd;
  while (eq < end && isBlank(text.charCodeAt(eq))) eq++;
  const nameSpan = { start, end: nameEnd };
  const template = templatePrefix || (templated && mayContainTemplate(name));
  if (text.charCodeAt(eq) !== 61) {
    if (!template) doc.problems.push({ kind: 'missing-equals', span: { start, end }, message: `Missing "=" after "${name.slice(0, 60)}": Postfix stops with a fatal error on this line.` });
    return { head: { name, nameSpan, equalsOffset: eq, firstLine: line, template }, firstStart: -1, lastEnd: -1, pieceCount: 0, commentsAtFirst: 0, commentsAtLast: 0, pieces: [], lastLine: line, broken: true };
  }
  if (!template && !NAME_OK.test(name)) {
    doc.problems.push({ kind: 'invalid-name', span: nameSpan, message: `"${name.slice(0, 60)}" is not a parameter name: names use only letters, digits, "_", "-" and ".".` });
  }
  let valueStart = eq + 1;
  while (valueStart < end && isBlank(text.charCodeAt(valueStart))) valueStart++;
  const pending: PendingAssignment = { head: { name, nameSpan, equalsOffset: eq, firstLine: line, template }, firstStart: -1, lastEnd: -1, pieceCount: 0, commentsAtFirst: 0, commentsAtLast: 0, pieces: [], lastLine: line, broken: false };
  addPiece(ctx, pending, valueStart, end);
  return pending;
}
