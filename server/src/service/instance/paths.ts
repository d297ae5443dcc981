// Paths as the daemons spell them (POSIX, '/'-separated). The one place that normalises a path, so
// two spellings of one socket or file compare equal everywhere.

/** Joins and cleans: repeated slashes, '.', '..', a trailing slash. */
export function joinPath(...parts: string[]): string {
  const absolute = parts.find((p) => p !== '')?.startsWith('/') ?? false;
  const out: string[] = [];
  for (const part of parts) {
    for (const piece of part.split('/')) {
      if (piece === '' || piece === '.') continue;
      if (piece === '..') out.pop();
      else out.push(piece);
    }
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** A path the way a daemon compares it: cleaned, and `/var/run` as `/run` (one folder on current systems). */
export function normalPath(path: string): string {
  const clean = joinPath(path) || '/';
  return clean === '/var/run' ? '/run' : clean.startsWith('/var/run/') ? clean.slice(4) : clean;
}

export function dirOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isWithin(path: string, folder: string): boolean {
  return folder === '/' || path === folder || path.startsWith(folder + '/');
}

/** `file:///a/b` → `/a/b`; a plain path stays as it is, and so does a broken %-escape (never a throw). */
export function pathOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const path = uri.replace(/^file:\/\/[^/]*/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
