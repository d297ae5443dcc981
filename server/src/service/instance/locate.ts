// From what the user gave (a member file, a folder, the live system) to the instances it belongs to.
// A file that no instance reads is checked on its own; Dovecot files without Postfix make a Dovecot
// configuration of their own, from the dovecot.conf above them.
import type { ParsedText } from '../analyze';
import type { ParsedFile } from '../documents';
import { detectLanguage, type LanguageId } from '../languages';
import { assembleConfigDirectory, take, type Context, type Layout, type Note, type Parse } from './assemble';
import { CONFIG_DIRECTORIES } from './conventions';
import { followIncludes } from './dovecotIncludes';
import { buildInstance, GIVEN, type Instance } from './instance';
import { baseOf, dirOf, joinPath, pathOfUri } from './paths';
import type { VersionFacts } from './targetVersion';
import { confinedReader, memoryReader, type FileReader, type MemoryEntry } from './reader';
import { folderTree, rootAbove, treeFor, type Tree } from './tree';

export interface LocateOptions {
  reader: FileReader;
  parse: Parse;
  /** The folder that stands for / (the CLI's --root); else the etc/ above each path decides. */
  root?: string;
  /** Read every given file as this type, each on its own (the CLI's --type). */
  forcedType?: LanguageId;
}

/** Folders of a walk and the files in them are bounded: a tree of a million files must not hang us. */
const MAX_WALK_ENTRIES = 10_000;
const MAX_WALK_DEPTH = 20;
const NOT_CONFIG = new Set(['node_modules', 'proc', 'sys', 'dev']);

function emptyLayout(tree: Tree): Layout {
  return { tree, members: [], missing: [], notes: [], cyrusFiles: new Map(), includes: new Map(), further: [] };
}

/** Where main.cf is for a file of the instance: its folder, the folder above sasl/ or conf.d/, the tree's config_directory. */
function configDirectoryFor(reader: FileReader, path: string, tree: Tree): string | undefined {
  const dir = dirOf(path);
  const candidates = [dir, dirOf(dir), joinPath(dirOf(dir), 'postfix'), joinPath(dirOf(dirOf(dir)), 'postfix')];
  if (tree.root !== undefined) candidates.push(...CONFIG_DIRECTORIES.map(tree.toTree));
  return candidates.find((d) => reader.stat(joinPath(d, 'main.cf'))?.kind === 'file');
}

/**
 * The folders below `folder` that hold a main.cf, and the other files we recognise there. Each real
 * folder is visited once (a link to `.` neither repeats findings nor loops); a folder we cannot list and a
 * recognised name that leads nowhere (a dangling link) become notes, and the rest is still walked.
 */
function walk(reader: FileReader, folder: string): { configDirs: string[]; files: string[]; notes: Note[] } {
  const configDirs: string[] = [];
  const files: string[] = [];
  const notes: Note[] = [];
  const seen = new Set<string>();
  let entries = 0;
  const visit = (dir: string, depth: number) => {
    const real = reader.realPath ? reader.realPath(dir) : dir;
    if (real === undefined || seen.has(real) || depth > MAX_WALK_DEPTH) return;
    seen.add(real);
    const names = reader.list(dir);
    if (!names) {
      notes.push({ path: dir, message: `${dir} is a folder that cannot be read, so the files in it were not checked.` });
      return;
    }
    for (const name of names) {
      if (++entries > MAX_WALK_ENTRIES) return;
      if (name.startsWith('.') || NOT_CONFIG.has(name)) continue;
      const path = joinPath(dir, name);
      const stat = reader.stat(path);
      if (stat?.kind === 'folder') visit(path, depth + 1);
      else if (!stat && (name === 'main.cf' || detectLanguage(path))) notes.push({ path, message: `${path} cannot be examined (a link to nothing, or no permission), so it was not checked.` });
      else if (name === 'main.cf') configDirs.push(dir);
      else if (detectLanguage(path)) files.push(path);
    }
  };
  visit(folder, 0);
  return { configDirs, files, notes };
}

