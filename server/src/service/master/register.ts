// master.cf: parser, instance facts, validator and editor features.
import { isMainCfFile, registerParser } from '../documents';
import { registerValidator } from '../diagnose';
import { registerInstanceFacts } from '../instance';
import { isMasterCfFile, masterFacts, parseMasterCfFile } from './masterCfFile';
import { validateMasterCf } from './validateMasterCf';

registerParser('postfix-master', parseMasterCfFile);

registerInstanceFacts('postfix-master', (file) => (isMasterCfFile(file) ? masterFacts(file) : {}));

registerValidator('postfix-master', (file, instance) => {
  if (!isMasterCfFile(file)) return [];
  const main = instance.find((f) => f !== file && isMainCfFile(f));
  return validateMasterCf(file.master, { main: main && isMainCfFile(main) ? main.main : undefined });
});
