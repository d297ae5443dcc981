// Usage errors in our own words: one line naming what was wrong, and where the help is. Node's
// parseArgs explains its errors for programmers ("To specify a positional argument starting with a
// '-', place it at the end of the command after '--' ..."); a user needs less.

/** The message of a usage error, followed by a pointer to `--help`. */
export const usageLine = (command: string, message: string) => `${command}: ${message} (see ${command} --help)\n`;

/** Says what a parseArgs error means, or returns undefined for any other error. */
export function describeArgsError(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  // parseArgs names the option as '--name', '-n' or '-n, --name <value>': keep the long name.
  const quoted = /'([^']*)'/.exec(message ?? '')?.[1] ?? '';
  const option = /--?[\w-]+(?=[^,]*$)/.exec(quoted.split(' <')[0])?.[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /takes no argument|does not take an argument/.test(message ?? '') ? `${option} takes no value` : `${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted}`;
    default:
      return undefined;
  }
}
