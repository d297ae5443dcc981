// The two SMTP AUTH commands run end to end against a scripted SMTP server, with a stand-in for the `vscode`
// module: programmatic arguments skip every prompt, the result comes back, and the password appears in no
// output channel line, report or message.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { after, before, describe, test } from 'node:test';
import { FakeServer, scriptedServer } from '../authtest/helpers/fakeServer';
import type { AuthTestResult } from '../../server/src/authtest';
import { pinKey, secretKey } from '../../client/src/authTest/options';
import { TRUST_BUTTON, TRUST_NEW_BUTTON } from '../../client/src/authTest/remedies';
import { TestCert, makeCert } from '../authtest/helpers/certs';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PASSWORD = 's3cret-Pa55';
const USER = 'alice@example.com';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Everything the extension showed or wrote, to search for the password afterwards. */
const shown: string[] = [];
const executed: { id: string; args: unknown[] }[] = [];
const handlers = new Map<string, (...args: unknown[]) => unknown>();
const secrets = new Map<string, string>();
const memento = new Map<string, unknown>();
let profiles: unknown[] = [];
/** What a workspace's .vscode/settings.json says; the commands must ignore it. */
let workspaceProfiles: unknown[] | undefined;
/** Every notification, with the buttons offered and (for a modal) its detail. */
const notes: { message: string; items: string[]; detail?: string }[] = [];
/** Picks the button to press for a notification; undefined dismisses it. */
let answer: (message: string, items: string[]) => string | undefined = () => undefined;
let inputBox: (o: { title?: string; value?: string }) => string | undefined = () => assert.fail('no prompt expected');
/** Answers a quick pick by its title: a label to pick, text to type, or undefined to cancel. */
let quickPick: (title: string, labels: string[]) => { pick: string } | { type: string } | undefined = () => assert.fail('no prompt expected');
let openDialog: () => { fsPath: string }[] | undefined = () => assert.fail('no file dialog expected');

type Item = { label: string };
function createQuickPick() {
  const on: { value?: (v: string) => void; accept?: () => void; hide?: () => void } = {};
  const qp = {
    title: '', placeholder: '', ignoreFocusOut: false, items: [] as Item[], activeItems: [] as Item[],
    onDidChangeValue: (f: (v: string) => void) => void (on.value = f),
    onDidAccept: (f: () => void) => void (on.accept = f),
    onDidHide: (f: () => void) => void (on.hide = f),
    hide: () => on.hide?.(),
    dispose: () => undefined,
    show: () =>
      setImmediate(() => {
        const a = quickPick(qp.title, qp.items.map((i) => i.label));
        if (!a) return qp.hide();
        if ('type' in a) on.value?.(a.type);
        else qp.activeItems = qp.items.filter((i) => i.label === a.pick);
        assert.equal(qp.activeItems.length, 1, `${qp.title}: nothing to pick for ${JSON.stringify(a)} among ${qp.items.map((i) => i.label)}`);
        on.accept?.();
      }),
  };
  return qp;
}

function notify(message: string, ...rest: unknown[]): Promise<string | undefined> {
  const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as { detail?: string }) : undefined;
  const items = rest as string[];
  notes.push({ message, items, detail: options?.detail });
  shown.push(message, options?.detail ?? '');
  return Promise.resolve(answer(message, items));
}
let reportProvider: { provideTextDocumentContent(uri: unknown): string } | undefined;

