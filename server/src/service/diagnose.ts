// Findings for one file, seen with the other files of its instance, after the user's settings.
import { isMainCfFile, type ParsedFile } from './documents';
import { resolveFindings, ignoredCodesByLine, type Finding, type ResolvedFinding } from './findings';
import { instanceContextFor } from './instance';
import { checkTargetVersion } from './mainCf/checkTargetVersion';
import { validateMainCf } from './mainCf/validateMainCf';
import type { Settings } from './settings';

/** Per-type validators. Cross-file rules get every file of the instance. */
type Validator = (file: ParsedFile, instance: readonly ParsedFile[]) => Finding[];

const validators = new Map<string, Validator>([
  ['postfix-main', (file, instance) => (isMainCfFile(file) ? validateMainCf(file.main, instanceContextFor(instance.filter((f) => f !== file))) : [])],
]);

const crossFileRules: Validator[] = [];

export function registerValidator(languageId: string, validator: Validator): void {
  validators.set(languageId, validator);
}

/** Rules that look at several files; each returns findings for `file` only. */
export function registerCrossFileRule(rule: Validator): void {
  crossFileRules.push(rule);
}

function rawFindings(file: ParsedFile, instance: readonly ParsedFile[]): Finding[] {
  const findings = [...(validators.get(file.languageId)?.(file, instance) ?? [])];
  for (const rule of crossFileRules) findings.push(...rule(file, instance));
  return findings;
}

export function diagnoseFile(file: ParsedFile, instance: readonly ParsedFile[], settings: Settings): ResolvedFinding[] {
  const raw = rawFindings(file, instance);
  if (settings.postfixVersion && isMainCfFile(file)) raw.push(...checkTargetVersion(file.main, settings.postfixVersion));
  const findings = resolveFindings(raw, settings.severity, (o) => file.lines.positionAt(o).line, ignoredCodesByLine(file.comments));
  return findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
