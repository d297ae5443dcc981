import * as vscode from 'vscode';

export const REPORT_SCHEME = 'postfix-sasl-report';
const KEEP = 20;

/**
 * Keeps the markdown of recent reports as read-only virtual documents, so the preview needs no untitled
 * file (which would ask to be saved on close) and nothing lands on disk.
 */
export class ReportStore implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private counter = 0;

  /** Another feature's reports (the log explanation) live under a scheme of their own. */
  constructor(readonly scheme: string = REPORT_SCHEME) {}

  add(title: string, markdown: string): vscode.Uri {
    this.counter += 1;
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${title.replace(/[^A-Za-z0-9.:@_-]+/g, '-')} #${this.counter}.md` });
    this.reports.set(uri.toString(), markdown);
    // Forget the oldest reports: a long session should not grow without bound.
    while (this.reports.size > KEEP) this.reports.delete(this.reports.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '# This report is no longer available\n\nRun the command again.\n';
  }
}

/** Opens the markdown preview of a report; falls back to the plain markdown if the preview is unavailable. */
export async function showReport(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
