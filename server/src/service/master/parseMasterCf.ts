// Parser for master.cf, following master(5): a logical line starts at column 1 and goes on over
// indented lines; comment and blank lines are skipped without ending it. It never throws: every
// token keeps its span, and what cannot be read becomes a problem with a span.
import { isBlank, postfixContentStart } from '../parser/contentLines';
import { matchingClose } from '../parser/references';
import { isTemplateStatementLine, linePrefixTemplate, mayContainTemplate, templateSpans } from '../parser/templates';
import { Value, type ValueSegment } from '../parser/values';
import { LineIndex, type Span } from '../text';

export interface MasterToken {
  text: string;
  span: Span;
  /** Holds template syntax (Jinja, installer placeholders): never judged. */
  template: boolean;
}

/** An `-o name=value` or `-o { name = value }` override of a main.cf parameter for one service. */
export interface MasterOverride {
  name: string;
  nameSpan: Span;
  value: Value;
  /** From `-o` to the end of the value (or the closing brace). */
  span: Span;
  /** Written as `-o { name = value }` (Postfix 3.0 and later). */
  braced: boolean;
  template: boolean;
}

export type MasterProblemKind = 'orphan-continuation' | 'master-unbalanced-brace' | 'master-option-syntax';

export interface MasterProblem {
  kind: MasterProblemKind;
  span: Span;
  message: string;
}

/** The seven columns before the command, in file order. */
export const columnNames = ['service', 'type', 'private', 'unpriv', 'chroot', 'wakeup', 'maxproc'] as const;
export type ColumnName = (typeof columnNames)[number];

export interface MasterService {
  /** The service column as written, e.g. `submission`, `127.0.0.1:2525`, `[::1]:587`. */
  name: string;
  nameSpan: Span;
  /** For inet services: the host part (`127.0.0.1`, `::1` without brackets), when there is one. */
  host?: string;
  /** The name without its host part: the port or service name for inet, the whole name otherwise. */
  bareName: string;
  type: string;
  /** Every whitespace-separated field of the logical line: 7 columns, the command, then its arguments. */
  tokens: MasterToken[];
  /** The columns that are present, at most seven. */
  columns: MasterToken[];
  command?: MasterToken;
  args: MasterToken[];
  overrides: MasterOverride[];
  span: Span;
  firstLine: number;
  lastLine: number;
  /** Whether the daemon runs chrooted, for `y` and `n`; `-` depends on main.cf's compatibility level, which instance/services.ts applies. Undefined when the column is unreadable. */
  effectiveChroot: boolean | undefined;
  /** The command is smtpd (by name or path). */
  isSmtpd: boolean;
  /** An inet service bound to 127.x, ::1 or localhost only. */
  listensOnLoopbackOnly: boolean;
  /** The logical line as Postfix joins it, mapped back to the document. */
  line: Value;
  /** The first line carries an installer prefix such as `%{amavis_enabled}`: the entry may not exist. */
  conditional: boolean;
}

export interface MasterComment {
  span: Span;
  line: number;
  text: string;
}

export interface MasterCfDocument {
  text: string;
  lines: LineIndex;
  services: MasterService[];
  comments: MasterComment[];
  problems: MasterProblem[];
  /** Lines that are template statements or carry a template prefix. */
  templateLines: number[];
}

export function columnOf(service: MasterService, name: ColumnName): MasterToken | undefined {
  return service.columns[columnNames.indexOf(name)];
}

interface Pending {
  segments: ValueSegment[];
  firstLine: number;
  lastLine: number;
  conditional: boolean;
}

