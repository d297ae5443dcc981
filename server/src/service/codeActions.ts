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
 * The actions at `span`, and "fix all". `only` is the client's filter by kind (LSP
 * CodeActionContext.only). Fix all is built when a client asks for source actions, or, with no
 * filter, next to a safe quick fix at the cursor: it walks every finding, and a lightbulb request
 * on every cursor move should not.
 */
export function codeActions(file: ParsedFile, findings: readonly ResolvedFinding[], span: Span, toDiagnostic: (f: ResolvedFinding) => Diagnostic, only?: readonly string[]): CodeAction[] {
  const wanted = (kind: string) => !only?.length || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  let safeHere = false;
  for (const finding of findings) {
    if (!touches(finding.span, span)) continue;
    safeHere ||= finding.fix?.safe === true;
    if (!wanted('quickfix')) continue;
    const diagnostic = toDiagnostic(finding);
    if (finding.fix) actions.push(quickFix(file, finding.fix, diagnostic, true));
    for (const choice of finding.choices ?? []) actions.push(quickFix(file, choice, diagnostic, false));
    actions.push(ignoreAction(file, finding, diagnostic));
  }
  if (only?.length ? wanted(FIX_ALL_KIND) : safeHere) {
    const all = fixAllAction(file, findings);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFix(file: ParsedFile, fix: FindingFix, diagnostic: Diagnostic, isPreferred: boolean): CodeAction {
  return { title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], ...(isPreferred ? { isPreferred } : {}), edit: { changes: { [file.uri]: fixEdits(file, fix) } } };
}

type Part = { start: number; end: number; text: string };

/** Every safe fix in one edit; a fix that would overlap one already taken is left for later. */
export function fixAllAction(file: ParsedFile, findings: readonly ResolvedFinding[]): CodeAction | undefined {
  const taken = new TakenEdits();
  const seen = new Set<string>();
  let fixed = 0;
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix?.safe) continue;
    const parts = editParts(file, fix).filter((e) => !seen.has(`${e.start}:${e.end}:${e.text}`));
    if (parts.length === 0) {
      fixed++; // the same edits as a fix already taken (one merge shared by several lines)
      continue;
    }
    if (parts.some((e) => taken.overlaps(e))) continue;
    for (const e of parts) {
      taken.add(e);
      seen.add(`${e.start}:${e.end}:${e.text}`);
    }
    fixed++;
  }
  if (fixed === 0) return undefined;
  const edits: TextEdit[] = taken.parts.map((e) => ({ range: file.lines.rangeOf(e), newText: e.text }));
  return { title: `Fix all safe problems (${fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [file.uri]: edits } } };
}

/**
 * The edits taken so far, sorted by (start, end) and never overlapping, so a new edit is checked
 * against its neighbours only: a file with thousands of safe fixes stays linear-ish.
 */
class TakenEdits {
  readonly parts: Part[] = [];

  /** Overlap as LSP forbids it: shared characters, or an insertion strictly inside a replaced range. */
  overlaps(e: Part): boolean {
    let i = this.firstAtOrAfter(e.start);
    const before = this.parts[i - 1];
    if (before && before.end > e.start && (before.start < e.start || e.start < e.end)) return true;
    for (; i < this.parts.length && this.parts[i].start < Math.max(e.end, e.start + 1); i++) {
      const t = this.parts[i];
      if (e.start === e.end) {
        if (t.start < e.start && e.start < t.end) return true;
        continue;
      }
      if (t.start > e.start || t.end > t.start) return true;
    }
    return false;
  }

  add(e: Part): void {
    let low = 0;
    let high = this.parts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const t = this.parts[mid];
      if (t.start < e.start || (t.start === e.start && t.end <= e.end)) low = mid + 1;
      else high = mid;
    }
    this.parts.splice(low, 0, e);
  }

  private firstAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.parts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.parts[mid].start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function fixEdits(file: ParsedFile, fix: FindingFix): TextEdit[] {
  return editParts(file, fix).map((e) => ({ range: file.lines.rangeOf(e), newText: e.text }));
}

function editParts(file: ParsedFile, fix: FindingFix): Part[] {
  return [fix, ...(fix.also ?? [])].map((e) => editPart(file, e));
}

function editPart(file: ParsedFile, edit: FixEdit): Part {
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