/** The instances of `paths`, each assembled once, with multi-instance directories as instances of their own. */
export function locateLayouts(paths: readonly string[], options: LocateOptions): Layout[] {
  const layouts = new Map<string, Layout>();
  const loose: Array<{ path: string; tree: Tree }> = [];
  const ctxFor = (tree: Tree): Context => ({ reader: tree.root !== undefined ? confinedReader(options.reader, [tree.root]) : options.reader, parse: options.parse });
  const addInstance = (configDir: string, tree: Tree) => {
    const queue = [configDir];
    while (queue.length) {
      const dir = queue.shift()!;
      if (layouts.has(dir)) continue;
      const layout = assembleConfigDirectory(ctxFor(tree), tree, dir);
      layouts.set(dir, layout);
      queue.push(...layout.further);
    }
  };
  for (const path of paths) {
    const tree = treeFor(path, options.root);
    const kind = options.reader.stat(path)?.kind;
    if (options.forcedType) {
      loose.push({ path, tree });
    } else if (kind === 'folder') {
      const { configDirs, files, notes } = walk(options.reader, path);
      if (notes.length) layouts.set(`${path}\0notes`, { ...emptyLayout(treeFor(path, options.root)), notes });
      for (const dir of configDirs) addInstance(dir, treeFor(dir, options.root));
      for (const file of files) loose.push({ path: file, tree: treeFor(file, options.root) });
    } else {
      const configDir = baseOf(path) === 'main.cf' ? dirOf(path) : configDirectoryFor(options.reader, path, tree);
      if (configDir) addInstance(configDir, tree);
      loose.push({ path, tree });
    }
  }
  const claimed = new Set([...layouts.values()].flatMap((l) => [...l.members.map((m) => m.path), ...l.notes.map((n) => n.path)]));
  const out = [...layouts.values()];
  for (const { path, tree } of loose) {
    if (claimed.has(path)) continue;
    const ctx = ctxFor(tree);
    const languageId = options.forcedType ?? detectLanguage(path);
    if (languageId === 'postfix-main') {
      // A variant of main.cf (main.cf.dovecot, main.cf.j2): read with the files beside it, as main.cf would be.
      const layout = assembleConfigDirectory(ctx, tree, dirOf(path), path);
      layout.members.forEach((m) => claimed.add(m.path));
      out.push(layout);
      continue;
    }
    const layout = emptyLayout(tree);
    const member = languageId ? take(ctx, layout, path, languageId, { reason: 'given on its own: no main.cf reads it' }) : undefined;
    // A device or FIFO given by its path (/dev/urandom) has no name we know: say it was skipped, never read it.
    if (!languageId && ctx.reader.stat(path)?.kind === 'other') layout.notes.push({ path, message: `${path} is not a regular file (a FIFO, socket or device), so it was not read.` });
    if (member && languageId === 'dovecot') followIncludes(ctx, layout, member);
    layout.members.forEach((m) => claimed.add(m.path));
    if (layout.members.length || layout.notes.length) out.push(layout);
  }
  return out;
}

/** The live system: config_directory as `postconf -h config_directory` says (else /etc/postfix), under `root`. */
export function locateLive(configDirectory: string, options: LocateOptions): Layout[] {
  return locateLayouts([joinPath(options.root ?? '/', configDirectory)], options);
}

/**
 * An instance of files already parsed (tests, and callers that know which files belong together):
 * the search runs over those files alone, and a file it does not reach still belongs, as given.
 */
export function instanceFromFiles(files: readonly ParsedFile[], parsedOf: (index: number) => ParsedText = (i) => ({ file: files[i], binary: false, truncated: false }), versions: VersionFacts = {}): Instance {
  const pathOf = (uri: string) => {
    const path = pathOfUri(uri);
    return path.startsWith('/') ? path : `/${path}`;
  };
  const paths = files.map((f) => pathOf(f.uri));
  // What the front end learnt from the disk (mode, times, compiled tables) stands in for the disk.
  const entries: Record<string, MemoryEntry> = {};
  paths.forEach((p, i) => {
    const disk = files[i].disk;
    entries[p] = disk ? { text: files[i].text, mode: disk.mode, mtimeMs: disk.mtimeMs } : files[i].text;
    for (const c of disk?.compiled ?? []) entries[joinPath(dirOf(p), baseOf(c.path))] = { mtimeMs: c.mtimeMs };
  });
  const reader = memoryReader(entries);
  const parse: Parse = (path) => parsedOf(paths.indexOf(path));
  const mainIndex = files.findIndex((f) => f.languageId === 'postfix-main');
  const start = paths[mainIndex >= 0 ? mainIndex : Math.max(0, paths.findIndex((p, i) => files[i].languageId === 'dovecot' && baseOf(p) === 'dovecot.conf'))];
  const tree = start === undefined || rootAbove(start) === undefined ? folderTree() : treeFor(start);
  let layout: Layout;
  if (mainIndex >= 0) layout = assembleConfigDirectory({ reader, parse }, tree, dirOf(start));
  else {
    layout = emptyLayout(tree);
    const first = start !== undefined ? take({ reader, parse }, layout, start, files[paths.indexOf(start)].languageId, { reason: GIVEN }) : undefined;
    if (first?.languageId === 'dovecot') followIncludes({ reader, parse }, layout, first);
  }
  paths.forEach((path, i) => {
    if (!layout.members.some((m) => m.path === path)) take({ reader, parse }, layout, path, files[i].languageId, { reason: GIVEN });
  });
  return buildInstance(layout, versions);
}
