// Small helpers that the file types share for their editor features (hover, completion, outline).
import { CompletionItemKind, MarkupKind, SymbolKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover } from 'vscode-languageserver-types';
import type { LineIndex, Span } from './text';

export function hoverAt(lines: LineIndex, span: Span, markdown: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: lines.rangeOf(span) };
}

/** Completion items that replace `span` (the word being typed) with each entry. */
export function wordItems(
  lines: LineIndex,
  span: Span,
  entries: ReadonlyArray<{ name: string; doc: string }>,
  kind: CompletionItemKind = CompletionItemKind.Value,
  suffix = '',
): CompletionItem[] {
  const range = lines.rangeOf(span);
  return entries.map((e) => ({
    label: e.name,
    kind,
    documentation: { kind: MarkupKind.Markdown, value: e.doc },
    textEdit: { range, newText: e.name + suffix },
  }));
}

export const keyKind = CompletionItemKind.Property;

/** The word around `offset` on its line (letters, digits and the characters in `extra`). */
export function wordSpanAt(text: string, lineStart: number, offset: number, extra = '_-'): Span {
  const ok = (c: string | undefined) => c !== undefined && (/[A-Za-z0-9]/.test(c) || extra.includes(c));
  let start = offset;
  while (start > lineStart && ok(text[start - 1])) start--;
  let end = offset;
  while (ok(text[end])) end++;
  return { start, end };
}

export function propertySymbol(lines: LineIndex, name: string, detail: string, whole: Span, selection: Span): DocumentSymbol {
  return { name, detail, kind: SymbolKind.Property, range: lines.rangeOf(whole), selectionRange: lines.rangeOf(selection) };
}

/** Runs of two or more comment lines fold into one. */
export function commentFolding(comments: ReadonlyArray<{ line: number }>): FoldingRange[] {
  const out: FoldingRange[] = [];
  let first = -1;
  let last = -2;
  const flush = () => {
    if (first >= 0 && last > first) out.push({ startLine: first, endLine: last, kind: 'comment' });
  };
  for (const c of comments) {
    if (c.line === last + 1) last = c.line;
    else {
      flush();
      first = last = c.line;
    }
  }
  flush();
  return out;
}

export const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;
