import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

export type SecretRead = { ok: true; value: string } | { ok: false; reason: string };

/**
 * The first line of a password or token file, or of standard input for '-'.
 *
 * A regular file that its group or other users may read or write is refused, the way ssh refuses such a
 * private key: a warning is read once and forgotten, while the file keeps the password readable to every
 * user of the machine. Pipes and terminals (process substitution, /dev/stdin) have no such audience.
 */
export async function readSecretFile(file: string, stdin: NodeJS.ReadableStream): Promise<SecretRead> {
  try {
    if (file === '-') return { ok: true, value: firstLine(await readAll(stdin)) };
    const fd = openSync(file, 'r');
    try {
      const st = fstatSync(fd);
      if (st.isFile() && process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
        const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
        return { ok: false, reason: `${file} is open to other users (mode ${mode}); refused, as ssh refuses such a key. Make it private: chmod 600 ${file}` };
      }
      return { ok: true, value: firstLine(readFileSync(fd, 'utf8')) };
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { ok: false, reason: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function firstLine(text: string): string {
  return text.replace(/\r?\n[\s\S]*$/, '');
}
