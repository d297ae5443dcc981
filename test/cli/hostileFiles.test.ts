// The same big and odd files through `postfix-sasl check`: a clear result and exit code, never a
// stack trace, in reasonable time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const cli = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');
const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-hostile-'));

/** Runs the CLI with its output in a file (a 50 MB log gives 100+ MB of findings). */
function check(...args: string[]): { code: number | null; stdout: string; stderr: string; ms: number } {
  const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const out = openSync(outPath, 'w');
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - start;
  closeSync(out);
  const stdout = readFileSync(outPath, 'utf8').slice(0, 100_000);
  return { code: r.status, stdout, stderr: r.stderr, ms };
}

function assertClean(r: ReturnType<typeof check>, label: string): void {
  assert.ok(r.code === 0 || r.code === 1, `${label}: exit code ${r.code}, stderr ${r.stderr.slice(0, 300)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, `${label}: a stack trace or error on stderr`);
}

describe('postfix-sasl check on hostile files', () => {
  it('checks a 50 MB log saved as main.cf with one finding per line and no stack trace', () => {
    const line = 'Nov 25 12:00:00 mail postfix/smtpd[1234]: connect from unknown[192.0.2.1]\n';
    const path = join(dir, 'log', 'main.cf');
    spawnSync('mkdir', ['-p', join(dir, 'log')]);
    writeFileSync(path, line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const r = check(path);
    assertClean(r, '50 MB log');
    assert.equal(r.code, 1);
    assert.match(r.stdout.split('\n')[0], /main\.cf:1:1: error: Missing "=" after "Nov".* \[missing-equals\]$/);
    assert.ok(r.ms < 30_000, `took ${Math.round(r.ms)} ms`);
  });

  it('says a binary file is not text, whatever type it is read as', () => {
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const path = join(dir, 'sasl_passwd.db');
    writeFileSync(path, bytes);
    for (const type of ['main', 'master', 'sasl', 'saslauthd', 'sasl_passwd']) {
      const r = check('--format', 'json', '--type', type, path);
      assertClean(r, `binary as ${type}`);
      assert.deepEqual((JSON.parse(r.stdout) as Array<{ code: string }>).map((f) => f.code), ['binary-file'], type);
    }
  });

  it('checks a main.cf with a 1,000,000-character line in time', () => {
    for (const [label, value] of [
      ['words', 'host.example, '.repeat(72_000)],
      ['template openers', '{{ <% {% '.repeat(111_112)],
      ['nested conditionals', '${a?'.repeat(125_000) + '}'.repeat(125_000)],
    ] as const) {
      const path = join(dir, `long-${label.replace(/ /g, '-')}`, 'main.cf');
      spawnSync('mkdir', ['-p', join(path, '..')]);
      writeFileSync(path, `myhostname = a.example\nmydestination = ${value.slice(0, 1_000_000)}\n`);
      const r = check('--format', 'json', path);
      assertClean(r, label);
      assert.ok(Array.isArray(JSON.parse(r.stdout)), label);
      assert.ok(r.ms < 10_000, `${label}: took ${Math.round(r.ms)} ms`);
    }
  });
});
