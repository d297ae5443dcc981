// Finds the files of one Postfix instance the way Postfix and its helpers find them: main.cf's
// folder is config_directory, master.cf sits beside it, each smtpd service's Cyrus SASL file is
// searched where the library searches, saslauthd's and Dovecot's settings where the distributions
// put them, and the lookup tables where main.cf names them. Pure: the disk comes through a reader.
import type { ParsedText } from '../analyze';
import { isMainCfFile, type MainCfFile } from '../documents';
import type { LanguageId } from '../languages';
import { lookupParameter } from '../data/catalogue';
import { expandValue, rawValue } from '../mainCf/expand';
import { isMasterCfFile, type MasterCfFile } from '../master/masterCfFile';
import type { Assignment, MainCfDocument } from '../parser/mainCf';
import { saslType } from './backend';
import { smtpdServices, splitWords, type SmtpdService } from './services';
import { COMPILED_SUFFIXES, CYRUS_SEARCH, DOVECOT_CONF, FILE_MAP_TYPES, NEXT_HOP_MAP_PARAMETERS, SASL_MAP_PARAMETERS, SASLAUTHD_SETTINGS } from './conventions';
import { followIncludes } from './dovecotIncludes';
import { baseOf, dirOf, joinPath } from './paths';
import type { FileReader, FileStat } from './reader';
import type { Span } from '../text';
import type { Tree } from './tree';

export interface Member {
  /** Where the file is in the tree we were given. */
  path: string;
  /** The path as the configuration or the daemon names it (absolute on the running system). */
  configured: string;
  /** Unset for a lookup table we only know the disk facts of. */
  languageId?: LanguageId;
  /** Why it belongs: the parameter or the convention that leads to it. */
  reason: string;
  /** The main.cf or master.cf parameter that named it, when one did. */
  parameter?: string;
  stat: FileStat;
  parsed?: ParsedText;
  /** A lookup table at the very path the configuration names (not a copy found beside main.cf by its name). */
  exact?: boolean;
  /** For lookup tables: the compiled forms next to it. */
  compiled?: ReadonlyArray<{ path: string; mtimeMs: number }>;
  /** The source text of a table that adds next hops (transport_maps ...), for the smtp client model. */
  text?: string;
}

/** Something we looked for and did not find, with every place we tried. */
export interface Lookup {
  what: string;
  looked: string[];
}

/** A file we could not use (unreadable, a folder, a FIFO, an include loop); the rest is still checked. */
export interface Note {
  path: string;
  message: string;
  /** Where in that file, when the file says it (the `!include` of a loop); else its start. */
  span?: Span;
}

export interface Layout {
  tree: Tree;
  configDirectory?: string;
  members: Member[];
  missing: Lookup[];
  notes: Note[];
  /** smtpd_sasl_path name → path of the Cyrus file found for it. */
  cyrusFiles: Map<string, string>;
  /** Dovecot file path → include text → the paths it brought in. */
  includes: Map<string, Map<string, string[]>>;
  /** config_directory of further instances that main.cf names (multi_instance_directories ...). */
  further: string[];
  /** The Cyrus SASL plugins installed where these files are used (plain, login ...); unset: not known. */
  cyrusPlugins?: readonly string[];
}

export type Parse = (path: string, languageId: LanguageId, text: string) => ParsedText;

export interface Context {
  reader: FileReader;
  parse: Parse;
}

/** Reads and parses one candidate; a non-file or an unreadable file becomes a note. */
export function take(ctx: Context, layout: Layout, path: string, languageId: LanguageId | undefined, why: { reason: string; parameter?: string }): Member | undefined {
  const existing = layout.members.find((m) => m.path === path);
  if (existing) return existing;
  const stat = ctx.reader.stat(path);
  if (!stat) return undefined;
  if (stat.kind !== 'file') {
    layout.notes.push({ path, message: `${path} is ${stat.kind === 'folder' ? 'a folder' : 'not a regular file (a FIFO, socket or device)'}, so it was not read (${why.reason}).` });
    return undefined;
  }
  let parsed: ParsedText | undefined;
  if (languageId) {
    const text = ctx.reader.read(path);
    if (text === undefined) {
      layout.notes.push({ path, message: `${path} cannot be read, so it was not checked (${why.reason}).` });
      return undefined;
    }
    parsed = ctx.parse(path, languageId, text);
  }
  const member: Member = { path, configured: layout.tree.configuredOf(path), languageId, stat, parsed, ...why };
  layout.members.push(member);
  return member;
}

