// sasl_passwd: parser, validator and editor features.
import type { FileTypeDescriptor } from '../fileType';
import { completeSaslPasswd, hoverSaslPasswd, saslPasswdFolding, saslPasswdSymbols } from './features';
import { isSaslPasswdFile, parseSaslPasswdFile } from './saslPasswdFile';
import { passwdLineHover, withAnswer } from '../smtpClient/hover';
import { validateSaslPasswd } from './validate';

export const saslPasswd: FileTypeDescriptor<'postfix-sasl-passwd'> = {
  languageId: 'postfix-sasl-passwd',
  parse: parseSaslPasswdFile,
  validate: (file) => (isSaslPasswdFile(file) ? validateSaslPasswd(file.passwd) : []),
  features: {
    complete: (file, offset, instance) => (isSaslPasswdFile(file) ? completeSaslPasswd(file, offset, instance) : []),
    hover: (file, offset, instance) => (isSaslPasswdFile(file) ? withAnswer(hoverSaslPasswd(file, offset), passwdLineHover(file, offset, instance)) : null),
    symbols: (file) => (isSaslPasswdFile(file) ? saslPasswdSymbols(file) : []),
    folding: (file) => (isSaslPasswdFile(file) ? saslPasswdFolding(file) : []),
  },
};
