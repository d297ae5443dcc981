// The CLI's way into the instance model: the paths it was given (or the live system) on the real disk.
import { spawnSync } from 'node:child_process';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseText } from '../service/analyze';
import type { Layout } from '../service/instance/assemble';
import { CONFIG_DIRECTORIES } from '../service/instance/conventions';
import { locateLayouts } from '../service/instance/locate';
import type { LanguageId } from '../service/languages';
import type { Settings } from '../service/settings';
import { diskReader, diskReaderUpTo } from '../diskReader';

export class InputError extends Error {}

/** The live system's config_directory: what postconf says when it is installed, else the usual places. */
function liveConfigDirectory(root: string | undefined): string {
  if (root === undefined) {
    const r = spawnSync('postconf', ['-h', 'config_directory'], { encoding: 'utf8', timeout: 5000 });
    const dir = r.status === 0 ? r.stdout.trim() : '';
    if (dir.startsWith('/')) return dir;
  }
  const base = resolve(root ?? '/');
  return CONFIG_DIRECTORIES.find((d) => diskReader.stat(resolve(base, `.${d}/main.cf`))?.kind === 'file') ?? CONFIG_DIRECTORIES[0];
}

export function locateForCli(paths: readonly string[], settings: Settings, forcedType?: LanguageId, root?: string): Layout[] {
  const absoluteRoot = root === undefined ? undefined : resolve(root);
  if (absoluteRoot !== undefined && diskReader.stat(absoluteRoot)?.kind !== 'folder') throw new InputError(`--root ${root}: not a folder`);
  const given = paths.length ? paths.map((p) => resolve(p)) : [resolve(absoluteRoot ?? '/', `.${liveConfigDirectory(absoluteRoot)}`)];
  for (const [i, path] of given.entries()) {
    if (!diskReader.stat(path)) throw new InputError(`cannot read ${paths[i] ?? path}: no such file or directory`);
  }
  return locateLayouts(given, { reader: diskReaderUpTo(settings.maxFileSize), parse: (path, languageId, text) => parseText(path, languageId, text, settings), root: absoluteRoot, forcedType });
}

/** Paths as the user wrote them: relative when they gave relative paths and the file is below the working folder. */
export function displayPath(path: string, given: readonly string[]): string {
  if (given.length === 0 || given.every(isAbsolute)) return path;
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
