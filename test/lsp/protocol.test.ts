// Issue 19: protocol errors answered as JSON-RPC and LSP say, written as raw bytes to the real server's
// stdin. After every bad frame the server must still answer the next good one.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { serverPath } from '../helpers/lspClient';

type Reply = { id?: number | string | null; result?: unknown; error?: { code: number; message: string }; method?: string };

/** A server on stdio and the messages it wrote, parsed by the test itself. */
class RawServer {
  readonly child: ChildProcessWithoutNullStreams = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  private buffer = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private waiters: Array<() => void> = [];

  constructor() {
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        const length = end < 0 ? undefined : /Content-Length: (\d+)/.exec(this.buffer.subarray(0, end).toString());
        if (!length || this.buffer.length < end + 4 + Number(length[1])) break;
        this.replies.push(JSON.parse(this.buffer.subarray(end + 4, end + 4 + Number(length[1])).toString()) as Reply);
        this.buffer = this.buffer.subarray(end + 4 + Number(length[1]));
      }
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  write(bytes: string): void {
    this.child.stdin.write(bytes);
  }

  send(message: unknown): void {
    const body = typeof message === 'string' ? message : JSON.stringify(message);
    this.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  /** The next reply (not a notification) matching `accept`, within 10 s. */
  async reply(accept: (r: Reply) => boolean, what: string): Promise<Reply> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const at = this.replies.findIndex((r) => r.method === undefined && accept(r));
      if (at >= 0) return this.replies.splice(at, 1)[0];
      if (Date.now() > deadline) throw new Error(`no reply: ${what}; seen ${JSON.stringify(this.replies)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Nothing but notifications arrived for `ms`. */
  async silent(ms: number): Promise<Reply[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.replies.filter((r) => r.method === undefined);
  }
}

const hover = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere/main.cf' }, position: { line: 0, character: 0 } } });

describe('protocol errors over stdio', { timeout: 60_000 }, () => {
  let server: RawServer;
  before(() => {
    server = new RawServer();
  });
  after(() => {
    server.child.kill();
  });

  it('before initialize: a request gets ServerNotInitialized (-32002), a notification nothing', async () => {
    server.send(hover(1));
    assert.equal((await server.reply((r) => r.id === 1, 'hover before initialize')).error?.code, -32002);
    server.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/x/main.cf', languageId: 'postfix-main', version: 1, text: 'a = $b\n' } } });
    assert.deepEqual(await server.silent(300), []);
    server.send({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    assert.ok((await server.reply((r) => r.id === 2, 'initialize')).result);
    server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  });

  const bad: Array<[string, string, number, number | string | null]> = [
    ['a body that is not JSON', 'Content-Length: 11\r\n\r\n{"jsonrpc":', -32700, null],
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', -32700, null],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}', -32700, null],
    ['a Content-Length too long for its body (it swallows the next frame)', 'Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","id":77,"method":"shutdown"}', -32700, null],
    ['a request without a method', '{"jsonrpc":"2.0","id":78}', -32600, 78],
    ['a method that is a number', '{"jsonrpc":"2.0","id":79,"method":7}', -32600, 79],
    ['a batch', '[{"jsonrpc":"2.0","id":80,"method":"shutdown"}]', -32600, null],
    ['no jsonrpc member', '{"id":81,"method":"textDocument/hover"}', -32600, 81],
  ];
  let id = 100;
  for (const [what, bytes, code, expectedId] of bad) {
    it(`${what}: ${code}, and the next request is answered`, async () => {
      server.write(bytes.startsWith('Content-') ? bytes : `Content-Length: ${Buffer.byteLength(bytes)}\r\n\r\n${bytes}`);
      const error = await server.reply((r) => r.error?.code === code && (r.id ?? null) === expectedId, what);
      assert.equal(error.id ?? null, expectedId);
      id++;
      server.send(hover(id));
      const answered = await server.reply((r) => r.id === id, `hover after ${what}`);
      assert.equal(answered.error, undefined, JSON.stringify(answered));
    });
  }

  it('seven bad Content-Length headers in a row, then a good frame: answered', async () => {
    for (let i = 0; i < 7; i++) server.write(`Content-Length: -${i}\r\n\r\n`);
    server.send(hover(500));
    assert.equal((await server.reply((r) => r.id === 500, 'hover after seven bad headers')).error, undefined);
  });

  it('an unknown method: MethodNotFound (-32601)', async () => {
    server.send({ jsonrpc: '2.0', id: 600, method: 'postfixSasl/noSuchThing', params: {} });
    assert.equal((await server.reply((r) => r.id === 600, 'unknown method')).error?.code, -32601);
  });

  it('after shutdown: a request gets InvalidRequest (-32600); exit ends the process with 0', async () => {
    server.send({ jsonrpc: '2.0', id: 700, method: 'shutdown' });
    assert.equal((await server.reply((r) => r.id === 700, 'shutdown')).error, undefined);
    server.send(hover(701));
    assert.equal((await server.reply((r) => r.id === 701, 'hover after shutdown')).error?.code, -32600);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await exited, 0);
  });
});
