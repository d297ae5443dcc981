// `npm run test:electron`: the same vscode-API suite under @vscode/test-electron, for a machine with a
// desktop VS Code. Its download is refused on the CI machines, so the executable is found, not fetched:
// $VSCODE_EXECUTABLE, else `code` on the PATH.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
// @ts-expect-error -- a plain .mjs helper shared with the code-server run
import { bundleSuite } from '../lib/package.mjs';

function findVSCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return which.status === 0 ? realpathSync(which.stdout.trim()) : undefined;
}

async function main(): Promise<number> {
  const executable = findVSCode();
  if (!executable) {
    console.error('test:electron: no desktop VS Code found (set VSCODE_EXECUTABLE or put `code` on the PATH). On machines without one, `npm run test:e2e` runs the same suite in code-server.');
    return 2;
  }
  const root = resolve(__dirname, '..', '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'postfix-sasl-electron-'));
  const suite = await bundleSuite(join(work, 'suite.js'));
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [join(root, 'examples'), '--disable-extensions', `--user-data-dir=${join(work, 'user')}`],
  });
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
