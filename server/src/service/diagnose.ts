// Findings for one file, seen with the other files of its instance, after the user's settings.
import type { ParsedFile } from './documents';
import { resolveFindings, type Finding, type ResolvedFinding } from './findings';
import { ignoredCodesByLine, unknownIgnoreCodes } from './ignoreDirectives';
import { fileTypes } from './fileTypes';
import type { Instance } from './instance/instance';
import type { Settings } from './settings';

/** The file's own findings plus what the cross-file rules put on it, resolved and in file order. */
export function diagnoseFile(file: ParsedFile, instance: Instance, crossFile: readonly Finding[], settings: Settings): ResolvedFinding[] {
  const raw = [...fileTypes[file.languageId].validate(file, instance, settings), ...crossFile, ...unknownIgnoreCodes(file.comments)];
  const findings = resolveFindings(raw, settings.severity, (o) => file.lines.positionAt(o).line, ignoredCodesByLine(file.comments));
  return findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
