// `npm run package`: the production bundles, then postfix-sasl.vsix made by vsce (a devDependency, so
// a fresh clone has it after `npm install`). vsce runs in a copy of the project without test/,
// node_modules/ and .git/: it matches every file under its folder against .vscodeignore, and the
// end-to-end tools in test/e2e/tools/ (code-server, tens of thousands of files) would make that take
// 20 s instead of 2. .vscodeignore still decides what goes in.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAGE = join(ROOT, '.cache', 'package');
const LEFT_OUT = new Set(['.git', '.cache', 'node_modules', 'test', 'bench']);
const OUT = join(ROOT, 'postfix-sasl.vsix');

function run(command, args, options) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`npm run package: ${[command, ...args].join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: ROOT });
rmSync(STAGE, { recursive: true, force: true });
for (const name of readdirSync(ROOT)) if (!LEFT_OUT.has(name) && !name.endsWith('.vsix')) cpSync(join(ROOT, name), join(STAGE, name), { recursive: true });
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', OUT], { cwd: STAGE });
rmSync(STAGE, { recursive: true, force: true });
