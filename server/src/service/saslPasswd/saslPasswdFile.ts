// sasl_passwd as one of our parsed file types.
import type { ParsedFile } from '../documents';
import { parseSaslPasswd, type SaslPasswdDocument } from './parse';

export interface SaslPasswdFile extends ParsedFile {
  languageId: 'postfix-sasl-passwd';
  passwd: SaslPasswdDocument;
}

export function isSaslPasswdFile(file: ParsedFile): file is SaslPasswdFile {
  return file.languageId === 'postfix-sasl-passwd' && 'passwd' in file;
}

export function parseSaslPasswdFile(uri: string, text: string): SaslPasswdFile {
  const passwd = parseSaslPasswd(text);
  return { uri, languageId: 'postfix-sasl-passwd', text, lines: passwd.lines, comments: passwd.comments, passwd };
}
