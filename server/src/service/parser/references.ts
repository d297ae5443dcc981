// Finds Postfix $parameter references in a value, and the syntax errors Postfix would warn about:
// every branch is read, as Postfix does when it scans a value for names (see macExpand.ts).
import { macExpand, type ReferenceKind } from './macExpand';

export type { ReferenceKind } from './macExpand';

/** Positions are indices into the string that was scanned. */
export interface RawReference {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  kind: ReferenceKind;
}

export interface RawReferenceError {
  start: number;
  end: number;
  message: string;
}

export interface ReferenceScan {
  references: RawReference[];
  errors: RawReferenceError[];
}

/** Index of the bracket that closes the one at `open`, or -1. Nested pairs of the same kind count. */
export function matchingClose(text: string, open: number, limit = text.length): number {
  const opener = text[open];
  const closer = opener === '{' ? '}' : ')';
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === opener) depth++;
    else if (ch === closer && --depth === 0) return i;
  }
  return -1;
}

/** Scans text[from, to); `functions` accepts Postfix 3.11's `${domain_to_ascii{...}}`. */
export function scanReferences(text: string, from = 0, to = text.length, functions = true): ReferenceScan {
  const references: RawReference[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const result = macExpand(slice, {
    mode: 'scan',
    functions,
    onReference: from === 0 ? (r) => references.push(r) : (r) => references.push({ ...r, nameStart: r.nameStart + from, nameEnd: r.nameEnd + from, start: r.start + from, end: r.end + from }),
  });
  const errors = result.error ? [{ start: result.error.start + from, end: result.error.end + from, message: result.error.message }] : [];
  return { references, errors };
}
