// The one entry point the server and the CLI share: text in, parsed file and findings out.
// Binary files and files over the size limit are handled here, so both front ends behave alike.
import type { ParsedFile } from './documents';
import { parseFile } from './fileTypes';
import type { ResolvedFinding } from './findings';
import { checkInstance } from './instance/check';
import { instanceFromFiles } from './instance/locate';
import { configuredVersions } from './instance/targetVersion';
import type { LanguageId } from './languages';
import type { Settings } from './settings';

/** NUL bytes, or many undecodable characters, near the start: not a text file. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return head.length > 0 && bad / head.length > 0.1;
}

/** Cuts at the last line break before `limit` characters. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n', limit);
  return text.slice(0, cut > 0 ? cut + 1 : limit);
}

export interface Analysis {
  file: ParsedFile;
  findings: ResolvedFinding[];
}

/** A parse that remembers why it may hold less than the text: binary content, or the size limit. */
export interface ParsedText {
  file: ParsedFile;
  binary: boolean;
  truncated: boolean;
}

/** Parses `text`, or its head past the size limit; binary text is not parsed at all. */
export function parseText(uri: string, languageId: LanguageId, text: string, settings: Settings): ParsedText {
  if (looksBinary(text)) return { file: parseFile(uri, languageId, ''), binary: true, truncated: false };
  const head = truncate(text, settings.maxFileSize);
  return { file: parseFile(uri, languageId, head), binary: false, truncated: head.length < text.length };
}

/** Checks a parse together with the other files of its instance (given as belonging together). */
export function checkParsed(parsed: ParsedText, settings: Settings, others: readonly ParsedFile[] = []): ResolvedFinding[] {
  const files = [parsed.file, ...others.filter((o) => o.uri !== parsed.file.uri)];
  const instance = instanceFromFiles(files, (i) => (i === 0 ? parsed : { file: files[i], binary: false, truncated: false }), configuredVersions(settings));
  return checkInstance(instance, settings).find((r) => r.file === parsed.file)?.findings ?? [];
}

/** Parses `text` (or its head, past the size limit) and checks it against its instance. */
export function analyze(uri: string, languageId: LanguageId, text: string, settings: Settings, others: readonly ParsedFile[] = []): Analysis {
  const parsed = parseText(uri, languageId, text, settings);
  return { file: parsed.file, findings: checkParsed(parsed, settings, others) };
}

/** Parses without checking, for files that only serve as context for another file's checks. */
export function parseForContext(uri: string, languageId: LanguageId, text: string, settings: Settings): ParsedFile {
  return parseText(uri, languageId, text, settings).file;
}
