// Measurements of the real server (dist/server.js) over LSP stdio: cold start, completion, hover,
// edit-to-diagnostics and memory.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from '../test/helpers/lspClient';
import type { Inputs } from './generate';
import { endPositions, middleLineStart, middleOffset, openDir } from './service';
import { now, row, summarize, timeAsync, type Row } from './stats';

/** Resident set size of a process, from /proc (Linux); NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status);
    return kb ? Number(kb[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function open(client: TestClient, uri: string, text: string, languageId = 'postfix-main'): Promise<void> {
  const diagnostics = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  await diagnostics;
}

/** Applies one incremental change and resolves when the diagnostics of that version arrive. */
async function change(client: TestClient, uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
  const diagnostics = client.nextDiagnostics(uri, version);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  await diagnostics;
}

export async function measureColdStart(inputs: Inputs, runs: number, rows: Row[]): Promise<void> {
  const S = 'server cold start (LSP stdio)';
  const typical = openDir(inputs.dirs.typical);
  const toInit: number[] = [];
  const toDiagnostics: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    const client = await startServer();
    toInit.push(now() - t);
    await open(client, typical.uri, typical.text);
    toDiagnostics.push(now() - t);
    await client.stop();
  }
  rows.push(row(S, 'spawn → initialize result', toInit));
  rows.push(row(S, `spawn → first diagnostics, typical main.cf (${inputs.lines.typical} lines)`, toDiagnostics, { max: 250, label: '≤ 250 ms' }));
}

/** An edit of the large main.cf with every member of its instance open: new diagnostics on each of them. */
export async function measureInstanceEdit(inputs: Inputs, edits: number, rows: Row[]): Promise<void> {
  const S = `server, ${inputs.lines.large20k}-line main.cf (LSP stdio)`;
  const doc = openDir(inputs.dirs.large20k);
  const cyrusUri = doc.uri.replace(/main\.cf$/, 'sasl/smtpd.conf');
  const cyrusText = readFileSync(new URL(cyrusUri), 'utf8');
  const client = await startServer();
  try {
    await open(client, doc.masterUri, doc.masterText, 'postfix-master');
    await open(client, cyrusUri, cyrusText, 'cyrus-sasl');
    await open(client, doc.uri, doc.text);
    const mid = Math.floor(doc.text.split('\n').length / 2);
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      const t = now();
      version++;
      const all = Promise.all([client.nextDiagnostics(doc.uri, version), client.nextDiagnostics(doc.masterUri), client.nextDiagnostics(cyrusUri)]);
      const range = i % 2 === 0 ? { start: { line: mid, character: 4 }, end: { line: mid, character: 4 } } : { start: { line: mid, character: 4 }, end: { line: mid, character: 5 } };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text: i % 2 === 0 ? 'x' : '' }] });
      await all;
      times.push(now() - t);
    }
    rows.push(row(S, `edit in the middle, main.cf, master.cf and smtpd.conf open → diagnostics on all three (${edits} edits)`, times, { max: 40, label: '≤ 40 ms' }));
  } finally {
    await client.stop();
  }
}

