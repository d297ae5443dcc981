// Turns the CLI's paths into groups of files, one group per Postfix instance: a directory's files
// (with its sasl/ or sasl2/ folder) see each other. A Dovecot configuration (dovecot/ with its conf.d/)
// given in the same call joins the Postfix instance beside it (/etc/postfix and /etc/dovecot) or above it.
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

/** The instance a file belongs to: its folder, or the parent of a sasl/ or sasl2/ folder; a Dovecot file, its dovecot/ folder. */
function instanceKey(path: string, languageId: LanguageId): string {
  const dir = dirname(path);
  if (languageId === 'dovecot') {
    for (let d = dir; d !== dirname(d); d = dirname(d)) if (basename(d) === 'dovecot') return d;
    return basename(dir) === 'conf.d' ? dirname(dir) : dir;
  }
  return /^sasl2?$/.test(basename(dir)) ? dirname(dir) : dir;
}

/** Moves each Dovecot group into the one Postfix group beside or above it, when there is exactly one. */
function joinDovecot(groups: Map<string, InputFile[]>): void {
  const isPostfix = (g: InputFile[]) => g.some((f) => f.languageId === 'postfix-main' || f.languageId === 'postfix-master');
  for (const [key, group] of [...groups]) {
    if (!group.every((f) => f.languageId === 'dovecot')) continue;
    const partners = [...groups].filter(([k, g]) => k !== key && isPostfix(g) && (k === dirname(key) || dirname(k) === dirname(key)));
    if (partners.length !== 1) continue;
    partners[0][1].push(...group);
    groups.delete(key);
  }
}

export function collectInputs(paths: readonly string[], forcedType?: LanguageId): InputFile[][] {
  const groups = new Map<string, InputFile[]>();
  const add = (path: string, languageId: LanguageId) => {
    const key = instanceKey(path, languageId);
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
      if (!languageId) throw new InputError(`cannot tell what kind of file ${path} is from its name; give --type main|master|sasl|saslauthd|sasl_passwd|dovecot`);
      add(path, languageId);
    }
  }
  joinDovecot(groups);
  return [...groups.values()];
}
