// Setting names judged for the Dovecot line the configuration is for (2.3 or 2.4): a name that line
// does not define stops it at start-up ("Unknown setting", doveconf exit 89), so each is an error, and
// all of them are listed at once (doveconf stops at the first). A 2.3 name in a 2.4 file, or the
// reverse, names its replacement from the upgrade notes (data/dovecotMigration.ts).
import { dovecotRenames, type DovecotRename } from '../data/dovecotMigration';
import { dovecotSettingNames } from '../data/dovecotSettings.generated';
import type { Finding, FindingFix } from '../findings';
import { closestMatch } from '../suggest';
import type { DovecotDocument, DovecotSection, DovecotSetting } from './parse';

export type DovecotLine = keyof typeof dovecotSettingNames;

const names: Record<DovecotLine, ReadonlySet<string>> = { '2.3': new Set(dovecotSettingNames['2.3']), '2.4': new Set(dovecotSettingNames['2.4']) };
const other = (line: DovecotLine): DovecotLine => (line === '2.3' ? '2.4' : '2.3');

/** 2.4's config parser reads this one itself; it is in no settings table. */
const PARSER_KEYS: Record<DovecotLine, readonly string[]> = { '2.3': [], '2.4': ['dovecot_config_version'] };
/** Sections that hold settings of the top level (filters), not their own. */
const FILTERS = new Set(['protocol', 'local', 'remote', 'local_name']);
/** Pigeonhole (Sieve) is a project of its own, with its own settings. */
const OTHER_PROJECT = /^(sieve|imapsieve|managesieve)/;

/** `2.4.0`, `2.3.19.1 (9b53102964)` → the line; undefined for anything else. */
export function dovecotLineOf(version: string | undefined): DovecotLine | undefined {
  const m = /^\s*2\.([34])(?:\.|\s|$)/.exec(version ?? '');
  return m ? (`2.${m[1]}` as DovecotLine) : undefined;
}

/** The section types around a setting, innermost first; undefined when one of them is not a section this line knows (a plugin's, say). */
function enclosing(s: DovecotSetting, line: DovecotLine): string[] | undefined {
  const types: string[] = [];
  for (let p: DovecotSection | undefined = s.parent; p && p.type !== ''; p = p.parent) {
    if (FILTERS.has(p.type)) continue;
    if (p.type === 'plugin' || !names[line].has(p.type)) return undefined;
    types.push(p.type);
  }
  return types;
}

/** 2.4 accepts a section's setting by its short name: `driver` inside `passdb` is passdb_driver. */
function known(key: string, within: readonly string[], line: DovecotLine): boolean {
  if (names[line].has(key) || PARSER_KEYS[line].includes(key)) return true;
  return line === '2.4' && within.some((t) => names[line].has(`${t}_${key}`));
}

function renameOf(key: string, within: readonly string[], line: DovecotLine): { rename: DovecotRename; written: string; instead?: string } | undefined {
  const fits = (r: DovecotRename) => !r.within || r.within.some((w) => within[0] === w);
  if (line === '2.4') {
    const r = dovecotRenames.find((x) => x.from === key && fits(x));
    return r && { rename: r, written: '2.3', instead: r.to };
  }
  const r = dovecotRenames.find((x) => x.to === key && fits(x));
  return r && { rename: r, written: '2.4', instead: r.from };
}

export function checkSettingNames(doc: DovecotDocument, line: DovecotLine, fixFor: (s: DovecotSetting) => FindingFix | undefined): Finding[] {
  const out: Finding[] = [];
  for (const s of doc.settings) {
    if (s.template || OTHER_PROJECT.test(s.key)) continue;
    const within = enclosing(s, line);
    if (!within || known(s.key, within, line)) continue;
    const refuses = `Dovecot ${line} refuses it ("Unknown setting: ${s.key}") and does not start.`;
    const renamed = renameOf(s.key, within, line);
    if (renamed) {
      const note = line === '2.4' && renamed.rename.note ? `, ${renamed.rename.note}` : '';
      const instead = renamed.instead ? ` In ${line} write "${renamed.instead}"${note}.` : ` In ${line} it is ${renamed.rename.note}.`;
      const fix = fixFor(s);
      out.push({ code: 'dovecot-renamed-setting', span: s.keySpan, message: `"${s.key}" is the Dovecot ${renamed.written} name; ${refuses}${instead}`, ...(fix ? { fix } : {}) });
      continue;
    }
    const theirs = known(s.key, within, other(line));
    const guess = theirs ? undefined : closestMatch(s.key, names[line]);
    out.push({
      code: 'dovecot-unknown-setting',
      span: s.keySpan,
      message: `Dovecot ${line} has no setting "${s.key}": it stops with "Unknown setting: ${s.key}" and does not start.${theirs ? ` It is a Dovecot ${other(line)} setting that ${line} does not have.` : guess ? ` Did you mean "${guess}"?` : ''}`,
      ...(guess ? { fix: { kind: 'replace' as const, span: s.keySpan, text: guess, title: `Change to "${guess}"` } } : {}),
    });
  }
  return out;
}
