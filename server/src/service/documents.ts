// One parsed file of any type we know (each type's parser is in its descriptor, listed in fileTypes.ts),
// so the server, the CLI and the cross-file rules handle every type the same way.
import type { LanguageId } from './languages';
import type { MainCfDocument } from './parser/mainCf';
import type { LineIndex, Span } from './text';

export interface ParsedFile {
  uri: string;
  languageId: LanguageId;
  text: string;
  lines: LineIndex;
  /** Comments with their line, for `# postfix-sasl: ignore CODE`. */
  comments: ReadonlyArray<{ line: number; text: string; span: Span }>;
  /** Facts about the file on disk, set by the front end (the service itself never touches the disk). */
  disk?: DiskFacts;
}

export interface DiskFacts {
  /** Absolute path on disk. */
  path: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  mtimeMs: number;
  /** Compiled lookup tables next to it (`FILE.db`, `FILE.lmdb`, `FILE.cdb`) with their times. */
  compiled: ReadonlyArray<{ path: string; mtimeMs: number }>;
}

export interface MainCfFile extends ParsedFile {
  languageId: 'postfix-main';
  main: MainCfDocument;
}

export function isMainCfFile(file: ParsedFile): file is MainCfFile {
  return file.languageId === 'postfix-main';
}
