// Turns the CLI's paths into groups of files, one group per Postfix instance: a directory's files
// (with its sasl/ or sasl2/ folder) see each other.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectLanguage, type LanguageId } from '../service/languages';

export interface InputFile {
  path: string;
  languageId: LanguageId;
}

export class InputError extends Error {}

function walk(dir: string, out: string[], depth: number): void {
  if (depth > 20) return;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) walk(path, out, depth + 1);
    else if (stat?.isFile()) out.push(path);
  }
}

/** The instance a file belongs to: its folder, or the parent of a sasl/ or sasl2/ folder. */
function instanceKey(path: string): string {
  const dir = dirname(path);
  return /^sasl2?$/.test(basename(dir)) ? dirname(dir) : dir;
}

export function collectInputs(paths: readonly string[], forcedType?: LanguageId): InputFile[][] {
  const groups = new Map<string, InputFile[]>();
  const add = (path: string, languageId: LanguageId) => {
    const key = instanceKey(path);
    const group = groups.get(key) ?? [];
    group.push({ path, languageId });
    groups.set(key, group);
  };
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new InputError(`cannot read ${path}: no such file or directory`);
    if (stat.isDirectory()) {
      const files: string[] = [];
      walk(path, files, 0);
      for (const file of files) {
        const languageId = forcedType ?? detectLanguage(file);
        if (languageId) add(file, languageId);
      }
    } else {
      const languageId = forcedType ?? detectLanguage(path);
      if (!languageId) throw new InputError(`cannot tell what kind of file ${path} is from its name; give --type main|master|sasl|saslauthd|sasl_passwd`);
      add(path, languageId);
    }
  }
  return [...groups.values()];
}
