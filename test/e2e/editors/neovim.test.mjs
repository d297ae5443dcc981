// Neovim (Debian's 0.7) with the README's 0.7 set-up as its init.lua, on one file of each of our six
// types as Neovim names them itself (main.cf is "pfmain", the others "conf" or nothing): diagnostics in
// every file, completion and hover in main.cf. Of the 0.11 set-up, an older Neovim can run only the
// filetype part: that is checked. Skipped, saying why, when nvim is not installed.
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

test('Neovim 0.11 set-up: valid Lua whose filetypes give each of our files the type its vim.lsp.config lists', { skip }, () =>
  inTempDir((dir) => {
    const snippet = join(dir, 'snippet.lua');
    writeFileSync(snippet, readmeSnippet('neovim-0.11'));
    const files = writeInstance(join(dir, 'instance'));
    // An older Neovim runs the snippet's vim.filetype.add (0.7 with its Lua filetype detection on) and
    // stops at vim.lsp.config; a newer one runs it all. Either way each file gets a filetype from the list.
    const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', '-u', 'NONE', '--cmd', 'let g:do_filetype_lua = 1', '-c', 'filetype on', '-c', `luafile ${join(HERE, 'neovim-filetypes.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...isolatedEnv(dir), POSTFIX_SASL_SNIPPET: snippet, POSTFIX_SASL_FILES: JSON.stringify(files) },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `no JSON from nvim (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line);
    assert.ok(out.error === '' || /attempt to call field 'config' \(a nil value\)/.test(out.error), out.error);
    const listed = /filetypes = \{([^}]*)\}/.exec(readmeSnippet('neovim-0.11'))[1].match(/'[^']+'/g).map((s) => s.slice(1, -1));
    // main.cf keeps Neovim's own "pfmain"; the other five get our ids.
    assert.deepEqual(out.filetypes, instanceFiles.map((f) => (f.languageId === 'postfix-main' ? 'pfmain' : f.languageId)));
    assert.deepEqual([...listed].sort(), [...out.filetypes].sort());
  }),
);
