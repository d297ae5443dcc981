// Mail logs in a real VS Code: mail.log gets the postfix-log language, diagnostics on the lines
// explain recognises and a hover that explains them; "Explain the selected log lines" explains the
// selection of any editor (here an untitled plain-text one) and opens the report.
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { hoverText, openFile, waitForDiagnostics } from './helpers';
import { test } from './harness';

const CONNECT = 'Dec  1 10:00:01 mx postfix/smtpd[1]: warning: SASL: Connect to private/auth failed: No such file or directory';
const RELAY = 'Dec  1 10:00:04 mx postfix/smtpd[2]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <u@far.example>: Relay access denied; from=<a@b.example> to=<u@far.example> proto=ESMTP helo=<x>';
const LOG = ['Dec  1 10:00:00 mx postfix/smtpd[1]: connect from a[192.0.2.1]', CONNECT, RELAY, ''].join('\n');

interface Explained {
  markdown: string;
  uri: string;
}

test('mail log: the language, an error on the recognised line, a hover that explains it', async () => {
  const editor = await openFile(LOG, 'mail.log');
  assert.equal(editor.document.languageId, 'postfix-log');
  const ds = await waitForDiagnostics(editor.document.uri, (d) => d.length === 2, 'two recognised lines');
  assert.deepEqual(ds.map((d) => [d.range.start.line, d.severity, String(typeof d.code === 'object' ? d.code.value : d.code)]), [[1, vscode.DiagnosticSeverity.Error, 'sasl-dovecot-connect'], [2, vscode.DiagnosticSeverity.Warning, 'relay-access-denied']]);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(1, 10));
  assert.match(hoverText(hovers), /could not connect to Dovecot's auth socket/);
});

test('explain command: the selected line of an untitled editor, in a report that opens', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: LOG });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(2, 0, 2, RELAY.length);
  const opened = new Promise<vscode.TextDocument>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no postfix-sasl-explain document opened within 15 s')), 15_000);
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme === 'postfix-sasl-explain') {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
  const result = await vscode.commands.executeCommand<Explained>('postfixSasl.explainLogLines');
  assert.ok(result, 'the command returned the report');
  assert.match(result.markdown, /^# Postfix SASL: 1 log line, 1 explained in 1 group/);
  assert.match(result.markdown, /## warning `relay-access-denied`: 1 time/);
  assert.ok(!result.markdown.includes('sasl-dovecot-connect'), 'only the selection is explained');
  const report = await opened;
  assert.equal(report.uri.toString(), result.uri);
  assert.equal(report.getText(), result.markdown);
});

test('explain command: text given as an argument, no report opened', async () => {
  const result = await vscode.commands.executeCommand<Explained>('postfixSasl.explainLogLines', { text: CONNECT, show: false });
  assert.match(result.markdown, /## error `sasl-dovecot-connect`: 1 time/);
});
