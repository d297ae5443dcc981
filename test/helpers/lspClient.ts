// A minimal LSP client over stdio for tests: spawns the bundled server and speaks JSON-RPC to it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const serverPath = join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  /** What the server answered to initialize. */
  capabilities: Record<string, unknown>;
  /** Resolves with the next diagnostics published for `uri` (optionally at a version). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** `initialize` extras: workspace folders, client capabilities. */
export interface InitializeExtras {
  workspaceFolders?: Array<{ uri: string; name: string }>;
  capabilities?: Record<string, unknown>;
}

export async function startServer(initializationOptions: unknown = { settings: { debounceMs: 0 } }, extras: InitializeExtras = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    for (let i = 0; i < waiting.length; i++) {
      const w = waiting[i];
      if (w.uri === params.uri && (w.version === undefined || w.version === params.version)) {
        waiting.splice(i, 1);
        w.resolve(params);
        return;
      }
    }
  });
  connection.listen();
  const initialized = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: extras.capabilities ?? {}, initializationOptions, ...(extras.workspaceFolders ? { workspaceFolders: extras.workspaceFolders } : {}) })) as { capabilities: Record<string, unknown> };
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    capabilities: initialized.capabilities,
    nextDiagnostics: (uri, version) => new Promise((resolve) => waiting.push({ uri, version, resolve })),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A server that no longer answers is killed rather than waited for (a test or the benchmark would hang).
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      await exited;
      clearTimeout(killer);
      connection.dispose();
    },
  };
}
