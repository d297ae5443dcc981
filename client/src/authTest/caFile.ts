// Pure (no vscode import): reads the CA file a profile or the interactive test names.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { SmtpTestError } from '../../../server/src/authtest/errors';
import { checkCaCertificates } from '../../../server/src/authtest/trust';

/** A CA bundle is a few hundred kilobytes at most; anything far larger is not one. */
const MAX_BYTES = 4 * 1024 * 1024;

/** `~/x` is taken from the home directory; anything else must be absolute (a setting has no folder of its own). */
export function resolveCaPath(path: string): string | undefined {
  const p = path.trim();
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  return isAbsolute(p) ? p : undefined;
}

/** The file's bytes, or a sentence saying why it cannot be used (our words and the file name only). */
export async function readCaFile(path: string): Promise<Buffer | string> {
  const full = resolveCaPath(path);
  if (!full) return `the CA file "${path}" is not an absolute path (or one starting with ~/)`;
  try {
    const info = await stat(full);
    if (!info.isFile()) return `the CA file "${path}" is not a file`;
    if (info.size > MAX_BYTES) return `the CA file "${path}" is larger than ${MAX_BYTES / 1024 / 1024} MB`;
    const bytes = await readFile(full);
    checkCaCertificates([bytes]);
    return bytes;
  } catch (err) {
    if (err instanceof SmtpTestError) return `${err.detail.replace('the CA file', `the CA file "${path}"`)}`;
    return `cannot read the CA file "${path}": ${(err as NodeJS.ErrnoException).code ?? 'unknown error'}`;
  }
}
