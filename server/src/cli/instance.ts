// `postfix-sasl instance`: which files make up each instance, and why; what was looked for and not found.
import { parseArgs } from 'node:util';
import { defaultSettings } from '../service/settings';
import type { CliIo } from './authTest';
import { displayPath, InputError, locateForCli } from './locateForCli';

export const INSTANCE_HELP = `Usage: postfix-sasl instance [--root DIR] [PATH...]

Lists the files of each Postfix instance that PATH belongs to (the live system with no PATH),
found the way Postfix, Cyrus SASL, saslauthd and Dovecot find them, with the reason each belongs
and the places where an expected file was looked for and not found.

Options:
  --root DIR   DIR stands for /: absolute paths in the configuration are read under DIR
  -h, --help   show this help
`;

export function runInstanceCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr.write(`postfix-sasl instance: ${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(INSTANCE_HELP);
    return 0;
  }
  const paths = parsed.positionals;
  let layouts;
  try {
    layouts = locateForCli(paths, defaultSettings, undefined, parsed.values.root);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`postfix-sasl instance: ${error.message}\n`);
    return 2;
  }
  const show = (path: string) => displayPath(path, paths);
  for (const layout of layouts) {
    io.stdout.write(layout.configDirectory ? `Instance ${show(layout.configDirectory)}${layout.tree.root !== undefined && layout.tree.root !== '/' ? ` (/ is ${show(layout.tree.root)})` : ''}\n` : 'Files on their own\n');
    for (const m of layout.members) io.stdout.write(`  ${show(m.path)}: ${m.reason}${m.compiled?.length ? `; compiled: ${m.compiled.map((c) => show(c.path)).join(', ')}` : ''}\n`);
    for (const l of layout.missing) io.stdout.write(`  not found: ${l.what}; looked in ${l.looked.map(show).join(', ')}\n`);
    for (const n of layout.notes) io.stdout.write(`  not used: ${n.message}\n`);
  }
  return 0;
}
