// The postfix-log language in the real server (LSP stdio): a 50,000-line mail.log opened, then edited
// at its end (as a log grows), each time until its diagnostics arrive; and a hover on a recognised line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../test/helpers/lspClient';
import { logLines } from './explain';
import { now, row, type Row } from './stats';

export async function measureLogLanguage(rows: Row[], lineCount: number, edits: number): Promise<void> {
  const S = `server, ${lineCount}-line mail.log (postfix-log, LSP stdio)`;
  const uri = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'postfix-sasl-bench-log-')), 'mail.log')).toString();
  const text = `${logLines(0, lineCount).join('\n')}\n`;
  const client = await startServer();
  try {
    const t = now();
    const first = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-log', version: 1, text } });
    await first;
    rows.push(row(S, 'open → diagnostics', [now() - t]));
    const times: number[] = [];
    for (let version = 2; version < 2 + edits; version++) {
      const at = { line: lineCount + version - 2, character: 0 };
      const start = now();
      const diagnostics = client.nextDiagnostics(uri, version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: `${logLines(lineCount + version, 1)[0]}\n` }] });
      await diagnostics;
      times.push(now() - start);
    }
    rows.push(row(S, `a line appended → diagnostics (${edits} edits)`, times, { max: 200, label: '≤ 200 ms' }));
    // An edit in the first line: nothing can be reused, every line is read again.
    const full: number[] = [];
    for (let version = 2 + edits; version < 2 + 2 * edits; version++) {
      const start = now();
      const diagnostics = client.nextDiagnostics(uri, version);
      const at = { line: 0, character: 0 };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: { line: 0, character: version % 2 } }, text: version % 2 ? '' : 'D' }] });
      await diagnostics;
      full.push(now() - start);
    }
    rows.push(row(S, `an edit of the first line → diagnostics, all read again (${edits} edits)`, full, { max: 200, label: '≤ 200 ms' }));
    const hovers: number[] = [];
    for (let i = 0; i < edits; i++) {
      const start = now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1 + 9 * i, character: 20 } });
      hovers.push(now() - start);
    }
    rows.push(row(S, 'hover on a recognised line', hovers));
  } finally {
    await client.stop();
  }
}
