// How the instance model reaches files: a small reader that the front end provides (the real disk,
// open editor buffers over the disk, or an in-memory tree in tests). The model never imports node:fs.

export interface FileStat {
  kind: 'file' | 'folder' | 'other';
  size: number;
  mtimeMs: number;
  /** Permission bits, e.g. 0o600; undefined when the reader cannot tell (a test tree without them). */
  mode?: number;
}

export interface FileReader {
  /** The text of a file, or undefined when it cannot be read. */
  read(path: string): string | undefined;
  /** undefined: nothing there. */
  stat(path: string): FileStat | undefined;
  /** Names in a folder, or undefined when it is not a readable folder. */
  list(dir: string): string[] | undefined;
  /** The path with every symbolic link resolved, so a walk sees each real folder once (absent: paths are real). */
  realPath?(path: string): string | undefined;
}

/** A file of an in-memory tree: its text, or its text with disk facts, or a non-file. */
export type MemoryEntry = string | { text?: string; mode?: number; mtimeMs?: number; kind?: FileStat['kind']; unreadable?: boolean };

/** A reader over `{ '/etc/postfix/main.cf': 'text', ... }`; folders are implied by the paths. */
export function memoryReader(tree: Readonly<Record<string, MemoryEntry>>): FileReader {
  const files = new Map(Object.entries(tree).map(([path, entry]) => [path, typeof entry === 'string' ? { text: entry } : entry]));
  const folders = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    let child = path;
    for (let dir = path.slice(0, path.lastIndexOf('/')) || '/'; ; dir = dir.slice(0, dir.lastIndexOf('/')) || '/') {
      const names = folders.get(dir) ?? new Set<string>();
      names.add(child.slice(child.lastIndexOf('/') + 1));
      folders.set(dir, names);
      if (dir === '/') break;
      child = dir;
    }
  }
  return {
    read: (path) => {
      const f = files.get(path);
      return f && !f.unreadable && (f.kind ?? 'file') === 'file' ? (f.text ?? '') : undefined;
    },
    stat: (path) => {
      const f = files.get(path);
      if (f) return { kind: f.kind ?? 'file', size: f.text?.length ?? 0, mtimeMs: f.mtimeMs ?? 0, mode: f.mode };
      return folders.has(path) ? { kind: 'folder', size: 0, mtimeMs: 0, mode: 0o755 } : undefined;
    },
    list: (dir) => (folders.has(dir) ? [...folders.get(dir)!].sort() : undefined),
  };
}

/** A reader that sees nothing outside `roots`: a tree given with --root never makes us read the host's /etc. */
export function confinedReader(reader: FileReader, roots: readonly string[]): FileReader {
  const inside = (path: string) => roots.some((r) => r === '/' || path === r || path.startsWith(r + '/'));
  return {
    read: (path) => (inside(path) ? reader.read(path) : undefined),
    stat: (path) => (inside(path) ? reader.stat(path) : undefined),
    list: (dir) => (inside(dir) ? reader.list(dir) : undefined),
    realPath: (path) => (inside(path) ? (reader.realPath ? reader.realPath(path) : path) : undefined),
  };
}
