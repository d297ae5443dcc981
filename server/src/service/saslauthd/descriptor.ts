// saslauthd settings: parser, validator and editor features.
import type { FileTypeDescriptor } from '../fileType';
import { completeSaslauthd, hoverSaslauthd, saslauthdFolding, saslauthdSymbols } from './features';
import { isSaslauthdFile, parseSaslauthdFile } from './saslauthdFile';
import { validateSaslauthd } from './validate';

export const saslauthd: FileTypeDescriptor<'saslauthd'> = {
  languageId: 'saslauthd',
  parse: parseSaslauthdFile,
  validate: (file, instance) => (isSaslauthdFile(file) ? validateSaslauthd(file.saslauthd, { cyrusUsesSaslauthd: instance.cyrusUsesSaslauthd }) : []),
  features: {
    complete: (file, offset) => (isSaslauthdFile(file) ? completeSaslauthd(file, offset) : []),
    hover: (file, offset) => (isSaslauthdFile(file) ? hoverSaslauthd(file, offset) : null),
    symbols: (file) => (isSaslauthdFile(file) ? saslauthdSymbols(file) : []),
    folding: (file) => (isSaslauthdFile(file) ? saslauthdFolding(file) : []),
  },
};
