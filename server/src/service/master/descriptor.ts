// master.cf: parser, validator and editor features.
import { isMainCfFile, type ParsedFile } from '../documents';
import type { FileTypeDescriptor } from '../fileType';
import { completeMasterCf } from './complete';
import { hoverMasterCf } from './hover';
import { masterFolding, masterSymbols } from './outline';
import { isMasterCfFile, parseMasterCfFile } from './masterCfFile';
import { validateMasterCf } from './validateMasterCf';

/** The main.cf of the instance, when it is known. */
function mainOf(file: ParsedFile, instance: readonly ParsedFile[]) {
  const main = instance.find((f) => f !== file && isMainCfFile(f));
  return main && isMainCfFile(main) ? main.main : undefined;
}

export const masterCf: FileTypeDescriptor<'postfix-master'> = {
  languageId: 'postfix-master',
  parse: parseMasterCfFile,
  validate: (file, instance) => (isMasterCfFile(file) ? validateMasterCf(file.master, { main: instance.main?.main }) : []),
  features: {
    complete: (file, offset, instance) => (isMasterCfFile(file) ? completeMasterCf(file.master, offset, mainOf(file, instance)) : []),
    hover: (file, offset, instance) => (isMasterCfFile(file) ? hoverMasterCf(file.master, offset, mainOf(file, instance)) : null),
    symbols: (file) => (isMasterCfFile(file) ? masterSymbols(file.master) : []),
    folding: (file) => (isMasterCfFile(file) ? masterFolding(file.master) : []),
  },
};
