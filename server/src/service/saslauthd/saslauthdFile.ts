// saslauthd's settings file as one of our parsed file types.
import type { ParsedFile } from '../documents';
import { parseSaslauthd, type SaslauthdDocument } from './parse';

export interface SaslauthdFile extends ParsedFile {
  languageId: 'saslauthd';
  saslauthd: SaslauthdDocument;
}

export function isSaslauthdFile(file: ParsedFile): file is SaslauthdFile {
  return file.languageId === 'saslauthd' && 'saslauthd' in file;
}

export function parseSaslauthdFile(uri: string, text: string): SaslauthdFile {
  const saslauthd = parseSaslauthd(text, uri);
  return { uri, languageId: 'saslauthd', text, lines: saslauthd.lines, comments: saslauthd.comments, saslauthd };
}
