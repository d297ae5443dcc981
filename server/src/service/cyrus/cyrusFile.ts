// The Cyrus SASL application file as one of our parsed file types.
import type { ParsedFile } from '../documents';
import { parseCyrusSasl, type CyrusSaslDocument } from './parse';

export interface CyrusSaslFile extends ParsedFile {
  languageId: 'cyrus-sasl';
  cyrus: CyrusSaslDocument;
}

export function isCyrusSaslFile(file: ParsedFile): file is CyrusSaslFile {
  return file.languageId === 'cyrus-sasl' && 'cyrus' in file;
}

export function parseCyrusSaslFile(uri: string, text: string): CyrusSaslFile {
  const cyrus = parseCyrusSasl(text);
  return { uri, languageId: 'cyrus-sasl', text, lines: cyrus.lines, comments: cyrus.comments, cyrus };
}
