// The real server over its real protocol: stdio, JSON-RPC, LSP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const uri = 'file:///nonexistent-postfix-sasl-test/main.cf';
const text = ['smtpd_sasl_auth_enabel = yes', 'smtpd_sasl_auth_enable = maybe', 'myorigin = $mydomian', 'smtpd_tls_security_level = may # comment', 'smtpd_sasl_'].join('\n');

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics on open, one per mistake, with codes', async () => {
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    const { diagnostics } = await published;
    const got = diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(got, ['inline-comment@3', 'invalid-boolean@1', 'missing-equals@4', 'undefined-reference@2', 'unknown-parameter@0']);
  });

  it('advertises its features under the names LSP clients look for', () => {
    // Clients only send what the server advertises: a misspelled key silently turns a feature off.
    for (const key of ['completionProvider', 'hoverProvider', 'codeActionProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'definitionProvider', 'referencesProvider', 'renameProvider']) {
      assert.ok(client.capabilities[key], `capability ${key}`);
    }
  });

  it('completes parameter names with docs', async () => {
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 11 } })) as Array<{ label: string }> | { items: Array<{ label: string }> };
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.includes('smtpd_sasl_security_options'), `got ${labels.slice(0, 10).join(', ')}`);
  });

  it('completes names without docs and fills them in on completionItem/resolve', async () => {
    assert.equal((client.capabilities.completionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 11 } })) as { items: Array<{ label: string; documentation?: unknown }> };
    const item = list.items.find((i) => i.label === 'smtpd_sasl_auth_enable');
    assert.ok(item && item.documentation === undefined);
    const resolved = (await client.connection.sendRequest('completionItem/resolve', item)) as { documentation?: { value: string } };
    assert.match(resolved.documentation?.value ?? '', /\*\*smtpd_sasl_auth_enable\*\*/);
  });

  it('hovers a parameter name with its documentation', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } })) as { contents: { value: string } } | null;
    assert.ok(hover, 'expected a hover');
    assert.match(hover.contents.value, /smtpd_sasl_auth_enable/);
  });

  it('offers the did-you-mean fix as a code action', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    })) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    const fix = actions.find((a) => a.title.includes('smtpd_sasl_auth_enable'));
    assert.ok(fix, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.edit.changes[uri][0].newText, 'smtpd_sasl_auth_enable');
  });

  it('re-publishes after an edit, for the new version', async () => {
    const published = client.nextDiagnostics(uri, 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'smtpd_sasl_auth_enable = yes\nsmtpd_tls_auth_only = yes\nsmtpd_tls_chain_files = /etc/ssl/mail.pem\nsmtpd_tls_security_level = may\n' }],
    });
    assert.deepEqual((await published).diagnostics, []);
  });

  it('answers requests for unknown documents with nothing, and keeps working', async () => {
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened/main.cf' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>;
    assert.deepEqual(symbols.map((s) => s.name), ['smtpd_sasl_auth_enable', 'smtpd_tls_auth_only', 'smtpd_tls_chain_files', 'smtpd_tls_security_level']);
  });
});
