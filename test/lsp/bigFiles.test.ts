// Big and odd files over LSP: a 50 MB main.cf, a binary file and a 1,000,000-character line must
// not freeze the server (a hover sent right after is answered within 1 s), and past
// postfixSasl.maxFileSize the server says why it checks less.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../server/src/service/settings';
import { startServer, type TestClient } from '../helpers/lspClient';

const MB = 1024 * 1024;
const base = 'file:///nonexistent-postfix-sasl-big';

/** A realistic main.cf block, repeated to `bytes`. */
export function bigMainCf(bytes: number): string {
  const block = ['# generated', 'smtpd_sasl_auth_enable = yes', 'smtpd_recipient_restrictions = permit_mynetworks,', '    permit_sasl_authenticated, reject_unauth_destination', 'myorigin = $mydomain', 'relayhost = [smtp.example.com]:587', ''].join('\n') + '\n';
  return block.repeat(Math.ceil(bytes / block.length));
}

/** Opens `text` and returns how long a hover sent right after took, and the diagnostics. */
async function openAndHover(client: TestClient, uri: string, text: string, languageId = 'postfix-main'): Promise<{ hoverMs: number; diagnostics: Diagnostic[] }> {
  const published = client.nextDiagnostics(uri);
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  // Timed from when the server has read the whole document (a cheap request has come back): moving
  // 50 MB through a pipe and JSON.parse are not what a size limit can spare.
  await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: `${base}/small/main.cf` } });
  const start = performance.now();
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
  const hoverMs = performance.now() - start;
  const { diagnostics } = await published;
  return { hoverMs, diagnostics };
}

async function assertResponsive(client: TestClient): Promise<void> {
  const start = performance.now();
  await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: `${base}/small/main.cf` } });
  assert.ok(performance.now() - start < 1000);
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
  it('answers a hover within 1 s of a 50 MB main.cf, and says that it checked only the head', async () => {
    const text = bigMainCf(50 * MB);
    const { hoverMs, diagnostics } = await openAndHover(client, `${base}/50mb/main.cf`, text);
    assert.ok(hoverMs < 1000, `hover took ${Math.round(hoverMs)} ms`);
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
      const { hoverMs, diagnostics } = await openAndHover(client, uri, text, languageId);
      assert.ok(hoverMs < 1000, `${languageId}: hover took ${Math.round(hoverMs)} ms`);
      assert.deepEqual(diagnostics.map((d) => d.code), ['binary-file'], languageId);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await assertResponsive(client);
  });

  for (const [label, line] of [
    ['plain words', 'mydestination = ' + 'host.example, '.repeat(72_000)],
    ['template openers', 'smtpd_banner = ' + '{{ <% {% '.repeat(111_112)],
    ['references', 'myorigin = ' + '$mydomain '.repeat(100_000)],
    ['nested conditionals', 'x = ' + '${a?'.repeat(125_000) + '}'.repeat(125_000)],
  ] as const) {
    it(`answers a hover within 1 s of a 1,000,000-character line of ${label}`, async () => {
      const text = `myhostname = a.example\n${line.slice(0, 1_000_000)}\nrelayhost = [b.example]:587\n`;
      const uri = `${base}/longline/${label.replace(/ /g, '-')}/main.cf`;
      const { hoverMs } = await openAndHover(client, uri, text);
      assert.ok(hoverMs < 1000, `hover took ${Math.round(hoverMs)} ms`);
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
