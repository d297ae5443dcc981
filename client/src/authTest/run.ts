import * as vscode from 'vscode';
import { AuthTestOptions, AuthTestResult, formatMarkdownReport, formatTextReport, formatTranscript, runAuthTest } from '../../../server/src/authtest';
import { ReportStore, showReport } from './reportView';

export interface RunContext {
  output: vscode.OutputChannel;
  reports: ReportStore;
}

type RunOptions = Omit<AuthTestOptions, 'onProgress' | 'onTranscript'>;

/**
 * Runs one test with a progress notification, streams the (already redacted) transcript into the output
 * channel, and opens the report. The password goes only to the library, never to a log or a message.
 */
export async function runAndReport(rc: RunContext, options: RunOptions, show: boolean): Promise<AuthTestResult> {
  const where = `${options.host} port ${options.port ?? 'default'} (${options.tls}), user ${options.user}`;
  rc.output.appendLine(`=== SMTP AUTH test of ${where}, ${new Date().toISOString()}`);
  rc.output.show(true);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SMTP AUTH test of ${options.host}`, cancellable: false },
    (progress) =>
      runAuthTest({
        ...options,
        onProgress: (message) => progress.report({ message }),
        onTranscript: (entry) => rc.output.appendLine(formatTranscript([entry])),
      }),
  );
  rc.output.appendLine('');
  rc.output.append(formatTextReport(result, false));
  rc.output.appendLine('');
  if (show) await showReport(rc.reports.add(`SMTP AUTH ${result.host}`, formatMarkdownReport(result)));
  const say = result.verdict === 'pass' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void say(`SMTP AUTH test of ${result.host}: ${result.summary}`);
  return result;
}
