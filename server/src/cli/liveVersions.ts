// The versions of the daemons installed on this machine, asked once per run when the live system is
// checked. Outside service/: it runs programs; the service gets the answers as data.
import { spawnSync } from 'node:child_process';

/** First line of a program's answer, or undefined when it is missing, fails or takes too long. */
function firstLine(command: string, args: readonly string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 5000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  // Only a version-shaped answer is used, never the raw text.
  const line = r.stdout.split('\n')[0].trim();
  return /^\d+\.\d+[\w.-]*( \(\w+\))?$/.test(line) ? line : undefined;
}

/** `postconf -dh mail_version` (compiled in; -d needs no main.cf): e.g. 3.7.11. */
export const installedPostfixVersion = (): string | undefined => firstLine('postconf', ['-dh', 'mail_version']);

/** `dovecot --version`: e.g. 2.3.19.1 (9b53102964). */
export const installedDovecotVersion = (): string | undefined => firstLine('dovecot', ['--version']);
