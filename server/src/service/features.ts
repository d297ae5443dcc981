// Per-file-type editor features (each descriptor's `features`). Each is a pure function of (parsed file, offset, instance).
import type { CompletionItem, CompletionList, DocumentSymbol, FoldingRange, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Span } from './text';
import type { ParsedFile } from './documents';

export interface LanguageFeatures {
  /** A list when it may be cut short (the client asks again as the user types). */
  complete?(file: ParsedFile, offset: number, instance: readonly ParsedFile[]): CompletionItem[] | CompletionList;
  /** `postfixVersion`: the release the instance is judged for (its defaults are shown); undefined: the newest. */
  hover?(file: ParsedFile, offset: number, instance: readonly ParsedFile[], postfixVersion?: string): Hover | null;
  symbols?(file: ParsedFile): DocumentSymbol[];
  folding?(file: ParsedFile): FoldingRange[];
  definition?(file: ParsedFile, offset: number): Location[];
  references?(file: ParsedFile, offset: number, includeDeclaration: boolean): Location[];
  prepareRename?(file: ParsedFile, offset: number): Span | undefined;
  rename?(file: ParsedFile, offset: number, newName: string): WorkspaceEdit | undefined;
}

/** The items of a completion answer, list or array. */
export function completionItems(answer: CompletionItem[] | CompletionList | undefined): CompletionItem[] {
  return answer === undefined ? [] : Array.isArray(answer) ? answer : answer.items;
}
