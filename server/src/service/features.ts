// Per-file-type editor features. Each is a pure function of (parsed file, offset, instance).
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-types';
import type { ParsedFile } from './documents';
import type { LanguageId } from './languages';

export interface LanguageFeatures {
  complete?(file: ParsedFile, offset: number, instance: readonly ParsedFile[]): CompletionItem[];
  hover?(file: ParsedFile, offset: number, instance: readonly ParsedFile[]): Hover | null;
  symbols?(file: ParsedFile): DocumentSymbol[];
  folding?(file: ParsedFile): FoldingRange[];
}

const registry = new Map<LanguageId, LanguageFeatures>();

export function registerFeatures(languageId: LanguageId, features: LanguageFeatures): void {
  registry.set(languageId, { ...registry.get(languageId), ...features });
}

export function featuresFor(languageId: LanguageId): LanguageFeatures {
  return registry.get(languageId) ?? {};
}
