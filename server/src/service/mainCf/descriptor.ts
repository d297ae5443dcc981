// main.cf: parser, validator and editor features.
import { isMainCfFile, type MainCfFile, type ParsedFile } from '../documents';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { FileTypeDescriptor } from '../fileType';
import type { Instance } from '../instance/instance';
import { masterFacts } from '../master/masterCfFile';
import { parseMainCf } from '../parser/mainCf';
import { checkTargetVersion } from './checkTargetVersion';
import { completeMainCf } from './completion';
import { hoverMainCf } from './hover';
import { nextHopHover, withAnswer } from '../smtpClient/hover';
import { mainCfDefinition, mainCfFolding, mainCfPrepareRename, mainCfReferences, mainCfRename, mainCfSymbols } from './navigation';
import type { MasterContext } from './userDefined';
import { runSteps, type Steps } from '../steps';
import { validateMainCfSteps } from './validateMainCf';

/** main.cf's checks know master.cf's services and the $names its -o values use. */
function masterContext(instance: Instance): MasterContext {
  if (!instance.master) return {};
  const facts = masterFacts(instance.master);
  return { masterServices: new Set(facts.services), externalReferences: new Set(facts.references) };
}

function* validateSteps(file: ParsedFile, instance: Instance, settings: Settings): Steps<Finding[]> {
  if (!isMainCfFile(file)) return [];
  const findings = yield* validateMainCfSteps(file.main, masterContext(instance));
  const target = instance.postfixVersion ?? (settings.postfixVersion || undefined);
  if (target) findings.push(...checkTargetVersion(file.main, target));
  return findings;
}

export const mainCf: FileTypeDescriptor<'postfix-main'> = {
  languageId: 'postfix-main',
  parse: (uri, text): MainCfFile => {
    const main = parseMainCf(text);
    return { uri, languageId: 'postfix-main', text, lines: main.lines, comments: main.comments, main };
  },
  validate: (file, instance, settings) => runSteps(validateSteps(file, instance, settings)),
  validateSteps,
  features: {
    complete: (file, offset) => (isMainCfFile(file) ? completeMainCf(file.main, offset) : []),
    hover: (file, offset, instance, postfixVersion) => (isMainCfFile(file) ? withAnswer(hoverMainCf(file.main, offset, file.uri, postfixVersion), nextHopHover(file, offset, instance)) : null),
    symbols: (file) => (isMainCfFile(file) ? mainCfSymbols(file) : []),
    folding: (file) => (isMainCfFile(file) ? mainCfFolding(file) : []),
    definition: (file, offset) => (isMainCfFile(file) ? mainCfDefinition(file, offset) : []),
    references: (file, offset, includeDeclaration) => (isMainCfFile(file) ? mainCfReferences(file, offset, includeDeclaration) : []),
    prepareRename: (file, offset) => (isMainCfFile(file) ? mainCfPrepareRename(file, offset) : undefined),
    rename: (file, offset, newName) => (isMainCfFile(file) ? mainCfRename(file, offset, newName) : undefined),
  },
};
