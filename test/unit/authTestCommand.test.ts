// The two SMTP AUTH commands run end to end against a scripted SMTP server, with a stand-in for the `vscode`
// module: programmatic arguments skip every prompt, the result comes back, and the password appears in no
// output channel line, report or message.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { after, before, describe, test } from 'node:test';
import { FakeServer, scriptedServer } from '../authtest/helpers/fakeServer';
import type { AuthTestResult } from '../../server/src/authtest';
import { secretKey } from '../../client/src/authTest/options';

const PASSWORD = 's3cret-Pa55';
const USER = 'alice@example.com';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Everything the extension showed or wrote, to search for the password afterwards. */
const shown: string[] = [];
const executed: { id: string; args: unknown[] }[] = [];
const handlers = new Map<string, (...args: unknown[]) => unknown>();
const secrets = new Map<string, string>();
let profiles: unknown[] = [];
let reportProvider: { provideTextDocumentContent(uri: unknown): string } | undefined;

const vscodeStub = {
  ProgressLocation: { Notification: 15 },
  Uri: { from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
  window: {
    createOutputChannel: () => ({ appendLine: (l: string) => shown.push(l), append: (t: string) => shown.push(t), show: () => undefined, dispose: () => undefined }),
    withProgress: (_o: unknown, task: (p: { report(m: { message?: string }): void }) => unknown) => task({ report: (m) => shown.push(m.message ?? '') }),
    showInformationMessage: async (m: string) => void shown.push(m),
    showWarningMessage: async (m: string) => void shown.push(m),
    showInputBox: async () => assert.fail('no prompt expected'),
    showQuickPick: async () => assert.fail('no prompt expected'),
    createQuickPick: () => assert.fail('no prompt expected'),
  },
  workspace: {
    registerTextDocumentContentProvider: (_s: string, p: typeof reportProvider) => ((reportProvider = p), { dispose: () => undefined }),
    getConfiguration: () => ({ get: (key: string) => (key === 'authTest.profiles' ? profiles : undefined) }),
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => (handlers.set(id, fn), { dispose: () => undefined }),
    executeCommand: async (id: string, ...args: unknown[]) => {
      executed.push({ id, args });
      if (id === 'markdown.showPreview') shown.push(reportProvider!.provideTextDocumentContent(args[0]));
    },
  },
};

type Load = (request: string, ...rest: unknown[]) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };
const originalLoad = moduleWithLoad._load;
let server: FakeServer;

before(async () => {
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeStub : originalLoad.call(this, request, ...rest);
  };
  // Loaded only now, so that its `import 'vscode'` meets the stand-in.
  const { registerAuthTestCommands } = await import('../../client/src/authTest/commands.js');
  const context = {
    subscriptions: [] as unknown[],
    globalState: { get: () => undefined, update: async () => undefined },
    secrets: { get: async (k: string) => secrets.get(k), store: async (k: string, v: string) => void secrets.set(k, v), delete: async (k: string) => void secrets.delete(k) },
  };
  registerAuthTestCommands(context as never);
  server = await scriptedServer({
    capsBefore: ['AUTH PLAIN LOGIN'],
    onAuth: (line) => (line === `AUTH PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}` ? '235 2.7.0 ok' : '535 5.7.8 bad credentials'),
  });
});

after(async () => {
  moduleWithLoad._load = originalLoad;
  await server?.close();
});

function assertPasswordNowhere(result: unknown) {
  const everything = [...shown, JSON.stringify(result)].join('\n');
  for (const secret of [PASSWORD, b64(PASSWORD), b64(`\0${USER}\0${PASSWORD}`)]) assert.ok(!everything.includes(secret), `found ${secret}`);
}

describe('postfixSasl.testSmtpAuth with an argument', () => {
  test('runs without prompts, returns the result, opens the report, never shows the password', async () => {
    const result = (await handlers.get('postfixSasl.testSmtpAuth')!({ host: '127.0.0.1', port: server.port, tls: 'none', user: USER, password: PASSWORD, mechanisms: ['PLAIN'] })) as AuthTestResult;
    assert.equal(result.mechanisms[0]?.outcome, 'ok', JSON.stringify(result.mechanisms));
    assert.equal(result.port, server.port);
    assert.ok(executed.some((e) => e.id === 'markdown.showPreview'));
    assert.ok(shown.some((l) => l.includes('AUTH PLAIN')), 'the transcript reached the output channel');
    assertPasswordNowhere(result);
  });

  test('a bad argument is refused with a message that names the field', async () => {
    await assert.rejects(async () => handlers.get('postfixSasl.testSmtpAuth')!({ host: 'h', user: USER, password: PASSWORD, tls: 'ssl' }), /tls must be one of/);
  });
});

describe('postfixSasl.runAuthTestProfile with an argument', () => {
  test('takes the saved password for a profile by name', async () => {
    profiles = [{ name: 'local', host: '127.0.0.1', port: server.port, tls: 'none', user: USER, mechanisms: ['PLAIN'] }];
    secrets.set(secretKey('127.0.0.1', server.port, USER), PASSWORD);
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'local', showReport: false })) as AuthTestResult;
    assert.equal(result.mechanisms[0]?.outcome, 'ok');
    assertPasswordNowhere(result);
  });

  test('a wrong password given in the argument fails AUTH and is not saved', async () => {
    secrets.clear();
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'local', password: 'wrong', showReport: false })) as AuthTestResult;
    assert.equal(result.verdict, 'auth-failed');
    assert.equal(secrets.size, 0);
  });

  test('an unknown profile name is an error', async () => {
    await assert.rejects(async () => handlers.get('postfixSasl.runAuthTestProfile')!('nope'), /no profile named "nope"/);
  });
});
