// Diagnostics of a mail log: one per recognised line, with the severity of its message, our
// explanation, and related information pointing at the instance's lines that decide it.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LogMessage, LogSeverity } from '../log/messages';
import type { LineIndex } from '../text';
import { describeLocation, type LocationCache } from './locations';
import type { LogAnalysis } from './recognise';

/** Past this many marked lines an editor is no help; the note at the top says how many more there are. */
export const MAX_LOG_DIAGNOSTICS = 1000;

const SEVERITY: Record<LogSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

const summaries = new Map<LogMessage, string>();

/** The explanation's first sentence: the hover has the rest (a thousand full explanations would be 400 KB to send). */
function summaryOf(message: LogMessage): string {
  let summary = summaries.get(message);
  if (summary === undefined) {
    const end = message.explanation.search(/\.(?:\s+[A-Z]|$)/);
    summary = end < 0 ? message.explanation : message.explanation.slice(0, end + 1);
    summaries.set(message, summary);
  }
  return summary;
}

export function logDiagnostics(index: LineIndex, analysis: LogAnalysis, locations: LocationCache): Diagnostic[] {
  const out: Diagnostic[] = [];
  let notApplying = 0;
  for (const r of analysis.lines.slice(0, MAX_LOG_DIAGNOSTICS)) {
    const start = index.lineStarts[r.line];
    const range = index.rangeOf({ start, end: index.lineEnd(r.line) });
    const found = locations.of(r);
    // A message that applies only with some setting, on a service of the instance without it: not marked.
    if (r.message.onlyWith && locations.instance && found.length === 0) {
      notApplying++;
      continue;
    }
    const related = found.map((l) => ({ location: { uri: l.file, range: { start: { line: l.line - 1, character: 0 }, end: { line: l.line - 1, character: 0 } } }, message: describeLocation(l) }));
    out.push({
      range,
      severity: SEVERITY[r.message.severity],
      code: r.message.code,
      source: 'postfix-sasl',
      message: r.times > 1 ? `${summaryOf(r.message)} (${r.times} times)` : summaryOf(r.message),
      ...(related.length ? { relatedInformation: related } : {}),
    });
  }
  const more = analysis.total - out.length - notApplying;
  if (more > 0) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'postfix-sasl',
      message: `${more} more recognised lines are not marked; run "Postfix SASL: Explain the selected log lines" or postfix-sasl explain for all of them.`,
    });
  }
  return out;
}
