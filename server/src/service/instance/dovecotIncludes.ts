// Dovecot's `!include` and `!include_try`: a glob relative to the including file's folder (or
// absolute), read in sorted order. Bounded: a loop is read once and noted, a glob or a tree that
// brings in more files than any real configuration has is cut short and noted.
import { isDovecotFile } from '../dovecot/dovecotFile';
import { take, type Context, type Layout, type Member } from './assemble';
import { MAX_DOVECOT_FILES, MAX_INCLUDE_DEPTH } from './conventions';
import { baseOf, dirOf, joinPath } from './paths';

function globPattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The files an include names, in the order Dovecot reads them (globs only in the last part). */
function expand(ctx: Context, layout: Layout, from: Member, written: string): string[] {
  const configured = written.startsWith('/') ? written : joinPath(dirOf(from.configured), written);
  const path = layout.tree.toTree(configured);
  const name = baseOf(path);
  if (!/[*?[]/.test(name)) return [path];
  const dir = dirOf(path);
  const names = ctx.reader.list(dir) ?? [];
  const re = globPattern(name);
  return names.filter((n) => re.test(n)).sort().map((n) => joinPath(dir, n));
}

export function followIncludes(ctx: Context, layout: Layout, conf: Member): void {
  let count = 1;
  const visit = (member: Member, chain: readonly string[]) => {
    const file = member.parsed?.file;
    if (!file || !isDovecotFile(file)) return;
    const resolved = new Map<string, string[]>();
    layout.includes.set(member.path, resolved);
    for (const include of file.dovecot.includes) {
      const paths = expand(ctx, layout, member, include.path);
      resolved.set(include.path, []);
      for (const path of paths) {
        if (chain.includes(path) || chain.length > MAX_INCLUDE_DEPTH) {
          layout.notes.push({ path: member.path, span: include.pathSpan, message: `${member.path} includes ${path}, which includes it back (directly or through others); Dovecot refuses such a loop. The loop was read once.` });
          continue;
        }
        if (count >= MAX_DOVECOT_FILES) {
          layout.notes.push({ path: member.path, span: include.pathSpan, message: `"!include ${include.path}" in ${member.path} brings in more than ${MAX_DOVECOT_FILES} files; only the first ${MAX_DOVECOT_FILES} were read.` });
          return;
        }
        const seen = layout.members.some((m) => m.path === path);
        const target = take(ctx, layout, path, 'dovecot', { reason: `${include.optional ? '!include_try' : '!include'} ${include.path} in ${member.configured}` });
        if (!target) {
          if (!include.optional && !/[*?[]/.test(include.path)) layout.missing.push({ what: `${include.path} (!include in ${member.configured})`, looked: [path] });
          continue;
        }
        resolved.get(include.path)!.push(path);
        if (!seen) {
          count++;
          visit(target, [...chain, path]);
        }
      }
    }
  };
  visit(conf, [conf.path]);
}