const vscodeStub = {
  ProgressLocation: { Notification: 15 },
  Uri: { from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
  window: {
    createOutputChannel: () => ({ appendLine: (l: string) => shown.push(l), append: (t: string) => shown.push(t), show: () => undefined, dispose: () => undefined }),
    withProgress: (_o: unknown, task: (p: { report(m: { message?: string }): void }) => unknown) => task({ report: (m) => shown.push(m.message ?? '') }),
    showInformationMessage: notify,
    showWarningMessage: notify,
    showErrorMessage: notify,
    showInputBox: async (o: { title?: string }) => inputBox(o),
    showQuickPick: async () => assert.fail('no prompt expected'),
    createQuickPick,
    showOpenDialog: async () => openDialog(),
    activeTextEditor: undefined,
  },
  workspace: {
    textDocuments: [],
    registerTextDocumentContentProvider: (_s: string, p: typeof reportProvider) => ((reportProvider = p), { dispose: () => undefined }),
    getConfiguration: () => ({
      get: (key: string) => (key === 'authTest.profiles' ? (workspaceProfiles ?? profiles) : undefined),
      inspect: (key: string) => (key === 'authTest.profiles' ? { key, defaultValue: [], globalValue: profiles, workspaceValue: workspaceProfiles } : undefined),
    }),
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
let server: FakeServer & { lines: string[] };

before(async () => {
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeStub : originalLoad.call(this, request, ...rest);
  };
  // Loaded only now, so that its `import 'vscode'` meets the stand-in.
  const { registerAuthTestCommands } = await import('../../client/src/authTest/commands.js');
  const context = {
    subscriptions: [] as unknown[],
    globalState: { get: (k: string) => memento.get(k), update: async (k: string, v: unknown) => void memento.set(k, v) },
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
    secrets.set(secretKey('127.0.0.1', server.port, 'none', USER), PASSWORD);
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

describe('trusting a self-signed server from the editor', () => {
  // The subject is the server's to choose: here it tries to smuggle a command link into a notification.
  const SUBJECT_CN = '[run me](command:workbench.action.terminal.sendSequence)';
  let cert: TestCert;
  let tlsServer: FakeServer & { lines: string[] };
  let caDir: string;
  const authLines = () => tlsServer.lines.filter((l) => l.startsWith('AUTH'));
  const profile = (extra: Record<string, unknown> = {}) => ({ name: 'lab', host: '127.0.0.1', port: tlsServer.port, user: USER, mechanisms: ['PLAIN'], ...extra });
  const scope = () => ({ host: '127.0.0.1', port: tlsServer.port, profile: 'lab' });
  const storedPins = () => (memento.get('postfixSasl.authTest.pinnedCertificates') ?? {}) as Record<string, { fingerprint: string }>;

  before(async () => {
    cert = makeCert(SUBJECT_CN, 'DNS:localhost,IP:127.0.0.1');
    caDir = mkdtempSync(join(tmpdir(), 'authtest-command-'));
    writeFileSync(join(caDir, 'server.pem'), cert.cert);
    tlsServer = await scriptedServer({
      cert,
      capsBefore: ['STARTTLS'],
      capsAfter: ['AUTH PLAIN'],
      onAuth: (line) => (line === `AUTH PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}` ? '235 2.7.0 ok' : '535 5.7.8 bad credentials'),
    });
  });
  after(async () => {
    await tlsServer?.close();
    rmSync(caDir, { recursive: true, force: true });
  });

  test('refused, then pinned after consent (fingerprint and neutralised subject shown), then trusted; no AUTH before the pin', async () => {
    profiles = [profile()];
    secrets.set(secretKey('127.0.0.1', tlsServer.port, 'starttls', USER), PASSWORD);
    notes.length = 0;
    answer = (_message, items) => (items.includes(TRUST_BUTTON) ? TRUST_BUTTON : items.includes('Trust and Test Again') ? 'Trust and Test Again' : undefined);
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!('lab')) as AuthTestResult;
    assert.equal(result.verdict, 'warnings', result.summary);
    assert.equal(result.tls?.verification, 'pinned');
    assert.equal(authLines().length, 1, 'AUTH went out once, after the pin');
    const fingerprint = new X509Certificate(cert.cert).fingerprint256;
    assert.equal(storedPins()[pinKey(scope())]?.fingerprint, fingerprint);
    const [offer, consent, done] = notes;
    assert.match(offer.message, /^The certificate of 127\.0\.0\.1 port \d+ is not trusted, so no password was sent\.$/);
    assert.match(consent.message, /for this profile\?$/);
    assert.ok(consent.detail?.includes(fingerprint));
    assert.ok(consent.detail?.includes('CN=［run me］(command:workbench.action.terminal.sendSequence)'), consent.detail);
    assert.match(done.message, /^SMTP AUTH test: PASS: 127\.0\.0\.1 port \d+ \(starttls\): PLAIN worked, with 1 warning\. The report has the details\.$/);
    for (const n of notes) assert.ok(!`${n.message}\n${n.detail}`.includes('](command:'), n.message);
    assertPasswordNowhere(result);
  });

  test('the pin holds on the next run, with no prompt at all', async () => {
    notes.length = 0;
    answer = (message, items) => (items.length ? assert.fail(`no question expected: ${message}`) : undefined);
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!('lab')) as AuthTestResult;
    assert.equal(result.verdict, 'warnings');
    assert.deepEqual(notes.map((n) => n.items), [[]], 'only the headline');
  });

  test('a changed certificate stops the test before AUTH and says so, naming the editor\'s button', async () => {
    await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'lab', showReport: false });
    memento.set('postfixSasl.authTest.pinnedCertificates', { [pinKey(scope())]: { fingerprint: Array(32).fill('AB').join(':'), subject: 'old', pinnedAt: '' } });
    const before = authLines().length;
    notes.length = 0;
    answer = () => undefined;
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!('lab')) as AuthTestResult;
    assert.equal(result.verdict, 'tls-failed');
    assert.equal(result.error?.certificate, 'changed');
    assert.equal(authLines().length, before, 'no AUTH to a certificate that is not the pinned one');
    assert.match(notes[0].message, /is not the one you trusted, so no password was sent/);
    assert.deepEqual(notes[0].items, [TRUST_NEW_BUTTON]);
    assert.ok(result.error!.message.includes(TRUST_NEW_BUTTON), result.error!.message);
    assert.ok(!/--ca|--insecure/.test(JSON.stringify(result)), 'no CLI flag in the editor\'s texts');
  });

  test('a profile\'s caFile trusts the server; an unreadable one is named and nothing is sent', async () => {
    memento.delete('postfixSasl.authTest.pinnedCertificates');
    profiles = [profile({ caFile: join(caDir, 'server.pem') })];
    const ok = (await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'lab', showReport: false })) as AuthTestResult;
    assert.equal(ok.verdict, 'warnings', ok.summary);
    assert.equal(ok.tls?.verification, 'on');
    profiles = [profile({ caFile: join(caDir, 'missing.pem') })];
    const before = tlsServer.lines.length;
    await assert.rejects(async () => handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'lab', showReport: false }), /profile "lab": cannot read the CA file ".*missing\.pem": ENOENT/);
    assert.equal(tlsServer.lines.length, before);
  });

  test('without a CA or pin, the refusal names the setting and the button, not CLI flags', async () => {
    profiles = [profile()];
    const result = (await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'lab', showReport: false })) as AuthTestResult;
    assert.equal(result.error?.certificate, 'untrusted');
    assert.ok(result.error!.message.includes(TRUST_BUTTON) && result.error!.message.includes('postfixSasl.authTest.profiles'), result.error!.message);
    assert.ok(!/--ca|--insecure/.test(JSON.stringify(result)));
  });
});

