// Issue 19: a long check yields. A hover sent while the server checks a 20,000-line main.cf is answered
// before that check's diagnostics (order, not time), and the diagnostics, when they come, are those of
// the latest version and the same as the check run in one go.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import { defaultSettings } from '../../server/src/service/settings';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { startServer, type TestClient } from '../helpers/lspClient';

const lines = (n: number, prefix: string) => `${Array.from({ length: n }, (_, i) => `${prefix}${i} = $q${i}`).join('\n')}\n`;

describe('a long check yields to requests', { timeout: 60_000 }, () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('answers a hover between the steps of a check, then publishes the complete findings of the latest version', async () => {
    const uri = 'untitled:yield-main.cf';
    const opened = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: lines(20_000, 'p') } });
    await opened;

    const latest = lines(20_000, 'r');
    const order: string[] = [];
    const diagnostics = client.nextDiagnostics(uri, 3).then((d) => (order.push('diagnostics'), d));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: lines(20_000, 's') }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: latest }] });
    // The check of version 3 starts on the server's next turn; the hover arrives while it runs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    order.push('hover');
    const published = await diagnostics;
    assert.deepEqual(order, ['hover', 'diagnostics']);
    assert.ok(hover, 'the hover has an answer');

    const expected = analyze(uri, 'postfix-main', latest, defaultSettings);
    assert.ok(expected.findings.length > 1000);
    const shown = expected.findings.slice(0, 1000).map((f) => toDiagnostic(expected.file, f));
    assert.deepEqual(published.diagnostics.slice(0, 1000).map(({ code, range, message }) => ({ code, range, message })), shown.map(({ code, range, message }) => ({ code, range, message })));
    assert.match(String(published.diagnostics[1000].message), new RegExp(`^${expected.findings.length - 1000} more findings`));
  });
});
