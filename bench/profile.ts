// Profiles the costs behind the benchmark's budget lines with `node --cpu-prof`, and prints where the
// time goes (function, source file, share). The service is bundled with esbuild first, so the
// profile names real functions and files.
//   npm run bench -- is not needed: node --import tsx bench/profile.ts service|service20k|check|startup|server [DIR]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { serverPath } from '../test/helpers/lspClient';
import { CLI } from './cli';
import { generateInputs } from './generate';
import { summarizeProfile } from './profileTop';

const [what = 'service', given] = process.argv.slice(2);
const out = given ?? mkdtempSync(join(tmpdir(), 'postfix-sasl-profile-'));
const inputs = generateInputs(join(out, 'inputs'), { large20k: 20000, large100k: 100000, instances: 1 });
const profDir = join(out, what);

function newestProfiles(): string[] {
  return readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profDir, f));
}

async function main(): Promise<void> {
  if (what === 'service' || what === 'service20k') {
    const dirOf = what === 'service' ? inputs.dirs.typical : inputs.dirs.large20k;
    const loops = what === 'service' ? 2000 : 100;
    const entry = join(out, 'service-entry.ts');
    const root = join(__dirname, '..');
    writeFileSync(entry, `import { readFileSync } from 'node:fs';
import { analyze, parseForContext } from ${JSON.stringify(join(root, 'server/src/service/analyze'))};
import { defaultSettings } from ${JSON.stringify(join(root, 'server/src/service/settings'))};
const dir = ${JSON.stringify(dirOf)};
const settings = { ...defaultSettings, maxFileSize: 1 << 30 };
const text = readFileSync(dir + '/main.cf', 'utf8');
const master = parseForContext('file://' + dir + '/master.cf', 'postfix-master', readFileSync(dir + '/master.cf', 'utf8'), settings);
for (let i = 0; i < 10; i++) analyze('file://' + dir + '/main.cf', 'postfix-main', text, settings, [master]);
const t = performance.now();
for (let i = 0; i < ${loops}; i++) analyze('file://' + dir + '/main.cf', 'postfix-main', text, settings, [master]);
console.log('analyze: ' + ((performance.now() - t) / ${loops}).toFixed(2) + ' ms a run');
`);
    const bundle = join(out, 'service-entry.js');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'warning', nodePaths: [join(root, 'node_modules')] });
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, bundle], { stdio: 'inherit' });
  } else if (what === 'check' || what === 'startup') {
    const dir = what === 'check' ? inputs.dirs.large100k : inputs.dirs.typical;
    spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=100', CLI, 'check', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  } else if (what === 'server') {
    // --cpu-prof is not allowed in NODE_OPTIONS, so the server is spawned here with it.
    const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiting = new Map<number, () => void>();
    connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => waiting.get(p.version ?? -1)?.());
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
    await connection.sendNotification('initialized', {});
    const client = { connection, nextDiagnostics: (_uri: string, v: number) => new Promise<void>((resolve) => waiting.set(v, resolve)) };
    const uri = pathToFileURL(join(inputs.dirs.large20k, 'main.cf')).toString();
    const text = (await import('node:fs')).readFileSync(join(inputs.dirs.large20k, 'main.cf'), 'utf8');
    const first = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    await first;
    const mid = { line: 10000, character: 4 };
    for (let v = 2; v < 202; v++) {
      const next = client.nextDiagnostics(uri, v);
      const range = v % 2 === 0 ? { start: mid, end: mid } : { start: mid, end: { line: 10000, character: 5 } };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: v % 2 === 0 ? 'x' : '' }] });
      await next;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
  } else {
    throw new Error(`unknown profile "${what}": service, service20k, check, startup or server`);
  }
  for (const file of newestProfiles()) process.stdout.write(`\n== ${file}\n${summarizeProfile(file, 20)}\n`);
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(`profile: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
