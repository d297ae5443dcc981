// Parser for Dovecot's configuration (dovecot.conf, conf.d/*.conf, *.conf.ext). It reads lines the
// way Dovecot 2.3's config parser does: `key = value`, `type [name] {` ... `}`, `!include[_try] GLOB`,
// `key = <file`, a trailing backslash continues a line, and `#` outside quotes starts a comment.
// It never throws: a line Dovecot would refuse becomes a problem with a span, and parsing goes on.
import { isTemplateStatementLine, mayContainTemplate } from '../parser/templates';
import { LineIndex, type Span } from '../text';

export interface DovecotSetting {
  kind: 'setting';
  key: string;
  keySpan: Span;
  /** Without surrounding quotes; continuation lines joined with a blank. */
  value: string;
  valueSpan: Span;
  /** `key = <path`: the value is read from that file. */
  fromFile: boolean;
  /** `$name` references in the value (Dovecot expands them to earlier settings). */
  references: Array<{ name: string; span: Span }>;
  line: number;
  lastLine: number;
  parent: DovecotSection;
  template: boolean;
}

export interface DovecotSection {
  kind: 'section';
  /** `service`, `passdb`, `unix_listener` ...; '' for the file itself. */
  type: string;
  typeSpan: Span;
  name?: string;
  nameSpan?: Span;
  /** From the type to the closing brace (or the end of the file when it is missing). */
  span: Span;
  line: number;
  endLine: number;
  children: DovecotNode[];
  parent?: DovecotSection;
}

export interface DovecotInclude {
  kind: 'include';
  optional: boolean;
  path: string;
  pathSpan: Span;
  keySpan: Span;
  line: number;
  parent: DovecotSection;
}

export type DovecotNode = DovecotSetting | DovecotSection | DovecotInclude;

export interface DovecotProblem {
  span: Span;
  message: string;
}

export interface DovecotDocument {
  lines: LineIndex;
  root: DovecotSection;
  /** Every setting, in file order, at any depth. */
  settings: DovecotSetting[];
  sections: DovecotSection[];
  includes: DovecotInclude[];
  comments: Array<{ line: number; text: string; span: Span }>;
  problems: DovecotProblem[];
}

const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Where a `#` comment starts on a line (outside quotes), or -1. */
function commentStart(text: string, from: number, end: number): number {
  for (let p = from; p < end; p++) {
    const c = text[p];
    if (c === '"' || c === "'") {
      for (p++; p < end && text[p] !== c; p++) if (text[p] === '\\') p++;
      if (p >= end) return -1;
    } else if (c === '#') return p;
  }
  return -1;
}

export function parseDovecot(text: string): DovecotDocument {
  const lines = new LineIndex(text);
  const root: DovecotSection = { kind: 'section', type: '', typeSpan: { start: 0, end: 0 }, span: { start: 0, end: text.length }, line: 0, endLine: Math.max(0, lines.lineCount - 1), children: [] };
  const doc: DovecotDocument = { lines, root, settings: [], sections: [], includes: [], comments: [], problems: [] };
  let current = root;
  for (let line = 0; line < lines.lineCount; line++) {
    let start = lines.lineStarts[line];
    if (line === 0 && text.charCodeAt(0) === 0xfeff) start++;
    let end = lines.lineEnd(line);
    let p = start;
    while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    if (p === end) continue;
    const hash = commentStart(text, p, end);
    if (hash !== -1) {
      doc.comments.push({ line, text: text.slice(hash, end), span: { start: hash, end } });
      end = hash;
    }
    while (end > p && /\s/.test(text[end - 1])) end--;
    if (end === p) continue;
    // A trailing backslash joins the next line (Dovecot replaces the break with one blank).
    const segments = [{ start: p, end }];
    let lastLine = line;
    while (text[segments[segments.length - 1].end - 1] === '\\' && lastLine + 1 < lines.lineCount) {
      const prev = segments[segments.length - 1];
      prev.end--;
      while (prev.end > prev.start && /\s/.test(text[prev.end - 1])) prev.end--;
      lastLine++;
      let s = lines.lineStarts[lastLine];
      let e = lines.lineEnd(lastLine);
      while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
      const h = commentStart(text, s, e);
      if (h !== -1) {
        doc.comments.push({ line: lastLine, text: text.slice(h, e), span: { start: h, end: e } });
        e = h;
      }
      while (e > s && /\s/.test(text[e - 1])) e--;
      segments.push({ start: s, end: e });
    }
    const joined = segments.map((g) => text.slice(g.start, g.end)).join(' ');
    if (mayContainTemplate(joined) && isTemplateStatementLine(joined)) {
      line = lastLine;
      continue;
    }
    current = parseLine(doc, current, segments, joined, line, lastLine);
    line = lastLine;
  }
  for (let open: DovecotSection | undefined = current; open && open !== root; open = open.parent) {
    doc.problems.push({ span: open.typeSpan, message: `This "${open.type}" section is never closed with "}". Dovecot refuses to start ("Missing '}'").` });
    open.span = { start: open.span.start, end: text.length };
    open.endLine = lines.lineCount - 1;
  }
  return doc;
}

/** The document offset of index `n` of the joined text (segments joined by one blank each). */
function joinedToText(segments: readonly Span[], n: number): number {
  for (const g of segments) {
    if (n <= g.end - g.start) return g.start + n;
    n -= g.end - g.start + 1;
  }
  return segments[segments.length - 1].end;
}

