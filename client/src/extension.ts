import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerAuthTestCommands } from './authTest/commands';
import { registerExplainLogCommand } from './explainLog';

let client: LanguageClient | undefined;

/** What the extension offers other extensions (and its own end-to-end tests). */
export interface PostfixSaslApi {
  /** Milliseconds from the start of activation until the language server answered `initialize`. */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<PostfixSaslApi> {
  const started = performance.now();
  // Commands first: they do not need the server, and must work even if it fails to start.
  registerAuthTestCommands(context);
  registerExplainLogCommand(context, () => client);
  client = createLanguageClient(context);
  await client.start();
  const activationMs = performance.now() - started;
  client.outputChannel.appendLine(`Language server ready ${activationMs.toFixed(0)} ms after activation.`);
  return { activationMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
