// `npm run bench`: generates the inputs, measures the service, the server, the CLI and the auth test
// (next to postconf and swaks), and prints one table with the budget. `--quick`: small sizes and few
// runs, so CI can check that the benchmark runs. `--json`: the rows as JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAuthTest } from './authtest';
import { measureBigFiles } from './bigFiles';
import { CLI, measureCli } from './cli';
import { measureExplain } from './explain';
import { measureLogLanguage } from './logLanguage';
import { measureResponsiveness } from './responsiveness';
import { generateInputs, postconfWarnings } from './generate';
import { measureColdStart, measureInstanceEdit, measureLargeFile, measureManyDocuments } from './lsp';
import { measureService } from './service';
import { measureSizes } from './sizes';
import { passes, type Row } from './stats';
import { renderJson, renderTable } from './table';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
const keep = args.has('--keep');

const plan = quick
  ? { large20k: 2000, large100k: 5000, instances: 5, runs: 3, coldRuns: 2, edits: 20, cliRuns: 2, authRuns: 1 }
  : { large20k: 20000, large100k: 100000, instances: 50, runs: 20, coldRuns: 10, edits: 1000, cliRuns: 20, authRuns: 10 };

function log(message: string): void {
  if (!json) process.stderr.write(`bench: ${message}\n`);
}

function hasPostconf(): boolean {
  return spawnSync('postconf', ['-d', 'mail_version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<number> {
  if (!hasPostconf()) {
    process.stderr.write('bench: postconf is not installed (Debian: apt-get install postfix); the inputs come from postconf -d\n');
    return 2;
  }
  if (!existsSync(CLI) || !existsSync(join(__dirname, '..', 'dist', 'server.js'))) {
    log('dist/ is missing: npm run build');
    if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) return 2;
  }
  const root = mkdtempSync(join(tmpdir(), 'postfix-sasl-bench-'));
  const rows: Row[] = [];
  try {
    log(`inputs in ${root}`);
    const inputs = generateInputs(root, plan);
    for (const key of Object.keys(inputs.dirs) as Array<keyof typeof inputs.dirs>) {
      const warnings = postconfWarnings(inputs.dirs[key]);
      if (warnings) throw new Error(`postconf warns about the generated ${key} main.cf:\n${warnings}`);
    }
    log('service (in-process)');
    measureService(inputs, plan.runs, rows);
    log('server over LSP: cold start');
    await measureColdStart(inputs, plan.coldRuns, rows);
    log(`server over LSP: ${inputs.lines.large20k}-line file, ${plan.edits} edits`);
    await measureLargeFile(inputs, plan.runs, plan.edits, rows);
    await measureInstanceEdit(inputs, Math.min(plan.edits, 200), rows);
    await measureManyDocuments(rows, quick ? 500 : 5000);
    log('server over LSP: big files');
    await measureBigFiles(rows, quick);
    await measureLogLanguage(rows, quick ? 5000 : 50000, quick ? 3 : 20);
    await measureResponsiveness(rows, quick ? 2 : 10, quick ? 2000 : 20000);
    log('CLI next to postconf');
    const cli = measureCli(inputs, plan.cliRuns, rows);
    log(`explain on a generated ${quick ? '5' : '100'} MB mail.log`);
    await measureExplain(root, quick, quick ? 1 : 3, rows);
    log('auth test next to swaks');
    const auth = await measureAuthTest(plan.authRuns, rows);
    measureSizes(rows);

    const meta = { quick, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, ratios: { checkMarginalPerLine: cli.ratio, authTestVsCodeCommand: auth.ratio, authTestCli: auth.cliRatio } };
    if (json) process.stdout.write(renderJson(rows, meta) + '\n');
    else {
      process.stdout.write(`postfix-sasl benchmark${quick ? ' (--quick: small sizes, few runs; times are not meaningful)' : ''} — node ${process.version}, ${meta.cpus} × ${meta.cpu}, load average ${meta.loadAverage.join(' ')}\n\n`);
      process.stdout.write(renderTable(rows) + '\n');
      const failed = rows.filter((r) => passes(r) === false).length;
      const checked = rows.filter((r) => passes(r) !== undefined).length;
      process.stdout.write(`\nBudget: ${checked - failed} of ${checked} lines pass.\n`);
    }
    return 0; // the benchmark reports; it does not fail on a missed budget (CI checks that it runs)
  } finally {
    if (keep) log(`inputs kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
