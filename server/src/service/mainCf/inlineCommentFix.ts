// The fix for a "#" inside a value: the comment moves onto its own line above the parameter, where
// Postfix reads it as a comment, and the value keeps what comes before the "#".
import type { FindingFix } from '../findings';
import type { Assignment, MainCfDocument } from '../parser/mainCf';
import type { Span } from '../text';

export function inlineCommentFix(doc: MainCfDocument, comment: Span): FindingFix | undefined {
  const owner = assignmentAt(doc.assignments, comment.start);
  if (!owner || owner.template || owner.value.hasTemplate) return undefined;
  const { text } = doc;
  let cut = comment.start;
  while (cut > 0 && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const lineStart = doc.lines.offsetAt({ line: owner.firstLine, character: 0 });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    kind: 'replace',
    span: { start: cut, end: comment.end },
    text: '',
    title: 'Move the comment to its own line above',
    // Only the text before "#" is left: an empty value would be a new problem, not a fix.
    ...(cut > owner.value.span.start ? { safe: true } : {}),
    also: [{ kind: 'replace', span: { start: lineStart, end: lineStart }, text: `${text.slice(comment.start, comment.end)}${eol}` }],
  };
}

/** The assignment whose span holds `offset`; assignments are in file order. */
function assignmentAt(assignments: readonly Assignment[], offset: number): Assignment | undefined {
  let low = 0;
  let high = assignments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const a = assignments[mid];
    if (offset < a.span.start) high = mid - 1;
    else if (offset > a.span.end) low = mid + 1;
    else return a;
  }
  return undefined;
}
