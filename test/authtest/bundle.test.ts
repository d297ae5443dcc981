// bin/postfix-sasl.js runs auth-test from its own bundle (dist/auth-test.js, built by npm run build): the
// same command, help and exit codes as through the full CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AUTH_TEST_HELP } from '../../server/src/cli/authTest';

const bin = join(__dirname, '..', '..', 'bin', 'postfix-sasl.js');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, ...env } });

test('auth-test --help from the bin is the help of the command', () => {
  const r = run(['auth-test', '--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, AUTH_TEST_HELP);
});

const cases: Array<{ args: string[]; status: number; stderr: RegExp }> = [
  { args: ['auth-test', '--user', 'u'], status: 2, stderr: /^postfix-sasl auth-test: no HOST given\n/ },
  // Port 1 on 127.0.0.1: nothing listens there, so the connection is refused at once.
  { args: ['auth-test', '127.0.0.1:1', '--user', 'u', '--password-env', 'PW', '--quiet'], status: 3, stderr: /^$/ },
];
for (const c of cases) {
  test(`bin ${c.args.join(' ')}: exit ${c.status}`, () => {
    const r = run(c.args, { PW: 'Bundle-Pw-5' });
    assert.equal(r.status, c.status, r.stdout + r.stderr);
    assert.match(r.stderr, c.stderr);
  });
}

test('the other commands still come from the full CLI', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: postfix-sasl <command>/);
});
