// main.cf: editor features. Validation is registered in diagnose.ts; navigation in registerNavigation.ts.
import { isMainCfFile } from '../documents';
import { registerFeatures } from '../features';
import { completeMainCf } from './completion';
import { hoverMainCf } from './hover';

registerFeatures('postfix-main', {
  complete: (file, offset) => (isMainCfFile(file) ? completeMainCf(file.main, offset) : []),
  hover: (file, offset) => (isMainCfFile(file) ? hoverMainCf(file.main, offset, file.uri) : null),
});
