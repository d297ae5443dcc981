// The SMTP AUTH test command against the real Postfix of test/servers/start.sh, with the password given
// programmatically (no prompts). Skipped, saying why, when the servers are not running.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { loadServers } from './helpers';
import { test } from './harness';

interface Result {
  verdict: string;
  mechanisms: { name: string; outcome: string }[];
}

const { state, password, skip } = loadServers();

async function authTest(arg: Record<string, unknown>): Promise<Result> {
  const result = await vscode.commands.executeCommand<Result>('postfixSasl.testSmtpAuth', { host: '127.0.0.1', user: state!.user, password, mechanisms: ['PLAIN'], showReport: false, ...arg });
  assert.ok(result, 'the command returned no result');
  assert.ok(!JSON.stringify(result).includes(password!), 'the password is in the result');
  return result;
}

test('auth test: submission port, STARTTLS with a certificate verified against the test CA (caFile), PLAIN accepted', async () => {
  const r = await authTest({ port: state!.ports.submission, tls: 'starttls', caFile: state!.caFile });
  assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome]), [['PLAIN', 'ok']], JSON.stringify(r));
  assert.equal(r.verdict, 'warnings', JSON.stringify(r)); // the test CA's certificate is self-signed: a warning
}, { skip });

test('auth test: a wrong pin is refused before AUTH, even where the CA file would trust the server', async () => {
  const pinned = await authTest({ port: state!.ports.submission, tls: 'starttls', caFile: state!.caFile, pinnedFingerprint: Array(32).fill('AB').join(':') });
  assert.equal(pinned.verdict, 'tls-failed', JSON.stringify(pinned));
  assert.deepEqual(pinned.mechanisms, []);
}, { skip });

test('auth test: a wrong password is reported as refused', async () => {
  const r = await vscode.commands.executeCommand<Result>('postfixSasl.testSmtpAuth', { host: '127.0.0.1', port: state!.ports.clear, tls: 'none', user: state!.user, password: 'Wrong-Password-4711', mechanisms: ['PLAIN'], showReport: false });
  assert.equal(r.verdict, 'auth-failed', JSON.stringify(r));
}, { skip });

test('auth test: AUTH without TLS works but is called unsafe', async () => {
  const r = await authTest({ port: state!.ports.clear, tls: 'none' });
  assert.deepEqual(r.mechanisms.map((m) => [m.name, m.outcome]), [['PLAIN', 'ok']], JSON.stringify(r));
  assert.equal(r.verdict, 'insecure', JSON.stringify(r));
}, { skip });
