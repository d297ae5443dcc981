// The `postfix-sasl` command: dispatches to its subcommands.
import { runAuthTestCli } from './authTest';
import { runCheckCli } from './check';
import { runExplainCli } from './explain';
import { usageLine } from './usage';
import { runInstanceCli } from './instance';

const HELP = `Usage: postfix-sasl <command> [options]

Commands:
  check [PATH...]      check Postfix / SASL configuration files (see check --help)
  instance [PATH...]   list the files of each Postfix instance and why they belong
  auth-test HOST[:PORT] --user USER
                       test SMTP AUTH against a server (see auth-test --help)
  explain [LOGFILE]    explain the SASL, TLS and relay messages of a mail log (see explain --help)
  --version            print the version
`;

declare const PACKAGE_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheckCli(rest, io);
    case 'explain': return runExplainCli(rest, io);
    case 'instance':
      return runInstanceCli(rest, io);
    case 'auth-test':
      return runAuthTestCli(rest, io);
    case '--version':
      io.stdout.write(`${typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev'}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(usageLine('postfix-sasl', `unknown command "${command}"`));
      return 2;
  }
}

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
guardOutput(process.stdout, 'standard output');
guardOutput(process.stderr, 'standard error');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace for the user; the message says what failed.
    process.stderr.write(`postfix-sasl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
