// Neovim (Debian's 0.7) with the README's 0.7 set-up as its init.lua, on one file of each of our six
// types as Neovim names them itself (main.cf is "pfmain", the others "conf" or nothing): diagnostics in
// every file, completion and hover in main.cf. The 0.11 set-up is checked for syntax only when the
// installed Neovim is older. Skipped, saying why, when nvim is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instanceFiles, isolatedEnv, readmeSnippet, writeInstance } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = version.status === 0 ? false : 'nvim is not installed (apt-get install neovim)';

function inTempDir(work) {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-nvim-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Neovim 0.7: the README set-up gives diagnostics in all six file types, completion and hover', { skip }, () =>
  inTempDir((dir) => {
    const init = join(dir, 'init.lua');
    writeFileSync(init, readmeSnippet('neovim-0.7'));
    const files = writeInstance(join(dir, 'instance'));
    const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', '-u', init, '-c', `luafile ${join(HERE, 'neovim-probe.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...isolatedEnv(dir), POSTFIX_SASL_FILES: JSON.stringify(files) },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `no JSON from nvim (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line);
    // Neovim's own filetype for main.cf reaches the server unchanged.
    assert.equal(out.files[0].filetype, 'pfmain');
    instanceFiles.forEach((f, i) => {
      const got = out.files[i];
      assert.ok(got.attached && got.gotDiagnostics, `${f.path} (filetype "${got.filetype}"): ${JSON.stringify(got)}`);
      assert.ok(got.diagnostics.some((d) => d.code === f.code), `${f.path}: ${JSON.stringify(got.diagnostics)}`);
    });
    // vim.diagnostic.severity: 1 error, 2 warning.
    const main = out.files[0].diagnostics;
    assert.ok(main.some((d) => d.line === 0 && d.severity === 2 && d.message.includes('Did you mean "smtpd_sasl_auth_enable"')), JSON.stringify(main));
    assert.ok(main.some((d) => d.line === 1 && d.severity === 1 && d.code === 'invalid-boolean'), JSON.stringify(main));
    assert.ok(out.completion.includes('smtpd_sasl_auth_enable'), JSON.stringify(out.completion.slice(0, 20)));
    assert.ok(out.hover.includes('smtpd_sasl_auth_enable') && out.hover.length > 60, out.hover);
    assert.equal(out.clients, 1, 'one server for every file');
  }),
);

test('Neovim 0.11 set-up: valid Lua that names all six file types', { skip }, () =>
  inTempDir((dir) => {
    const snippet = readmeSnippet('neovim-0.11');
    for (const f of instanceFiles) assert.ok(snippet.includes(`'${f.languageId === 'postfix-main' ? 'pfmain' : f.languageId}'`), f.languageId);
    const file = join(dir, 'snippet.lua');
    writeFileSync(file, snippet);
    // Neovim 0.7 cannot run it (no vim.lsp.config); its Lua compiler can still check that it parses.
    const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', '-u', 'NONE', '-c', `lua local f, e = loadfile(${JSON.stringify(file)}); io.stdout:write(f and 'parsed\\n' or ('error: ' .. e .. '\\n'))`, '-c', 'qa!'], { encoding: 'utf8', timeout: 30_000, env: isolatedEnv(dir) });
    assert.match(r.stdout, /^parsed$/m, r.stdout + r.stderr);
  }),
);
