// The real disk as the instance model's reader (the model itself never touches node:fs).
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { FileReader, FileStat } from './service/instance/reader';

function kindOf(stat: Stats): FileStat['kind'] {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
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
      // Most candidates do not exist: asking not to throw for them saves building an error each time.
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) return undefined;
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
