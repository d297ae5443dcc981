// Clients that call our file types by their own names, over the real protocol: Neovim's "pfmain" for
// main.cf, its "conf" for master.cf, an id that names nothing for a file read by its content, and a
// document that is none of ours (ignored, with one log line).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const main = 'file:///nonexistent-postfix-sasl-ids/main.cf';
const mainText = 'smtpd_sasl_auth_enabel = yes\nsmtpd_sasl_auth_enable = maybe\nsmtpd_sasl_\n';

const labelsOf = (result: unknown) => ((Array.isArray(result) ? result : (result as { items: unknown[] }).items) as Array<{ label: string }>).map((i) => i.label);

describe('language ids other clients send', { timeout: 20_000 }, () => {
  let client: TestClient;
  const logs: string[] = [];
  let logged: (line: string, type: number) => void = () => {};
  before(async () => {
    client = await startServer();
    client.connection.onNotification('window/logMessage', (p: { message: string; type: number }) => {
      logs.push(p.message);
      logged(p.message, p.type);
    });
  });
  after(async () => {
    await client.stop();
  });

  it('main.cf opened as Neovim\'s "pfmain": diagnostics, completion and hover', async () => {
    const published = client.nextDiagnostics(main);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'pfmain', version: 1, text: mainText } });
    const codes = (await published).diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(codes, ['invalid-boolean@1', 'missing-equals@2', 'unknown-parameter@0']);
    const completion = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: main }, position: { line: 2, character: 11 } });
    assert.ok(labelsOf(completion).includes('smtpd_sasl_auth_enable'), labelsOf(completion).slice(0, 10).join(', '));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: main }, position: { line: 1, character: 5 } })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /smtpd_sasl_auth_enable/);
  });

  it('master.cf opened as "conf" is read by its name', async () => {
    const uri = 'file:///nonexistent-postfix-sasl-ids/master.cf';
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'conf', version: 1, text: 'smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_sasl_auth_enable=maybe\n' } });
    const codes = (await published).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('invalid-boolean'), codes.join(', '));
  });

  it('an untitled "plaintext" document is read by its content', async () => {
    const uri = 'untitled:Untitled-7';
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'myhostname = mx.example.org\nsmtpd_sasl_auth_enable = maybe\n' } });
    const codes = (await published).diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
    assert.deepEqual(codes, ['invalid-boolean@1']);
  });

  it('a document that is none of ours gets nothing, and one log line says why', async () => {
    const uri = 'file:///nonexistent-postfix-sasl-ids/notes.txt';
    const line = new Promise<{ message: string; type: number }>((resolve) => (logged = (message, type) => message.includes(uri) && resolve({ message, type })));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text: 'password hunter2\n' } });
    const { message, type } = await line;
    assert.match(message, /ignoring .*notes\.txt: language id "text" is not one of ours/);
    // A warning (MessageType 2): Neovim's log keeps warnings and errors by default, not information.
    assert.equal(type, 2);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(hover, null);
    // A request on it (answered after the log line) logs nothing more; no log line carries the text.
    assert.equal(logs.filter((l) => l.includes(uri)).length, 1);
    assert.ok(!logs.some((l) => l.includes('hunter2')));
  });
});
