// `npm start`'s steps: one line each on the terminal, the commands' output in the log file, and a
// failure that is one line naming the step, the command and the log.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';

interface Steps {
  stepRunner(options: { logFile: string; out: { write(text: string): unknown } }): { step<T>(title: string, fn: () => T | Promise<T>): Promise<T>; log(text: string): void };
  runLogged(command: string, args: string[], options: { log(text: string): void }): Promise<void>;
}
const load = (): Promise<Steps> => import(pathToFileURL(join(__dirname, '..', 'e2e', 'lib', 'steps.mjs')).href);

describe('stepRunner', () => {
  it('prints a line per step with its time, and keeps the noise of the commands in the log', async () => {
    const { runLogged, stepRunner } = await load();
    let shown = '';
    const logFile = join(mkdtempSync(join(tmpdir(), 'postfix-sasl-steps-')), 'start.log');
    const { step, log } = stepRunner({ logFile, out: { write: (s: string) => (shown += s) } });
    await step('quiet step', () => runLogged('sh', ['-c', 'echo build noise; echo more noise >&2'], { log }));
    await step('step with a note', () => 'note');
    const failure = await step('failing step', () => runLogged('sh', ['-c', 'echo the detail; exit 3'], { log })).catch((e: Error) => e);
    assert.match(shown, /^quiet step … \d+\.\d s\nstep with a note … note, \d+\.\d s\nfailing step … failed\n$/);
    assert.ok(failure instanceof Error);
    assert.equal(failure.message, 'failing step failed: sh -c echo the detail; exit 3 failed (exit 3)');
    assert.equal((failure as Error & { logFile: string }).logFile, logFile);
    const text = readFileSync(logFile, 'utf8');
    for (const line of ['build noise', 'more noise', 'the detail', '== failing step']) assert.ok(text.includes(line), `${line} in the log`);
  });
});
