// Emacs (Debian's emacs-nox) with eglot (Debian's elpa-eglot) and the README's set-up, in batch mode,
// on one file of each of our six types in the modes Emacs picks for them: diagnostics in every file,
// completion and hover in main.cf. Skipped, saying why, when Emacs or eglot is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instanceFiles, isolatedEnv, readmeSnippet, writeInstance } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const eglot = spawnSync('emacs', ['--batch', '--eval', '(progn (require (quote eglot)) (princ "eglot"))'], { encoding: 'utf8' });
const skip = eglot.stdout === 'eglot' ? false : 'emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)';

test('Emacs eglot: the README set-up gives diagnostics in all six file types, completion and hover', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-emacs-'));
  try {
    const init = join(dir, 'init.el');
    writeFileSync(init, readmeSnippet('emacs-eglot'));
    const files = writeInstance(join(dir, 'instance'));
    const r = spawnSync('emacs', ['--batch', '-l', init, '-l', join(HERE, 'emacs-probe.el')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...isolatedEnv(dir), POSTFIX_SASL_FILES: JSON.stringify(files) },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `no JSON from emacs (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line);
    instanceFiles.forEach((f, i) => {
      const got = out.files[i];
      assert.ok(got.managed && got.gotDiagnostics, `${f.path} (${got.mode}): ${JSON.stringify(got)}`);
      assert.ok(got.diagnostics.some((d) => d.includes(f.code)), `${f.path}: ${JSON.stringify(got.diagnostics)}`);
    });
    // eglot sends the major mode's name, none of ours: the server went by the file names.
    assert.ok(out.files.every((f) => !f.languageId.startsWith('postfix')), JSON.stringify(out.files.map((f) => f.languageId)));
    assert.ok(out.completion.includes('smtpd_sasl_auth_enable'), JSON.stringify(out.completion.slice(0, 20)));
    assert.ok(out.hover.includes('smtpd_sasl_auth_enable') && out.hover.length > 60, out.hover);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
