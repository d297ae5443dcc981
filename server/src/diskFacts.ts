// Reads the disk facts that some rules need (permissions, postmap freshness). Kept out of the pure
// service: the CLI and the server call this for the files they read.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DiskFacts } from './service/documents';

const COMPILED = ['.db', '.lmdb', '.cdb'];

export function diskFacts(path: string): DiskFacts | undefined {
  try {
    const absolute = resolve(path);
    const stat = statSync(absolute);
    const compiled = [];
    for (const suffix of COMPILED) {
      const other = statSync(absolute + suffix, { throwIfNoEntry: false });
      if (other?.isFile()) compiled.push({ path: absolute + suffix, mtimeMs: other.mtimeMs });
    }
    return { path: absolute, mode: stat.mode & 0o7777, mtimeMs: stat.mtimeMs, compiled };
  } catch {
    return undefined;
  }
}
