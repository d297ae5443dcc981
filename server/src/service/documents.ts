// One parsed file of any type we know. Each file type registers its parser here, so the server,
// the CLI and the cross-file rules handle every type the same way.
import type { LanguageId } from './languages';
import { parseMainCf, type MainCfDocument } from './parser/mainCf';
import { LineIndex } from './text';

export interface ParsedFile {
  uri: string;
  languageId: LanguageId;
  text: string;
  lines: LineIndex;
  /** Comments with their line, for `# postfix-sasl: ignore CODE`. */
  comments: ReadonlyArray<{ line: number; text: string }>;
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

type Parser = (uri: string, text: string) => ParsedFile;

const parsers = new Map<LanguageId, Parser>([
  ['postfix-main', (uri, text) => {
    const main = parseMainCf(text);
    return { uri, languageId: 'postfix-main', text, lines: main.lines, comments: main.comments, main } as MainCfFile;
  }],
]);

export function registerParser(languageId: LanguageId, parser: Parser): void {
  parsers.set(languageId, parser);
}

/** Never throws: a type without a parser yet is kept as plain text. */
export function parseFile(uri: string, languageId: LanguageId, text: string): ParsedFile {
  const parser = parsers.get(languageId);
  if (parser) return parser(uri, text);
  return { uri, languageId, text, lines: new LineIndex(text), comments: [] };
}
