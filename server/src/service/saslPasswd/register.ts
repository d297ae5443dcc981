// sasl_passwd: parser, validator and editor features.
import { registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { completeSaslPasswd, hoverSaslPasswd, saslPasswdFolding, saslPasswdSymbols } from './features';
import { isSaslPasswdFile, parseSaslPasswdFile } from './saslPasswdFile';
import { validateSaslPasswd } from './validate';

registerParser('postfix-sasl-passwd', parseSaslPasswdFile);

registerValidator('postfix-sasl-passwd', (file) => (isSaslPasswdFile(file) ? validateSaslPasswd(file.passwd) : []));

registerFeatures('postfix-sasl-passwd', {
  complete: (file, offset, instance) => (isSaslPasswdFile(file) ? completeSaslPasswd(file, offset, instance) : []),
  hover: (file, offset) => (isSaslPasswdFile(file) ? hoverSaslPasswd(file, offset) : null),
  symbols: (file) => (isSaslPasswdFile(file) ? saslPasswdSymbols(file) : []),
  folding: (file) => (isSaslPasswdFile(file) ? saslPasswdFolding(file) : []),
});
