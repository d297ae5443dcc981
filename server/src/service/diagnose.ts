// Findings for one file, seen with the other files of its instance, after the user's settings.
import type { ParsedFile } from './documents';
import { byPosition, resolveFindings, type Finding, type ResolvedFinding } from './findings';
import { ignoredCodesByLine, unknownIgnoreCodes } from './ignoreDirectives';
import { fileTypes } from './fileTypes';
import type { Instance } from './instance/instance';
import type { Settings } from './settings';
import { runSteps, type Steps } from './steps';

/** The file's own findings plus what the cross-file rules put on it, resolved and in file order. */
export function diagnoseFile(file: ParsedFile, instance: Instance, crossFile: readonly Finding[], settings: Settings): ResolvedFinding[] {
  return runSteps(diagnoseFileSteps(file, instance, crossFile, settings));
}

/** The same, in the steps of the file type's validator when it has them. */
export function* diagnoseFileSteps(file: ParsedFile, instance: Instance, crossFile: readonly Finding[], settings: Settings): Steps<ResolvedFinding[]> {
  const type = fileTypes[file.languageId];
  const own = type.validateSteps ? yield* type.validateSteps(file, instance, settings) : type.validate(file, instance, settings);
  yield;
  const raw = [...own, ...crossFile, ...unknownIgnoreCodes(file.comments)];
  const findings = resolveFindings(raw, settings.severity, (o) => file.lines.positionAt(o).line, ignoredCodesByLine(file.comments));
  yield;
  return findings.sort(byPosition);
}
