// Cyrus SASL application file (smtpd.conf): parser, validator and editor features.
import { registerValidator } from '../diagnose';
import { registerParser } from '../documents';
import { registerFeatures } from '../features';
import { isCyrusSaslFile, parseCyrusSaslFile } from './cyrusFile';
import { completeCyrus, cyrusFolding, cyrusSymbols, hoverCyrus } from './features';
import { validateCyrusSasl } from './validate';

registerParser('cyrus-sasl', parseCyrusSaslFile);

registerValidator('cyrus-sasl', (file) => (isCyrusSaslFile(file) ? validateCyrusSasl(file.cyrus) : []));

registerFeatures('cyrus-sasl', {
  complete: (file, offset) => (isCyrusSaslFile(file) ? completeCyrus(file, offset) : []),
  hover: (file, offset) => (isCyrusSaslFile(file) ? hoverCyrus(file, offset) : null),
  symbols: (file) => (isCyrusSaslFile(file) ? cyrusSymbols(file) : []),
  folding: (file) => (isCyrusSaslFile(file) ? cyrusFolding(file) : []),
});
