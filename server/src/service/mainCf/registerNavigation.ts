// main.cf: outline, folding and name navigation.
import { isMainCfFile } from '../documents';
import { registerFeatures } from '../features';
import { mainCfDefinition, mainCfFolding, mainCfPrepareRename, mainCfReferences, mainCfRename, mainCfSymbols } from './navigation';

registerFeatures('postfix-main', {
  symbols: (file) => (isMainCfFile(file) ? mainCfSymbols(file) : []),
  folding: (file) => (isMainCfFile(file) ? mainCfFolding(file) : []),
  definition: (file, offset) => (isMainCfFile(file) ? mainCfDefinition(file, offset) : []),
  references: (file, offset, includeDeclaration) => (isMainCfFile(file) ? mainCfReferences(file, offset, includeDeclaration) : []),
  prepareRename: (file, offset) => (isMainCfFile(file) ? mainCfPrepareRename(file, offset) : undefined),
  rename: (file, offset, newName) => (isMainCfFile(file) ? mainCfRename(file, offset, newName) : undefined),
});
