// Builds .vsix files: the product (`npm run package`, with vsce from the tools folder on the PATH) and
// the test-only runner extension.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { E2E, NODE24, ROOT, TOOLS_BIN, VSCE } from './tools.mjs';

function check(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r;
}

/** `npm run package` in the repo; returns the path of the .vsix. */
export function packageProduct({ quiet = true } = {}) {
  const env = { ...process.env, PATH: `${TOOLS_BIN}:${process.env.PATH}` };
  check(spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, env, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' }), 'npm run package');
  const vsix = join(ROOT, 'postfix-sasl.vsix');
  return { vsix, bytes: statSync(vsix).size };
}

/** Bundles the runner extension with the suite into `dir` and packages it. */
export async function packageRunner(dir) {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(E2E, 'runner', 'extension.ts')],
    outfile: join(dir, 'extension.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  copyFileSync(join(E2E, 'runner', 'package.json'), join(dir, 'package.json'));
  const vsix = join(dirname(dir), 'e2e-runner.vsix');
  check(spawnSync(NODE24, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--allow-star-activation', '-o', vsix], { cwd: dir, encoding: 'utf8' }), 'packaging the runner');
  return vsix;
}

/** Bundles the suite alone (for @vscode/test-electron's extensionTestsPath). */
export async function bundleSuite(outfile) {
  await build({ entryPoints: [join(E2E, 'suite', 'index.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  return outfile;
}
