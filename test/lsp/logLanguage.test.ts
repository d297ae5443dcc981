// The postfix-log language over the real server's protocol: diagnostics on the recognised lines with
// related information into the workspace's instance, a hover that explains a line, the explain request
// for pasted text (log text escaped), and the instance chosen as documented (setting, workspace, none).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';

const MAIN_CF = ['myhostname = mail.example', 'smtpd_sasl_auth_enable = yes', 'smtpd_sasl_type = dovecot', 'smtpd_sasl_path = private/auth', ''].join('\n');
const SASL_PATH_LINE = 3;

const LOG = [
  'Dec  1 10:00:00 mx postfix/smtpd[1]: connect from a[1.2.3.4]',
  'Dec  1 10:00:01 mx postfix/smtpd[1]: warning: SASL: Connect to private/auth failed: No such file or directory',
  'Dec  1 10:00:02 mx postfix/smtpd[1]: fatal: no SASL authentication mechanisms',
  'Dec  1 10:00:03 mx kernel: something else',
  'Dec  1 10:00:04 mx postfix/smtpd[2]: NOQUEUE: reject: RCPT from evil<b>x</b>[5.6.7.8]: 554 5.7.1 <u@far.example>: Relay access denied; from=<a@b> to=<u@far.example> proto=ESMTP helo=<x>',
  '',
].join('\n');

function fixture(): { dir: string; mainUri: string; logUri: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-sasl-log-'));
  mkdirSync(join(dir, 'etc', 'postfix'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'postfix', 'main.cf'), MAIN_CF);
  mkdirSync(join(dir, 'var', 'log'), { recursive: true });
  writeFileSync(join(dir, 'var', 'log', 'mail.log'), LOG);
  return { dir, mainUri: pathToFileURL(join(dir, 'etc', 'postfix', 'main.cf')).toString(), logUri: pathToFileURL(join(dir, 'var', 'log', 'mail.log')).toString() };
}

const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('postfix-log language', { timeout: 60_000 }, () => {
  const { dir, mainUri, logUri } = fixture();
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { debounceMs: 0 } }, { workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'w' }] });
  });
  after(async () => {
    await client.stop();
  });

  it('marks each recognised line with its severity and points at the line of main.cf that decides it', async () => {
    const published = client.nextDiagnostics(logUri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: logUri, languageId: 'postfix-log', version: 1, text: LOG } });
    const { diagnostics } = await published;
    const byLine = new Map(diagnostics.map((d: Diagnostic) => [d.range.start.line, d]));
    assert.deepEqual([...byLine.keys()], [1, 2, 4]);
    assert.deepEqual([1, 2, 4].map((l) => [byLine.get(l)!.code, byLine.get(l)!.severity]), [['sasl-dovecot-connect', 1], ['sasl-no-mechanisms', 1], ['relay-access-denied', 2]]);
    const related = byLine.get(1)!.relatedInformation ?? [];
    assert.deepEqual(related.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[mainUri, SASL_PATH_LINE, 'smtpd_sasl_path']]);
  });

  it('explains a line in its hover, with a link to the line to change; other lines have none', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: logUri }, position: { line: 1, character: 5 } })) as Hover | null;
    const text = hoverText(hover);
    assert.match(text, /`sasl-dovecot-connect`/);
    assert.match(text, /could not connect to Dovecot's auth socket/);
    assert.ok(text.includes(`(${mainUri}#L${SASL_PATH_LINE + 1})`), text);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: logUri }, position: { line: 3, character: 5 } }), null);
  });

  it('explains pasted text as a markdown report in which no log text is markup', async () => {
    const { markdown } = (await client.connection.sendRequest('postfixSasl/explainLog', { text: LOG })) as { markdown: string };
    assert.match(markdown, /^# Postfix SASL: 5 log lines, 3 explained in 3 groups/);
    assert.match(markdown, /## error `sasl-dovecot-connect`: 1 time/);
    assert.ok(markdown.includes(`(${mainUri}#L${SASL_PATH_LINE + 1})`));
    assert.ok(!markdown.includes('<b>'), 'a client name with a tag is escaped');
    assert.ok(markdown.includes(String.raw`evil\<b\>x\<\/b\>`), markdown);
  });

  it('answers a malformed explain request with InvalidParams and keeps serving', async () => {
    await assert.rejects(client.connection.sendRequest('postfixSasl/explainLog', { text: 42 }), (e: { code?: number }) => e.code === -32602);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: logUri }, position: { line: 2, character: 0 } });
    assert.match(hoverText(hover as Hover), /sasl-no-mechanisms/);
  });

  it('does not claim a plain text file, but takes a text file whose first line is a Postfix line', async () => {
    const notes = pathToFileURL(join(dir, 'notes.txt')).toString();
    const saved = pathToFileURL(join(dir, 'journal.txt')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'plaintext', version: 1, text: 'just notes\n' + LOG } });
    const published = client.nextDiagnostics(saved);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: saved, languageId: 'plaintext', version: 1, text: LOG } });
    assert.equal((await published).diagnostics.length, 3);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: notes }, position: { line: 2, character: 5 } }), null);
  });
});

describe('postfix-log without a workspace instance', { timeout: 60_000 }, () => {
  const { dir, mainUri, logUri } = fixture();
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: { debounceMs: 0 } });
  });
  after(async () => {
    await client.stop();
  });

  it('says no configuration is known, and points into the folder postfixSasl.logInstance names', async () => {
    const published = client.nextDiagnostics(logUri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: logUri, languageId: 'postfix-log', version: 1, text: LOG } });
    const first = await published;
    assert.equal(first.diagnostics.length, 3);
    assert.ok(first.diagnostics.every((d) => !d.relatedInformation), 'no instance: nothing to point at');
    const before = hoverText((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: logUri }, position: { line: 1, character: 0 } })) as Hover);
    assert.match(before, /No Postfix configuration is known for this log/);
    const again = client.nextDiagnostics(logUri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfixSasl: { debounceMs: 0, logInstance: join(dir, 'etc', 'postfix') } } });
    const second = await again;
    assert.deepEqual(second.diagnostics[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[mainUri, SASL_PATH_LINE]]);
  });
});