export async function measureLargeFile(inputs: Inputs, runs: number, edits: number, rows: Row[]): Promise<void> {
  const S = `server, ${inputs.lines.large20k}-line main.cf (LSP stdio)`;
  const doc = openDir(inputs.dirs.large20k);
  const lines = inputs.lines.large20k;
  const client = await startServer();
  try {
    await open(client, doc.uri, doc.text);
    const rssOpen = rssMb(client.process.pid);
    const textDocument = { uri: doc.uri };
    let version = 1;

    const at = endPositions(doc.text);
    const hoverAt = positionAt(doc.text, at.hoverOffset);
    const hover = await timeAsync(async () => void (await client.connection.sendRequest('textDocument/hover', { textDocument, position: hoverAt })), runs * 2, 5);
    const middleAt = positionAt(doc.text, middleOffset(doc.text));
    const hoverMiddle = await timeAsync(async () => void (await client.connection.sendRequest('textDocument/hover', { textDocument, position: middleAt })), runs * 2, 5);
    const completeMiddle = await timeAsync(async () => void (await client.connection.sendRequest('textDocument/completion', { textDocument, position: middleAt })), runs * 2, 5);

    // Name completion with nothing typed: on the empty last line, and at the start of a line in the middle.
    const nameRuns: Array<[string, { line: number; character: number }]> = [
      ['at the end (empty last line)', positionAt(doc.text, doc.text.length)],
      ['in the middle (start of a line)', positionAt(doc.text, middleLineStart(doc.text))],
    ];
    const nameCompletion: Array<{ where: string; times: number[]; kb: number }> = [];
    for (const [where, position] of nameRuns) {
      let kb = 0;
      const times = await timeAsync(async () => {
        kb = JSON.stringify(await client.connection.sendRequest('textDocument/completion', { textDocument, position })).length / 1024;
      }, runs * 2, 5);
      nameCompletion.push({ where, times, kb });
    }

    // Type a parameter name on a new last line, ask for completion there, then take it back.
    const end = { line: lines, character: 0 };
    await change(client, doc.uri, ++version, { start: end, end }, 'smtpd_sasl_');
    const completeAt = { line: lines, character: 'smtpd_sasl_'.length };
    const completion = await timeAsync(async () => void (await client.connection.sendRequest('textDocument/completion', { textDocument, position: completeAt })), runs * 2, 5);
    await change(client, doc.uri, ++version, { start: end, end: completeAt }, '');

    // Type and delete a character in the middle of the file, one keystroke a change.
    const mid = Math.floor(lines / 2);
    const column = 4;
    const editTimes: number[] = [];
    const warmEdits = Math.min(100, edits >> 1);
    let rssWarm = NaN;
    for (let i = 0; i < edits; i++) {
      if (i === warmEdits) rssWarm = rssMb(client.process.pid);
      const t = now();
      if (i % 2 === 0) await change(client, doc.uri, ++version, { start: { line: mid, character: column }, end: { line: mid, character: column } }, 'x');
      else await change(client, doc.uri, ++version, { start: { line: mid, character: column }, end: { line: mid, character: column + 1 } }, '');
      editTimes.push(now() - t);
    }
    const rssAfter = rssMb(client.process.pid);

    rows.push(row(S, 'completion at the end (new last line)', completion, { max: 10, label: '≤ 10 ms' }));
    rows.push(row(S, 'hover at the end (last parameter)', hover, { max: 10, label: '≤ 10 ms' }));
    rows.push(row(S, 'completion in the middle (inside a long list)', completeMiddle, { max: 10, label: '≤ 10 ms' }));
    rows.push(row(S, 'hover in the middle (inside a long list)', hoverMiddle, { max: 10, label: '≤ 10 ms' }));
    for (const { where, times, kb } of nameCompletion) {
      rows.push(row(S, `name completion ${where}`, times, { max: 2, label: '≤ 2 ms' }));
      rows.push({ section: S, name: `name completion ${where}: response size`, unit: 'KB', median: kb, budget: { max: 40, label: '≤ 40 KB' } });
    }
    const first = summarize(editTimes.slice(0, Math.min(50, edits))).median;
    const last = summarize(editTimes.slice(-Math.min(50, edits))).median;
    const trend = edits >= 100 ? `median of the first 50 edits ${first.toFixed(1)} ms, of the last 50 ${last.toFixed(1)} ms` : undefined;
    rows.push(row(S, `edit in the middle → publishDiagnostics (debounce 0, ${edits} edits)`, editTimes, { max: 40, label: '≤ 40 ms' }, trend));
    rows.push({ section: S, name: 'RSS with the file open', unit: 'MB', median: rssOpen, budget: { max: 80, label: '≤ 80 MB' } });
    // The first edits are a one-time step: V8 compiles the edit path (its code and the compiler's memory
    // live outside the heap) and sizes the heap for it. Growth is counted from there: a leak shows, the step does not.
    rows.push({ section: S, name: `RSS after the first ${warmEdits} edits`, unit: 'MB', median: rssWarm, note: `${(rssWarm - rssOpen).toFixed(1)} MB over the open file, once: V8 compiling the edit path and sizing its heap for it` });
    rows.push({ section: S, name: `RSS after ${edits} edits`, unit: 'MB', median: rssAfter, budget: { max: 80, label: '≤ 80 MB' } });
    rows.push({ section: S, name: `RSS growth from edit ${warmEdits} to edit ${edits}`, unit: 'MB', median: rssAfter - rssWarm, budget: { max: 10, label: '≤ 10 MB (flat)' } });
  } finally {
    await client.stop();
  }
}

/** 5,000 documents open in one folder (issue 19): each is an instance of its own, and a change touches its own. */
export async function measureManyDocuments(rows: Row[], count = 5000, edits = 20): Promise<void> {
  const S = `server, ${count} open documents in one folder (LSP stdio)`;
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-bench-many-'));
  const uris = Array.from({ length: count }, (_, i) => pathToFileURL(join(dir, `note${i}.cf`)).toString());
  const client = await startServer();
  try {
    const t = now();
    const all = Promise.all(uris.map((uri) => client.nextDiagnostics(uri, 1)));
    for (const [i, uri] of uris.entries()) await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: `p${i} = $undefined${i}\n` } });
    await all;
    rows.push(row(S, `open all ${count} → diagnostics on each`, [now() - t], { max: 3000, label: '≤ 3 s' }));
    const times: number[] = [];
    for (let version = 2; version < 2 + edits; version++) {
      const uri = uris[(version * 997) % count];
      const start = now();
      const diagnostics = client.nextDiagnostics(uri, version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `q${version} = $x\n` }] });
      await diagnostics;
      times.push(now() - start);
    }
    rows.push(row(S, `edit of one → its diagnostics (${edits} edits)`, times, { max: 100, label: '≤ 100 ms' }));
  } finally {
    await client.stop();
  }
}
