// The real disk as the instance model's reader (the model itself never touches node:fs).
import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { FileReader, FileStat } from './service/instance/reader';

function kindOf(stat: Stats): FileStat['kind'] {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
}

/**
 * At most `maxBytes + 1` bytes of a regular file (one past the limit tells the parser the file is longer).
 * O_NONBLOCK: opening a FIFO that was swapped in after the stat must not wait for a writer; a device
 * (/dev/zero) or a file growing while we read never makes us hold more than the limit.
 */
export function readBounded(path: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    return buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The disk, reading no more of a file than `maxBytes` (+1). */
export function diskReaderUpTo(maxBytes: number): FileReader {
  return {
    read(path) {
      const bytes = readBounded(path, maxBytes);
      // Configuration files are nearly always ASCII: then a byte-for-byte copy is the string, at twice
      // the speed of decoding UTF-8.
      return bytes && (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));
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
    realPath(path) {
      try {
        return realpathSync(path);
      } catch {
        return undefined;
      }
    },
  };
}

/** The largest file the CLI reads whole: past it the head is checked (the size limit's note says so). */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export const diskReader: FileReader = diskReaderUpTo(MAX_READ_BYTES);
