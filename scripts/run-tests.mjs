// Runs every *.test.ts under test/ (or the folders given) with node's test runner and tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'tools' || name === 'e2e') continue;
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// `--long` asks the property-based tests for their long run (npm run fuzz).
const args = process.argv.slice(2).filter((a) => a !== '--long');
if (args.length < process.argv.length - 2) process.env.FUZZ_LONG = '1';
const roots = args.length ? args : ['test'];
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? findTests(r) : [r])).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
