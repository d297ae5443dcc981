// Outline, folding, go to definition, find references and rename for main.cf.
import { SymbolKind, type DocumentSymbol, type FoldingRange, type Location, type WorkspaceEdit } from 'vscode-languageserver-types';
import { lookupParameter } from '../data/catalogue';
import type { MainCfFile } from '../documents';
import type { Span } from '../text';

export function mainCfSymbols(file: MainCfFile): DocumentSymbol[] {
  return file.main.assignments.map((a) => ({
    name: a.name || '(empty)',
    detail: a.value.text.length > 60 ? a.value.text.slice(0, 57) + '...' : a.value.text,
    kind: lookupParameter(a.name) ? SymbolKind.Property : SymbolKind.Variable,
    range: file.lines.rangeOf(a.span),
    selectionRange: file.lines.rangeOf(a.nameSpan),
  }));
}

/** Continued values fold, and so do runs of three or more comment lines. */
export function mainCfFolding(file: MainCfFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const a of file.main.assignments) if (a.lastLine > a.firstLine) ranges.push({ startLine: a.firstLine, endLine: a.lastLine });
  const comments = file.main.comments;
  for (let i = 0; i < comments.length; ) {
    let j = i;
    while (j + 1 < comments.length && comments[j + 1].line === comments[j].line + 1) j++;
    if (j - i >= 2) ranges.push({ startLine: comments[i].line, endLine: comments[j].line, kind: 'comment' });
    i = j + 1;
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** The parameter name under the cursor: an assignment's name or a $reference. */
export function nameAt(file: MainCfFile, offset: number): { name: string; span: Span } | undefined {
  const line = file.lines.positionAt(offset).line;
  for (const a of assignmentsAround(file, line)) {
    if (offset >= a.nameSpan.start && offset <= a.nameSpan.end) return { name: a.name, span: a.nameSpan };
    for (const ref of a.value.references) {
      if (offset >= ref.span.start && offset <= ref.span.end) return { name: ref.name, span: ref.nameSpan };
    }
  }
  return undefined;
}

/** Assignments covering `line`; binary search keeps this fast in 20,000-line files. */
function assignmentsAround(file: MainCfFile, line: number) {
  const list = file.main.assignments;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid].lastLine < line) low = mid + 1;
    else if (list[mid].firstLine > line) high = mid - 1;
    else return [list[mid]];
  }
  return [];
}

export function mainCfDefinition(file: MainCfFile, offset: number): Location[] {
  const target = nameAt(file, offset);
  const list = target && file.main.byName.get(target.name);
  if (!list) return [];
  return list.map((a) => ({ uri: file.uri, range: file.lines.rangeOf(a.nameSpan) }));
}

function occurrences(file: MainCfFile, name: string): Span[] {
  const spans: Span[] = [];
  for (const a of file.main.assignments) {
    if (a.name === name) spans.push(a.nameSpan);
    if (a.value.includes(name)) for (const ref of a.value.references) if (ref.name === name) spans.push(ref.nameSpan);
  }
  return spans;
}

export function mainCfReferences(file: MainCfFile, offset: number, includeDeclaration: boolean): Location[] {
  const target = nameAt(file, offset);
  if (!target) return [];
  const declared = new Set((file.main.byName.get(target.name) ?? []).map((a) => a.nameSpan.start));
  return occurrences(file, target.name)
    .filter((s) => includeDeclaration || !declared.has(s.start))
    .map((s) => ({ uri: file.uri, range: file.lines.rangeOf(s) }));
}

/** Only your own parameters can be renamed: Postfix's names are fixed. */
export function mainCfPrepareRename(file: MainCfFile, offset: number): Span | undefined {
  const target = nameAt(file, offset);
  if (!target || lookupParameter(target.name) || !file.main.byName.has(target.name)) return undefined;
  return target.span;
}

export function mainCfRename(file: MainCfFile, offset: number, newName: string): WorkspaceEdit | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(newName)) return undefined;
  const span = mainCfPrepareRename(file, offset);
  if (!span) return undefined;
  const name = file.text.slice(span.start, span.end);
  return { changes: { [file.uri]: occurrences(file, name).map((s) => ({ range: file.lines.rangeOf(s), newText: newName })) } };
}
