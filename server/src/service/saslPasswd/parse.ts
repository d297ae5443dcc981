// Parser for sasl_passwd, a Postfix lookup table source: `key value` lines where the value is
// `username:password`. As postmap reads it: `#` starts a comment line, a line that starts with a
// blank continues the previous entry. Never throws.
import { isTemplateStatementLine, mayContainTemplate } from '../parser/templates';
import { LineIndex, type Span } from '../text';
import { contentLines } from '../parser/contentLines';

export type PasswdKeyKind = 'bracketed' | 'host' | 'domain' | 'address' | 'template';

export interface PasswdEntry {
  key: string;
  keySpan: Span;
  keyKind: PasswdKeyKind;
  /** The whole value, continuation lines joined by a blank. */
  value: string;
  valueSpan?: Span;
  username?: { text: string; span: Span };
  password?: { text: string; span: Span };
  firstLine: number;
  lastLine: number;
  template: boolean;
}

export interface PasswdProblem {
  span: Span;
  message: string;
}

export interface SaslPasswdDocument {
  lines: LineIndex;
  entries: PasswdEntry[];
  comments: Array<{ line: number; text: string; span: Span }>;
  problems: PasswdProblem[];
}

export function keyKind(key: string): PasswdKeyKind {
  if (mayContainTemplate(key)) return 'template';
  if (key.startsWith('[')) return 'bracketed';
  if (key.startsWith('@')) return 'domain';
  if (key.includes('@')) return 'address';
  return 'host';
}

export function parseSaslPasswd(text: string): SaslPasswdDocument {
  const lines = new LineIndex(text);
  const doc: SaslPasswdDocument = { lines, entries: [], comments: [], problems: [] };
  let current: PasswdEntry | undefined;
  const finish = () => {
    if (current) splitCredentials(current, text);
    current = undefined;
  };
  for (const { line, start, first, end } of contentLines(text, lines, doc.comments)) {
    const p = first;
    let e = end;
    while (e > p && /\s/.test(text[e - 1])) e--;
    const lineText = text.slice(p, e);
    if (mayContainTemplate(lineText) && isTemplateStatementLine(lineText)) continue;
    if (p > start) {
      if (current) {
        current.value = current.value ? `${current.value} ${lineText}` : lineText;
        current.valueSpan = { start: current.valueSpan?.start ?? p, end: e };
        current.lastLine = line;
      } else {
        doc.problems.push({ span: { start: p, end: e }, message: 'This line starts with a blank, so postmap reads it as the continuation of an entry, but there is none before it.' });
      }
      continue;
    }
    finish();
    const keyEnd = keyEndOf(text, p, e);
    const key = text.slice(p, keyEnd);
    let v = keyEnd;
    while (v < e && /\s/.test(text[v])) v++;
    current = {
      key,
      keySpan: { start: p, end: keyEnd },
      keyKind: keyKind(key),
      value: text.slice(v, e),
      valueSpan: v < e ? { start: v, end: e } : undefined,
      firstLine: line,
      lastLine: line,
      template: mayContainTemplate(lineText),
    };
    doc.entries.push(current);
  }
  finish();
  return doc;
}

/** The key ends at the first blank; a Jinja `{{ x }}` key keeps its inner blanks. */
function keyEndOf(text: string, p: number, e: number): number {
  let i = p;
  while (i < e) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i);
      if (close !== -1 && close < e) {
        i = close + 2;
        continue;
      }
    }
    if (/\s/.test(text[i])) break;
    i++;
  }
  return i;
}

/** Postfix splits the value at the first ":"; without one the password is empty. */
function splitCredentials(entry: PasswdEntry, text: string): void {
  if (!entry.valueSpan || entry.template) return;
  const colon = entry.value.indexOf(':');
  const start = entry.valueSpan.start;
  if (colon === -1) {
    entry.username = { text: entry.value, span: entry.valueSpan };
    return;
  }
  // Offsets map one to one only on a single line; continuation values keep the whole span.
  const single = entry.firstLine === entry.lastLine && text.slice(start, entry.valueSpan.end) === entry.value;
  entry.username = { text: entry.value.slice(0, colon), span: single ? { start, end: start + colon } : entry.valueSpan };
  entry.password = { text: entry.value.slice(colon + 1), span: single ? { start: start + colon + 1, end: entry.valueSpan.end } : entry.valueSpan };
}
