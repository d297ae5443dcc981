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

/** Where a value's pieces are: the joined text, and for each piece its document offset and its index in the text. */
export interface ValueLayout {
  text: string;
  /** Plain numbers rather than one object per piece: a site's long lists run to thousands of lines. */
  starts: readonly number[];
  joinedStarts: readonly number[];
}

/** A long value that is laid out only when something reads it: most rules never look inside a list. */
export interface LazyValue {
  /** The document from the first piece's start to the last piece's end: every character of the value is in it. */
  stretch: string;
  /** Document offset of the stretch. */
  start: number;
  /** The stretch holds only the pieces and the line breaks and blanks between them, no comment lines:
   * a word without blanks is in the value exactly when it is in the stretch, at the same place. */
  plain: boolean;
  layout(): ValueLayout;
}

export class Value {
  private laidOut: ValueLayout | undefined;
  private readonly lazy: LazyValue | undefined;
  /** The file holds no template syntax: then no value of it does. */
  private readonly noTemplates: boolean;
  private itemsCache?: ValueItem[];
  private referencesCache?: { references: Reference[]; errors: ValueProblem[] };

  constructor(layout: ValueLayout | LazyValue, noTemplates = false) {
    if ('layout' in layout) this.lazy = layout;
    else this.laidOut = layout;
    this.noTemplates = noTemplates;
  }

  /** A value from its trimmed physical pieces (in document order) and their document offsets. */
  static fromPieces(pieces: readonly string[], starts: readonly number[]): Value {
    const joinedStarts = new Array<number>(pieces.length);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      joinedStarts[i] = at;
      at += pieces[i].length + 1;
    }
    return new Value({ text: pieces.join(' '), starts, joinedStarts });
  }

  static fromSegments(segments: readonly ValueSegment[]): Value {
    return Value.fromPieces(
      segments.map((s) => s.text),
      segments.map((s) => s.start),
    );
  }

  private get layout(): ValueLayout {
    if (!this.laidOut) this.laidOut = this.lazy!.layout();
    return this.laidOut;
  }

  /** The value as Postfix sees it: the physical pieces joined by one space. */
  get text(): string {
    return this.layout.text;
  }

  /** Whether the value holds `needle` (no blanks in it); a long value that cannot is not laid out to find out. */
  includes(needle: string): boolean {
    if (!this.laidOut) {
      if (!this.lazy!.stretch.includes(needle)) return false;
      if (this.lazy!.plain) return true;
    }
    return this.text.includes(needle);
  }

  get segmentCount(): number {
    return this.layout.starts.length;
  }

  /** The pieces as objects; made on demand, for the few callers that walk them. */
  get segments(): ValueSegment[] {
    const { starts, joinedStarts, text } = this.layout;
    return starts.map((start, i) => ({ start, text: text.slice(joinedStarts[i], joinedStarts[i] + this.pieceLength(i)), joinedStart: joinedStarts[i] }));
  }

  private pieceLength(i: number): number {
    const { joinedStarts, text } = this.layout;
    return (i + 1 < joinedStarts.length ? joinedStarts[i + 1] - 1 : text.length) - joinedStarts[i];
  }

  get span(): Span {
    if (this.lazy) return { start: this.lazy.start, end: this.lazy.start + this.lazy.stretch.length };
    const n = this.layout.starts.length;
    if (n === 0) return { start: 0, end: 0 };
    return { start: this.layout.starts[0], end: this.layout.starts[n - 1] + this.pieceLength(n - 1) };
  }

  /** Maps an index in the joined value to a document offset. */
  toOffset(index: number): number {
    const { starts, joinedStarts: joined } = this.layout;
    if (joined.length === 0) return 0;
    let low = 0;
    let high = joined.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (joined[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return starts[low] + Math.min(index - joined[low], this.pieceLength(low));
  }

  toSpan(start: number, end: number): Span {
    return { start: this.toOffset(start), end: end > start ? this.toOffset(end - 1) + 1 : this.toOffset(start) };
  }

  /** Inverse of toOffset: the joined index of a document offset inside the value, or -1. */
  fromOffset(offset: number): number {
    const { starts, joinedStarts } = this.layout;
    for (let i = 0; i < starts.length; i++) {
      if (offset >= starts[i] && offset <= starts[i] + this.pieceLength(i)) return joinedStarts[i] + offset - starts[i];
    }
    return -1;
  }

  get hasTemplate(): boolean {
    if (this.noTemplates) return false;
    if (!this.laidOut && !mayContainTemplate(this.lazy!.stretch)) return false;
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
      // A long value whose stretch holds only its pieces is scanned in the document itself: the
      // references and their spans come out the same, without laying the list out.
      const direct = !this.laidOut && this.lazy!.plain;
      const base = direct ? this.lazy!.start : 0;
      const toSpan = direct ? (from: number, to: number) => ({ start: base + from, end: base + to }) : (from: number, to: number) => this.toSpan(from, to);
      const scan = this.includes('$') ? scanReferences(direct ? this.lazy!.stretch : this.text) : { references: [], errors: [] };
      this.referencesCache = {
        references: scan.references.map((r) => ({ name: r.name, kind: r.kind, nameSpan: toSpan(r.nameStart, r.nameEnd), span: toSpan(r.start, r.end) })),
        errors: scan.errors.map((e) => ({ message: e.message, span: toSpan(e.start, e.end) })),
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
          } else if (ch === '{') {
            // Inside a word, as in inline:{ { key = a value } }, braces nest and blanks in them do not split (Postfix's mystrtokq).
            const close = matchingClose(text, i);
            i = close === -1 ? text.length : close + 1;
          } else i++;
        }
      }
      const template = templates.some(([s, e]) => s < i && e > start);
      items.push({ text: text.slice(start, i), span: this.toSpan(start, i), group, template });
    }
    return items;
  }
}