export function parseMasterCf(text: string): MasterCfDocument {
  const lines = new LineIndex(text);
  const doc: MasterCfDocument = { text, lines, services: [], comments: [], problems: [], templateLines: [] };
  let current: Pending | undefined;
  const finish = () => {
    if (current) doc.services.push(buildService(current, doc));
    current = undefined;
  };

  for (let line = 0; line < lines.lineCount; line++) {
    let start = lines.lineStarts[line];
    let end = lines.lineEnd(line);
    if (line === 0 && text.charCodeAt(0) === 0xfeff) start++;
    const raw = text.slice(start, end);
    let prefix = 0;
    if (mayContainTemplate(raw)) {
      if (isTemplateStatementLine(raw) || isWhollyTemplate(raw)) {
        doc.templateLines.push(line);
        continue;
      }
      prefix = linePrefixTemplate(raw);
      if (prefix) {
        doc.templateLines.push(line);
        start += prefix;
      }
    }
    const first = postfixContentStart(text, start, end, line, doc.comments);
    if (first === -1) continue;
    while (end > first && isBlank(text.charCodeAt(end - 1))) end--;
    if (first > start) {
      if (current) {
        const last = current.segments[current.segments.length - 1];
        current.segments.push({ start: first, text: text.slice(first, end), joinedStart: last.joinedStart + last.text.length + 1 });
        current.lastLine = line;
      } else {
        doc.problems.push({ kind: 'orphan-continuation', span: { start: first, end }, message: 'This line starts with whitespace, so Postfix reads it as the continuation of a service line, but there is none before it.' });
      }
      continue;
    }
    finish();
    current = { segments: [{ start: first, text: text.slice(first, end), joinedStart: 0 }], firstLine: line, lastLine: line, conditional: prefix > 0 };
  }
  finish();
  return doc;
}

/** Jinja output with whitespace control (`{{- x }}`); no master.cf entry can start with "{{". */
const JINJA_EXPRESSION_LINE = /^\s*\{\{-?.*\}\}\s*$/;

/** A line made only of template syntax, such as `{{- "\n" }}`. Only the gaps between the spans are
 * looked at: cutting each span out of the line copies it once per span, quadratic on long lines. */
function isWhollyTemplate(line: string): boolean {
  if (JINJA_EXPRESSION_LINE.test(line)) return true;
  let gapStart = 0;
  for (const [s, e] of templateSpans(line)) {
    if (line.slice(gapStart, s).trim() !== '') return false;
    gapStart = e;
  }
  return line.slice(gapStart).trim() === '';
}

function tokenize(line: Value, doc: MasterCfDocument): MasterToken[] {
  const text = line.text;
  const templates = templateSpans(text);
  // Tokens and template spans both come in text order: skip the spans that end before the token,
  // rather than searching them all for each token (quadratic on a long line of templates).
  let firstTemplate = 0;
  const tokens: MasterToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ' || text[i] === '\t') {
      i++;
      continue;
    }
    const start = i;
    while (firstTemplate < templates.length && templates[firstTemplate][1] <= start) firstTemplate++;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
      if (text[i] !== '{') {
        i++;
        continue;
      }
      const close = matchingClose(text, i);
      if (close === -1) {
        // An unclosed ${ is reported as a malformed reference by the override checks.
        const template = templates.slice(firstTemplate).some(([s, e]) => s <= i && e > i) || text[i - 1] === '$';
        if (!template) doc.problems.push({ kind: 'master-unbalanced-brace', span: line.toSpan(i, i + 1), message: 'This "{" has no matching "}": Postfix reads the rest of the entry as one argument and the service fails to start.' });
        i = text.length;
      } else i = close + 1;
    }
    const template = firstTemplate < templates.length && templates[firstTemplate][0] < i;
    tokens.push({ text: text.slice(start, i), span: line.toSpan(start, i), template });
  }
  return tokens;
}

function buildService(pending: Pending, doc: MasterCfDocument): MasterService {
  const line = Value.fromSegments(pending.segments);
  const tokens = tokenize(line, doc);
  const columns = tokens.slice(0, 7);
  const name = tokens[0]?.text ?? '';
  const type = tokens[1]?.text ?? '';
  const command = tokens[7];
  const args = tokens.slice(8);
  const { host, bareName } = type === 'inet' ? splitHost(name) : { host: undefined, bareName: name };
  const chroot = tokens[4]?.text;
  const commandName = command ? command.text.slice(command.text.lastIndexOf('/') + 1) : '';
  return {
    name,
    nameSpan: tokens[0]?.span ?? line.span,
    host,
    bareName,
    type,
    tokens,
    columns,
    command,
    args,
    overrides: readOverrides(args, line, doc),
    span: line.span,
    firstLine: pending.firstLine,
    lastLine: pending.lastLine,
    effectiveChroot: chroot === 'y' ? true : chroot === 'n' || chroot === '-' ? false : undefined,
    isSmtpd: commandName === 'smtpd',
    listensOnLoopbackOnly: host !== undefined && isLoopback(host),
    line,
    conditional: pending.conditional,
  };
}