describe('the interactive test', () => {
  let cert: TestCert;
  let tlsServer: FakeServer & { lines: string[] };
  let caDir: string;
  before(async () => {
    cert = makeCert('localhost', 'DNS:localhost,IP:127.0.0.1');
    caDir = mkdtempSync(join(tmpdir(), 'authtest-interactive-'));
    writeFileSync(join(caDir, 'ca.pem'), cert.cert);
    tlsServer = await scriptedServer({ cert, capsBefore: ['STARTTLS'], capsAfter: ['AUTH PLAIN'], onAuth: (line) => (line === `AUTH PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}` ? '235 2.7.0 ok' : '535 5.7.8 no') });
  });
  after(async () => {
    await tlsServer?.close();
    rmSync(caDir, { recursive: true, force: true });
    inputBox = () => assert.fail('no prompt expected');
    quickPick = () => assert.fail('no prompt expected');
  });

  /** Answers every step; `certificate` is the label picked at the certificate step. */
  function script(certificate: string, remember: boolean) {
    inputBox = (o) => (o.title?.includes('port') ? String(tlsServer.port) : o.title?.includes('user') ? USER : o.title?.includes('password') ? PASSWORD : assert.fail(`unexpected input box ${o.title}`));
    quickPick = (title) => {
      if (title.includes('server')) return { type: `127.0.0.1:${tlsServer.port}` };
      if (title.includes('TLS mode')) return { pick: 'starttls' };
      if (title.includes('certificate')) return { pick: certificate };
      if (title.includes('Remember')) return { pick: remember ? "Remember it in VS Code's secret storage if the test succeeds" : 'Use it for this test only' };
      if (title === 'SMTP AUTH test: password') return { pick: 'Use the saved password' };
      return assert.fail(`unexpected quick pick ${title}`);
    };
  }
  const run = () => handlers.get('postfixSasl.testSmtpAuth')!() as Promise<AuthTestResult | undefined>;

  test('a CA file picked at the certificate step trusts the server; it is offered again next time, and the password is saved under TLS', async () => {
    secrets.clear();
    memento.clear();
    script('Also a CA file…', true);
    openDialog = () => [{ fsPath: join(caDir, 'ca.pem') }];
    const first = await run();
    assert.equal(first?.verdict, 'warnings', first?.summary);
    assert.equal(secrets.get(secretKey('127.0.0.1', tlsServer.port, 'starttls', USER)), PASSWORD);
    openDialog = () => assert.fail('no file dialog expected');
    script('Also the CA file used last time', false);
    const second = await run();
    assert.equal(second?.verdict, 'warnings', second?.summary);
    assertPasswordNowhere(second);
  });

  test('trusting the certificate after a refusal pins it for this server; the next run offers the pin first', async () => {
    script("The system's trusted CAs", false);
    notes.length = 0;
    answer = (_m, items) => (items.includes(TRUST_BUTTON) ? TRUST_BUTTON : items.includes('Trust and Test Again') ? 'Trust and Test Again' : undefined);
    const result = await run();
    assert.equal(result?.verdict, 'warnings', result?.summary);
    assert.equal(result?.tls?.verification, 'pinned');
    assert.match(notes[1].message, new RegExp(`^Trust this certificate for 127\\.0\\.0\\.1 port ${tlsServer.port}\\?$`));
    let offered: string[] = [];
    quickPick = ((inner) => (title: string, labels: string[]) => (title.includes('certificate') ? ((offered = labels), { pick: labels[0] }) : inner(title, labels)))(quickPick);
    answer = (m, items) => (items.length ? assert.fail(`no question expected: ${m}`) : undefined);
    const again = await run();
    assert.equal(again?.tls?.verification, 'pinned');
    assert.equal(offered[0], 'The certificate you trusted for this server');
  });

  test('cancelling at any step sends nothing', async () => {
    const before = tlsServer.lines.length;
    quickPick = (title) => (title.includes('server') ? { type: `127.0.0.1:${tlsServer.port}` } : undefined);
    assert.equal(await run(), undefined);
    assert.equal(tlsServer.lines.length, before);
  });
});

