// The tree we were given, and how the configuration's absolute paths land in it. A repository or a
// mounted image laid out like / (it holds etc/) resolves /etc/... against its root; a folder with no
// etc/ above it is read on its own, its siblings standing in for the system's folders.
import { dirOf, isWithin, joinPath } from './paths';

export interface Tree {
  /** The folder that stands for /; undefined when the configuration lies in a folder of its own. */
  root?: string;
  /** Where a path the configuration names is in this tree. */
  toTree(configured: string): string;
  /** The inverse: how the running system names a file of this tree. */
  configuredOf(path: string): string;
  /** Where to look for a file: the system's places in the tree, or the places beside config_directory. */
  candidates(system: readonly string[], configDirectory: string, beside: readonly string[]): string[];
}

/** The folder holding the nearest etc/ above `path` (for /usr/local/etc, the folder holding usr/). */
export function rootAbove(path: string): string | undefined {
  for (let dir = path; ; dir = dirOf(dir)) {
    const parent = dirOf(dir);
    if (dir.endsWith('/etc') || dir === '/etc') return parent.endsWith('/usr/local') ? dirOf(dirOf(parent)) : parent;
    if (dir === '/' || dir === parent) return undefined;
  }
}

export function rootedTree(root: string): Tree {
  const toTree = (configured: string) => (root === '/' ? joinPath(configured) : joinPath(root, configured));
  return {
    root,
    toTree,
    configuredOf: (path) => (root === '/' ? path : isWithin(path, root) ? path.slice(root.length) || '/' : path),
    candidates: (system) => system.map(toTree),
  };
}

export function folderTree(): Tree {
  return {
    toTree: (configured) => joinPath(configured),
    configuredOf: (path) => path,
    candidates: (system, configDirectory, beside) => [...system.filter((p) => isWithin(p, configDirectory)), ...beside.map((b) => joinPath(configDirectory, b))],
  };
}

/** The tree for a configuration at `path`: rooted at `root` when given, else at the etc/ above it. */
export function treeFor(path: string, root?: string): Tree {
  const found = root ?? rootAbove(path);
  return found === undefined ? folderTree() : rootedTree(found);
}
