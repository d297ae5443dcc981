// The `postfix-sasl` command: dispatches to its subcommands.
import { runAuthTestCli } from './authTest';
import { runCheckCli } from './check';

const HELP = `Usage: postfix-sasl <command> [options]

Commands:
  check PATH...        check Postfix / SASL configuration files (see check --help)
  auth-test HOST[:PORT] --user USER
                       test SMTP AUTH against a server (see auth-test --help)
  --version            print the version
`;

declare const PACKAGE_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheckCli(rest, io);
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
      io.stderr.write(`postfix-sasl: unknown command "${command}"\n${HELP}`);
      return 2;
  }
}

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
