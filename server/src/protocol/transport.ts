// The server's connection: over --stdio our own frame reader (frames.ts) so a bad frame is answered
// and never leaves the server deaf; over --node-ipc (VS Code) the messages come whole. Either way the
// lifecycle (lifecycle.ts) is enforced before any handler sees a message. Other transports (--socket,
// --pipe) are left to vscode-languageserver as they are.
import { AbstractMessageReader, createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageWriter, type Connection, type ConnectionOptions, type ConnectionStrategy, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { FrameParser, type Frame } from './frames';
import { Lifecycle } from './lifecycle';

/** Reads messages through the lifecycle; frames that cannot be read and refused requests are answered here. */
class CheckedReader extends AbstractMessageReader {
  readonly lifecycle = new Lifecycle();

  constructor(
    private readonly source: (deliver: (frame: Frame) => void) => Disposable,
    private readonly writer: MessageWriter,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    return this.source((frame) => {
      if (frame.kind === 'error') {
        void this.answer(frame.id, frame.code, frame.message);
        return;
      }
      const verdict = this.lifecycle.judge(frame.message);
      if (verdict.pass) {
        // As vscode-jsonrpc's own reader: a handler's throw (a $/cancelRequest without an id) is an error of the connection, not of the process.
        try {
          callback(frame.message as unknown as Message);
        } catch (error) {
          this.fireError(error);
        }
      } else if (verdict.answer) void this.answer(verdict.answer.id, verdict.answer.code, verdict.answer.message);
    });
  }

  private answer(id: number | string | null, code: number, message: string): Promise<void> {
    return this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as Message).catch(() => undefined);
  }
}

function stdioSource(parser = new FrameParser()): (deliver: (frame: Frame) => void) => Disposable {
  return (deliver) => {
    const onData = (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) deliver(frame);
    };
    process.stdin.on('data', onData);
    return { dispose: () => process.stdin.off('data', onData) };
  };
}

function ipcSource(reader: MessageReader): (deliver: (frame: Frame) => void) => Disposable {
  return (deliver) => reader.listen((message) => deliver({ kind: 'message', message: message as unknown as Record<string, unknown> }));
}

/** console.* would write into the LSP stream on stdout: send it to the client's log instead. */
function redirectConsole(connection: Connection): void {
  const log = (send: (text: string) => void) => (...args: unknown[]) => send(args.map(String).join(' '));
  console.log = log((t) => connection.console.log(t));
  console.info = log((t) => connection.console.info(t));
  console.warn = log((t) => connection.console.warn(t));
  console.error = log((t) => connection.console.error(t));
  console.debug = log((t) => connection.console.log(t));
}

export function createServerConnection(options: ConnectionStrategy | ConnectionOptions): Connection {
  const args = process.argv.slice(2);
  if (args.includes('--stdio')) {
    const writer = new StreamMessageWriter(process.stdout);
    const reader = new CheckedReader(stdioSource(), writer);
    // As vscode-languageserver does for stdio: the client closing our input ends the server.
    const end = () => process.exit(reader.lifecycle.shutDown ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
    const connection = createConnection(ProposedFeatures.all, reader, writer, options);
    redirectConsole(connection);
    return connection;
  }
  if (args.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return createConnection(ProposedFeatures.all, new CheckedReader(ipcSource(new IPCMessageReader(process)), writer), writer, options);
  }
  return createConnection(ProposedFeatures.all, options);
}
