// Issue 19's rows: a check of 8,000 distinct undefined references (`pN = $qN`, in-process), and a hover
// sent while the server computes the diagnostics of a 20,000-line file of them (LSP stdio): how long the
// hover waits behind the check.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../server/src/service/analyze';
import { defaultSettings } from '../server/src/service/settings';
import { startServer } from '../test/helpers/lspClient';
import { now, row, timeSync, type Row } from './stats';

const references = (n: number) => `${Array.from({ length: n }, (_, i) => `p${i} = $q${i}`).join('\n')}\n`;

export async function measureResponsiveness(rows: Row[], runs: number, lines: number): Promise<void> {
  const S = 'responsiveness (issue 19)';
  const text = references(8000);
  rows.push(row(S, 'check of 8,000 distinct undefined references, in-process', timeSync(() => analyze('file:///bench/main.cf', 'postfix-main', text, defaultSettings), runs, 1), { max: 200, label: '≤ 200 ms' }));
  const uri = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'postfix-sasl-bench-hover-')), 'main.cf')).toString();
  const big = references(lines);
  const client = await startServer();
  try {
    const opened = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: big } });
    await opened;
    const waits: number[] = [];
    for (let version = 2; version < 2 + runs; version++) {
      const diagnostics = client.nextDiagnostics(uri, version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: version % 2 } }, text: version % 2 ? '' : 'x' }] });
      // The check starts on the next turn of the server's loop (debounce 0); the hover comes just after.
      await new Promise((r) => setTimeout(r, 5));
      const start = now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lines - 1, character: 1 } });
      waits.push(now() - start);
      await diagnostics;
    }
    rows.push(row(S, `hover sent during the diagnostics of ${lines} lines of pN = $qN, over LSP`, waits, { max: 50, label: '≤ 50 ms' }));
  } finally {
    await client.stop();
  }
}
