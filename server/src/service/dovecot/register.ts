// Dovecot configuration: parser, validator and editor features (the rules across Dovecot and Postfix are in crossFile/).
import { registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { isDovecotFile, parseDovecotFile } from './dovecotFile';
import { completeDovecot, dovecotFolding, dovecotSymbols, hoverDovecot } from './features';
import { validateDovecot } from './validate';

registerParser('dovecot', parseDovecotFile);

registerValidator('dovecot', (file) => (isDovecotFile(file) ? validateDovecot(file.dovecot) : []));

registerFeatures('dovecot', {
  complete: (file, offset) => (isDovecotFile(file) ? completeDovecot(file, offset) : []),
  hover: (file, offset) => (isDovecotFile(file) ? hoverDovecot(file, offset) : null),
  symbols: (file) => (isDovecotFile(file) ? dovecotSymbols(file) : []),
  folding: (file) => (isDovecotFile(file) ? dovecotFolding(file) : []),
});
