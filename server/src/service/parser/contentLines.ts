// The line walks the parsers share: blank lines are skipped, comment lines collected, every other line
// handed over. The simple `#`-comment formats (Cyrus SASL, saslauthd, sasl_passwd) use the generator;
// main.cf and master.cf, whose loops run over every line of a large file, ask line by line.
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

/** Blanks as Postfix's main.cf and master.cf readers count them: space, tab, form feed, vertical tab. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

/**
 * The first non-blank character of the line [start, end) of a Postfix file, or -1 when the line says
 * nothing: blank, or a comment (which is added to `comments`). Blank and comment lines never end a
 * logical line there.
 */
export function postfixContentStart(text: string, start: number, end: number, line: number, comments: LineComment[]): number {
  let first = start;
  while (first < end && isBlank(text.charCodeAt(first))) first++;
  if (first === end) return -1;
  if (text.charCodeAt(first) === 35) {
    comments.push({ line, text: text.slice(first, end), span: { start: first, end } });
    return -1;
  }
  return first;
}
