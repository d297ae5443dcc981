// main.cf: validator and editor features.
import { registerFeatures } from '../features';

registerFeatures('postfix-main', {});
