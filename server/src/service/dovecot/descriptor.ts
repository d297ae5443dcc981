// Dovecot configuration: parser, validator and editor features (the rules across Dovecot and Postfix are in crossFile/).
import type { FileTypeDescriptor } from '../fileType';
import { isDovecotFile, parseDovecotFile } from './dovecotFile';
import { completeDovecot, dovecotFolding, dovecotSymbols, hoverDovecot } from './features';
import { validateDovecot } from './validate';

export const dovecot: FileTypeDescriptor<'dovecot'> = {
  languageId: 'dovecot',
  parse: parseDovecotFile,
  validate: (file, instance) => (isDovecotFile(file) ? validateDovecot(file.dovecot, instance.dovecotLine) : []),
  features: {
    complete: (file, offset) => (isDovecotFile(file) ? completeDovecot(file, offset) : []),
    hover: (file, offset) => (isDovecotFile(file) ? hoverDovecot(file, offset) : null),
    symbols: (file) => (isDovecotFile(file) ? dovecotSymbols(file) : []),
    folding: (file) => (isDovecotFile(file) ? dovecotFolding(file) : []),
  },
};
