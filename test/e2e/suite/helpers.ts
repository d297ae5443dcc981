// Helpers for the vscode-API suite: documents in the test workspace, and waits on VS Code's events.
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_ID = 'postfix-sasl.postfix-sasl';

let counter = 0;

/** Writes `content` to a fresh folder of the workspace as `name` (main.cf by default) and opens it in an editor. */
export async function openFile(content: string, name = 'main.cf'): Promise<vscode.TextEditor> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('the e2e suite needs a workspace folder');
  counter += 1;
  const uri = vscode.Uri.joinPath(root, `case-${process.pid}-${counter}`, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (now or after a change event). */
export function waitForDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      done();
      resolve(current);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${vscode.DiagnosticSeverity[d.severity]} ${d.message}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics: ${what}; seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Resolves once the document's text satisfies `accept`. */
export function waitForText(doc: vscode.TextDocument, accept: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (accept(doc.getText())) return resolve(doc.getText());
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && accept(doc.getText())) {
        clearTimeout(timer);
        sub.dispose();
        resolve(doc.getText());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the text: ${what}; text: ${JSON.stringify(doc.getText())}`));
    }, timeoutMs);
  });
}

export function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the document`);
  return doc.positionAt(at + offsetInNeedle);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The real test servers of test/servers/start.sh, if running. */
export interface ServerState {
  host: string;
  caFile: string;
  user: string;
  passwordFile: string;
  ports: Record<'starttls' | 'submission' | 'smtps' | 'clear', number>;
}

export function loadServers(): { state?: ServerState; password?: string; skip: string | false } {
  const file = join(process.env.POSTFIX_SASL_TEST_DIR ?? '/tmp/postfix-sasl-test', 'state.json');
  if (!existsSync(file)) return { skip: `real servers not running (no ${file}); start them with: sudo test/servers/start.sh` };
  const state = JSON.parse(readFileSync(file, 'utf8')) as ServerState;
  if (state.host !== '127.0.0.1') return { skip: 'the state file names a host other than 127.0.0.1' };
  return { state, password: readFileSync(state.passwordFile, 'utf8'), skip: false };
}
