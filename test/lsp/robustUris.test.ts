// Issue 19: any URI is tolerated. A document with a host, an undecodable %ZZ or an encoded slash is not
// looked up on disk; it still gets its own diagnostics, and documents opened after it keep theirs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const TEXT = 'myhostname = mail.example\nrelayhost = $undefined_here\n';
const codes = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.map((d) => String(d.code));

/** Resolves with `promise`, or rejects after `ms` so a server gone deaf fails the test. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what}`)), ms))]);
}

describe('odd document URIs', { timeout: 60_000 }, () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  const open = (uri: string, text = TEXT) => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });

  for (const uri of ['file://remote.example/etc/postfix/main.cf', 'file:///etc/%ZZ/main.cf', 'file:///etc/postfix%2Fmain.cf', 'file:///tmp/%E0%A4%A/main.cf']) {
    it(`checks ${uri} on its own and keeps serving the other documents`, async () => {
      const own = client.nextDiagnostics(uri);
      await open(uri);
      assert.ok(codes(await within(own, 10_000, uri)).includes('undefined-reference'), uri);
      const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-uri-'));
      writeFileSync(join(dir, 'main.cf'), TEXT);
      const good = pathToFileURL(join(dir, 'main.cf')).toString();
      const diagnostics = client.nextDiagnostics(good);
      await open(good);
      assert.ok(codes(await within(diagnostics, 10_000, `${good} after ${uri}`)).includes('undefined-reference'));
      // An edit of the odd document is checked too, and the other document still is afterwards.
      const edited = client.nextDiagnostics(uri, 2);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'myhostname = mail.example\n' }] });
      assert.deepEqual(codes(await within(edited, 10_000, `edit of ${uri}`)), []);
      const again = client.nextDiagnostics(good, 2);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: good, version: 2 }, contentChanges: [{ text: TEXT + 'foo = 1\n' }] });
      assert.ok(codes(await within(again, 10_000, `edit of ${good}`)).includes('unknown-parameter'));
    });
  }
});
