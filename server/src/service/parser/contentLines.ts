// The line walk that the simple `#`-comment formats share (Cyrus SASL, saslauthd, sasl_passwd):
// blank lines are skipped, comment lines are collected, and every other line is handed over.
import type { LineIndex, Span } from '../text';

export interface ContentLine {
  line: number;
  /** Start of the line's content (after a BOM on the first line). */
  start: number;
  /** First non-blank character. */
  first: number;
  /** End of the line, before its line break. */
  end: number;
}

export interface LineComment {
  line: number;
  text: string;
  span: Span;
}

export function* contentLines(text: string, lines: LineIndex, comments: LineComment[]): Generator<ContentLine> {
  for (let line = 0; line < lines.lineCount; line++) {
    let start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (line === 0 && text.charCodeAt(0) === 0xfeff) start++;
    let first = start;
    while (first < end && /\s/.test(text[first])) first++;
    if (first === end) continue;
    if (text[first] === '#') {
      comments.push({ line, text: text.slice(first, end), span: { start: first, end } });
      continue;
    }
    yield { line, start, first, end };
  }
}
