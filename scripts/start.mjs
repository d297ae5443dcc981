// `npm start`: builds everything and checks the example Postfix SASL set-up in examples/ (the findings
// are the point, so their exit status does not fail this script); then packages the extension, installs
// it into a private code-server profile (installing Node 24 and code-server into test/e2e/tools/ on first
// use) and serves the real VS Code workbench on http://127.0.0.1:PORT/ with examples/ open. Ctrl+C stops
// it. One line per step on the terminal; the output of the commands goes to .cache/start.log.
//   --smoke       the same way, then opens the workbench in a headless browser, waits for the
//                 extension's diagnostics on examples/main.cf, saves test/e2e/screenshots/start-smoke.png
//                 and exits (0, or 1 with the reason); what CI runs
//   --desktop     installs the .vsix into the desktop VS Code (`code` on the PATH) instead
//   --check-only  stops after the check;  --port N  picks the port
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { logTail, runLogged, stepRunner } from '../test/e2e/lib/steps.mjs';

const OPTIONS = { desktop: { type: 'boolean' }, 'check-only': { type: 'boolean' }, smoke: { type: 'boolean' }, port: { type: 'string' } };
let opts;
try {
  opts = parseArgs({ options: OPTIONS }).values;
} catch (e) {
  console.error(`npm start: ${e.message.split('.')[0]}; the options are ${Object.keys(OPTIONS).map((o) => `--${o}`).join(', ')}`);
  process.exit(2);
}
const port = opts.port === undefined ? undefined : Number(opts.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`npm start: --port takes a port number (1 to 65535), not "${opts.port}"`);
  process.exit(2);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const examples = join(ROOT, 'examples');
const { step, log } = stepRunner({ logFile: join(ROOT, '.cache', 'start.log') });

function fail(error) {
  console.error(`npm start: ${error.message}`);
  if (error.logFile) {
    if (process.env.CI) console.error(`--- the end of ${error.logFile}:\n${logTail(error.logFile)}\n---`);
    console.error(`The full log: ${error.logFile}`);
  }
  process.exit(1);
}

try {
  await step('build', () => runLogged(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, log }));
  console.log('postfix-sasl check examples/:');
  // The findings are what a newcomer came to see: straight to the terminal, coloured there.
  const check = spawnSync(process.execPath, ['bin/postfix-sasl.js', 'check', 'examples'], { cwd: ROOT, stdio: 'inherit' });
  if (check.status !== 0 && check.status !== 1) throw new Error(`postfix-sasl check failed (exit ${check.status ?? check.signal})`);
  console.log('Each line is file:line:column: severity: message [rule code]; examples/README.md lists the mistakes planted there.');
  if (opts['check-only']) process.exit(0);

  const { APT_FOR_CODE_SERVER, APT_FOR_SMOKE, TOOLS, ensureTools, toolsInstalled } = await import('../test/e2e/lib/tools.mjs');
  const { packageProduct } = await import('../test/e2e/lib/package.mjs');
  if (!opts.desktop || !toolsInstalled()) {
    if (!existsSync(join(TOOLS, 'node_modules'))) console.log('First use: installing Node 24 and code-server into test/e2e/tools/ (a few minutes, once).');
    else if (!toolsInstalled()) console.log("The lock files in test/e2e/tools/ changed since the last install: installing again what they name.");
    // libkrb5-dev is only needed to build code-server, so only asked for when it is not installed yet.
    const apt = [...(opts.desktop || toolsInstalled() ? [] : APT_FOR_CODE_SERVER), ...(opts.smoke ? APT_FOR_SMOKE : [])];
    await ensureTools({ apt, step, log });
  }
  const { vsix } = await step('package the extension', () => {
    const result = packageProduct();
    return { ...result, note: `${relative(ROOT, result.vsix)}, ${Math.round(result.bytes / 1024)} KB` };
  });

  if (opts.desktop) {
    await step('install into the desktop VS Code', () => runLogged('code', ['--install-extension', vsix, '--force'], { log }));
    spawnSync('code', [examples], { stdio: 'inherit' });
    console.log('Opened examples/ in VS Code.');
    process.exit(0);
  }

  const { makeProfile, startCodeServer } = await import('../test/e2e/lib/codeServer.mjs');
  const dir = join(ROOT, '.cache', 'code-server-profile');
  const profile = await step(`install into a private code-server profile (${relative(ROOT, dir)})`, () => {
    rmSync(join(dir, 'extensions'), { recursive: true, force: true });
    return makeProfile(dir, { vsixes: [vsix], settings: { 'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' } } });
  });
  const server = await step('start code-server', async () => {
    const started = await startCodeServer(profile, { port, folder: examples, log });
    return { ...started, note: started.url };
  });
  if (opts.smoke) {
    const { smokeTest } = await import('./startSmoke.mjs');
    try {
      const { screenshot, problems } = await step('smoke test: the workbench shows diagnostics on examples/main.cf', () =>
        smokeTest(server.url, join(ROOT, '.cache', 'smoke-browser'), join(ROOT, 'test', 'e2e', 'screenshots', 'start-smoke.png')),
      );
      console.log(`Smoke test passed: squiggles in examples/main.cf and ${problems} problems in the Problems panel; screenshot ${relative(ROOT, screenshot)}.`);
    } finally {
      await server.stop();
    }
    process.exit(0);
  }
  console.log(`\nOpen ${server.url} in a browser: VS Code with examples/ and the extension. Ctrl+C stops it.`);
  const stop = async () => {
    console.log('\nstopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  fail(e);
}
