// Test inputs with a `|` cursor marker, both line-break styles, and applying a completion item.
import type { CompletionItem } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/service/text';

/** Removes the single `|` marker and returns the text and the cursor's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset === -1 || marked.indexOf('|', offset + 1) !== -1) throw new Error(`expected exactly one "|" in ${JSON.stringify(marked)}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The same text with `\n` and with `\r\n` line breaks. */
export function bothEols(text: string): Array<{ eol: string; text: string }> {
  const lf = text.replace(/\r\n/g, '\n');
  return [
    { eol: 'LF', text: lf },
    { eol: 'CRLF', text: lf.replace(/\n/g, '\r\n') },
  ];
}

/** Snippet text as inserted once every placeholder keeps its default: `${1:x}` → x, `$1` → ''. */
export function expandSnippet(snippet: string): string {
  let out = snippet;
  let previous;
  do {
    previous = out;
    out = out.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\}/g, '').replace(/\$\d+/g, '');
  } while (out !== previous);
  return out.replace(/\\([$}\\])/g, '$1');
}

/** Applies the item's textEdit (or insertText / label at the cursor) and returns the new text. */
export function applyCompletion(text: string, offset: number, item: CompletionItem): string {
  const snippet = item.insertTextFormat === 2;
  const edit = item.textEdit;
  if (edit && 'range' in edit) {
    const lines = new LineIndex(text);
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    if (start > offset || end < offset) throw new Error(`edit range ${start}-${end} does not hold the cursor ${offset}`);
    const inserted = snippet ? expandSnippet(edit.newText) : edit.newText;
    return text.slice(0, start) + inserted + text.slice(end);
  }
  const inserted = item.insertText ?? item.label;
  return text.slice(0, offset) + (snippet ? expandSnippet(inserted) : inserted) + text.slice(offset);
}
