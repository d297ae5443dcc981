// Real saslauthd as the oracle for the settings-file rules: each case's file is sourced and saslauthd
// started with the arguments the start-up script builds from it (Debian: -a $MECHANISMS $MECH_OPTIONS
// $OPTIONS; Red Hat: -m $SOCKETDIR -a $MECH $FLAGS), in the foreground, with a socket folder of its own.
// What makes it exit must be an error for us; what leaves it listening must raise no error.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';

interface Case {
  name: string;
  flavor: 'debian' | 'redhat';
  /** The file; @RUN@ stands for the case's socket folder. */
  text: string;
  /** The error we must raise because saslauthd exits; none: saslauthd runs and we raise no error. */
  refuses?: { code: string; output: RegExp };
  /** A warning we raise although it runs. */
  warns?: string;
}

const debian = (mechanisms: string, options: string) => `START=yes\nMECHANISMS="${mechanisms}"\nOPTIONS="${options}"\n`;
const redhat = (mech: string, flags: string) => `SOCKETDIR=@RUN@\nMECH=${mech}\nFLAGS="${flags}"\n`;
const USAGE = /usage: saslauthd/;

const cases: Case[] = [
  { name: 'debian-ok', flavor: 'debian', text: debian('pam', '-c -m @RUN@') },
  { name: 'redhat-ok', flavor: 'redhat', text: redhat('shadow', '') },
  { name: 'upper-case', flavor: 'debian', text: debian('PAM', '-c -m @RUN@') },
  { name: 'extra-words', flavor: 'debian', text: debian('pam nosuchmech', '-c -m @RUN@'), warns: 'saslauthd-several-mechanisms' },
  { name: 'unknown-mechanism', flavor: 'redhat', text: redhat('pma', ''), refuses: { code: 'saslauthd-unknown-mechanism', output: /unknown authentication mechanism: pma/ } },
  { name: 'unknown-flag', flavor: 'debian', text: debian('pam', '-c -z -m @RUN@'), refuses: { code: 'saslauthd-unknown-flag', output: USAGE } },
  { name: 'second-a', flavor: 'debian', text: debian('pam', '-a shadow -c -m @RUN@'), refuses: { code: 'saslauthd-mechanism-twice', output: USAGE } },
  { name: 'second-a-redhat', flavor: 'redhat', text: redhat('pam', '-a pam'), refuses: { code: 'saslauthd-mechanism-twice', output: USAGE } },
];

const COMMAND = {
  debian: 'exec saslauthd -a $MECHANISMS $MECH_OPTIONS $OPTIONS -n 1 -d',
  redhat: 'exec saslauthd -m "$SOCKETDIR" -a $MECH $FLAGS -n 1 -d',
};
const PATH_OF = { debian: 'default/saslauthd', redhat: 'sysconfig/saslauthd' };
// The foreground saslauthd says this once its socket is ready.
const LISTENING = /listening on socket/;

const canRun = process.getuid?.() === 0 && spawnSync('saslauthd', ['-v'], { encoding: 'utf8' }).error === undefined;
const skip = canRun ? false : 'needs root and an installed saslauthd (see .ci/run)';

interface Run {
  runs: boolean;
  output: string;
}

/** Starts saslauthd as the script would and waits until it listens or exits (at most 5 s). */
function start(file: string, flavor: Case['flavor']): Promise<Run> {
  return new Promise((resolve) => {
    // A process group of its own: saslauthd answers SIGTERM by signalling its whole group.
    const child = spawn('sh', ['-c', `. "$1"; ${COMMAND[flavor]}`, 'sh', file], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let settled = false;
    const done = (runs: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      resolve({ runs, output });
    };
    const timer = setTimeout(() => done(child.exitCode === null), 5000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (LISTENING.test(output)) done(true);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => setTimeout(() => done(false), 50)); // let the last output arrive
  });
}

describe('real saslauthd agrees with our saslauthd file checks', { skip }, () => {
  let root = '';
  const runs = new Map<string, Run>();
  const ours = new Map<string, JsonFinding[]>();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'postfix-sasl-saslauthd-oracle-'));
    await Promise.all(cases.map(async (c) => {
      const dir = join(root, c.name);
      const file = join(dir, PATH_OF[c.flavor]);
      mkdirSync(join(dir, 'run'), { recursive: true });
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, c.text.replace(/@RUN@/g, join(dir, 'run')));
      ours.set(c.name, checkPaths([file], defaultSettings));
      runs.set(c.name, await start(file, c.flavor));
    }));
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const c of cases) {
    const r = c.refuses;
    if (r) {
      it(`${c.name}: saslauthd exits, and we say ${r.code} as an error`, () => {
        const run = runs.get(c.name)!;
        assert.equal(run.runs, false, `saslauthd kept running:\n${run.output}`);
        assert.match(run.output, r.output);
        const mine = ours.get(c.name)!;
        assert.ok(mine.some((f) => f.code === r.code && f.severity === 'error'), `we raised: ${mine.map((f) => `${f.code}:${f.severity}`).join(', ') || 'nothing'}`);
      });
    } else {
      it(`${c.name}: saslauthd runs, and we raise no error${c.warns ? ` (${c.warns} warns)` : ''}`, () => {
        const run = runs.get(c.name)!;
        assert.equal(run.runs, true, `saslauthd exited:\n${run.output}`);
        const mine = ours.get(c.name)!;
        assert.deepEqual(mine.filter((f) => f.severity === 'error').map((f) => f.code), []);
        if (c.warns) assert.ok(mine.some((f) => f.code === c.warns && f.severity === 'warning'), `we raised: ${mine.map((f) => f.code).join(', ') || 'nothing'}`);
        else assert.deepEqual(mine.filter((f) => f.severity === 'warning').map((f) => f.code), []);
      });
    }
  }
});
