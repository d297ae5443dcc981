// Neovim's built-in LSP client (Debian's 0.7) against the language server: diagnostics, completion, hover.
// The Lua side is test.lua; it prints one JSON line. Skipped, saying why, when nvim is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
let completion;
const skip = nvim.status === 0 ? false : 'nvim is not installed (apt-get install neovim)';

test('Neovim: diagnostics and hover from postfix-sasl-language-server', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-nvim-'));
  try {
    const xdg = (name) => {
      const d = join(dir, name);
      mkdirSync(d, { recursive: true });
      return d;
    };
    writeFileSync(join(dir, 'main.cf'), 'smtpd_sasl_auth_enabel = yes\nsmtpd_sasl_auth_enable = maybe\nsmtpd_sasl_au\n');
    const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', '-u', join(HERE, 'test.lua'), 'main.cf'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: xdg('home'), XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_STATE_HOME: xdg('state'), XDG_CACHE_HOME: xdg('cache'), POSTFIX_SASL_LS: join(ROOT, 'bin', 'postfix-sasl-language-server.js') },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `no JSON from nvim (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line);
    assert.equal(out.gotDiagnostics, true, JSON.stringify(out.diagnostics));
    const at = (l) => out.diagnostics.filter((d) => d.line === l);
    // vim.diagnostic.severity: 1 error, 2 warning.
    assert.ok(at(0).some((d) => d.severity === 2 && d.message.includes('Did you mean "smtpd_sasl_auth_enable"')), JSON.stringify(out.diagnostics));
    assert.ok(at(1).some((d) => d.severity === 1 && d.code === 'invalid-boolean'), JSON.stringify(out.diagnostics));
    assert.ok(out.hover.includes('smtpd_sasl_auth_enable') && out.hover.length > 60, out.hover);
    completion = out.completion;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Neovim: completion of a parameter name', { skip }, () => {
  assert.ok(completion?.includes('smtpd_sasl_auth_enable'), JSON.stringify((completion ?? []).slice(0, 20)));
});
