/* global fetch */
// Starts code-server (the real VS Code workbench, served over HTTP) on 127.0.0.1 with a private profile:
// user data, extensions and XDG folders all under one folder, no gallery, no telemetry, no update check.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER, NODE24 } from './tools.mjs';
import { waitFor } from './wait.mjs';

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.hover.delay': 100,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
};

/** The environment that keeps code-server and everything it spawns inside `dir` and off the network. */
export function privateEnv(dir, extra = {}) {
  const xdg = join(dir, 'xdg');
  for (const sub of ['config', 'data', 'cache', 'home']) mkdirSync(join(xdg, sub), { recursive: true });
  return {
    ...process.env,
    HOME: join(xdg, 'home'),
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    ...extra,
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fresh profile in `dir` with the given .vsix files installed. */
export function makeProfile(dir, { vsixes = [], settings = {}, env = {} } = {}) {
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const profile = { dir, userData, extensions, env: privateEnv(dir, env) };
  for (const vsix of vsixes) {
    const r = spawnSync(NODE24, [CODE_SERVER, ...profileArgs(profile), '--install-extension', vsix], { env: profile.env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  return profile;
}

const profileArgs = (p) => ['--user-data-dir', p.userData, '--extensions-dir', p.extensions];

/** Starts code-server on 127.0.0.1 and resolves once /healthz answers. */
export async function startCodeServer(profile, { port, log, args: extraArgs = [], folder } = {}) {
  port ??= await freePort();
  const args = [
    CODE_SERVER, ...profileArgs(profile),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--disable-file-downloads', '--disable-proxy', '--ignore-last-opened',
    ...extraArgs,
    // The folder that / opens.
    ...(folder ? [folder] : []),
  ];
  const child = spawn(NODE24, args, { env: profile.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-20000);
    log?.(String(d));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(`code-server on ${url}`, 30_000, async () => {
    if (exited) throw new Error(`code-server exited:\n${output}`);
    try {
      return (await fetch(`${url}healthz`)).ok;
    } catch {
      return false;
    }
  });
  return {
    url,
    port,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        // The whole process group: code-server forks the extension host and language servers.
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5000).unref();
      }),
  };
}
