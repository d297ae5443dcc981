// A finding is a diagnostic before it meets the user's settings: a rule code, a place and our words.
import { ruleOf, type RuleCode, type Severity } from './rules';
import type { SeverityOverrides } from './settings';
import type { Range, Span } from './text';

export interface RelatedPlace {
  /** Another file, or undefined for the same file. */
  uri?: string;
  span: Span;
  /** For another file, its range there (spans are offsets into that file). */
  range?: Range;
  message: string;
}

export interface Finding {
  code: RuleCode;
  span: Span;
  message: string;
  /** Set only where a rule raises one finding at a severity other than its default (e.g. loopback-only services). */
  severity?: Severity;
  related?: RelatedPlace[];
  /** What a quick fix needs: a replacement name, the span to delete ... (offered as the preferred fix). */
  fix?: FindingFix;
  /** Alternatives when no single fix is right (yes or no for a boolean); none of them is preferred. */
  choices?: FindingFix[];
  /** The finding is about a line that is now useless (an overridden duplicate). */
  unnecessary?: boolean;
  deprecated?: boolean;
}

export type FixEdit =
  | { kind: 'replace'; span: Span; text: string }
  | { kind: 'delete-lines'; firstLine: number; lastLine: number };

/**
 * One fix: its first edit, and `also` the others that belong with it. `safe` fixes keep what the
 * line meant (a dead line removed, a rename with the value translated), so "fix all" may apply them
 * unseen; a guess (did you mean) is never safe.
 */
export type FindingFix = FixEdit & { title: string; safe?: boolean; also?: readonly FixEdit[] };

export interface ResolvedFinding extends Finding {
  severity: Severity;
}

/** Findings in file order, and by code where two start at one place. */
export const byPosition = (a: Finding, b: Finding): number => a.span.start - b.span.start || a.code.localeCompare(b.code);

/** Applies per-rule severity settings and ignore comments; drops rules set to 'off'. */
export function resolveFindings(
  findings: readonly Finding[],
  severity: SeverityOverrides,
  lineOf: (offset: number) => number,
  ignored: Map<number, Set<string> | 'all'> = new Map(),
): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  for (const finding of findings) {
    const setting = severity[finding.code];
    if (setting === 'off') continue;
    if (ignored.size) {
      const codes = ignored.get(lineOf(finding.span.start));
      if (codes === 'all' || codes?.has(finding.code)) continue;
    }
    const base = finding.severity ?? ruleOf(finding.code).defaultSeverity;
    out.push({ ...finding, severity: setting ?? base });
  }
  return out;
}
