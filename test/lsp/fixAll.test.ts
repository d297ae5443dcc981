// Over stdio: the server advertises "fix all", answers a source.fixAll request (as an editor sends it
// on save) with one edit of the safe fixes, and links every diagnostic to its rule page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/service/text';
import { startServer, type TestClient } from '../helpers/lspClient';

const uri = 'file:///nonexistent-postfix-sasl-fixall/main.cf';
const text = 'smtpd_use_tls = yes\nmessage_size_limit = 10M\nbiff = maybe\n';

describe('fix all over LSP', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await startServer();
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    diagnostics = (await published).diagnostics;
  });
  after(async () => {
    await client.stop();
  });

  it('advertises the source.fixAll kind', () => {
    const provider = client.capabilities.codeActionProvider as { codeActionKinds?: string[] };
    assert.ok(provider.codeActionKinds?.includes('source.fixAll.postfix-sasl'), JSON.stringify(provider));
  });

  it('answers only=source.fixAll with the safe fixes in one edit', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.postfix-sasl']);
    const edits = actions[0].edit?.changes?.[uri] ?? [];
    const lines = new LineIndex(text);
    const fixed = [...edits].sort((a: TextEdit, b: TextEdit) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))
      .reduce((out, e) => out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end)), text);
    assert.equal(fixed, 'smtpd_tls_security_level = may\nmessage_size_limit = 10485760\nbiff = maybe\n');
  });

  it('links every diagnostic to its rule page', () => {
    assert.ok(diagnostics.length >= 3);
    for (const d of diagnostics) assert.equal(d.codeDescription?.href, `https://github.com/postfix-sasl/postfix-sasl/blob/main/docs/rules/${d.code}.md`);
  });
});
