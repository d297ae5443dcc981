// The `postfix-sasl` command: dispatches to its subcommands.
import { CliIo, runAuthTestCli } from './authTest';
import { runCheckCli } from './check';
import { runExplainCli } from './explain';
import { usageLine } from './usage';
import { runInstanceCli } from './instance';
import { runAsProcess } from './process';

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

async function main(argv: string[], io: CliIo): Promise<number> {
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

runAsProcess(main, process.argv.slice(2));
