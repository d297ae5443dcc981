// Parser for saslauthd's settings file: shell assignments (`NAME=value`, `NAME="value"`), `#`
// comments, and the saslauthd flags inside OPTIONS/FLAGS. Never throws; an unreadable line becomes
// a problem with a span.
import { splitWords, type Word } from '../cyrus/parse';
import { lookupSaslauthdFlag, lookupSaslauthdVariable } from '../data/saslauthdOptions';
import { isTemplateStatementLine, mayContainTemplate } from '../parser/templates';
import { LineIndex, type Span } from '../text';
import { contentLines } from '../parser/contentLines';

export interface FlagUse {
  /** `-m`, `-a` ... */
  flag: string;
  span: Span;
  argument?: Word;
}

export interface ShellAssignment {
  name: string;
  nameSpan: Span;
  /** Without its quotes. */
  value: string;
  valueSpan: Span;
  line: number;
  words: Word[];
  /** For variables that hold saslauthd flags. */
  flags: FlagUse[];
  template: boolean;
}

export interface SaslauthdProblem {
  span: Span;
  message: string;
}

export type SaslauthdFlavor = 'debian' | 'redhat' | 'unknown';

export interface SaslauthdDocument {
  lines: LineIndex;
  assignments: ShellAssignment[];
  comments: Array<{ line: number; text: string; span: Span }>;
  problems: SaslauthdProblem[];
  byName: Map<string, ShellAssignment[]>;
  flavor: SaslauthdFlavor;
}

const ASSIGNMENT = /^(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/;

export function parseSaslauthd(text: string, uri = ''): SaslauthdDocument {
  const lines = new LineIndex(text);
  const doc: SaslauthdDocument = { lines, assignments: [], comments: [], problems: [], byName: new Map(), flavor: 'unknown' };
  for (const { line, first, end } of contentLines(text, lines, doc.comments)) {
    const p = first;
    const lineText = text.slice(p, end);
    const template = mayContainTemplate(lineText);
    if (template && isTemplateStatementLine(lineText)) continue;
    const m = ASSIGNMENT.exec(lineText);
    if (!m) {
      if (!template) doc.problems.push({ span: { start: p, end }, message: 'This line is not a "NAME=value" assignment; the init script that reads this file may stop on it.' });
      continue;
    }
    const nameStart = p + (m[1]?.length ?? 0);
    const name = m[2];
    const valueStart = p + m[0].length;
    const assignment = readValue(text, valueStart, end, doc);
    const a: ShellAssignment = {
      name,
      nameSpan: { start: nameStart, end: nameStart + name.length },
      ...assignment,
      line,
      words: splitWords(assignment.value, assignment.valueSpan.start, /\s/),
      flags: [],
      template,
    };
    if (lookupSaslauthdVariable(name)?.flags) a.flags = readFlags(a.words);
    doc.assignments.push(a);
    const list = doc.byName.get(name);
    if (list) list.push(a);
    else doc.byName.set(name, [a]);
  }
  doc.flavor = flavorOf(doc, uri);
  return doc;
}

function readValue(text: string, from: number, end: number, doc: SaslauthdDocument): { value: string; valueSpan: Span } {
  const quote = text[from];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, from + 1);
    if (close === -1 || close > end) {
      doc.problems.push({ span: { start: from, end }, message: `The ${quote === '"' ? 'double' : 'single'} quote is never closed; the shell reads the following lines into this value.` });
      return { value: text.slice(from + 1, end), valueSpan: { start: from + 1, end } };
    }
    return { value: text.slice(from + 1, close), valueSpan: { start: from + 1, end: close } };
  }
  // Unquoted: the value ends at the first blank; ` #` starts a comment.
  let p = from;
  while (p < end && !/\s/.test(text[p])) p++;
  const rest = text.slice(p, end).trim();
  if (rest && !rest.startsWith('#')) {
    doc.problems.push({ span: { start: from, end }, message: 'A blank ends an unquoted shell value, so the shell runs the rest of the line as a command. Put the value in double quotes.' });
  }
  return { value: text.slice(from, p), valueSpan: { start: from, end: p } };
}

/** getopt-style: `-m dir`, `-mdir`, and grouped switches such as `-cr`. */
export function readFlags(words: Word[]): FlagUse[] {
  const out: FlagUse[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.text.startsWith('-') || w.text.length < 2) continue;
    for (let k = 1; k < w.text.length; k++) {
      const flag = '-' + w.text[k];
      const info = lookupSaslauthdFlag(flag);
      const span = k === 1 ? { start: w.span.start, end: w.span.start + 2 } : { start: w.span.start + k, end: w.span.start + k + 1 };
      if (info?.argument) {
        if (k + 1 < w.text.length) {
          out.push({ flag, span, argument: { text: w.text.slice(k + 1), span: { start: w.span.start + k + 1, end: w.span.end }, template: w.template } });
        } else {
          const next = words[i + 1];
          out.push(next ? { flag, span, argument: next } : { flag, span });
          if (next) i++;
        }
        break;
      }
      out.push({ flag, span });
    }
  }
  return out;
}

function flavorOf(doc: SaslauthdDocument, uri: string): SaslauthdFlavor {
  if (/\/default\/saslauthd|saslauthd\.default$/.test(uri)) return 'debian';
  if (/\/sysconfig\/saslauthd/.test(uri)) return 'redhat';
  const has = (n: string) => doc.byName.has(n);
  if (has('START') || has('MECHANISMS') || has('OPTIONS') || has('THREADS')) return 'debian';
  if (has('MECH') || has('FLAGS') || has('SOCKETDIR')) return 'redhat';
  return 'unknown';
}

/** The last assignment of a name, as the shell keeps it. */
export function shellValue(doc: SaslauthdDocument, name: string): ShellAssignment | undefined {
  const list = doc.byName.get(name);
  return list?.[list.length - 1];
}

export interface SaslauthdSettings {
  mechanism?: { text: string; span: Span };
  /** Socket directory (host path) and where it is set. */
  socketDir: { path: string; span?: Span };
  realmFlag?: FlagUse;
  start?: ShellAssignment;
}

/** What saslauthd will run with, as far as the file tells. */
export function saslauthdSettings(doc: SaslauthdDocument): SaslauthdSettings {
  const flags = doc.assignments.filter((a) => a.flags.length).flatMap((a) => a.flags);
  const mechVar = shellValue(doc, 'MECHANISMS') ?? shellValue(doc, 'MECH');
  const aFlag = flags.find((f) => f.flag === '-a' && f.argument);
  const mechanism = mechVar && mechVar.value ? { text: mechVar.value, span: mechVar.valueSpan } : aFlag?.argument ? { text: aFlag.argument.text, span: aFlag.argument.span } : undefined;
  const mFlag = [...flags].reverse().find((f) => f.flag === '-m' && f.argument);
  const socketVar = shellValue(doc, 'SOCKETDIR');
  const socketDir = mFlag?.argument
    ? { path: mFlag.argument.text, span: mFlag.argument.span }
    : socketVar && socketVar.value
      ? { path: socketVar.value, span: socketVar.valueSpan }
      : { path: doc.flavor === 'redhat' ? '/run/saslauthd' : '/var/run/saslauthd' };
  return { mechanism, socketDir, realmFlag: flags.find((f) => f.flag === '-r'), start: shellValue(doc, 'START') };
}
