// Dovecot configuration: parser, validator, editor features, and the rules across Dovecot and Postfix.
import { registerCrossFileRule, registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { dovecotCrossFindings } from './crossRules';
import { isDovecotFile, parseDovecotFile } from './dovecotFile';
import { completeDovecot, dovecotFolding, dovecotSymbols, hoverDovecot } from './features';
import { validateDovecot } from './validate';

registerParser('dovecot', parseDovecotFile);

registerValidator('dovecot', (file) => (isDovecotFile(file) ? validateDovecot(file.dovecot) : []));

registerCrossFileRule(dovecotCrossFindings);

registerFeatures('dovecot', {
  complete: (file, offset) => (isDovecotFile(file) ? completeDovecot(file, offset) : []),
  hover: (file, offset) => (isDovecotFile(file) ? hoverDovecot(file, offset) : null),
  symbols: (file) => (isDovecotFile(file) ? dovecotSymbols(file) : []),
  folding: (file) => (isDovecotFile(file) ? dovecotFolding(file) : []),
});
