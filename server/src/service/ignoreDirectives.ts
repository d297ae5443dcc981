// `# postfix-sasl: ignore CODE [CODE…]`: which codes each line silences, and the directives that name
// a code we do not have (a typo there silences nothing, and the finding it was meant for stays).
import type { Finding } from './findings';
import { isRuleCode, rules } from './rules';
import { closestMatch } from './suggest';
import type { Span } from './text';

type Comment = { line: number; text: string; span: Span };

const IGNORE_DIRECTIVE = /#\s*postfix-sasl:\s*ignore\b(.*)$/;
const CODE_WORD = /[^\s,]+/g;

/** Codes silenced on the line after `# postfix-sasl: ignore CODE [CODE…]` (no code: all). */
export function ignoredCodesByLine(comments: readonly Comment[]): Map<number, Set<string> | 'all'> {
  const map = new Map<number, Set<string> | 'all'>();
  for (const comment of comments) {
    const m = IGNORE_DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const codes = m[1].split(/[\s,]+/).filter(Boolean);
    map.set(comment.line + 1, codes.length ? new Set(codes) : 'all');
  }
  return map;
}

/** One finding per word of a directive that is not a rule code, on that word. */
export function unknownIgnoreCodes(comments: readonly Comment[]): Finding[] {
  const out: Finding[] = [];
  for (const comment of comments) {
    const m = IGNORE_DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const listAt = comment.span.start + m.index + m[0].length - m[1].length;
    for (const word of m[1].matchAll(CODE_WORD)) {
      if (isRuleCode(word[0])) continue;
      const start = listAt + word.index;
      const span = { start, end: start + word[0].length };
      const guess = closestMatch(word[0], rules.map((r) => r.code));
      out.push({
        code: 'ignore-unknown-code',
        span,
        message: `"${word[0].slice(0, 80)}" is not a postfix-sasl rule code, so this comment silences nothing under that name.${guess ? ` Did you mean "${guess}"?` : ''}`,
        ...(guess ? { fix: { kind: 'replace' as const, span, text: guess, title: `Change to "${guess}"` } } : {}),
      });
    }
  }
  return out;
}
