// The stdio frame reader alone: frames split at every byte, bad frames answered, reading resumed at the
// next header.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FrameParser, type Frame } from '../../server/src/protocol/frames';
import { Lifecycle } from '../../server/src/protocol/lifecycle';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const REQUEST = '{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"text":"é"}}';
const kinds = (frames: Frame[]) => frames.map((f) => (f.kind === 'message' ? `message ${String(f.message.id)}` : `error ${f.code} ${String(f.id)}`));

describe('frames', () => {
  test('a stream cut at every byte gives the same messages', () => {
    const stream = Buffer.from(frame(REQUEST) + frame('{"jsonrpc":"2.0","method":"initialized","params":{}}') + frame(REQUEST.replace('"id":1', '"id":2')));
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new FrameParser();
      const out = [...parser.push(stream.subarray(0, cut)), ...parser.push(stream.subarray(cut))];
      assert.deepEqual(kinds(out), ['message 1', 'message undefined', 'message 2'], `cut at ${cut}`);
    }
  });

  const cases: Array<[string, string, string[]]> = [
    ['not JSON', frame('{"a":'), ['error -32700 null']],
    ['no Content-Length', 'X-Other: 1\r\n\r\n{}', ['error -32700 null']],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', ['error -32700 null']],
    ['a length over the limit', 'Content-Length: 9999999999\r\n\r\n{}', ['error -32700 null']],
    ['a length running into the next frame', `Content-Length: 900\r\n\r\n{"x":1}${frame(REQUEST)}`, ['error -32700 null', 'message 1']],
    ['a header of 10 KB garbage', `${'x'.repeat(10_000)}${frame(REQUEST)}`, ['error -32700 null', 'message 1']],
    ['an id that is an object', frame('{"jsonrpc":"2.0","id":{},"method":"m"}'), ['error -32600 null']],
    ['params that are a string', frame('{"jsonrpc":"2.0","id":4,"method":"m","params":"x"}'), ['error -32600 4']],
    ['a response', frame('{"jsonrpc":"2.0","id":9,"result":null}'), ['message 9']],
  ];
  for (const [what, bytes, expected] of cases) {
    test(`${what}, then a good frame`, () => {
      const parser = new FrameParser();
      const out = parser.push(Buffer.from(bytes + frame(REQUEST.replace('"id":1', '"id":3'))));
      assert.deepEqual(kinds(out), [...expected, 'message 3']);
    });
  }

  test('a body that grows in 64 KiB chunks is searched once per chunk (linear)', () => {
    const body = `{"jsonrpc":"2.0","method":"m","params":{"text":"${'a'.repeat(4 * 1024 * 1024)}"}}`;
    const bytes = Buffer.from(frame(body));
    const parser = new FrameParser();
    const out: Frame[] = [];
    const start = performance.now();
    for (let i = 0; i < bytes.length; i += 65536) out.push(...parser.push(bytes.subarray(i, i + 65536)));
    assert.deepEqual(kinds(out), ['message undefined']);
    // A generous bound that a quadratic search (64 chunks × 4 MB) would exceed many times over.
    assert.ok(performance.now() - start < 2000);
  });
});

describe('lifecycle', () => {
  const steps: Array<[Record<string, unknown>, string]> = [
    [{ jsonrpc: '2.0', id: 1, method: 'textDocument/hover' }, 'answer -32002'],
    [{ jsonrpc: '2.0', method: 'textDocument/didOpen' }, 'drop'],
    [{ jsonrpc: '2.0', id: 2, method: 'initialize' }, 'pass'],
    [{ jsonrpc: '2.0', id: 3, method: 'textDocument/hover' }, 'pass'],
    [{ jsonrpc: '2.0', id: 4, result: null }, 'pass'],
    [{ jsonrpc: '2.0', id: 5, method: 'shutdown' }, 'pass'],
    [{ jsonrpc: '2.0', id: 6, method: 'textDocument/hover' }, 'answer -32600'],
    [{ jsonrpc: '2.0', method: 'textDocument/didChange' }, 'drop'],
    [{ jsonrpc: '2.0', method: 'exit' }, 'pass'],
  ];
  test('initialize, shutdown and exit, in order', () => {
    const lifecycle = new Lifecycle();
    const seen = steps.map(([m]) => {
      const v = lifecycle.judge(m);
      return v.pass ? 'pass' : v.answer ? `answer ${v.answer.code}` : 'drop';
    });
    assert.deepEqual(seen, steps.map(([, expected]) => expected));
  });
});
