// Splits a stream of byte chunks into lines, one at a time, with bounded memory: a line longer than
// the limit is skipped (its bytes are dropped as they arrive, never joined), and so is a line that is
// not text. What was skipped is counted, so the report can say so.
import { isAscii } from 'node:buffer';

export interface SkipCounts {
  /** Lines longer than the limit. */
  long: number;
  /** Lines with NUL bytes or mostly undecodable bytes. */
  binary: number;
  /** The input ended without a line break: the last line may be cut short (it is still read). */
  unterminated: boolean;
}

export interface LineLimits {
  /** Bytes; longer lines are skipped. Postfix's own lines are at most a few KB (line_length_limit is 2048). */
  maxLineBytes: number;
}

export const defaultLineLimits: LineLimits = { maxLineBytes: 64 * 1024 };

const NEWLINE = 0x0a;

/** NUL bytes, or more than a tenth of the characters undecodable: not a log line. */
function isBinary(bytes: Uint8Array, text: string): boolean {
  if (bytes.includes(0)) return true;
  if (!text.includes('\ufffd')) return false;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad * 10 > text.length;
}

function decode(bytes: Buffer): string {
  // Logs are nearly all ASCII; latin1 of ASCII is the same string and much faster than UTF-8 decoding.
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Yields the lines of each chunk as one batch (a promise per line would cost more than reading it),
 * each without its line break and without a trailing \r. `skipped` is updated while reading; read
 * it after the loop ends.
 */
export async function* readLineBatches(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, skipped: SkipCounts, limits: LineLimits = defaultLineLimits): AsyncGenerator<string[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let discarding = false;
  const finish = (last: Buffer): string | undefined => {
    const whole = pending.length ? Buffer.concat([...pending, last]) : last;
    pending = [];
    pendingBytes = 0;
    const end = whole.length > 0 && whole[whole.length - 1] === 0x0d ? whole.length - 1 : whole.length;
    const bytes = whole.subarray(0, end);
    const text = decode(bytes);
    if (isBinary(bytes, text)) {
      skipped.binary++;
      return undefined;
    }
    return text;
  };
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    const batch: string[] = [];
    for (let nl = buffer.indexOf(NEWLINE, start); nl !== -1; nl = buffer.indexOf(NEWLINE, start)) {
      const piece = buffer.subarray(start, nl);
      start = nl + 1;
      if (discarding || pendingBytes + piece.length > limits.maxLineBytes) {
        if (!discarding) skipped.long++;
        discarding = false;
        pending = [];
        pendingBytes = 0;
        continue;
      }
      const line = finish(piece);
      if (line !== undefined) batch.push(line);
    }
    if (batch.length) yield batch;
    const rest = buffer.subarray(start);
    if (discarding || rest.length === 0) continue;
    if (pendingBytes + rest.length > limits.maxLineBytes) {
      skipped.long++;
      discarding = true;
      pending = [];
      pendingBytes = 0;
      continue;
    }
    // Copied: the caller may reuse the chunk's memory.
    pending.push(Buffer.from(rest));
    pendingBytes += rest.length;
  }
  if (pendingBytes > 0) {
    skipped.unterminated = true;
    const line = finish(Buffer.alloc(0));
    if (line !== undefined) yield [line];
  } else if (discarding) skipped.unterminated = true;
}

/** One line at a time, for callers that do not need the speed. */
export async function* readLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, skipped: SkipCounts, limits: LineLimits = defaultLineLimits): AsyncGenerator<string> {
  for await (const batch of readLineBatches(chunks, skipped, limits)) yield* batch;
}
