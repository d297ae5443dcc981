// Sizes of the bundles and of the packaged extension.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './stats';

const ROOT = join(__dirname, '..');

export function measureSizes(rows: Row[]): void {
  const S = 'sizes';
  for (const name of ['extension.js', 'server.js', 'cli.js', 'auth-test.js']) {
    const path = join(ROOT, 'dist', name);
    if (existsSync(path)) rows.push({ section: S, name: `dist/${name}`, unit: 'KB', median: statSync(path).size / 1024 });
    else rows.push({ section: S, name: `dist/${name}`, unit: 'KB', median: NaN, note: 'absent: run npm run build' });
  }
  const vsix = readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  if (vsix.length === 0) rows.push({ section: S, name: '.vsix', unit: 'KB', median: NaN, budget: { max: 1024, label: '≤ 1024 KB' }, note: 'no .vsix in the checkout: run npm run package to measure it' });
  for (const f of vsix) rows.push({ section: S, name: f, unit: 'KB', median: statSync(join(ROOT, f)).size / 1024, budget: { max: 1024, label: '≤ 1024 KB' } });
  rows.push(activationRow(S));
}

/** The activation time the real-editor suite (test/e2e/run.sh) recorded in its last run. */
function activationRow(S: string): Row {
  const name = 'extension activation to language server ready, in the real-editor tests';
  const metrics = join(ROOT, 'test', 'e2e', 'results', 'metrics.json');
  if (!existsSync(metrics)) return { section: S, name, unit: 'ms', median: NaN, note: 'not measured here: run npm run test:e2e first (it records the figure in test/e2e/results/metrics.json)' };
  const m = JSON.parse(readFileSync(metrics, 'utf8')) as { activationMs: number; editor: string; at: string };
  return { section: S, name, unit: 'ms', median: m.activationMs, note: `from the last real-editor run, ${m.editor}, ${m.at}` };
}
