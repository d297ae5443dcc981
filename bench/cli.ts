// `postfix-sasl check` next to Debian's `postconf -c DIR -n` on the same folders, run in turn.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Inputs } from './generate';
import { now, row, summarize, type Row } from './stats';

export const CLI = join(__dirname, '..', 'dist', 'cli.js');

/** Wall time of one run, spawn to exit; output goes nowhere. Throws if the tool failed outright. */
function wall(command: string, args: string[], okStatus: number[]): number {
  const t = now();
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = now() - t;
  if (r.error || !okStatus.includes(r.status ?? -1)) throw new Error(`${command} ${args.join(' ')} failed (status ${r.status}): ${r.error?.message ?? r.stderr.toString().slice(0, 500)}`);
  return ms;
}

const ours = (dir: string) => wall(process.execPath, [CLI, 'check', dir], [0, 1]);
const postconf = (dir: string) => wall('postconf', ['-c', dir, '-n'], [0]);

export function measureCli(inputs: Inputs, runs: number, rows: Row[]): { ratio: number } {
  const S = 'CLI vs postconf';
  const sizes = ['one', 'typical', 'large100k'] as const;
  const times = { node: [] as number[], ours: new Map<string, number[]>(), postconf: new Map<string, number[]>() };
  for (const key of sizes) {
    times.ours.set(key, []);
    times.postconf.set(key, []);
    ours(inputs.dirs[key]); // warm the page cache for both tools
    postconf(inputs.dirs[key]);
  }
  for (let i = 0; i < runs; i++) {
    times.node.push(wall(process.execPath, ['-e', '0'], [0]));
    for (const key of sizes) {
      times.ours.get(key)!.push(ours(inputs.dirs[key]));
      times.postconf.get(key)!.push(postconf(inputs.dirs[key]));
    }
  }
  rows.push(row(S, 'node -e 0 (baseline)', times.node));
  for (const key of sizes) {
    rows.push(row(S, `postfix-sasl check, main.cf ${inputs.lines[key]} lines + master.cf`, times.ours.get(key)!));
    rows.push(row(S, `postconf -c DIR -n, main.cf ${inputs.lines[key]} lines + master.cf`, times.postconf.get(key)!));
  }
  const med = (xs: number[]) => summarize(xs).median;
  const perLine = (m: Map<string, number[]>) => ((med(m.get('large100k')!) - med(m.get('one')!)) * 1000) / (inputs.lines.large100k - inputs.lines.one);
  const oursPerLine = perLine(times.ours);
  const postconfPerLine = perLine(times.postconf);
  const ratio = oursPerLine / postconfPerLine;
  rows.push({ section: S, name: 'marginal cost per line, postfix-sasl check', unit: 'µs/line', median: oursPerLine });
  rows.push({ section: S, name: 'marginal cost per line, postconf -n', unit: 'µs/line', median: postconfPerLine });
  rows.push({ section: S, name: 'ratio ours/postconf (marginal cost per line)', unit: 'ratio', median: ratio, budget: { max: 1, label: '≤ 1.0' } });
  rows.push({ section: S, name: 'check of the typical file minus node -e 0', unit: 'ms', median: med(times.ours.get('typical')!) - med(times.node), budget: { max: 30, label: '≤ 30 ms' } });

  // A fleet in CI: one `check` of the whole workspace against one postconf per instance.
  const fleet = { ours: [] as number[], postconf: [] as number[] };
  const loop = `for d in "${inputs.workspace}"/*/; do postconf -c "$d" -n >/dev/null || exit 1; done`;
  for (let i = 0; i < Math.max(2, runs >> 1); i++) {
    fleet.ours.push(wall(process.execPath, [CLI, 'check', inputs.workspace], [0, 1]));
    fleet.postconf.push(wall('sh', ['-c', loop], [0]));
  }
  rows.push(row(S, `postfix-sasl check, workspace of ${inputs.instances} instances`, fleet.ours));
  rows.push(row(S, `postconf -n once per instance (${inputs.instances})`, fleet.postconf));
  return { ratio };
}
