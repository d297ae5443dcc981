// How a command of the CLI meets the process: its streams, its exit status, and write failures.
import type { CliIo } from './authTest';

const WRITE_ERRORS: Record<string, string> = { ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EIO: 'input/output error', EBADF: 'it is closed', EFBIG: 'the file is too large' };

/**
 * A reader that stops early (\`| head\`) closes the pipe: the rest of the output is dropped and the
 * command ends with the status it would have had, as if the reader had read it all. Any other write
 * failure (a full disk) is one line on stderr and exit status 2, never a stack trace.
 */
function guardOutput(stream: NodeJS.WriteStream, name: string): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    if (stream !== process.stderr) process.stderr.write(`postfix-sasl: cannot write to ${name}: ${WRITE_ERRORS[error.code ?? ''] ?? error.code ?? error.message}\n`);
    process.exit(2);
  });
}

/** Runs `command` on the process's arguments and streams; its result becomes the exit status. */
export function runAsProcess(command: (argv: string[], io: CliIo) => Promise<number>, argv: string[]): void {
  guardOutput(process.stdout, 'standard output');
  guardOutput(process.stderr, 'standard error');
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
  command(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Never a stack trace for the user; the message says what failed.
      process.stderr.write(`postfix-sasl: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
