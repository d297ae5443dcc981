// Findings for one file, seen with the other files of its instance, after the user's settings.
import { isMainCfFile, type ParsedFile } from './documents';
import { resolveFindings, ignoredCodesByLine, type Finding, type ResolvedFinding } from './findings';
import type { Instance } from './instance/instance';
import { checkTargetVersion } from './mainCf/checkTargetVersion';
import { validateMainCf } from './mainCf/validateMainCf';
import type { MasterContext } from './mainCf/userDefined';
import { masterFacts } from './master/masterCfFile';
import type { Settings } from './settings';

/** Per-type validators: the file's own rules, with what they need to know of the instance. */
type Validator = (file: ParsedFile, instance: Instance) => Finding[];

/** main.cf's checks know master.cf's services and the $names its -o values use. */
function masterContext(instance: Instance): MasterContext {
  if (!instance.master) return {};
  const facts = masterFacts(instance.master);
  return { masterServices: new Set(facts.services), externalReferences: new Set(facts.references) };
}

const validators = new Map<string, Validator>([
  ['postfix-main', (file, instance) => (isMainCfFile(file) ? validateMainCf(file.main, masterContext(instance)) : [])],
]);

export function registerValidator(languageId: string, validator: Validator): void {
  validators.set(languageId, validator);
}

/** The file's own findings plus what the cross-file rules put on it, resolved and in file order. */
export function diagnoseFile(file: ParsedFile, instance: Instance, crossFile: readonly Finding[], settings: Settings): ResolvedFinding[] {
  const raw = [...(validators.get(file.languageId)?.(file, instance) ?? []), ...crossFile];
  if (settings.postfixVersion && isMainCfFile(file)) raw.push(...checkTargetVersion(file.main, settings.postfixVersion));
  const findings = resolveFindings(raw, settings.severity, (o) => file.lines.positionAt(o).line, ignoredCodesByLine(file.comments));
  return findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