function parseLine(doc: DovecotDocument, current: DovecotSection, segments: readonly Span[], joined: string, line: number, lastLine: number): DovecotSection {
  const p = segments[0].start;
  const end = segments[segments.length - 1].end;
  const template = mayContainTemplate(joined) && /\{\{|\{%|<%|@@|PH_/.test(joined);
  const keyMatch = /^[^\s=]*/.exec(joined)![0];
  const keySpan = { start: p, end: p + keyMatch.length };
  let rest = joined.slice(keyMatch.length);
  const restOffset = (n: number) => joinedToText(segments, joined.length - rest.length + n);
  const ws = /^\s*/.exec(rest)![0].length;
  rest = rest.slice(ws);
  if (keyMatch === '!include' || keyMatch === '!include_try') {
    const path = unquote(rest);
    if (!path) {
      doc.problems.push({ span: keySpan, message: `${keyMatch} needs a file name or a glob such as conf.d/*.conf.` });
      return current;
    }
    const include: DovecotInclude = { kind: 'include', optional: keyMatch === '!include_try', path, pathSpan: { start: restOffset(0), end }, keySpan, line, parent: current };
    current.children.push(include);
    doc.includes.push(include);
    return current;
  }
  if (rest.startsWith('=')) {
    if (!keyMatch) {
      if (!template) doc.problems.push({ span: { start: p, end }, message: 'This line starts with "=": the setting name is missing. Dovecot refuses to start.' });
      return current;
    }
    let value = rest.slice(1);
    const lead = /^\s*/.exec(value)![0].length;
    value = value.slice(lead);
    let valueStart = restOffset(1 + lead);
    let fromFile = false;
    if (value.startsWith('<')) {
      fromFile = true;
      const inner = /^<\s*/.exec(value)![0].length;
      value = value.slice(inner);
      valueStart = restOffset(1 + lead + inner);
    }
    const quoted = value.length >= 2 && ((value[0] === '"' && value.endsWith('"')) || (value[0] === "'" && value.endsWith("'")));
    const shown = quoted ? unescapeQuoted(value.slice(1, -1)) : value;
    const references: DovecotSetting['references'] = [];
    if (!quoted && value.includes('$') && lastLine === line) {
      for (const m of value.matchAll(VARIABLE)) references.push({ name: m[1], span: { start: valueStart + m.index!, end: valueStart + m.index! + m[0].length } });
    }
    const setting: DovecotSetting = { kind: 'setting', key: keyMatch, keySpan, value: shown, valueSpan: { start: valueStart, end }, fromFile, references, line, lastLine, parent: current, template };
    current.children.push(setting);
    doc.settings.push(setting);
    return current;
  }
  if (keyMatch === '}' && rest === '') {
    if (current.parent) {
      current.span = { start: current.span.start, end };
      current.endLine = line;
      return current.parent;
    }
    doc.problems.push({ span: { start: p, end }, message: 'This "}" closes no section. Dovecot refuses to start ("Unexpected \'}\'").' });
    return current;
  }
  if (template) return current;
  // `type [name] {`
  let name: string | undefined;
  let nameSpan: Span | undefined;
  if (!rest.startsWith('{')) {
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
    const m = quote ? new RegExp(`^${quote}([^${quote}]*)${quote}?`).exec(rest)! : /^\S+/.exec(rest);
    if (m) {
      name = quote ? m[1] : m[0];
      nameSpan = { start: restOffset(quote ? 1 : 0), end: restOffset(quote ? 1 + m[1].length : m[0].length) };
      rest = rest.slice(m[0].length).trimStart();
    }
  }
  if (!rest.startsWith('{')) {
    const message = !rest && !name
      ? `"${keyMatch}" has no "=" and no value. Write "${keyMatch} = value" (Dovecot stops with "Expecting '{'").`
      : `Dovecot expects "=" after a setting name, or "{" to open a section here ("Expecting '{'"). It refuses to start.`;
    doc.problems.push({ span: { start: p, end }, message });
    return current;
  }
  if (rest.length > 1) {
    doc.problems.push({ span: { start: p, end }, message: 'Dovecot wants nothing after "{" on the same line ("Garbage after \'{\'"): put each setting and the closing "}" on lines of their own.' });
    return current;
  }
  const section: DovecotSection = { kind: 'section', type: keyMatch, typeSpan: keySpan, name, nameSpan, span: { start: p, end }, line, endLine: line, children: [], parent: current };
  current.children.push(section);
  doc.sections.push(section);
  return section;
}

/** Dovecot's str_unescape, applied inside a quoted value: each backslash goes and the character after
 * it stays (`\n` is "n", not a line break); a backslash at the very end goes too. */
export function unescapeQuoted(inner: string): string {
  return inner.replace(/\\([\s\S]?)/g, '$1');
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) return v.slice(1, -1);
  return v;
}

/** The section path of a node, outermost first: ['service auth', 'unix_listener x']. */
export function sectionPath(node: DovecotNode): DovecotSection[] {
  const out: DovecotSection[] = [];
  for (let s: DovecotSection | undefined = node.kind === 'section' ? node : node.parent; s && s.type !== ''; s = s.parent) out.unshift(s);
  return out;
}

/** Settings directly inside `section`, by key (the last one wins in Dovecot). */
export function sectionSetting(section: DovecotSection, key: string): DovecotSetting | undefined {
  let found: DovecotSetting | undefined;
  for (const child of section.children) if (child.kind === 'setting' && child.key === key) found = child;
  return found;
}
