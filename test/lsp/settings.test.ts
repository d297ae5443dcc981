// The server's answer to settings that name no rule: it ignores them, says so once in its log, and
// keeps the entries it can use.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const uri = 'file:///nonexistent-postfix-sasl-test/settings/main.cf';

describe('language server settings', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('logs one line naming an unknown code and applies the rest', async () => {
    const logged: string[] = [];
    client.connection.onNotification('window/logMessage', (p: { message: string }) => {
      logged.push(p.message);
    });
    const settings = { postfixSasl: { debounceMs: 0, diagnostics: { severity: { 'invalid-boolen': 'off', 'unknown-parameter': 'off' } } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings });
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: 'smtpd_sasl_auth_enabel = yes\nsmtpd_sasl_auth_enable = maybe\n' } });
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-boolean']);
    // The same settings again are not logged again.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings });
    const again = client.nextDiagnostics(uri);
    await again;
    assert.deepEqual(logged, ['postfix-sasl: postfixSasl.diagnostics.severity: ignored "invalid-boolen" is not a rule code (did you mean "invalid-boolean"?)']);
  });
});
