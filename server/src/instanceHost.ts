// The language server's side of the instance model: a reader that sees open buffers over the disk,
// parses cached per version (buffers) or per mtime (disk), and one checked instance per version of
// its members. Any change to a member, or to a place an instance looked in, makes it be rebuilt.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseText, type ParsedText } from './service/analyze';
import type { ParsedFile } from './service/documents';
import type { Layout } from './service/instance/assemble';
import { checkInstanceSteps, type FileFindings } from './service/instance/check';
import { buildInstance, type Instance } from './service/instance/instance';
import { instanceFromFiles, locateLayouts } from './service/instance/locate';
import { dirOf } from './service/instance/paths';
import { configuredVersions } from './service/instance/targetVersion';
import type { FileReader } from './service/instance/reader';
import { detectLanguage, type LanguageId } from './service/languages';
import type { Settings } from './service/settings';
import { runSteps } from './service/steps';
import { diskReader } from './diskReader';

/** An open editor buffer, as the host needs it. */
export interface OpenBuffer {
  uri: string;
  version: number;
  text: string;
  languageId?: LanguageId;
}

export interface CheckedInstance {
  instance: Instance;
  /** Checked on first use, so a hover never waits for the findings; the steps not run yet are run at once. */
  readonly results: FileFindings[];
  /** Runs one step of the check; true when the results are complete. */
  step(): boolean;
  /** Dropped from the cache (a newer version replaced it): work on it is for nobody. */
  stale: boolean;
  /** URIs of every member and noted file, for publishing. */
  uris: string[];
}

function checked(instance: Instance, settings: Settings, uris: string[], pathAs?: string): CheckedInstance {
  let results: FileFindings[] | undefined;
  let steps: ReturnType<typeof checkInstanceSteps> | undefined;
  const done = (found: FileFindings[]) => (results = found.map((r) => (pathAs ? { ...r, path: pathAs } : r)));
  return {
    instance,
    uris,
    stale: false,
    get results() {
      return results ?? done(runSteps((steps ??= checkInstanceSteps(instance, settings))));
    },
    step() {
      if (results) return true;
      const next = (steps ??= checkInstanceSteps(instance, settings)).next();
      if (next.done) done(next.value);
      return next.done === true;
    },
  };
}

const uriOfPath = (path: string) => pathToFileURL(path).toString();

/**
 * The disk path of a local `file:` URI; undefined for any other (untitled, another host, an encoded
 * slash, a broken %-escape). Every URI → path step goes through here, so an odd URI is checked as a
 * buffer of its own instead of throwing while diagnostics are scheduled.
 */
export function localPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The cached instances, indexed by what a change can touch (a member's URI, a path looked for in vain, a
 * folder a member is in), so a change looks at the instances it touches and not at every one (5,000 open files).
 */
class InstanceCache {
  private byKey = new Map<string, CheckedInstance>();
  private byTouch = new Map<string, Set<string>>();
  private touchesOf = new Map<string, string[]>();
  private keyOf = new Map<CheckedInstance, string>();

  get(key: string): CheckedInstance | undefined {
    return this.byKey.get(key);
  }

  set(key: string, c: CheckedInstance): void {
    this.delete(key);
    const layout = c.instance.layout;
    const touches = [...new Set([...c.uris.map((u) => `uri\0${u}`), ...layout.missing.flatMap((l) => l.looked.map((p) => `looked\0${p}`)), ...layout.members.map((m) => `folder\0${dirOf(m.path)}`)])];
    this.byKey.set(key, c);
    this.keyOf.set(c, key);
    this.touchesOf.set(key, touches);
    for (const t of touches) {
      const keys = this.byTouch.get(t) ?? new Set<string>();
      keys.add(key);
      this.byTouch.set(t, keys);
    }
  }

  delete(key: string): void {
    const c = this.byKey.get(key);
    if (!c || !this.byKey.delete(key)) return;
    this.keyOf.delete(c);
    c.stale = true;
    for (const t of this.touchesOf.get(key)!) {
      const keys = this.byTouch.get(t)!;
      keys.delete(key);
      if (!keys.size) this.byTouch.delete(t);
    }
    this.touchesOf.delete(key);
  }

  /** Keys of the instances with this URI as member, or this path looked for, or a member in this folder. */
  keysTouching(kind: 'uri' | 'looked' | 'folder', what: string): string[] {
    return [...(this.byTouch.get(`${kind}\0${what}`) ?? [])];
  }

  /** Drops `c` under the one key it is cached by, if it still is. */
  deleteInstance(c: CheckedInstance): void {
    const key = this.keyOf.get(c);
    if (key !== undefined) this.delete(key);
  }

  clear(): void {
    for (const c of this.byKey.values()) c.stale = true;
    this.byKey.clear();
    this.keyOf.clear();
    this.byTouch.clear();
    this.touchesOf.clear();
  }
}

export class InstanceHost {
  private disk = new Map<string, { mtimeMs: number; size: number; text: string; languageId: LanguageId; parsed: ParsedText }>();
  private buffers = new Map<string, { version: number; text: string; languageId: LanguageId; parsed: ParsedText }>();
  /** Checked instances by the path they were located from; rebuilt when dropped. */
  private checked = new InstanceCache();
  /** The main.cf found in a folder (for the instance mail logs are explained against); dropped when a main.cf changes. */
  private folderMains = new Map<string, string | undefined>();

  constructor(private openBuffer: (uri: string) => OpenBuffer | undefined, private settings: () => Settings) {}

