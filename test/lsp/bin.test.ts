// The language server's bin, as the README's editor set-ups start it: it speaks LSP on stdio, and in a
// checkout that was never built it says so on stderr in one line, leaving stdout (the LSP channel) empty.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const bin = join(__dirname, '..', '..', 'bin', 'postfix-sasl-language-server.js');

test('the bin answers initialize on stdio', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let out = '';
  await new Promise<void>((resolve) => child.stdout.on('data', (d) => ((out += d), out.includes('"capabilities"') && resolve())));
  child.kill();
  assert.match(out, /^Content-Length: \d+\r\n\r\n\{"jsonrpc":"2.0","id":1,"result":\{"capabilities"/);
});

test('in an unbuilt checkout the bin says what to run, on stderr only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-bin-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(bin, join(dir, 'bin', 'postfix-sasl-language-server.js'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'postfix-sasl-language-server.js'), '--stdio'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'postfix-sasl-language-server: dist/server.js is missing; run "npm install && npm run build" in the postfix-sasl checkout.\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
