// The server with big and odd files open (LSP stdio): how long a hover sent right after opening a
// 50 MB main.cf or a main.cf with a 1,000,000-character line takes. test/lsp/bigFiles.test.ts checks
// that the answers are right; the figures are measured here.
import { bigMainCf, longLineMainCf, longLines } from '../test/helpers/bigInputs';
import { startServer, type TestClient } from '../test/helpers/lspClient';
import { now, row, type Row } from './stats';

const base = 'file:///nonexistent-postfix-sasl-bench-big';

/** Opens the file, waits until the server has read it (a cheap request came back), then times one hover. */
async function hoverAfterOpen(client: TestClient, uri: string, text: string): Promise<number> {
  const published = client.nextDiagnostics(uri);
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
  await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: `${base}/small/main.cf` } });
  const start = now();
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
  const ms = now() - start;
  await published;
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return ms;
}

export async function measureBigFiles(rows: Row[], quick: boolean): Promise<void> {
  const S = 'server, big files (LSP stdio)';
  const client = await startServer({ settings: { debounceMs: 150 } });
  try {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${base}/small/main.cf`, languageId: 'postfix-main', version: 1, text: 'myhostname = a.example\n' } });
    const mb = quick ? 5 : 50;
    const big = [await hoverAfterOpen(client, `${base}/big/main.cf`, bigMainCf(mb * 1024 * 1024))];
    rows.push(row(S, `hover right after opening a ${mb} MB main.cf`, big, { max: 1000, label: '≤ 1 s' }));
    for (const [label, line] of longLines) {
      const times = [await hoverAfterOpen(client, `${base}/long/${label.replace(/ /g, '-')}/main.cf`, longLineMainCf(line))];
      rows.push(row(S, `hover right after opening a 1,000,000-character line of ${label}`, times, { max: 1000, label: '≤ 1 s' }));
    }
  } finally {
    await client.stop();
  }
}
