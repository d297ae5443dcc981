// master.cf: parser, instance facts, validator and editor features.
import { isMainCfFile, registerParser } from '../documents';
import { registerCrossFileRule, registerValidator } from '../diagnose';
import { registerFeatures } from '../features';
import { registerInstanceFacts } from '../instance';
import type { ParsedFile } from '../documents';
import { completeMasterCf } from './complete';
import { hoverMasterCf } from './hover';
import { masterFolding, masterSymbols } from './outline';
import { isMasterCfFile, masterFacts, parseMasterCfFile } from './masterCfFile';
import { checkServiceRelay } from './checkServiceRelay';
import { validateMasterCf } from './validateMasterCf';

registerParser('postfix-master', parseMasterCfFile);

registerInstanceFacts('postfix-master', (file) => (isMasterCfFile(file) ? masterFacts(file) : {}));

/** The main.cf of the instance, when it is known. */
function mainOf(file: ParsedFile, instance: readonly ParsedFile[]) {
  const main = instance.find((f) => f !== file && isMainCfFile(f));
  return main && isMainCfFile(main) ? main.main : undefined;
}

registerValidator('postfix-master', (file, instance) => (isMasterCfFile(file) ? validateMasterCf(file.master, { main: mainOf(file, instance) }) : []));

registerCrossFileRule(checkServiceRelay);

registerFeatures('postfix-master', {
  complete: (file, offset, instance) => (isMasterCfFile(file) ? completeMasterCf(file.master, offset, mainOf(file, instance)) : []),
  hover: (file, offset, instance) => (isMasterCfFile(file) ? hoverMasterCf(file.master, offset, mainOf(file, instance)) : null),
  symbols: (file) => (isMasterCfFile(file) ? masterSymbols(file.master) : []),
  folding: (file) => (isMasterCfFile(file) ? masterFolding(file.master) : []),
});
