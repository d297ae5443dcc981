// saslauthd settings: parser, validator and editor features.
import { registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { completeSaslauthd, hoverSaslauthd, saslauthdFolding, saslauthdSymbols } from './features';
import { isSaslauthdFile, parseSaslauthdFile } from './saslauthdFile';
import { validateSaslauthd } from './validate';

registerParser('saslauthd', parseSaslauthdFile);

registerValidator('saslauthd', (file, instance) => (isSaslauthdFile(file) ? validateSaslauthd(file.saslauthd, { cyrusUsesSaslauthd: instance.cyrusUsesSaslauthd }) : []));

registerFeatures('saslauthd', {
  complete: (file, offset) => (isSaslauthdFile(file) ? completeSaslauthd(file, offset) : []),
  hover: (file, offset) => (isSaslauthdFile(file) ? hoverSaslauthd(file, offset) : null),
  symbols: (file) => (isSaslauthdFile(file) ? saslauthdSymbols(file) : []),
  folding: (file) => (isSaslauthdFile(file) ? saslauthdFolding(file) : []),
});
