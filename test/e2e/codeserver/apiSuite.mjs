// Runs the vscode-API suite (test/e2e/suite) inside code-server: a fresh profile with the packaged
// postfix-sasl .vsix and the runner extension, a headless Chromium that opens the workbench, and a wait
// for the runner's results file.
//   node test/e2e/codeserver/apiSuite.mjs --vsix postfix-sasl.vsix --run-dir DIR
//   node test/e2e/codeserver/apiSuite.mjs --negative-control --run-dir DIR   (no postfix-sasl: must fail)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../lib/browser.mjs';
import { makeProfile, startCodeServer } from '../lib/codeServer.mjs';
import { packageRunner } from '../lib/package.mjs';
import { ROOT } from '../lib/tools.mjs';
import { waitFor } from '../lib/wait.mjs';

const { values: opts } = parseArgs({ options: { vsix: { type: 'string' }, 'run-dir': { type: 'string' }, 'negative-control': { type: 'boolean' } } });
const negative = !!opts['negative-control'];
const runDir = resolve(opts['run-dir'] ?? '');
if (!opts['run-dir'] || (!negative && !opts.vsix)) {
  console.error('usage: apiSuite.mjs --run-dir DIR (--vsix FILE | --negative-control)');
  process.exit(2);
}
const name = negative ? 'api-negative' : 'api';
const dir = join(runDir, name);
const workspace = join(dir, 'workspace');
mkdirSync(workspace, { recursive: true });
const results = join(dir, 'results.json');

const runnerVsix = await packageRunner(join(dir, 'runner'));
const env = { POSTFIX_SASL_E2E_RESULTS: results, POSTFIX_SASL_E2E_REPO: ROOT, POSTFIX_SASL_E2E_METRICS: join(ROOT, 'test', 'e2e', 'results', 'metrics.json') };
if (negative) env.POSTFIX_SASL_E2E_BAIL = '1';
const stateFile = join(process.env.POSTFIX_SASL_TEST_DIR ?? '/tmp/postfix-sasl-test', 'state.json');
// The auth test checks a real certificate chain: trust the test servers' own CA in the extension host.
if (existsSync(stateFile)) env.NODE_EXTRA_CA_CERTS = JSON.parse(readFileSync(stateFile, 'utf8')).caFile;
const profile = makeProfile(dir, { vsixes: negative ? [runnerVsix] : [resolve(opts.vsix), runnerVsix], env });
const server = await startCodeServer(profile);
const { context, page, blocked } = await launchBrowser(join(dir, 'chromium'));
let outcome;
try {
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
  await waitFor('the suite results', 240_000, () => existsSync(results), 250);
  outcome = JSON.parse(readFileSync(results, 'utf8'));
} finally {
  await context.close();
  await server.stop();
}
const log = existsSync(`${results}.log`) ? readFileSync(`${results}.log`, 'utf8') : '';
const failed = outcome.results.filter((r) => r.status === 'failed');
const passed = outcome.results.filter((r) => r.status === 'passed');
if (blocked.length) console.log(`(blocked requests to: ${[...new Set(blocked)].join(', ')})`);
if (negative) {
  console.log(log.split('\n').map((l) => `  | ${l}`).join('\n'));
  if (failed.length > 0 && passed.length === 0) {
    console.log(`negative control: without the extension the suite fails as it must (${failed.length} failed: ${failed.map((f) => f.name).join('; ')})`);
    console.log('1 passed, 0 failed');
  } else {
    console.log(`negative control: the suite did NOT fail without the extension (${passed.length} passed)`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
} else {
  process.stdout.write(log);
  if (outcome.error) console.log(`runner error: ${outcome.error}`);
  if (failed.length || outcome.error || passed.length === 0) {
    console.log(server.output().slice(-3000));
    process.exit(1);
  }
}
