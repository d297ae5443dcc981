// The one list of file types. A language id without a descriptor here fails the type check.
import { cyrusSasl } from './cyrus/descriptor';
import type { ParsedFile } from './documents';
import { dovecot } from './dovecot/descriptor';
import type { FileTypeDescriptor } from './fileType';
import type { LanguageId } from './languages';
import { mainCf } from './mainCf/descriptor';
import { masterCf } from './master/descriptor';
import { saslauthd } from './saslauthd/descriptor';
import { saslPasswd } from './saslPasswd/descriptor';

export const fileTypes: { readonly [L in LanguageId]: FileTypeDescriptor<L> } = {
  'postfix-main': mainCf,
  'postfix-master': masterCf,
  'cyrus-sasl': cyrusSasl,
  saslauthd,
  'postfix-sasl-passwd': saslPasswd,
  dovecot,
};

/** Mail logs stand apart: they are explained against an instance, not part of one (see logFile/descriptor.ts). */
export { logFile } from './logFile/descriptor';

/** Never throws: each file type's parser keeps going past bad lines. */
export function parseFile(uri: string, languageId: LanguageId, text: string): ParsedFile {
  return fileTypes[languageId].parse(uri, text);
}