  private reader: FileReader = {
    read: (path) => this.openBuffer(uriOfPath(path))?.text ?? diskReader.read(path),
    stat: (path) => {
      const open = this.openBuffer(uriOfPath(path));
      const onDisk = diskReader.stat(path);
      return open ? { kind: 'file', size: open.text.length, mtimeMs: onDisk?.mtimeMs ?? 0, mode: onDisk?.mode } : onDisk;
    },
    list: (dir) => diskReader.list(dir),
  };

  /** Parses once per buffer version or per file version on disk. */
  private parse = (path: string, languageId: LanguageId, text: string): ParsedText => {
    const uri = uriOfPath(path);
    const open = this.openBuffer(uri);
    if (open) return this.parseBuffer({ ...open, languageId: open.languageId ?? languageId })!;
    const stat = diskReader.stat(path);
    const cached = this.disk.get(path);
    if (cached && stat && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.text === text && cached.languageId === languageId) return cached.parsed;
    const parsed = parseText(uri, languageId, text, this.settings());
    if (stat) this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text, languageId, parsed });
    return parsed;
  };

  /** The checked instance(s) a document belongs to, built when none is cached. */
  instancesOf(uri: string): CheckedInstance[] {
    const found = this.checked.keysTouching('uri', uri).map((key) => this.checked.get(key)!);
    if (found.length) return found;
    const key = uri;
    const made = this.build(uri);
    this.checked.set(key, made);
    return [made];
  }

  /** The instance of the first main.cf in a folder or below it; undefined when there is none. */
  instanceOfFolder(folder: string): CheckedInstance | undefined {
    if (!this.folderMains.has(folder)) {
      const layouts = locateLayouts([folder], { reader: this.reader, parse: this.parse });
      this.folderMains.set(folder, layouts.flatMap((l) => l.members).find((m) => m.languageId === 'postfix-main' && m.parsed)?.path);
    }
    const main = this.folderMains.get(folder);
    return main === undefined ? undefined : this.instancesOf(uriOfPath(main))[0];
  }

  private build(uri: string): CheckedInstance {
    const settings = this.settings();
    const path = localPathOf(uri);
    if (path === undefined) {
      // An untitled buffer, or a URI that names no local file, is an instance of its own.
      const open = this.openBuffer(uri);
      const parsed = open ? this.parseBuffer(open) : undefined;
      return checked(instanceFromFiles(parsed ? [parsed.file] : [], () => parsed!, configuredVersions(settings)), settings, [uri], uri);
    }
    const open = this.openBuffer(uri);
    const layouts: Layout[] = locateLayouts([path], { reader: this.reader, parse: this.parse, forcedType: undefined });
    // The document's own instance first; a buffer whose name says nothing is read as its language.
    let layout = layouts.find((l) => l.members.some((m) => m.path === path)) ?? layouts[0];
    if (!layout || (open?.languageId && !layout.members.some((m) => m.path === path))) {
      layout = locateLayouts([path], { reader: this.reader, parse: this.parse, forcedType: open?.languageId })[0];
    }
    if (!layout) return checked(instanceFromFiles([]), settings, []);
    const paths = [...layout.members.filter((m) => m.parsed).map((m) => m.path), ...layout.notes.map((n) => n.path)];
    return checked(buildInstance(layout, configuredVersions(settings)), settings, [...new Set(paths)].map(uriOfPath));
  }

  private parseBuffer(open: OpenBuffer): ParsedText | undefined {
    if (!open.languageId) return undefined;
    const cached = this.buffers.get(open.uri);
    if (cached && cached.version === open.version && cached.text === open.text) return cached.parsed;
    const parsed = parseText(open.uri, open.languageId, open.text, this.settings());
    this.buffers.set(open.uri, { version: open.version, text: open.text, languageId: open.languageId, parsed });
    return parsed;
  }

  /** A buffer's parse, for editor features that need no instance. */
  parsedOf(open: OpenBuffer): ParsedFile | undefined {
    return this.parseBuffer(open)?.file;
  }

  /** The findings of one document from its instance's last run. */
  findingsOf(uri: string): { file: ParsedFile; findings: FileFindings['findings'] } | undefined {
    for (const c of this.instancesOf(uri)) {
      const r = c.results.find((x) => uriOfPath(x.path) === uri || x.path === uri);
      if (r) return { file: r.file, findings: r.findings };
    }
    return undefined;
  }

  /** Drops what a change touches: instances with the path as member, or that looked for it, or read its folder. */
  invalidate(uri: string): CheckedInstance[] {
    const path = localPathOf(uri) ?? uri;
    this.disk.delete(path);
    const dropped: CheckedInstance[] = [];
    // Only a name the search looks for (main.cf, master.cf, sasl/smtpd.conf ...) can change what the
    // instances of its folder are made of; any other file there (5,000 open notes.cf) touches its own alone.
    const language = detectLanguage(path);
    const folder = language !== undefined ? dirOf(path) : undefined;
    if (language === 'postfix-main') this.folderMains.clear();
    const keys = new Set([uri, ...this.checked.keysTouching('uri', uri), ...this.checked.keysTouching('looked', path), ...(folder !== undefined ? this.checked.keysTouching('folder', folder) : [])]);
    for (const key of keys) {
      const c = this.checked.get(key);
      if (!c) continue;
      this.checked.delete(key);
      dropped.push(c);
    }
    return dropped;
  }

  /** Forgets an instance none of whose members is open any more, and the parses of its files on disk. */
  release(c: CheckedInstance): void {
    this.checked.deleteInstance(c);
    for (const m of c.instance.members) this.disk.delete(m.path);
  }

  clear(): void {
    this.checked.clear();
    this.folderMains.clear();
    this.buffers.clear();
    this.disk.clear();
  }

  forget(uri: string): void {
    this.buffers.delete(uri);
  }
}
