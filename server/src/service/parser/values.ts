// A parameter value as Postfix reads it: continuation lines joined, with every character mapped back
// to its place in the document, split into list items.
import type { Span } from '../text';
import { matchingClose, scanReferences, type ReferenceKind } from './references';
import { mayContainTemplate, templateSpans } from './templates';

/** One physical piece of a value (the value part of the first line, or a continuation line). */
export interface ValueSegment {
  /** Document offset of the segment's first character. */
  start: number;
  text: string;
  /** Index of the segment's first character in the joined value. */
  joinedStart: number;
}

export interface ValueItem {
  text: string;
  span: Span;
  /** A `{ ... }` group, kept whole. */
  group: boolean;
  /** Contains template syntax: never checked. */
  template: boolean;
}

export interface Reference {
  name: string;
  nameSpan: Span;
  span: Span;
  kind: ReferenceKind;
}

export interface ValueProblem {
  span: Span;
  message: string;
}

/** The joined index of a one-piece value's only piece: shared, since most values are one line. */
const ONE_PIECE: readonly number[] = [0];

/** A long value's text, joined only when something reads it. */
export interface LazyText {
  /** The stretch of the document the value spans: every character of the value is in it. */
  readonly stretch: string;
  readonly length: number;
  join(): string;
}

export class Value {
  private joined: string | undefined;
  private readonly lazy: LazyText | undefined;
  /** Length of the joined text. */
  readonly length: number;
  /** Document offset of each piece's first character, and that character's index in `text`. Plain
   * numbers rather than one object per piece: a site's long lists run to thousands of lines. */
  private readonly starts: readonly number[];
  private readonly joinedStarts: readonly number[];
  private itemsCache?: ValueItem[];
  private referencesCache?: { references: Reference[]; errors: ValueProblem[] };

  /** `starts[i]` is the document offset of piece i, `joinedStarts[i]` its index in `text`. */
  constructor(text: string | LazyText, starts: readonly number[], joinedStarts: readonly number[]) {
    if (typeof text === 'string') this.joined = text;
    else this.lazy = text;
    this.length = text.length;
    this.starts = starts;
    this.joinedStarts = joinedStarts.length === 1 ? ONE_PIECE : joinedStarts;
  }

  /** The value as Postfix sees it: the physical pieces joined by one space. */
  get text(): string {
    if (this.joined === undefined) this.joined = this.lazy!.join();
    return this.joined;
  }

  /** Whether the value holds `needle` (no blanks in it); a long value that cannot is not joined to find out. */
  includes(needle: string): boolean {
    if (this.joined === undefined && !this.lazy!.stretch.includes(needle)) return false;
    return this.text.includes(needle);
  }

  /** A value from its trimmed physical pieces (in document order) and their document offsets. */
  static fromPieces(pieces: readonly string[], starts: readonly number[]): Value {
    const joinedStarts = new Array<number>(pieces.length);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      joinedStarts[i] = at;
      at += pieces[i].length + 1;
    }
    return new Value(pieces.join(' '), starts, joinedStarts);
  }

  static fromSegments(segments: readonly ValueSegment[]): Value {
    return Value.fromPieces(
      segments.map((s) => s.text),
      segments.map((s) => s.start),
    );
  }

  get segmentCount(): number {
    return this.starts.length;
  }

  /** The pieces as objects; made on demand, for the few callers that walk them. */
  get segments(): ValueSegment[] {
    return this.starts.map((start, i) => ({ start, text: this.text.slice(this.joinedStarts[i], this.joinedStarts[i] + this.pieceLength(i)), joinedStart: this.joinedStarts[i] }));
  }

  private pieceLength(i: number): number {
    return (i + 1 < this.joinedStarts.length ? this.joinedStarts[i + 1] - 1 : this.length) - this.joinedStarts[i];
  }

  get span(): Span {
    const n = this.starts.length;
    if (n === 0) return { start: 0, end: 0 };
    return { start: this.starts[0], end: this.starts[n - 1] + this.pieceLength(n - 1) };
  }

  /** Maps an index in the joined value to a document offset. */
  toOffset(index: number): number {
    const joined = this.joinedStarts;
    if (joined.length === 0) return 0;
    let low = 0;
    let high = joined.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (joined[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return this.starts[low] + Math.min(index - joined[low], this.pieceLength(low));
  }

  toSpan(start: number, end: number): Span {
    return { start: this.toOffset(start), end: end > start ? this.toOffset(end - 1) + 1 : this.toOffset(start) };
  }

  /** Inverse of toOffset: the joined index of a document offset inside the value, or -1. */
  fromOffset(offset: number): number {
    for (let i = 0; i < this.starts.length; i++) {
      if (offset >= this.starts[i] && offset <= this.starts[i] + this.pieceLength(i)) return this.joinedStarts[i] + offset - this.starts[i];
    }
    return -1;
  }

  get hasTemplate(): boolean {
    if (this.joined === undefined && !mayContainTemplate(this.lazy!.stretch)) return false;
    return mayContainTemplate(this.text) && this.items.some((i) => i.template);
  }

  /** Items separated by whitespace or commas; `{ }` groups and `${ }` references stay whole. */
  get items(): ValueItem[] {
    if (!this.itemsCache) this.itemsCache = this.splitItems();
    return this.itemsCache;
  }

  get references(): Reference[] {
    return this.scanReferences().references;
  }

  get referenceErrors(): ValueProblem[] {
    return this.scanReferences().errors;
  }

  private scanReferences() {
    if (!this.referencesCache) {
      const scan = this.includes('$') ? scanReferences(this.text) : { references: [], errors: [] };
      this.referencesCache = {
        references: scan.references.map((r) => ({ name: r.name, kind: r.kind, nameSpan: this.toSpan(r.nameStart, r.nameEnd), span: this.toSpan(r.start, r.end) })),
        errors: scan.errors.map((e) => ({ message: e.message, span: this.toSpan(e.start, e.end) })),
      };
    }
    return this.referencesCache;
  }

  private splitItems(): ValueItem[] {
    const text = this.text;
    const templates = templateSpans(text);
    const items: ValueItem[] = [];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === ',' || c === '\r' || c === '\n') {
        i++;
        continue;
      }
      const start = i;
      let group = false;
      if (c === '{' && text[i + 1] !== '{') {
        const close = matchingClose(text, i);
        i = close === -1 ? text.length : close + 1;
        group = true;
      } else {
        while (i < text.length) {
          const ch = text[i];
          if (ch === ' ' || ch === '\t' || ch === ',') break;
          if (ch === '$' && (text[i + 1] === '{' || text[i + 1] === '(')) {
            const close = matchingClose(text, i + 1);
            i = close === -1 ? text.length : close + 1;
          } else if (ch === '{' && text[i + 1] === '{') {
            const close = text.indexOf('}}', i);
            i = close === -1 ? text.length : close + 2;
          } else i++;
        }
      }
      const template = templates.some(([s, e]) => s < i && e > start);
      items.push({ text: text.slice(start, i), span: this.toSpan(start, i), group, template });
    }
    return items;
  }
}
