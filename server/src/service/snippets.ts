// Snippets, served by the language server so that they are offered only where a new line can start
// (an editor's own snippet support offers them after any matching word, also on the value side).
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import mainSnippets from '../../../snippets/postfix-main.json';
import masterSnippets from '../../../snippets/postfix-master.json';
import type { LanguageId } from './languages';

interface SnippetDefinition {
  prefix: string;
  description: string;
  body: readonly string[];
}

export const snippetFiles: Partial<Record<LanguageId, Readonly<Record<string, SnippetDefinition>>>> = {
  'postfix-main': mainSnippets,
  'postfix-master': masterSnippets,
};

const byPrefix = new Map<string, SnippetDefinition>(
  Object.values(snippetFiles).flatMap((file) => Object.values(file ?? {}).map((s) => [s.prefix, s] as const)),
);

/** Snippet prefixes are words with dashes, as `pf-sasl-dovecot`. */
const PREFIX_CHAR = /[A-Za-z0-9_-]/;

/**
 * The span a snippet would replace at `offset`: the word at the cursor, when only that word stands
 * between the line's start and the cursor and nothing but blanks follows it. Otherwise undefined.
 */
export function snippetSpan(text: string, lineStart: number, lineEnd: number, offset: number): { start: number; end: number } | undefined {
  for (let i = lineStart; i < offset; i++) if (!PREFIX_CHAR.test(text[i])) return undefined;
  let end = offset;
  while (end < lineEnd && PREFIX_CHAR.test(text[end])) end++;
  for (let i = end; i < lineEnd; i++) if (!/[ \t]/.test(text[i])) return undefined;
  return { start: lineStart, end };
}

/** The language's snippets whose prefix holds `typed` as a subsequence; bodies use the document's line break. */
export function snippetItems(languageId: LanguageId, typed: string, range: Range, eol: string): CompletionItem[] {
  const file = snippetFiles[languageId];
  if (!file) return [];
  return Object.values(file)
    .filter((s) => isSubsequence(typed.toLowerCase(), s.prefix))
    .map((s) => ({
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: s.body.join(eol) },
      data: 'snippet',
    }));
}

/** Markdown for a snippet item, filled in on resolve: what it sets up and the lines it writes. */
export function snippetDocs(prefix: string): string | undefined {
  const s = byPrefix.get(prefix);
  if (!s) return undefined;
  const lines = s.body.map((line) => line.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '')).filter((line) => line !== '');
  return `${s.description}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\``;
}

/** True when the characters of `typed` appear in `name` in order (what a client's fuzzy filter accepts, and more). */
export function isSubsequence(typed: string, name: string): boolean {
  let i = 0;
  for (let k = 0; k < name.length && i < typed.length; k++) if (name.charCodeAt(k) === typed.charCodeAt(i)) i++;
  return i === typed.length;
}
