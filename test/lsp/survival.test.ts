// The real server keeps answering whatever a client sends: broken JSON, wrong parameters, unknown
// methods, documents it never saw, positions outside the document, stale versions. Each gets an
// error response or nothing, and the next request works. A client that vanishes ends the server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { serverPath, startServer, type TestClient } from '../helpers/lspClient';

const uri = 'file:///nonexistent-postfix-sasl-survival/main.cf';
const text = 'smtpd_sasl_auth_enable = yes\nmyorigin = $mydomain\n';
const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/prepareRename', 'textDocument/rename', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeAction'];

/** Parameters for `method` at `position` in `target`. */
function paramsFor(method: string, target: string, position: unknown): unknown {
  const textDocument = { uri: target };
  switch (method) {
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
      return { textDocument };
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: true } };
    case 'textDocument/rename':
      return { textDocument, position, newName: 'my_name' };
    case 'textDocument/codeAction':
      return { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } };
    default:
      return { textDocument, position };
  }
}

/** Sends raw bytes in one well-framed message, bypassing the JSON-RPC writer. */
function sendRaw(client: TestClient, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  client.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
}

/** The request that must keep working: hover over a parameter name of the open document. */
async function assertAlive(client: TestClient): Promise<void> {
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } })) as { contents: { value: string } } | null;
  assert.ok(hover, 'the server no longer answers a hover');
  assert.match(hover.contents.value, /smtpd_sasl_auth_enable/);
}

