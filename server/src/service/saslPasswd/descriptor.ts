// sasl_passwd: parser, validator and editor features.
import type { FileTypeDescriptor } from '../fileType';
import { completeSaslPasswd, hoverSaslPasswd, saslPasswdFolding, saslPasswdSymbols } from './features';
import { isSaslPasswdFile, parseSaslPasswdFile } from './saslPasswdFile';
import { validateSaslPasswd } from './validate';

export const saslPasswd: FileTypeDescriptor<'postfix-sasl-passwd'> = {
  languageId: 'postfix-sasl-passwd',
  parse: parseSaslPasswdFile,
  validate: (file) => (isSaslPasswdFile(file) ? validateSaslPasswd(file.passwd) : []),
  features: {
    complete: (file, offset, instance) => (isSaslPasswdFile(file) ? completeSaslPasswd(file, offset, instance) : []),
    hover: (file, offset) => (isSaslPasswdFile(file) ? hoverSaslPasswd(file, offset) : null),
    symbols: (file) => (isSaslPasswdFile(file) ? saslPasswdSymbols(file) : []),
    folding: (file) => (isSaslPasswdFile(file) ? saslPasswdFolding(file) : []),
  },
};
