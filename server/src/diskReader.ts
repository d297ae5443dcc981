// The real disk as the instance model's reader (the model itself never touches node:fs).
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileReader, FileStat } from './service/instance/reader';

function kindOf(stat: ReturnType<typeof statSync>): FileStat['kind'] {
  return stat!.isFile() ? 'file' : stat!.isDirectory() ? 'folder' : 'other';
}

export const diskReader: FileReader = {
  read(path) {
    try {
      // Configuration files are nearly always ASCII: then a byte-for-byte copy is the string, at twice
      // the speed of decoding UTF-8.
      const bytes = readFileSync(path);
      return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const stat = statSync(path);
      return { kind: kindOf(stat), size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777 };
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir).sort();
    } catch {
      return undefined;
    }
  },
};
