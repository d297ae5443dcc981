// The server with big and odd files open (LSP stdio): how long a hover sent right after opening a
// 50 MB main.cf or a main.cf with a 1,000,000-character line takes. test/lsp/bigFiles.test.ts checks
// that the answers are right; the figures are measured here.
import { bigMainCf, longLineMainCf, longLines } from '../test/helpers/bigInputs';
import { withinDeadline } from '../test/helpers/deadline';
import { startServer, type TestClient } from '../test/helpers/lspClient';
import { now, row, type Row } from './stats';

const base = 'file:///nonexistent-postfix-sasl-bench-big';

/** A server that stops answering must not stop the benchmark (CI runs it): past this, the row says so. */
const NO_ANSWER_MS = 60_000;

const withinLimit = <T>(promise: Promise<T>, what: string) => withinDeadline(promise, NO_ANSWER_MS, what);

/** Opens the file, waits until the server has read it (a cheap request came back), then times one hover. */
async function hoverAfterOpen(client: TestClient, uri: string, text: string): Promise<number> {
  const published = client.nextDiagnostics(uri);
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
  await withinLimit(client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: `${base}/small/main.cf` } }), 'folding ranges after the open');
  const start = now();
  await withinLimit(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }), 'hover');
  const ms = now() - start;
  await withinLimit(published, 'diagnostics');
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return ms;
}

/** The hover's time, or NaN with the reason as the row's note when the server did not answer. */
async function measured(work: () => Promise<number>): Promise<{ samples: number[]; note?: string }> {
  try {
    return { samples: [await work()] };
  } catch (error) {
    return { samples: [], note: (error as Error).message };
  }
}

export async function measureBigFiles(rows: Row[], quick: boolean): Promise<void> {
  const S = 'server, big files (LSP stdio)';
  const client = await startServer({ settings: { debounceMs: 150 } });
  try {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${base}/small/main.cf`, languageId: 'postfix-main', version: 1, text: 'myhostname = a.example\n' } });
    const mb = quick ? 5 : 50;
    const big = await measured(() => hoverAfterOpen(client, `${base}/big/main.cf`, bigMainCf(mb * 1024 * 1024)));
    rows.push(row(S, `hover right after opening a ${mb} MB main.cf`, big.samples, { max: 1000, label: '≤ 1 s' }, big.note));
    for (const [label, line] of longLines) {
      const long = await measured(() => hoverAfterOpen(client, `${base}/long/${label.replace(/ /g, '-')}/main.cf`, longLineMainCf(line)));
      rows.push(row(S, `hover right after opening a 1,000,000-character line of ${label}`, long.samples, { max: 1000, label: '≤ 1 s' }, long.note));
    }
  } finally {
    await client.stop();
  }
}
