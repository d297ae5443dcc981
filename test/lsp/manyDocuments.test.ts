// Issue 19: 5,000 open documents in one folder. Each is an instance of its own, every one gets its
// diagnostics, and an edit of one re-checks that one alone (the cache is indexed by what a change can
// touch). The timeout turns a quadratic regression into a failure; the figures are the bench's.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const COUNT = 5000;
const codes = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.map((d) => String(d.code));

describe('5,000 open documents in one folder', { timeout: 60_000 }, () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics for each, and an edit of one gets its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-many-'));
    const uris = Array.from({ length: COUNT }, (_, i) => pathToFileURL(join(dir, `note${i}.cf`)).toString());
    const all = uris.map((uri) => client.nextDiagnostics(uri));
    for (const [i, uri] of uris.entries()) await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: `p${i} = $undefined${i}\n` } });
    const first = await Promise.all(all);
    assert.equal(first.filter((p) => codes(p).includes('undefined-reference')).length, COUNT, 'every document got its diagnostics');
    const edited = client.nextDiagnostics(uris[7], 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uris[7], version: 2 }, contentChanges: [{ text: 'myhostname = mail.example\n' }] });
    assert.deepEqual(codes(await edited), []);
    const other = client.nextDiagnostics(uris[4000], 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uris[4000], version: 2 }, contentChanges: [{ text: 'myhostname = $still_undefined\n' }] });
    assert.deepEqual(codes(await other), ['undefined-reference']);
  });

  it('an instance of two files in one folder is re-checked on every edit (the cache forgets it once)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-pair-'));
    writeFileSync(join(dir, 'main.cf'), 'myhostname = mail.example\n');
    writeFileSync(join(dir, 'master.cf'), 'smtp inet n - y - - smtpd\n');
    const uri = pathToFileURL(join(dir, 'main.cf')).toString();
    const first = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text: 'myhostname = mail.example\n' } });
    await first;
    for (const version of [2, 3, 4]) {
      const diagnostics = client.nextDiagnostics(uri, version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `myhostname = $undefined${version}\n` }] });
      assert.deepEqual(codes(await diagnostics), ['undefined-reference'], `version ${version}`);
    }
  });
});
