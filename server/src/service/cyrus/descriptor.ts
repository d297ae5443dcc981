// Cyrus SASL application file (smtpd.conf): parser, validator and editor features.
import type { FileTypeDescriptor } from '../fileType';
import { isCyrusSaslFile, parseCyrusSaslFile } from './cyrusFile';
import { completeCyrus, cyrusFolding, cyrusSymbols, hoverCyrus } from './features';
import { validateCyrusSasl } from './validate';

export const cyrusSasl: FileTypeDescriptor<'cyrus-sasl'> = {
  languageId: 'cyrus-sasl',
  parse: parseCyrusSaslFile,
  validate: (file) => (isCyrusSaslFile(file) ? validateCyrusSasl(file.cyrus) : []),
  features: {
    complete: (file, offset) => (isCyrusSaslFile(file) ? completeCyrus(file, offset) : []),
    hover: (file, offset) => (isCyrusSaslFile(file) ? hoverCyrus(file, offset) : null),
    symbols: (file) => (isCyrusSaslFile(file) ? cyrusSymbols(file) : []),
    folding: (file) => (isCyrusSaslFile(file) ? cyrusFolding(file) : []),
  },
};
