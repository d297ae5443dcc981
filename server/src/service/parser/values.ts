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

export class Value {
  /** The value as Postfix sees it: segments joined by one space. */
  readonly text: string;
  private itemsCache?: ValueItem[];
  private referencesCache?: { references: Reference[]; errors: ValueProblem[] };

  constructor(readonly segments: ValueSegment[]) {
    this.text = segments.map((s) => s.text).join(' ');
  }

  get span(): Span {
    if (this.segments.length === 0) return { start: 0, end: 0 };
    const last = this.segments[this.segments.length - 1];
    return { start: this.segments[0].start, end: last.start + last.text.length };
  }

  /** Maps an index in the joined value to a document offset. */
  toOffset(index: number): number {
    const segs = this.segments;
    let low = 0;
    let high = segs.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segs[mid].joinedStart <= index) low = mid;
      else high = mid - 1;
    }
    const seg = segs[low];
    return seg.start + Math.min(index - seg.joinedStart, seg.text.length);
  }

  toSpan(start: number, end: number): Span {
    return { start: this.toOffset(start), end: end > start ? this.toOffset(end - 1) + 1 : this.toOffset(start) };
  }

  /** Inverse of toOffset: the joined index of a document offset inside the value, or -1. */
  fromOffset(offset: number): number {
    for (const seg of this.segments) {
      if (offset >= seg.start && offset <= seg.start + seg.text.length) return seg.joinedStart + offset - seg.start;
    }
    return -1;
  }

  get hasTemplate(): boolean {
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
      const scan = this.text.includes('$') ? scanReferences(this.text) : { references: [], errors: [] };
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