/** `host:port`, `[v6]:port` or a bare port/service name. */
export function splitHost(name: string): { host?: string; bareName: string } {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    if (close > 0 && name[close + 1] === ':') return { host: name.slice(1, close), bareName: name.slice(close + 2) };
    return { bareName: name };
  }
  const colon = name.lastIndexOf(':');
  return colon > 0 ? { host: name.slice(0, colon), bareName: name.slice(colon + 1) } : { bareName: name };
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === 'localhost' || h === 'ipv6:::1';
}

/** The daemons' common options that take the next word as their argument (mail_server's getopt string, -o aside). */
const OPTIONS_WITH_ARGUMENT = new Set(['-i', '-m', '-n', '-r', '-s', '-t']);

function readOverrides(args: MasterToken[], line: Value, doc: MasterCfDocument): MasterOverride[] {
  const overrides: MasterOverride[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    // Postfix's getopt stops at the first word that is not an option: what follows (pipe's flags=,
    // argv=...) belongs to the daemon, "-o" words in a command included.
    if (!arg.text.startsWith('-') && !arg.template) break;
    if (OPTIONS_WITH_ARGUMENT.has(arg.text)) k++;
    else if (arg.text === '-o') {
      const next = args[k + 1];
      if (!next) {
        doc.problems.push({ kind: 'master-option-syntax', span: arg.span, message: '"-o" must be followed by name=value: the daemon stops with a usage error.' });
        continue;
      }
      k++;
      const override = readOverride(next, 0, arg.span.start, line, doc);
      if (override) overrides.push(override);
    } else if (arg.text.startsWith('-o') && !arg.template) {
      // getopt also accepts the value glued to the option: -oname=value
      const override = readOverride(arg, 2, arg.span.start, line, doc);
      if (override) overrides.push(override);
    }
  }
  return overrides;
}

function readOverride(token: MasterToken, skip: number, optionStart: number, line: Value, doc: MasterCfDocument): MasterOverride | undefined {
  const base = line.fromOffset(token.span.start) + skip;
  const text = token.text.slice(skip);
  let from = 0;
  let to = text.length;
  const braced = text.startsWith('{') && text.endsWith('}') && text.length >= 2;
  if (braced) {
    from = 1;
    to = text.length - 1;
  }
  // An unclosed "{" is reported once, by the tokenizer.
  if (!braced && text.startsWith('{')) return undefined;
  const eq = text.indexOf('=', from);
  if (eq === -1 || eq >= to) {
    if (!token.template) {
      doc.problems.push({
        kind: 'master-option-syntax',
        span: token.span,
        message: `"-o ${text.slice(0, 60)}" has no "=": write -o name=value (or -o { name = value } when the value has spaces).`,
      });
    }
    return undefined;
  }
  let nameStart = from;
  let nameEnd = eq;
  let valueStart = eq + 1;
  let valueEnd = to;
  if (braced) {
    while (nameStart < nameEnd && isBlank(text.charCodeAt(nameStart))) nameStart++;
    while (nameEnd > nameStart && isBlank(text.charCodeAt(nameEnd - 1))) nameEnd--;
    while (valueStart < valueEnd && isBlank(text.charCodeAt(valueStart))) valueStart++;
    while (valueEnd > valueStart && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
  }
  const value = subValue(line, base + valueStart, base + valueEnd);
  return {
    name: text.slice(nameStart, nameEnd),
    nameSpan: line.toSpan(base + nameStart, base + nameEnd),
    value,
    span: { start: optionStart, end: token.span.end },
    braced,
    template: token.template,
  };
}

/** The part [a, b) of a joined logical line as a Value of its own, still mapped to the document. */
export function subValue(line: Value, a: number, b: number): Value {
  const segments: ValueSegment[] = [];
  let joined = 0;
  for (const seg of line.segments) {
    const segStart = seg.joinedStart;
    const lo = Math.max(a, segStart);
    const hi = Math.min(b, segStart + seg.text.length);
    if (lo >= hi) continue;
    segments.push({ start: seg.start + lo - segStart, text: seg.text.slice(lo - segStart, hi - segStart), joinedStart: joined });
    joined += hi - lo + 1;
  }
  if (!segments.length) segments.push({ start: line.toOffset(a), text: '', joinedStart: 0 });
  return Value.fromSegments(segments);
}
