// "What is at this offset?" for master.cf: which service, which column, or which part of an
// `-o` override. Completion and hover both start here.
import type { Span } from '../text';
import type { MasterCfDocument, MasterOverride, MasterService, MasterToken } from './parseMasterCf';

export type MasterLocation =
  | { kind: 'none' }
  /** One of the seven columns (index 0 to 6), or a new line where a service name can start. */
  | { kind: 'column'; index: number; service?: MasterService; token?: MasterToken; span: Span }
  | { kind: 'command'; service: MasterService; token?: MasterToken; span: Span }
  /** The name after `-o`; `hasEquals` when `=value` already follows. */
  | { kind: 'optionName'; service: MasterService; override?: MasterOverride; span: Span; hasEquals: boolean }
  /** One item of an `-o name=value` value (between commas or blanks). */
  | { kind: 'optionValue'; service: MasterService; override?: MasterOverride; name: string; span: Span; valueText: string }
  | { kind: 'argument'; service: MasterService; token?: MasterToken; span: Span };

export function locate(doc: MasterCfDocument, offset: number): MasterLocation {
  const lines = doc.lines;
  const line = lines.positionAt(offset).line;
  const lineStart = lines.lineStarts[line];
  const before = doc.text.slice(lineStart, offset);
  if (/^\s*#/.test(before) || doc.templateLines.includes(line) && !/^%\{/.test(before)) return { kind: 'none' };
  let service = doc.services.find((s) => s.firstLine <= line && line <= s.lastLine);
  if (service && line !== service.firstLine && before === '') {
    // Column 1 of a blank line inside an entry starts a new service; of an indented line, nothing.
    if (/^\s/.test(lines.lineText(line))) return { kind: 'none' };
    return { kind: 'column', index: 0, span: wordAround(doc.text, offset, lineStart) };
  }
  if (!service) {
    if (/^\s*$/.test(before) && before.length > 0) {
      // A new indented line continues the service above it.
      service = [...doc.services].reverse().find((s) => s.firstLine < line);
      if (!service) return { kind: 'none' };
    } else {
      const word = wordAround(doc.text, offset, lineStart);
      return { kind: 'column', index: 0, span: word };
    }
  }
  const tokens = service.tokens;
  let index = tokens.findIndex((t) => t.span.start <= offset && offset <= t.span.end);
  const token = index === -1 ? undefined : tokens[index];
  if (index === -1) index = tokens.filter((t) => t.span.end < offset).length;
  const span = token ? { start: token.span.start, end: token.span.end } : { start: offset, end: offset };
  if (index < 7) return { kind: 'column', index, service, token, span };
  if (index === 7) return { kind: 'command', service, token, span };
  const previous = tokens[index - 1];
  if (previous?.text !== '-o' || token?.text.startsWith('{')) return { kind: 'argument', service, token, span };
  const override = token ? service.overrides.find((o) => o.span.end === token.span.end) : undefined;
  const text = token?.text ?? '';
  const cursor = offset - span.start;
  const eq = text.indexOf('=');
  if (eq === -1 || cursor <= eq) {
    return { kind: 'optionName', service, override, span: { start: span.start, end: eq === -1 ? span.end : span.start + eq }, hasEquals: eq !== -1 };
  }
  // The item under the cursor: from the last "," (or "=") before it to the next "," after it.
  let from = cursor;
  while (from > eq + 1 && text[from - 1] !== ',') from--;
  let to = cursor;
  while (to < text.length && text[to] !== ',') to++;
  return { kind: 'optionValue', service, override, name: text.slice(0, eq), span: { start: span.start + from, end: span.start + to }, valueText: text.slice(eq + 1) };
}

function wordAround(text: string, offset: number, lineStart: number): Span {
  let start = offset;
  while (start > lineStart && !/\s/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !/\s/.test(text[end])) end++;
  return { start, end };
}