/** The first candidate that exists; none: a lookup with every place tried. */
function takeFirst(ctx: Context, layout: Layout, what: string, candidates: string[], languageId: LanguageId | undefined, reason: (configured: string) => string, parameter?: string): Member | undefined {
  for (const path of new Set(candidates)) {
    const member = take(ctx, layout, path, languageId, { reason: reason(layout.tree.configuredOf(path)), parameter });
    if (member) return member;
  }
  layout.missing.push({ what, looked: [...new Set(candidates)] });
  return undefined;
}

/** The instance of `configDirectory`; `mainPath` for a variant of main.cf (main.cf.dovecot, a template) read in its place. */
export function assembleConfigDirectory(ctx: Context, tree: Tree, configDirectory: string, mainPath = joinPath(configDirectory, 'main.cf')): Layout {
  const layout: Layout = { tree, configDirectory, members: [], missing: [], notes: [], cyrusFiles: new Map(), includes: new Map(), further: [] };
  const mainMember = takeFirst(ctx, layout, 'main.cf', [mainPath], 'postfix-main', () => (baseOf(mainPath) === 'main.cf' ? 'main.cf in config_directory' : 'a main.cf given in its place'));
  const masterMember = takeFirst(ctx, layout, 'master.cf', [joinPath(configDirectory, 'master.cf')], 'postfix-master', () => 'master.cf beside main.cf');
  const main = mainMember?.parsed?.file && isMainCfFile(mainMember.parsed.file) ? mainMember.parsed.file : undefined;
  const master = masterMember?.parsed?.file && isMasterCfFile(masterMember.parsed.file) ? masterMember.parsed.file : undefined;
  const setting = settingsOf(main, tree, configDirectory);
  const services = main || master ? smtpdServices({ main, master }) : [];
  const cyrus = services.length === 0 || services.some((s) => saslType(s) === 'cyrus');
  if (cyrus) cyrusFiles(ctx, layout, services, setting);
  if (cyrus) takeFirst(ctx, layout, "saslauthd's settings", tree.candidates(SASLAUTHD_SETTINGS, configDirectory, ['default/saslauthd', 'sysconfig/saslauthd', 'conf.d/saslauthd', 'saslauthd']), 'saslauthd', (p) => `saslauthd's start-up settings (${p})`);
  if (main || master) {
    if (services.some((s) => saslType(s) === 'dovecot')) {
      const conf = takeFirst(ctx, layout, 'dovecot.conf', tree.candidates(DOVECOT_CONF, configDirectory, ['dovecot/dovecot.conf', '../dovecot/dovecot.conf', 'dovecot.conf']), 'dovecot', (p) => `Dovecot's configuration (${p}): a service uses smtpd_sasl_type = dovecot`);
      if (conf) followIncludes(ctx, layout, conf);
    }
    maps(ctx, layout, master, setting);
  }
  for (const name of ['multi_instance_directories', 'alternate_config_directories']) {
    for (const dir of splitWords(setting(name))) if (dir.startsWith('/')) layout.further.push(tree.toTree(dir));
  }
  return layout;
}

/** main.cf's value of a parameter with $references expanded; $config_directory is where main.cf really is. */
function settingsOf(main: MainCfFile | undefined, tree: Tree, configDirectory: string): (name: string) => string {
  if (!main) return (name) => lookupParameter(name)?.default ?? '';
  const doc = main.main;
  if (doc.byName.has('config_directory')) return (name) => expandValue(doc, rawValue(doc, name) ?? '') ?? '';
  // Postfix would substitute its compiled-in config_directory; the folder main.cf is in is the truth.
  const here = [{ value: { text: tree.configuredOf(configDirectory) } }] as unknown as Assignment[];
  const byName = { get: (name: string) => (name === 'config_directory' ? here : doc.byName.get(name)), has: (name: string) => name === 'config_directory' || doc.byName.has(name) };
  const located = { ...doc, byName } as unknown as MainCfDocument;
  return (name) => expandValue(located, rawValue(located, name) ?? '') ?? '';
}

