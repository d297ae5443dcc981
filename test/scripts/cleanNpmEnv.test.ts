// The environment the e2e tools are installed with, read inside a real outer npm (as under `npm start`):
// nothing the outer npm set for its own Node may reach the inner `npm ci` (code-server's install script
// read "node/v20" from npm_config_user_agent and refused to install under Node 24).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';

const tools = pathToFileURL(join(__dirname, '..', 'e2e', 'lib', 'tools.mjs')).href;

function envSeenInside(extra: NodeJS.ProcessEnv = {}): { outer: Record<string, string>; clean: Record<string, string> } {
  const script = `import(${JSON.stringify(tools)}).then((m) => console.log(JSON.stringify({ outer: process.env, clean: m.cleanNpmEnv() })))`;
  const r = spawnSync('npm', ['exec', '--no', '--', 'node', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8', env: { ...process.env, ...extra } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('cleanNpmEnv', () => {
  const { outer, clean } = envSeenInside({ npm_config_registry: 'http://127.0.0.1:9/', POSTFIX_SASL_PROBE: 'kept' });

  it('drops what the outer npm set for its own Node and run', () => {
    assert.match(outer.npm_config_user_agent, /node\/v\d+/, 'the outer npm sets a user agent (else this test shows nothing)');
    const leaked = Object.keys(clean).filter((k) => /^npm_(config_(user_agent|node_gyp|prefix|global_prefix|local_prefix|npm_version)|lifecycle_|package_|node_execpath|execpath|command)/i.test(k) || ['NODE', 'INIT_CWD'].includes(k));
    assert.deepEqual(leaked, []);
  });

  it("takes the outer npm's .bin folders and node-gyp shim off the PATH, keeps the rest", () => {
    assert.ok(outer.PATH.split(':').some((d) => d.endsWith('node_modules/.bin')));
    assert.ok(!clean.PATH.split(':').some((d) => d.endsWith('node_modules/.bin') || d.endsWith('node-gyp-bin')), clean.PATH);
    assert.ok(clean.PATH.split(':').includes('/usr/bin'));
  });

  it("keeps the user's own variables and network settings", () => {
    assert.equal(clean.POSTFIX_SASL_PROBE, 'kept');
    assert.equal(clean.npm_config_registry, 'http://127.0.0.1:9/');
    assert.equal(clean.HOME, process.env.HOME);
  });
});
