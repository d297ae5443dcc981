// saslauthd settings: parser, validator and editor features.
import { registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { isCyrusSaslFile } from '../cyrus/cyrusFile';
import { cyrusValue } from '../cyrus/parse';
import { completeSaslauthd, hoverSaslauthd, saslauthdFolding, saslauthdSymbols } from './features';
import { isSaslauthdFile, parseSaslauthdFile } from './saslauthdFile';
import { validateSaslauthd } from './validate';

registerParser('saslauthd', parseSaslauthdFile);

registerValidator('saslauthd', (file, instance) => {
  if (!isSaslauthdFile(file)) return [];
  const cyrus = instance.filter(isCyrusSaslFile);
  const methods = cyrus.map((c) => cyrusValue(c.cyrus, 'pwcheck_method')?.value.toLowerCase() ?? '');
  const cyrusUsesSaslauthd = cyrus.length === 0 ? undefined : methods.some((m) => m.includes('saslauthd'));
  return validateSaslauthd(file.saslauthd, { cyrusUsesSaslauthd });
});

registerFeatures('saslauthd', {
  complete: (file, offset) => (isSaslauthdFile(file) ? completeSaslauthd(file, offset) : []),
  hover: (file, offset) => (isSaslauthdFile(file) ? hoverSaslauthd(file, offset) : null),
  symbols: (file) => (isSaslauthdFile(file) ? saslauthdSymbols(file) : []),
  folding: (file) => (isSaslauthdFile(file) ? saslauthdFolding(file) : []),
});
