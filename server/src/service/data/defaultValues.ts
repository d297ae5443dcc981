// Helpers to reason about defaults that postconf prints with conditionals, such as
// `${stress?{10}:{300}}s` or `${{$compatibility_level} <level {2} ? {subnet} : {host}}`.

/** Index just past the `{...}` group that opens at `i`, or -1. */
function skipGroup(text: string, i: number): number {
  if (text[i] !== '{') return -1;
  for (let depth = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Splits `cond ? {a} : {b}` (braces balanced) into its two branches; null when not a conditional. */
function splitConditional(body: string): [string, string] | null {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '?' && depth === 0) {
      const a = body.slice(i + 1).trimStart();
      const aEnd = skipGroup(a, 0);
      if (aEnd < 0) return null;
      const rest = a.slice(aEnd).trimStart();
      if (rest[0] !== ':') return [a.slice(1, aEnd - 1), ''];
      const b = rest.slice(1).trimStart();
      const bEnd = skipGroup(b, 0);
      return bEnd < 0 ? null : [a.slice(1, aEnd - 1), b.slice(1, bEnd - 1)];
    }
  }
  return null;
}

/** Every value a default can take, with conditionals expanded; plain `${name}` references stay as written. */
export function defaultAlternatives(value: string): string[] {
  const start = value.indexOf('${');
  if (start < 0) return [value];
  const end = skipGroup(value, start + 1);
  if (end < 0) return [value];
  const branches = splitConditional(value.slice(start + 2, end - 1));
  const inner = branches ? branches.flatMap(defaultAlternatives) : [value.slice(start, end)];
  const rest = defaultAlternatives(value.slice(end));
  return inner.flatMap((b) => rest.map((r) => value.slice(0, start) + b + r));
}

/** True when a value refers to another parameter, so its final form is only known after expansion. */
export function hasReference(value: string): boolean {
  return value.includes('$');
}
