// The server re-checks every member of an instance when any member changes: an edit of Dovecot's file
// clears the socket error on main.cf, and a change on disk (workspace/didChangeWatchedFiles) of a file
// that is not open does the same.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestClient } from '../helpers/lspClient';

const MAIN = 'smtpd_sasl_auth_enable = yes\nsmtpd_sasl_type = dovecot\nsmtpd_sasl_path = private/auth\nsmtpd_tls_chain_files = /etc/ssl/k.pem\nsmtpd_tls_auth_only = yes\nsmtpd_sasl_security_options = noanonymous\n';
const dovecot = (path: string) => `service auth {\n  unix_listener ${path} {\n    mode = 0660\n    user = postfix\n    group = postfix\n  }\n}\n`;

/** A Debian-like tree: etc/postfix/main.cf and etc/dovecot/dovecot.conf. */
function tree(listener: string): { main: string; conf: string } {
  const root = mkdtempSync(join(tmpdir(), 'postfix-sasl-recheck-'));
  mkdirSync(join(root, 'etc', 'postfix'), { recursive: true });
  mkdirSync(join(root, 'etc', 'dovecot'), { recursive: true });
  const main = join(root, 'etc', 'postfix', 'main.cf');
  const conf = join(root, 'etc', 'dovecot', 'dovecot.conf');
  writeFileSync(main, MAIN);
  writeFileSync(conf, dovecot(listener));
  return { main: pathToFileURL(main).toString(), conf: pathToFileURL(conf).toString() };
}

const codes = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.map((d) => String(d.code));

describe('re-checking every member of an instance', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { debounceMs: 0 } });
  });
  after(async () => {
    await client.stop();
  });

  it('an edit of dovecot.conf clears the socket error on main.cf', { timeout: 20_000 }, async () => {
    const { main, conf } = tree('/var/spool/postfix/private/other');
    const first = client.nextDiagnostics(main, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'postfix-main', version: 1, text: MAIN } });
    assert.ok(codes(await first).includes('dovecot-socket-mismatch'));
    const opened = client.nextDiagnostics(main);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: conf, languageId: 'dovecot', version: 1, text: dovecot('/var/spool/postfix/private/other') } });
    await opened;
    const fixed = client.nextDiagnostics(main);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: conf, version: 2 }, contentChanges: [{ text: dovecot('/var/spool/postfix/private/auth') }] });
    assert.deepEqual(codes(await fixed).filter((c) => c.startsWith('dovecot-')), []);
    for (const uri of [main, conf]) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('a change on disk of a member that is not open is picked up', { timeout: 20_000 }, async () => {
    const { main, conf } = tree('/var/spool/postfix/private/other');
    const first = client.nextDiagnostics(main, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'postfix-main', version: 1, text: MAIN } });
    assert.ok(codes(await first).includes('dovecot-socket-mismatch'));
    writeFileSync(new URL(conf), dovecot('/var/spool/postfix/private/auth'));
    const fixed = client.nextDiagnostics(main);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: conf, type: 2 }] });
    assert.deepEqual(codes(await fixed).filter((c) => c.startsWith('dovecot-')), []);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: main } });
  });

  it('a member that is a folder gets one note under its own URI, and main.cf is still checked', { timeout: 20_000 }, async () => {
    const { main } = tree('/var/spool/postfix/private/auth');
    const master = new URL('master.cf', main);
    mkdirSync(master);
    const note = client.nextDiagnostics(master.toString());
    const checked = client.nextDiagnostics(main, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'postfix-main', version: 1, text: MAIN } });
    assert.deepEqual(codes(await note), ['instance-file-unusable']);
    assert.ok(Array.isArray((await checked).diagnostics));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: main } });
  });

  it('asks to watch the files an instance is made of when the client can register watchers', { timeout: 20_000 }, async () => {
    const { spawn } = await import('node:child_process');
    const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const registered = new Promise<Array<{ method: string; registerOptions?: { watchers?: Array<{ globPattern: string }> } }>>((resolve) => {
      connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
        resolve(params.registrations);
        return null;
      });
    });
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await connection.sendNotification('initialized', {});
    const registrations = await registered;
    const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch?.registerOptions?.watchers?.some((w) => w.globPattern === '**/main.cf'));
    child.kill();
    connection.dispose();
  });
});
