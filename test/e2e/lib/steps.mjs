// A script's steps, one line each on the terminal ("title … 12 s"), while the output of every command
// they run goes to a log file that the failure line names. Used by `npm start` and install-tools.sh.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

export class StepError extends Error {
  constructor(title, cause, logFile) {
    super(`${title} failed: ${firstLine(cause)}`);
    this.logFile = logFile;
  }
}

const firstLine = (error) => String(error?.message ?? error).split('\n').find((l) => l.trim()) ?? 'unknown error';

function seconds(since) {
  const s = (performance.now() - since) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/**
 * `step(title, fn)` prints the title, runs `fn`, and ends the line with how long it took (and the
 * note, when `fn` returns a string or `{ note }`). `log(text)` appends to the log file.
 */
export function stepRunner({ logFile, prefix = '', out = process.stdout }) {
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, `${new Date().toISOString()} ${process.argv.slice(1).join(' ')}\n`);
  const log = (text) => appendFileSync(logFile, text);
  async function step(title, fn) {
    out.write(`${prefix}${title} … `);
    log(`\n== ${title}\n`);
    const started = performance.now();
    try {
      const result = await fn();
      const note = typeof result === 'string' ? result : result?.note;
      out.write(`${note ? `${note}, ` : ''}${seconds(started)}\n`);
      return result;
    } catch (error) {
      out.write('failed\n');
      log(`${error?.stack ?? error}\n`);
      throw new StepError(title, error, logFile);
    }
  }
  return { step, log, logFile };
}

/** The last lines of the log: printed under the failure in CI, where the log file goes with the clone. */
export const logTail = (logFile, lines = 60) => readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');

/** Runs a command with its output into `log`; rejects with one line naming the command and its status. */
export function runLogged(command, args, { log = () => {}, ...options } = {}) {
  return new Promise((resolve, reject) => {
    log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}\n`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    child.stdout.on('data', (d) => log(String(d)));
    child.stderr.on('data', (d) => log(String(d)));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code ?? signal})`))));
  });
}
