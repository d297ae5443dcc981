// Quick fixes, chosen by the diagnostic's code and built from the fixes its finding carried, and
// "fix all": every safe fix of the file in one edit.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from './documents';
import type { FindingFix, FixEdit, ResolvedFinding } from './findings';
import type { Span } from './text';

export const FIX_ALL_KIND = 'source.fixAll.postfix-sasl';

/** Whether two spans overlap or touch (a cursor at the end of a word still counts). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The actions at `span`, then "fix all" when the file has safe fixes. `only` is the client's
 * filter by kind (LSP CodeActionContext.only); without it, every kind is returned.
 */
export function codeActions(file: ParsedFile, findings: readonly ResolvedFinding[], span: Span, toDiagnostic: (f: ResolvedFinding) => Diagnostic, only?: readonly string[]): CodeAction[] {
  const wanted = (kind: string) => !only?.length || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wanted('quickfix')) {
    for (const finding of findings) {
      if (!touches(finding.span, span)) continue;
      const diagnostic = toDiagnostic(finding);
      if (finding.fix) actions.push(quickFix(file, finding.fix, diagnostic, true));
      for (const choice of finding.choices ?? []) actions.push(quickFix(file, choice, diagnostic, false));
      actions.push(ignoreAction(file, finding, diagnostic));
    }
  }
  if (wanted(FIX_ALL_KIND)) {
    const all = fixAllAction(file, findings);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFix(file: ParsedFile, fix: FindingFix, diagnostic: Diagnostic, isPreferred: boolean): CodeAction {
  return { title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], ...(isPreferred ? { isPreferred } : {}), edit: { changes: { [file.uri]: fixEdits(file, fix) } } };
}

/** Every safe fix in one edit; a fix that would overlap one already taken is left for later. */
export function fixAllAction(file: ParsedFile, findings: readonly ResolvedFinding[]): CodeAction | undefined {
  const taken: Array<{ start: number; end: number; text: string }> = [];
  const seen = new Set<string>();
  let fixed = 0;
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix?.safe) continue;
    const edits = editParts(file, fix).filter((e) => !seen.has(`${e.start}:${e.end}:${e.text}`));
    if (edits.length === 0) {
      fixed++; // the same edits as a fix already taken (one merge shared by several lines)
      continue;
    }
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    for (const e of edits) {
      taken.push(e);
      seen.add(`${e.start}:${e.end}:${e.text}`);
    }
    fixed++;
  }
  if (fixed === 0) return undefined;
  taken.sort((a, b) => a.start - b.start || a.end - b.end);
  const edits: TextEdit[] = taken.map((e) => ({ range: file.lines.rangeOf(e), newText: e.text }));
  return { title: `Fix all safe problems (${fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [file.uri]: edits } } };
}

/** Overlap as LSP forbids it: shared characters, or an insertion strictly inside a replaced range. */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end || (a.start === a.end && b.start < a.start && a.start < b.end) || (b.start === b.end && a.start < b.start && b.start < a.end);
}

function fixEdits(file: ParsedFile, fix: FindingFix): TextEdit[] {
  return editParts(file, fix).map((e) => ({ range: file.lines.rangeOf(e), newText: e.text }));
}

function editParts(file: ParsedFile, fix: FindingFix): Array<{ start: number; end: number; text: string }> {
  return [fix, ...(fix.also ?? [])].map((e) => editPart(file, e));
}

function editPart(file: ParsedFile, edit: FixEdit): { start: number; end: number; text: string } {
  if (edit.kind === 'replace') return { start: edit.span.start, end: edit.span.end, text: edit.text };
  const start = file.lines.offsetAt({ line: edit.firstLine, character: 0 });
  const end = edit.lastLine + 1 < file.lines.lineCount ? file.lines.offsetAt({ line: edit.lastLine + 1, character: 0 }) : file.text.length;
  return { start, end, text: '' };
}

/** Inserts `# postfix-sasl: ignore CODE` above the finding's line, keeping its indentation. */
function ignoreAction(file: ParsedFile, finding: ResolvedFinding, diagnostic: Diagnostic): CodeAction {
  const line = file.lines.positionAt(finding.span.start).line;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? '';
  return {
    title: `Ignore ${finding.code} on this line`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edit: { changes: { [file.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# postfix-sasl: ignore ${finding.code}${eol}` }] } },
  };
}
