// master.cf: parser, validator and editor features.
import { isMainCfFile, registerParser } from '../documents';
import { registerValidator } from '../diagnose';
import { registerFeatures } from '../features';
import type { ParsedFile } from '../documents';
import { completeMasterCf } from './complete';
import { hoverMasterCf } from './hover';
import { masterFolding, masterSymbols } from './outline';
import { isMasterCfFile, parseMasterCfFile } from './masterCfFile';
import { validateMasterCf } from './validateMasterCf';

registerParser('postfix-master', parseMasterCfFile);

/** The main.cf of the instance, when it is known. */
function mainOf(file: ParsedFile, instance: readonly ParsedFile[]) {
  const main = instance.find((f) => f !== file && isMainCfFile(f));
  return main && isMainCfFile(main) ? main.main : undefined;
}

registerValidator('postfix-master', (file, instance) => (isMasterCfFile(file) ? validateMasterCf(file.master, { main: instance.main?.main }) : []));

registerFeatures('postfix-master', {
  complete: (file, offset, instance) => (isMasterCfFile(file) ? completeMasterCf(file.master, offset, mainOf(file, instance)) : []),
  hover: (file, offset, instance) => (isMasterCfFile(file) ? hoverMasterCf(file.master, offset, mainOf(file, instance)) : null),
  symbols: (file) => (isMasterCfFile(file) ? masterSymbols(file.master) : []),
  folding: (file) => (isMasterCfFile(file) ? masterFolding(file.master) : []),
});
