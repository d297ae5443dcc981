// Parser for the Cyrus SASL application file (smtpd.conf): `key: value` lines and `#` comments.
// Cyrus lowercases keys, takes the value up to the end of the line, and refuses the whole file when
// one line is not `key: value`. The parser never throws; such a line becomes a problem with a span.
import { isTemplateStatementLine, mayContainTemplate } from '../parser/templates';
import { LineIndex, type Span } from '../text';
import { contentLines } from '../parser/contentLines';

export interface Word {
  text: string;
  span: Span;
  template: boolean;
}

export interface CyrusEntry {
  /** Lowercased, as Cyrus compares keys. */
  key: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
  words: Word[];
  line: number;
  template: boolean;
}

export interface CyrusProblem {
  span: Span;
  message: string;
}

export interface CyrusSaslDocument {
  lines: LineIndex;
  entries: CyrusEntry[];
  comments: Array<{ line: number; text: string; span: Span }>;
  problems: CyrusProblem[];
  /** Every entry of a key in file order. Cyrus uses the first one. */
  byKey: Map<string, CyrusEntry[]>;
}

const KEY_CHAR = /[A-Za-z0-9_-]/;

export function splitWords(text: string, offset: number, separators = /[\s,]/): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (separators.test(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !separators.test(text[i])) i++;
    const piece = text.slice(start, i);
    words.push({ text: piece, span: { start: offset + start, end: offset + i }, template: mayContainTemplate(piece) });
  }
  return words;
}

export function parseCyrusSasl(text: string): CyrusSaslDocument {
  const lines = new LineIndex(text);
  const doc: CyrusSaslDocument = { lines, entries: [], comments: [], problems: [], byKey: new Map() };
  for (const { line, first, end } of contentLines(text, lines, doc.comments)) {
    let p = first;
    const lineText = text.slice(p, end);
    const template = mayContainTemplate(lineText);
    if (template && isTemplateStatementLine(lineText)) continue;
    const keyStart = p;
    while (p < end && KEY_CHAR.test(text[p])) p++;
    const keyEnd = p;
    if (text[p] !== ':' || keyEnd === keyStart) {
      if (template) continue;
      const spaced = keyEnd > keyStart && /^\s*:/.test(text.slice(p, end));
      doc.problems.push({
        span: { start: keyStart, end },
        message: spaced
          ? 'Cyrus SASL wants the ":" right after the option name, with no blank before it. As written, the library rejects the whole file and every login fails.'
          : 'This line is not "option: value". Cyrus SASL rejects the whole file because of it, and every login fails.',
      });
      continue;
    }
    p++;
    while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    let valueEnd = end;
    while (valueEnd > p && /\s/.test(text[valueEnd - 1])) valueEnd--;
    const value = text.slice(p, valueEnd);
    if (!value && !template) {
      doc.problems.push({ span: { start: keyStart, end }, message: 'This option has no value. Cyrus SASL rejects the whole file because of it, and every login fails. Give a value or remove the line.' });
      continue;
    }
    const entry: CyrusEntry = {
      key: text.slice(keyStart, keyEnd).toLowerCase(),
      keySpan: { start: keyStart, end: keyEnd },
      value,
      valueSpan: { start: p, end: valueEnd },
      words: splitWords(value, p),
      line,
      template,
    };
    doc.entries.push(entry);
    const list = doc.byKey.get(entry.key);
    if (list) list.push(entry);
    else doc.byKey.set(entry.key, [entry]);
  }
  return doc;
}

/** The entry Cyrus uses for `key`: the first one in the file. */
export function cyrusValue(doc: CyrusSaslDocument, key: string): CyrusEntry | undefined {
  return doc.byKey.get(key)?.[0];
}
