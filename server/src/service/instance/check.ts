// Checks a whole instance in one run: every member's own rules, the cross-file rules once, and the
// notes about files that could not be used. Each member gets the findings that land on it.
import type { ParsedText } from '../analyze';
import { crossFileFindings } from '../crossFile';
import { diagnoseFileSteps } from '../diagnose';
import { isMainCfFile, type ParsedFile } from '../documents';
import { parseFile } from '../fileTypes';
import { byPosition, resolveFindings, type Finding, type ResolvedFinding } from '../findings';
import { ignoredCodesByLine } from '../ignoreDirectives';
import type { Settings } from '../settings';
import { runSteps, type Steps } from '../steps';
import type { Instance } from './instance';

export interface FileFindings {
  /** The path in the tree the instance was read from. */
  path: string;
  file: ParsedFile;
  findings: ResolvedFinding[];
}

/** Binary content and the size limit: say so, and check no more than the syntax of the head. */
export function limitedFindings(parsed: ParsedText, settings: Settings): ResolvedFinding[] | undefined {
  const { file } = parsed;
  if (parsed.binary) {
    const finding: Finding = { code: 'binary-file', span: { start: 0, end: 0 }, message: 'This is not a text file (it holds NUL bytes or undecodable characters), so it was not checked. Lookup tables such as sasl_passwd.db are binary: open the source file instead.' };
    return resolveFindings([finding], settings.severity, () => 0);
  }
  if (parsed.truncated) {
    // A file this large is not a configuration anyone wrote by hand: the syntax of its head is
    // all that is worth the time, and it keeps the editor responsive.
    const limit = `${Math.round(settings.maxFileSize / 1024)} KiB`;
    const note: Finding = { code: 'file-too-large', span: { start: 0, end: 0 }, message: `This file is larger than the ${limit} limit (setting postfixSasl.maxFileSize), so only the syntax of its first ${file.lines.lineCount} lines was checked.` };
    const syntax = isMainCfFile(file) ? file.main.problems.map((p) => ({ code: p.kind, span: p.span, message: p.message })) : [];
    return resolveFindings([note, ...syntax], settings.severity, (o) => file.lines.positionAt(o).line);
  }
  return undefined;
}

export function checkInstance(instance: Instance, settings: Settings): FileFindings[] {
  return runSteps(checkInstanceSteps(instance, settings));
}

/** The same, yielding after each member (and within a big main.cf), for the server's loop. */
export function* checkInstanceSteps(instance: Instance, settings: Settings): Steps<FileFindings[]> {
  const cross = crossFileFindings(instance);
  const out: FileFindings[] = [];
  for (const member of instance.members) {
    const parsed = member.parsed;
    if (!parsed) continue;
    const findings = limitedFindings(parsed, settings) ?? (yield* diagnoseFileSteps(parsed.file, instance, cross.get(parsed.file) ?? [], settings));
    out.push({ path: member.path, file: parsed.file, findings });
    yield;
  }
  const noted = new Set<FileFindings>();
  for (const note of instance.layout.notes) {
    const finding: Finding = { code: 'instance-file-unusable', span: note.span ?? { start: 0, end: 0 }, message: note.message };
    const at = out.find((r) => r.path === note.path);
    if (at) {
      const lines = at.file.lines;
      at.findings.push(...resolveFindings([finding], settings.severity, (o) => lines.positionAt(o).line, ignoredCodesByLine(at.file.comments)));
      noted.add(at);
    }
    else out.push({ path: note.path, file: parseFile(note.path, 'postfix-main', ''), findings: resolveFindings([finding], settings.severity, () => 0) });
  }
  for (const at of noted) at.findings.sort(byPosition);
  return out;
}
