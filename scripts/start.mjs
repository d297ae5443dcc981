// `npm start`: builds everything and checks the example Postfix SASL set-up in examples/ (the findings
// are the point, so their exit status does not fail this script); then packages the extension, installs
// it into a private code-server profile (installing Node 24 and code-server into test/e2e/tools/ on first
// use) and serves the real VS Code workbench on http://127.0.0.1:PORT/ with examples/ open. Ctrl+C stops
// it. `npm start -- --desktop` installs the .vsix into the desktop VS Code (`code` on the PATH) instead;
// `--check-only` stops after the check; `--port N` picks the port.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { desktop: { type: 'boolean' }, 'check-only': { type: 'boolean' }, port: { type: 'string' } } });

function step(title, command, args, { allowFindings = false } = {}) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const ok = result.status === 0 || (allowFindings && result.status === 1);
  if (!ok) {
    console.error(`npm start: "${title}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const progress = (line) => console.log(`   ${line}`);

step('build', process.execPath, ['scripts/build.mjs']);
step('postfix-sasl check examples/', process.execPath, ['bin/postfix-sasl.js', 'check', 'examples'], { allowFindings: true });
console.log('\nEach line is file:line:column: severity: message [rule code]. See examples/README.md for the mistakes planted there.');
if (opts['check-only']) process.exit(0);

const examples = resolve('examples');
try {
  const { APT_FOR_CODE_SERVER, ensureTools, toolsInstalled } = await import('../test/e2e/lib/tools.mjs');
  const { packageProduct } = await import('../test/e2e/lib/package.mjs');
  if (!opts.desktop || !toolsInstalled()) {
    console.log(`\n== tools${toolsInstalled() ? '' : ' (first use: Node 24 and code-server into test/e2e/tools/, a few minutes)'}`);
    // libkrb5-dev is only needed to build code-server, so only asked for when it is not installed yet.
    await ensureTools({ apt: opts.desktop || toolsInstalled() ? [] : APT_FOR_CODE_SERVER, log: progress });
  }
  console.log('\n== package the extension');
  const { vsix, bytes } = packageProduct();
  progress(`${vsix} (${Math.round(bytes / 1024)} KB)`);

  if (opts.desktop) {
    console.log('\n== install into the desktop VS Code');
    const code = spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (code.error || code.status !== 0) throw new Error('`code` is not on the PATH or could not install the .vsix');
    spawnSync('code', [examples], { stdio: 'inherit' });
    progress('opened examples/ in VS Code');
    process.exit(0);
  }

  const { makeProfile, startCodeServer } = await import('../test/e2e/lib/codeServer.mjs');
  console.log('\n== install into a private code-server profile (.cache/code-server-profile)');
  const { rmSync } = await import('node:fs');
  const dir = resolve('.cache', 'code-server-profile');
  rmSync(join(dir, 'extensions'), { recursive: true, force: true });
  const profile = makeProfile(dir, { vsixes: [vsix], settings: { 'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' } } });
  progress('installed');
  console.log('\n== start code-server');
  const server = await startCodeServer(profile, { port: opts.port ? Number(opts.port) : undefined, folder: examples });
  console.log(`\nOpen ${server.url} in a browser: VS Code with examples/ and the extension. Ctrl+C stops it.`);
  const stop = async () => {
    console.log('\nstopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`\nnpm start: ${e.message}`);
  process.exit(1);
}
