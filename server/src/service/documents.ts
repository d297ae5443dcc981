// One parsed file of any type we know. Parsers register here so the server, the CLI and the
// cross-file rules handle every type the same way.
import type { LanguageId } from './languages';
import { parseMainCf, type MainCfDocument } from './parser/mainCf';
import { LineIndex } from './text';

export interface ParsedFileBase {
  uri: string;
  languageId: LanguageId;
  lines: LineIndex;
  /** Comments with their line, for `# postfix-sasl: ignore CODE`. */
  comments: ReadonlyArray<{ line: number; text: string }>;
}

export interface MainCfFile extends ParsedFileBase {
  languageId: 'postfix-main';
  main: MainCfDocument;
}

/** Types whose parsers are not written yet are kept as text only, so nothing is lost. */
export interface OtherFile extends ParsedFileBase {
  languageId: Exclude<LanguageId, 'postfix-main'>;
  text: string;
}

export type ParsedFile = MainCfFile | OtherFile;

export function parseFile(uri: string, languageId: LanguageId, text: string): ParsedFile {
  switch (languageId) {
    case 'postfix-main': {
      const main = parseMainCf(text);
      return { uri, languageId, lines: main.lines, comments: main.comments, main };
    }
    default: {
      return { uri, languageId, lines: new LineIndex(text), comments: [], text };
    }
  }
}