describe('what a workspace cannot do', () => {
  test('a profile defined in workspace settings is ignored', async () => {
    profiles = [];
    workspaceProfiles = [{ name: 'evil', host: '127.0.0.1', port: server.port, tls: 'none', user: USER }];
    try {
      await assert.rejects(async () => handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'evil', showReport: false }), /no profile named "evil"/);
    } finally {
      workspaceProfiles = undefined;
    }
  });

  test('a password saved for a test under TLS is not used for the same server without TLS', async () => {
    secrets.clear();
    secrets.set(secretKey('127.0.0.1', server.port, 'starttls', USER), PASSWORD);
    profiles = [{ name: 'clear', host: '127.0.0.1', port: server.port, tls: 'none', user: USER }];
    const asked: string[] = [];
    inputBox = (o) => void asked.push(o.title ?? '');
    try {
      const before = server.lines.length;
      assert.equal(await handlers.get('postfixSasl.runAuthTestProfile')!({ name: 'clear' }), undefined);
      assert.deepEqual(asked, ['SMTP AUTH test: password'], 'it asked instead');
      assert.equal(server.lines.length, before, 'nothing was sent');
    } finally {
      inputBox = () => assert.fail('no prompt expected');
    }
  });

  test('a banner with a command link reaches no notification', async () => {
    const hostile = await scriptedServer({ banner: '554 [click](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) go away' });
    try {
      notes.length = 0;
      profiles = [{ name: 'hostile', host: '127.0.0.1', port: hostile.port, tls: 'none', user: USER }];
      secrets.set(secretKey('127.0.0.1', hostile.port, 'none', USER), PASSWORD);
      const result = (await handlers.get('postfixSasl.runAuthTestProfile')!('hostile')) as AuthTestResult;
      assert.equal(result.verdict, 'connect-failed');
      assert.ok(result.error!.message.includes('command:'), 'the report keeps what the server said');
      assert.equal(notes.length, 1);
      assert.match(notes[0].message, /^SMTP AUTH test: FAIL: 127\.0\.0\.1 port \d+ \(none\): stopped at banner\. The report has the details\.$/);
    } finally {
      await hostile.close();
    }
  });
});
