// Real Postfix as the oracle for the master.cf column rules: each case gets a private Postfix of its
// own (all started at once, on 127.0.0.1:30135 and up) with one smtpd entry written as the case says.
// What stops `postfix start` must be an error for us; what master only warns about must be a warning,
// and then the smtpd that master keeps must answer.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPaths, type JsonFinding } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';
import { smtpDialog } from '../explain/helpers/smtpDialog';
import { makePrivatePostfixDir, PRIVATE_POSTFIX_SERVICES, privatePostfixBase } from '../helpers/privatePostfix';

interface Case {
  name: string;
  /** The smtpd entries; ADDR stands for the case's 127.0.0.1:port. */
  entries: string[];
  code: string;
  /** What postfix start or master says: a refusal for an error, a warning for a warning. */
  says: RegExp;
  severity: 'error' | 'warning';
  /** For a case that runs: the banner of the smtpd master keeps. */
  banner?: RegExp;
}

const SMTPD = 'inet n - n - - smtpd';
const cases: Case[] = [
  { name: 'duplicate-service', entries: [`ADDR ${SMTPD} -o smtpd_banner=first`, `ADDR ${SMTPD} -o smtpd_banner=second`], code: 'master-duplicate-service', severity: 'warning', says: /warning: duplicate master\.cf entry for service "127\.0\.0\.1:\d+" .*-- using the last entry/, banner: /^220 second/ },
  { name: 'too-few-columns', entries: ['ADDR inet n - n - smtpd'], code: 'master-too-few-columns', severity: 'error', says: /line 1: bad field count/ },
  { name: 'invalid-type', entries: ['ADDR inte n - n - - smtpd'], code: 'master-invalid-type', severity: 'error', says: /invalid type field "inte"/ },
  { name: 'invalid-flag', entries: ['ADDR inet x - n - - smtpd'], code: 'master-invalid-flag', severity: 'error', says: /invalid private field "x"/ },
  { name: 'invalid-wakeup', entries: ['ADDR inet n - n 1x - smtpd'], code: 'master-invalid-wakeup', severity: 'error', says: /invalid wakeup field "1x"/ },
  { name: 'invalid-maxproc', entries: ['ADDR inet n - n - many smtpd'], code: 'master-invalid-maxproc', severity: 'error', says: /invalid process_limit field "many"/ },
  { name: 'unbalanced-brace', entries: [`ADDR ${SMTPD} -o { smtpd_banner = x`], code: 'master-unbalanced-brace', severity: 'error', says: /fatal: .*missing '}' in "\{ smtpd_banner = x"/ },
];

const PORT_BASE = Number(process.env.MASTER_ORACLE_PORT_BASE ?? 30135);
const canRun = process.getuid?.() === 0 && spawnSync('postfix', ['-c', '/nonexistent', 'status'], { encoding: 'utf8' }).error === undefined;
const skip = canRun ? false : 'needs root and an installed Postfix (see .ci/run)';

interface Outcome {
  started: boolean;
  said: string;
  banner: string;
}

/** postfix start with a timeout; its status and what it printed. */
function startPostfix(etc: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('postfix', ['-c', etc, 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c.toString()));
    child.stderr.on('data', (c) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe('real Postfix agrees with our master.cf column checks', { skip }, () => {
  const dirs = new Map<string, string>();
  const outcomes = new Map<string, Outcome>();
  const ours = new Map<string, JsonFinding[]>();

  before(async () => {
    await Promise.all(cases.map(async (c, i) => {
      const dir = makePrivatePostfixDir(`postfix-sasl-master-${c.name}-`);
      dirs.set(c.name, dir);
      const etc = join(dir, 'etc');
      writeFileSync(join(etc, 'main.cf'), [...privatePostfixBase(dir), 'alias_maps =', 'alias_database =', ''].join('\n'));
      const entries = c.entries.map((e) => e.replace('ADDR', `127.0.0.1:${PORT_BASE + i}`));
      writeFileSync(join(etc, 'master.cf'), entries.join('\n') + '\n' + PRIVATE_POSTFIX_SERVICES);
      ours.set(c.name, checkPaths([etc], defaultSettings).filter((f) => f.file.endsWith('master.cf')));
      const start = await startPostfix(etc);
      let banner = '';
      if (start.status === 0) {
        for (let k = 0; k < 50 && !banner; k++) {
          banner = (await smtpDialog(PORT_BASE + i, ['QUIT'], 2000))[0] ?? '';
          if (!banner) await new Promise((r) => setTimeout(r, 100));
        }
      }
      const log = readFileSync(join(dir, 'log', 'postfix.log'), { encoding: 'utf8', flag: 'a+' });
      outcomes.set(c.name, { started: start.status === 0, said: `${start.output}\n${log}`, banner });
    }));
  });

  after(() => {
    // Only the cases that started have a master to stop.
    for (const [name, dir] of dirs) if (outcomes.get(name)?.started) spawnSync('postfix', ['-c', join(dir, 'etc'), 'stop'], { encoding: 'utf8' });
  });

  for (const c of cases) {
    it(`${c.name}: Postfix ${c.severity === 'error' ? 'does not start' : 'warns and runs'}, and we say ${c.code} as ${c.severity}`, () => {
      const o = outcomes.get(c.name)!;
      assert.match(o.said, c.says);
      if (c.severity === 'error') assert.equal(o.started, false, 'postfix start succeeded');
      else {
        assert.equal(o.started, true, `postfix start failed:\n${o.said}`);
        assert.match(o.banner, c.banner!);
      }
      const mine = ours.get(c.name)!;
      assert.ok(mine.some((f) => f.code === c.code && f.severity === c.severity), `we raised: ${mine.map((f) => `${f.code}:${f.severity}`).join(', ') || 'nothing'}`);
      if (c.severity === 'warning') assert.deepEqual(mine.filter((f) => f.severity === 'error').map((f) => f.code), []);
    });
  }
});
