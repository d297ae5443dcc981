// Builds .vsix files: the product (`npm run package`) and the test-only runner extension.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { E2E, ROOT, VSCE } from './tools.mjs';

function check(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r;
}

/** `npm run package` in the repo; returns the path of the .vsix. */
export function packageProduct({ quiet = true } = {}) {
  check(spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' }), 'npm run package');
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
  check(spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--allow-star-activation', '-o', vsix], { cwd: dir, encoding: 'utf8' }), 'packaging the runner');
  return vsix;
}

/** Bundles the suite alone (for @vscode/test-electron's extensionTestsPath). */
export async function bundleSuite(outfile) {
  await build({ entryPoints: [join(E2E, 'suite', 'index.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  return outfile;
}

/** The file names in a zip (.vsix), read from its central directory. */
export function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buffer.readUInt16LE(at + 28);
    names.push(buffer.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return names;
}

const ALLOWED = /^(\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(extension|server)\.js|syntaxes\/[^/]+\.json|snippets\/[^/]+\.json|language-configuration\/[^/]+\.json|images\/icon\.png))$/;

/** What is wrong with the package: too big, or a file that is not one of the expected kinds. */
export function checkVsix(vsix) {
  const buffer = readFileSync(vsix);
  const problems = [];
  if (buffer.length >= 1024 * 1024) problems.push(`${buffer.length} bytes: not under 1 MB`);
  const names = zipEntries(buffer);
  for (const n of names) if (!ALLOWED.test(n)) problems.push(`unexpected file: ${n}`);
  return { bytes: buffer.length, names, problems };
}
