// Quick fixes, chosen by the diagnostic's code and built from the fix its finding carried.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from './documents';
import type { ResolvedFinding } from './findings';
import type { Span } from './text';

/** Whether two spans overlap or touch (a cursor at the end of a word still counts). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function codeActions(file: ParsedFile, findings: readonly ResolvedFinding[], span: Span, toDiagnostic: (f: ResolvedFinding) => Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!touches(finding.span, span)) continue;
    const diagnostic = toDiagnostic(finding);
    if (finding.fix) {
      const edit = fixEdit(file, finding.fix);
      actions.push({ title: finding.fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [file.uri]: [edit] } } });
    }
    actions.push(ignoreAction(file, finding, diagnostic));
  }
  return actions;
}

function fixEdit(file: ParsedFile, fix: NonNullable<ResolvedFinding['fix']>): TextEdit {
  if (fix.kind === 'replace') return { range: file.lines.rangeOf(fix.span), newText: fix.text };
  const start = { line: fix.firstLine, character: 0 };
  const end = fix.lastLine + 1 < file.lines.lineCount ? { line: fix.lastLine + 1, character: 0 } : file.lines.positionAt(file.text.length);
  return { range: { start, end }, newText: '' };
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
