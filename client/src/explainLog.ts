// "Postfix SASL: Explain the selected log lines": the selected text (or the whole document, or the
// clipboard) goes to the language server, which explains it as `postfix-sasl explain` does; the report
// opens as a read-only markdown preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportStore, showReport } from './authTest/reportView';

const EXPLAIN_SCHEME = 'postfix-sasl-explain';

/** Programmatic use (tests, other extensions): the text to explain, and whether to open the report. */
interface ExplainArgument {
  text?: string;
  show?: boolean;
}

/** The selections of the active editor, else its whole document; undefined when there is no editor. */
function editorText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const selected = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
  return selected.length ? selected.join('\n') : editor.document.getText();
}

export function registerExplainLogCommand(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const reports = new ReportStore(EXPLAIN_SCHEME);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, reports),
    vscode.commands.registerCommand('postfixSasl.explainLogLines', async (arg?: ExplainArgument) => {
      const text = typeof arg?.text === 'string' ? arg.text : (editorText() ?? (await vscode.env.clipboard.readText()));
      if (!text.trim()) {
        void vscode.window.showInformationMessage('Select some lines of a mail log (or copy them) first: there is nothing to explain.');
        return undefined;
      }
      const server = client();
      if (!server) {
        void vscode.window.showErrorMessage('The Postfix SASL language server is not running, so the log cannot be explained.');
        return undefined;
      }
      const { markdown } = await server.sendRequest<{ markdown: string }>('postfixSasl/explainLog', { text });
      const uri = reports.add('Log explanation', markdown);
      if (arg?.show !== false) await showReport(uri);
      return { markdown, uri: uri.toString() };
    }),
  );
}