/** `<smtpd_sasl_path>.conf` of each Cyrus smtpd service, in cyrus_sasl_config_path or the built-in search list. */
function cyrusFiles(ctx: Context, layout: Layout, smtpd: readonly SmtpdService[], setting: (name: string) => string): void {
  const services = smtpd.filter((s) => saslType(s) === 'cyrus');
  const names = new Map<string, string>();
  for (const s of services) {
    const name = s.get('smtpd_sasl_path').trim() || 'smtpd';
    if (!names.has(name)) names.set(name, s.master?.overrides.some((o) => o.name === 'smtpd_sasl_path') ? `-o smtpd_sasl_path=${name} of ${s.label}` : `smtpd_sasl_path = ${name}`);
  }
  if (services.length === 0) names.set('smtpd', 'smtpd_sasl_path = smtpd (the default)');
  const configured = setting('cyrus_sasl_config_path').trim();
  const here = layout.tree.configuredOf(layout.configDirectory!);
  const folders = configured ? configured.split(':').filter(Boolean) : CYRUS_SEARCH.map((f) => f.replace('$config_directory', here));
  const why = configured ? 'cyrus_sasl_config_path' : 'the Cyrus SASL search list';
  for (const [name, from] of names) {
    if (/[$%{}/]/.test(name)) continue;
    const candidates = layout.tree.candidates(folders.map((f) => joinPath(f, `${name}.conf`)), layout.configDirectory!, [`sasl/${name}.conf`, `sasl2/${name}.conf`, `${name}.conf`]);
    const member = takeFirst(ctx, layout, `${name}.conf (Cyrus SASL, ${from})`, candidates, 'cyrus-sasl', (p) => `Cyrus SASL file of ${from}, first found in ${why} (${dirOf(p)})`, configured ? 'cyrus_sasl_config_path' : undefined);
    if (member) layout.cyrusFiles.set(name, member.path);
  }
}

/** The file-backed lookup tables of the SASL rules, with their compiled forms. */
function maps(ctx: Context, layout: Layout, master: MasterCfFile | undefined, setting: (name: string) => string): void {
  const values = [...SASL_MAP_PARAMETERS, ...NEXT_HOP_MAP_PARAMETERS].map((name) => ({ name, value: setting(name) }));
  for (const s of master?.master.services ?? []) for (const o of s.overrides) if (SASL_MAP_PARAMETERS.includes(o.name)) values.push({ name: o.name, value: o.value.text });
  for (const { name, value } of values) {
    for (const word of splitWords(value)) {
      const m = /^(?:proxy:)?([a-z0-9]+):(\/\S+)$/.exec(word);
      if (!m || !FILE_MAP_TYPES.has(m[1])) continue;
      const languageId: LanguageId | undefined = name === 'smtp_sasl_password_maps' ? 'postfix-sasl-passwd' : undefined;
      const candidates = layout.tree.candidates([m[2]], layout.configDirectory!, [baseOf(m[2])]);
      const member = takeFirst(ctx, layout, `${m[2]} (${name})`, candidates, languageId, (p) => (p === m[2] ? `${name} names it` : `${name} names ${m[2]}; found beside main.cf by its name`), name);
      if (!member || member.compiled) continue;
      member.exact = member.configured === m[2];
      if (NEXT_HOP_MAP_PARAMETERS.includes(name) && !member.languageId) member.text = ctx.reader.read(member.path);
      member.compiled = (COMPILED_SUFFIXES[m[1]] ?? []).flatMap((suffix) => {
        const stat = ctx.reader.stat(member.path + suffix);
        return stat?.kind === 'file' ? [{ path: member.path + suffix, mtimeMs: stat.mtimeMs }] : [];
      });
    }
  }
}
