// Issue 19: $/cancelRequest is honoured. A request cancelled while it still waits (the server busy
// checking a large document) is answered with the LSP cancellation error instead of its result.
import assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const REQUEST_CANCELLED = -32800;

describe('$/cancelRequest', { timeout: 60_000 }, () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('answers a request cancelled before it ran with RequestCancelled, and the next request normally', async () => {
    const uri = 'untitled:big-main.cf';
    const text = Array.from({ length: 20_000 }, (_, i) => `p${i} = $q${i}`).join('\n');
    const checked = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    // Sent while the server checks the document (about a second): each request is still queued when its
    // cancellation arrives. The short wait lets the check start first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answers = Array.from({ length: 5 }, () => {
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token).then(
        () => 'answered',
        (error: unknown) => (error instanceof ResponseError ? error.code : String(error)),
      );
      source.cancel();
      return answer;
    });
    assert.deepEqual(await Promise.all(answers), Array(5).fill(REQUEST_CANCELLED));
    await checked;
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.equal(symbols.length, 20_000);
  });
});