/** The request's outcome: its result, or the JSON-RPC error code. */
async function outcome(client: TestClient, method: string, params: unknown): Promise<{ result?: unknown; error?: number }> {
  try {
    return { result: await client.connection.sendRequest(method, params) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    assert.equal(typeof code, 'number', `expected a JSON-RPC error, got ${String(error)}`);
    return { error: code as number };
  }
}

function isEmpty(result: unknown): boolean {
  return result === null || (Array.isArray(result) && result.length === 0);
}

describe('language server survival over stdio', () => {
  let client: TestClient;
  let stderr = '';
  before(async () => {
    client = await startServer();
    client.process.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'postfix-main', version: 1, text } });
    await published;
  });
  after(async () => {
    await client.stop();
  });

  it('ignores well-framed messages with invalid JSON or no JSON-RPC message in them', async () => {
    for (const body of ['{oops', '', 'null', '42', '[]', '"text"', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":9001,"method":42}', '{"jsonrpc":"1.0","id":9002}', '{"jsonrpc":"2.0","id":9003,"result":{}}', '\u0000\u0001\u0002', '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":']) {
      sendRaw(client, body);
      await assertAlive(client);
    }
    sendRaw(client, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    await assertAlive(client);
  });

  it('answers requests with invalid parameters with an error or nothing', async () => {
    const bad = [null, {}, 42, 'x', [], { textDocument: 42 }, { textDocument: { uri: 42 }, position: 'here' }, { textDocument: { uri }, position: null }, { textDocument: { uri }, position: { line: 'a', character: {} } }, { textDocument: { uri }, range: 7, context: null }];
    for (const method of methods) {
      for (const params of bad) {
        const { result } = await outcome(client, method, params);
        if (result !== undefined) assert.ok(isEmpty(result) || typeof result === 'object', `${method} ${JSON.stringify(params)} gave ${JSON.stringify(result)}`);
      }
      await assertAlive(client);
    }
  });

  it('survives notifications with invalid parameters', async () => {
    for (const method of ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave', 'workspace/didChangeConfiguration', '$/cancelRequest', '$/setTrace']) {
      for (const params of [null, {}, 42, { textDocument: null }, { textDocument: { uri: 7 }, contentChanges: 'x' }, { settings: 'x' }, { id: {} }]) {
        await client.connection.sendNotification(method, params);
      }
      await assertAlive(client);
    }
  });

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    assert.deepEqual(await outcome(client, 'postfixSasl/noSuchThing', { a: 1 }), { error: -32601 });
    assert.deepEqual(await outcome(client, 'textDocument/noSuchFeature', {}), { error: -32601 });
    await client.connection.sendNotification('postfixSasl/noSuchNotification', { a: 1 });
    await client.connection.sendNotification('$/noSuchNotification', {});
    await assertAlive(client);
  });

  it('answers every request for a document it never saw with nothing', async () => {
    for (const target of ['file:///never/opened/main.cf', 'untitled:Untitled-1', 'not a uri at all', '']) {
      for (const method of methods) {
        const { result, error } = await outcome(client, method, paramsFor(method, target, { line: 0, character: 0 }));
        assert.ok(error !== undefined || isEmpty(result), `${method} on ${target} gave ${JSON.stringify(result)}`);
      }
    }
    await assertAlive(client);
  });

  it('answers positions outside the document without leaving it', async () => {
    const lineCount = text.split('\n').length;
    const positions = [{ line: -1, character: 0 }, { line: 0, character: -5 }, { line: 1e9, character: 0 }, { line: 0, character: 1e9 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, { line: 1.5, character: 2.5 }, { line: lineCount, character: 3 }];
    for (const method of methods) {
      for (const position of positions) {
        const { result } = await outcome(client, method, paramsFor(method, uri, position));
        for (const range of rangesIn(result)) {
          for (const p of [range.start, range.end]) assert.ok(p.line >= 0 && p.line < lineCount && p.character >= 0, `${method} at ${JSON.stringify(position)}: ${JSON.stringify(range)} is outside the document`);
        }
      }
    }
    await assertAlive(client);
  });

  it('accepts a didChange with a stale version and then answers for the text it holds', async () => {
    // The default debounce, so requests come before the diagnostics and meet the parse cache.
    const slow = await startServer({ settings: { debounceMs: 150 } });
    try {
      const staleUri = 'file:///nonexistent-postfix-sasl-survival/stale/main.cf';
      await slow.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: staleUri, languageId: 'postfix-main', version: 5, text: 'myhostname = a.example\n' } });
      for (const [version, name] of [[3, 'relayhost'], [3, 'mydomain'], [5, 'smtpd_sasl_auth_enable'], [5, 'myorigin']] as const) {
        await slow.connection.sendNotification('textDocument/didChange', { textDocument: { uri: staleUri, version }, contentChanges: [{ text: `${name} = x.example\n` }] });
        const symbols = (await slow.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: staleUri } })) as Array<{ name: string }>;
        assert.deepEqual(symbols.map((s) => s.name), [name], `after a change to version ${version}`);
      }
    } finally {
      await slow.stop();
    }
    await assertAlive(client);
  });

  it('wrote no stack trace of a crash to stderr', () => {
    assert.doesNotMatch(stderr, /Uncaught|FATAL|RangeError|TypeError: Cannot read/);
  });
});

/** Every LSP range anywhere in a result. */
function rangesIn(result: unknown): Array<{ start: { line: number; character: number }; end: { line: number; character: number } }> {
  const out: Array<{ start: { line: number; character: number }; end: { line: number; character: number } }> = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    const start = obj.start as { line?: unknown } | undefined;
    if (start && typeof start.line === 'number' && obj.end) out.push(obj as never);
    for (const value of Object.values(obj)) walk(value);
  };
  walk(result);
  return out;
}

describe('language server and a client that disappears', () => {
  for (const [label, vanish] of [
    ['closes its end of stdin', (child: ReturnType<typeof spawn>) => child.stdin?.end()],
    ['destroys both pipes mid-message', (child: ReturnType<typeof spawn>) => {
      child.stdin?.write('Content-Length: 1000\r\n\r\n{"jsonrpc":"2.0",');
      child.stdin?.destroy();
      child.stdout?.destroy();
    }],
  ] as const) {
    it(`exits when the client ${label}`, async () => {
      const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const answered = new Promise((resolve) => child.stdout.once('data', resolve));
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await answered;
      vanish(child);
      const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref());
      const result = await Promise.race([exited, timeout]);
      if (result === 'hung') child.kill('SIGKILL');
      assert.notEqual(result, 'hung', 'the server kept running after its client went away');
    });
  }
});
