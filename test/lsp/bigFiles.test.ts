// Big and odd files over LSP: a 50 MB main.cf, a binary file and a 1,000,000-character line must
// not freeze the server (a hover sent right after is answered, and the server goes on answering other
// files), and past postfixSasl.maxFileSize the server says why it checks less.
// How fast is the benchmark's to say (bench/bigFiles.ts); HANG_MS only tells a stuck server from a slow machine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../server/src/service/settings';
import { bigMainCf, longLineMainCf, longLines } from '../helpers/bigInputs';
import { withinDeadline } from '../helpers/deadline';
import { startServer, type TestClient } from '../helpers/lspClient';

const MB = 1024 * 1024;
const base = 'file:///nonexistent-postfix-sasl-big';

const HANG_MS = 30_000;

const answeredWithin = <T>(promise: Promise<T>, what: string) => withinDeadline(promise, HANG_MS, what);

/** Opens `text`, sends a hover right after, and returns how long the hover took and the diagnostics. */
async function openAndHover(client: TestClient, uri: string, text: string, languageId = 'postfix-main'): Promise<{ hoverMs: number; diagnostics: Diagnostic[] }> {
  const published = client.nextDiagnostics(uri);
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  // Timed from when the server has read the whole document (a cheap request has come back): moving
  // 50 MB through a pipe and JSON.parse are not what a size limit can spare.
  await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: `${base}/small/main.cf` } });
  const start = performance.now();
  await answeredWithin(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }), 'hover');
  const hoverMs = performance.now() - start;
  const { diagnostics } = await answeredWithin(published, 'diagnostics');
  return { hoverMs, diagnostics };
}

async function assertResponsive(client: TestClient): Promise<void> {
  await answeredWithin(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: `${base}/small/main.cf` } }), 'document symbols of another file');
}

describe('big and odd files over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { debounceMs: 150 } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${base}/small/main.cf`, languageId: 'postfix-main', version: 1, text: 'myhostname = a.example\n' } });
  });
  after(async () => {
    await client.stop();
  });

  // The server parses first and checks later, and past the size limit it checks only syntax.
  it('answers a hover on a 50 MB main.cf, and says that it checked only the head', async () => {
    const text = bigMainCf(50 * MB);
    const { diagnostics } = await openAndHover(client, `${base}/50mb/main.cf`, text);
    const notes = diagnostics.filter((d) => d.code === 'file-too-large');
    assert.equal(notes.length, 1, 'one note that the file is too large');
    assert.equal(notes[0].severity, 3, 'an information diagnostic');
    assert.match(String(notes[0].message), /postfixSasl\.maxFileSize/);
    assert.ok(String(notes[0].message).includes(`${defaultSettings.maxFileSize / 1024} KiB`), String(notes[0].message));
    await assertResponsive(client);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: `${base}/50mb/main.cf` } });
  });

  it('says a binary file is not text, for every file type, and keeps answering', async () => {
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const text = bytes.toString('latin1');
    for (const languageId of ['postfix-main', 'postfix-master', 'cyrus-sasl', 'saslauthd', 'postfix-sasl-passwd']) {
      const uri = `${base}/binary/${languageId}.db`;
      const { diagnostics } = await openAndHover(client, uri, text, languageId);
      assert.deepEqual(diagnostics.map((d) => d.code), ['binary-file'], languageId);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await assertResponsive(client);
  });

  for (const [label, line] of longLines) {
    it(`answers a hover on a 1,000,000-character line of ${label}`, async () => {
      const text = longLineMainCf(line);
      const uri = `${base}/longline/${label.replace(/ /g, '-')}/main.cf`;
      await openAndHover(client, uri, text);
      await assertResponsive(client);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
  }

  it('says why it checks less past a smaller maxFileSize, once', async () => {
    const small = await startServer({ settings: { debounceMs: 0, maxFileSize: 64 * 1024 } });
    try {
      const { diagnostics } = await openAndHover(small, `${base}/limit/main.cf`, bigMainCf(200 * 1024));
      assert.equal(diagnostics.filter((d) => d.code === 'file-too-large').length, 1);
      assert.match(String(diagnostics.find((d) => d.code === 'file-too-large')!.message), /64 KiB/);
    } finally {
      await small.stop();
    }
  });
});
