// Guesses a file type from the head of a text, for a document whose client gave no id of ours and
// whose name says nothing. Cheap (a bounded head, one pass, map lookups) and cautious: a type wins
// only when known names of it occur and few lines contradict it, so prose or another format stays ours
// to ignore.
import { lookupParameter, lookupServiceFamily } from './data/catalogue';
import { lookupCyrusOption } from './data/cyrusOptions';
import { dovecotSections, dovecotSettings } from './data/dovecotSettings';
import { saslauthdVariables } from './data/saslauthdOptions';
import type { LanguageId } from './languages';

/** How one line bears on one file type: a name only that type knows, a line of its shape, or neither. */
type Verdict = 'known' | 'fits' | 'foreign';

const HEAD_CHARS = 16_384;
const HEAD_LINES = 100;

// Only top-level settings: names like port, user or mode belong in sections, and occur in many formats.
const dovecotNames = new Set(dovecotSettings.filter((s) => s.within === undefined).map((s) => s.name));
const dovecotSectionNames = new Set(dovecotSections.map((s) => s.name));
// OPTIONS=, START= and the like open many /etc/default files; the mechanism variables are saslauthd's.
const saslauthdNames = new Set(saslauthdVariables.filter((v) => v.mechanisms || v.name === 'MECH_OPTIONS').map((v) => v.name));
const SERVICE_LINE = /^\S+\s+(inet|unix|unix-dgram|fifo|pass)\s+[-yn]\s+[-yn]\s+[-yn]\s+(\d+\??|-)\s+(\d+|-)\s+\S/;

const classifiers: ReadonlyArray<readonly [LanguageId, (line: string) => Verdict]> = [
  ['postfix-main', (line) => {
    const name = /^([A-Za-z0-9_.-]+)\s*=/.exec(line)?.[1];
    if (name === undefined) return 'foreign';
    return lookupParameter(name) || lookupServiceFamily(name) ? 'known' : 'fits';
  }],
  ['postfix-master', (line) => (SERVICE_LINE.test(line) ? 'known' : 'foreign')],
  ['cyrus-sasl', (line) => {
    const name = /^([A-Za-z0-9_]+)\s*:/.exec(line)?.[1];
    if (name === undefined) return 'foreign';
    // log_level and the plugin families (sql_..., ldapdb_...) are common YAML keys too: they only fit.
    return lookupCyrusOption(name) && name !== 'log_level' ? 'known' : 'fits';
  }],
  ['saslauthd', (line) => {
    const name = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1];
    if (name === undefined) return 'foreign';
    return saslauthdNames.has(name) ? 'known' : 'fits';
  }],
  ['dovecot', (line) => {
    if (/^!include(_try)?\s/.test(line)) return 'known';
    if (line.startsWith('}')) return 'fits';
    // `name [args] {`: tested without a pattern that could backtrack over a long line.
    if (line.endsWith('{') && !line.includes('=')) {
      const section = /^[A-Za-z_][\w-]*/.exec(line)?.[0];
      if (section !== undefined) return dovecotSectionNames.has(section) ? 'known' : 'fits';
    }
    const name = /^([A-Za-z0-9_]+)\s*=/.exec(line)?.[1];
    if (name === undefined) return 'foreign';
    return dovecotNames.has(name) ? 'known' : 'fits';
  }],
  ['postfix-sasl-passwd', (line) => {
    // `[relay]:port user:password`, `host user:password`, `@domain user:password`, `sender@domain user:password`.
    const m = /^(\S+)\s+[^\s:]+:\S*$/.exec(line);
    if (!m) return 'foreign';
    return /^\[[^\]\s]+\](:\d+)?$|^@?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?$|^[^\s@]+@[A-Za-z0-9.-]+$/.test(m[1]) ? 'known' : 'fits';
  }],
];

/** The file type the text's head shows, or undefined when it shows none clearly. */
export function sniffLanguage(text: string): LanguageId | undefined {
  const lines: string[] = [];
  for (const raw of text.slice(0, HEAD_CHARS).split(/\r?\n/)) {
    // Continuation lines (leading blanks) and comments say nothing about the type.
    if (raw === '' || /^\s/.test(raw) || raw.startsWith('#')) continue;
    lines.push(raw.trimEnd());
    if (lines.length === HEAD_LINES) break;
  }
  if (lines.length === 0) return undefined;
  let best: LanguageId | undefined;
  let bestKnown = 0;
  let tie = false;
  for (const [languageId, classify] of classifiers) {
    let known = 0;
    let foreign = 0;
    for (const line of lines) {
      const verdict = classify(line);
      if (verdict === 'known') known++;
      else if (verdict === 'foreign') foreign++;
    }
    // At least a quarter of the lines are known names of the type, and at most a quarter contradict it.
    if (known === 0 || known * 4 < lines.length || foreign * 4 > lines.length) continue;
    if (known > bestKnown) [best, bestKnown, tie] = [languageId, known, false];
    else if (known === bestKnown) tie = true;
  }
  return tie ? undefined : best;
}
