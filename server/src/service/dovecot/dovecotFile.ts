// A Dovecot configuration file as one of our parsed file types.
import type { ParsedFile } from '../documents';
import { parseDovecot, type DovecotDocument } from './parse';

export interface DovecotFile extends ParsedFile {
  languageId: 'dovecot';
  dovecot: DovecotDocument;
}

export function isDovecotFile(file: ParsedFile): file is DovecotFile {
  return file.languageId === 'dovecot' && 'dovecot' in file;
}

export function parseDovecotFile(uri: string, text: string): DovecotFile {
  const dovecot = parseDovecot(text);
  return { uri, languageId: 'dovecot', text, lines: dovecot.lines, comments: dovecot.comments, dovecot };
}
