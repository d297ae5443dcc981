// Helix is not packaged for Debian bookworm, so its set-up is not run in the editor. What can be checked
// without it is checked: the README's languages.toml parses as TOML (Python's tomllib), uses only keys
// Helix accepts (it rejects unknown ones), starts this checkout's server, names each of our six language
// ids once, and its globs pick each of our files for the right language under Helix's matching rule
// (a glob that is neither absolute nor starts with "*/" gets "*/" put in front and is matched against
// the absolute path, "*" crossing "/").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instanceFiles, readmeSnippet, writeInstance } from './lib.mjs';

const tomllib = spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' });
const skip = tomllib.status === 0 ? false : 'python3 with tomllib (3.11 or newer) is not installed';

const LANGUAGE_KEYS = new Set(['name', 'language-id', 'scope', 'file-types', 'shebangs', 'roots', 'comment-token', 'comment-tokens', 'language-servers', 'indent']);

function helixGlob(glob) {
  const full = glob.startsWith('/') || glob.startsWith('*/') ? glob : `*/${glob}`;
  return new RegExp(`^${full.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

test('Helix set-up: valid languages.toml that sends each of our files to our server under its own id', { skip }, () => {
  const r = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: readmeSnippet('helix'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const config = JSON.parse(r.stdout);
  const server = config['language-server']['postfix-sasl'];
  assert.equal(server.command, 'node');
  assert.ok(existsSync(server.args[0]) && server.args[1] === '--stdio', JSON.stringify(server.args));
  assert.deepEqual(config.language.map((l) => l.name).sort(), instanceFiles.map((f) => f.languageId).sort());
  for (const language of config.language) {
    for (const key of Object.keys(language)) assert.ok(LANGUAGE_KEYS.has(key), `${language.name}: Helix refuses the key ${key}`);
    assert.deepEqual(language['language-servers'], ['postfix-sasl']);
  }
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-helix-'));
  try {
    writeInstance(dir).forEach((path, i) => {
      const picked = config.language.filter((l) => l['file-types'].some((t) => helixGlob(t.glob).test(path))).map((l) => l.name);
      assert.deepEqual(picked, [instanceFiles[i].languageId], path);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
