import * as vscode from 'vscode';
import { AuthTestOptions, AuthTestResult, formatMarkdownReport, formatTextReport, formatTranscript, reportHeadline, runAuthTest } from '../../../server/src/authtest';
import { forNotification } from './plainText';
import { EDITOR_REMEDIES } from './remedies';
import { ReportStore, showReport } from './reportView';

export interface RunContext {
  output: vscode.OutputChannel;
  reports: ReportStore;
}

type RunOptions = Omit<AuthTestOptions, 'onProgress' | 'onTranscript' | 'remedies' | 'password'> & { password: string };

/**
 * Runs one test with a progress notification, streams the (already redacted) transcript into the output
 * channel, and opens the report. The password goes only to the library, whose one redactor has cleaned
 * every field of the result (a second one here, knowing less, would redact natural text and point at it).
 */
export async function runAndReport(rc: RunContext, options: RunOptions, show: boolean): Promise<AuthTestResult> {
  const where = `${options.host} port ${options.port ?? 'default'} (${options.tls}), user ${options.user}`;
  rc.output.appendLine(`=== SMTP AUTH test of ${where}, ${new Date().toISOString()}`);
  rc.output.show(true);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SMTP AUTH test of ${forNotification(options.host)}`, cancellable: false },
    (progress) =>
      runAuthTest({
        ...options,
        remedies: EDITOR_REMEDIES,
        onProgress: (message) => progress.report({ message: forNotification(message) }),
        onTranscript: (entry) => rc.output.appendLine(formatTranscript([entry])),
      }),
  );
  rc.output.appendLine('');
  rc.output.appendLine(reportHeadline(result));
  rc.output.append(formatTextReport(result, false));
  rc.output.appendLine('');
  if (show) await showReport(rc.reports.add(`SMTP AUTH ${result.host}`, formatMarkdownReport(result)));
  return result;
}

/** The headline as a notification: our words, the host and the mechanism names, never the server's text. */
export function notifyHeadline(result: AuthTestResult): void {
  const say = result.verdict === 'pass' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void say(`SMTP AUTH test: ${forNotification(reportHeadline(result))}. The report has the details.`);
}
