// Findings as LSP diagnostics.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { ParsedFile } from './documents';
import type { ResolvedFinding } from './findings';
import { ruleDocUrl } from './ruleLinks';
import type { Severity } from './rules';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(file: ParsedFile, finding: ResolvedFinding): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  return {
    range: file.lines.rangeOf(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocUrl(finding.code) },
    source: 'postfix-sasl',
    message: finding.message,
    ...(tags.length ? { tags } : {}),
    ...(finding.related?.length
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri: r.uri ?? file.uri, range: r.range ?? file.lines.rangeOf(r.span) }, message: r.message })) }
      : {}),
  };
}
