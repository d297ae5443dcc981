// Splits the bytes of an LSP stream (`Content-Length: N\r\n\r\n` + N bytes of JSON) into messages, and
// never goes deaf: a header without a usable Content-Length, a body that is not JSON, or a message that
// is not JSON-RPC becomes an error to answer (JSON-RPC's -32700 Parse error, -32600 Invalid Request),
// and reading goes on at the next header. A body may swallow the frames after it when its length was
// too long; a header inside it (raw CR LF cannot be inside valid JSON) is where reading resumes.

export type Frame =
  | { kind: 'message'; message: Record<string, unknown> }
  | { kind: 'error'; code: -32700 | -32600; message: string; id: number | string | null };

/** Longer headers are garbage: a real one is two short lines. */
const MAX_HEADER_BYTES = 8 * 1024;
/** A body over this is refused (an editor buffer of that size is past every limit of the server). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_START = /Content-Length:/i;
/** A complete header: where a body that is too long swallowed the next frame. */
const EMBEDDED_HEADER = /Content-Length: *\d+\r\n(?:[^\r\n]*\r\n)*?\r\n/i;

const isId = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';

/** JSON-RPC 2.0: a request or notification has a string method; a response an id and a result or an error. */
export function checkMessage(value: unknown): Frame {
  if (Array.isArray(value)) return { kind: 'error', code: -32600, message: 'Invalid Request: batches are not used by LSP; send one message per frame.', id: null };
  if (typeof value !== 'object' || value === null) return { kind: 'error', code: -32600, message: 'Invalid Request: a message is a JSON object.', id: null };
  const m = value as Record<string, unknown>;
  const id = isId(m.id) ? m.id : null;
  if (m.jsonrpc !== '2.0') return { kind: 'error', code: -32600, message: 'Invalid Request: "jsonrpc" must be "2.0".', id };
  if ('method' in m) {
    if (typeof m.method !== 'string') return { kind: 'error', code: -32600, message: 'Invalid Request: "method" must be a string.', id };
    if ('id' in m && m.id !== null && !isId(m.id)) return { kind: 'error', code: -32600, message: 'Invalid Request: "id" must be a number or a string.', id: null };
    if ('params' in m && (typeof m.params !== 'object' || m.params === null)) return { kind: 'error', code: -32600, message: 'Invalid Request: "params" must be an object or an array.', id };
    return { kind: 'message', message: m };
  }
  if ('id' in m && ('result' in m || 'error' in m)) return { kind: 'message', message: m };
  return { kind: 'error', code: -32600, message: 'Invalid Request: neither a request, a notification nor a response.', id };
}

export class FrameParser {
  private chunks: Buffer[] = [];
  private length = 0;
  /** The body being waited for: where it starts, its size, and how much of it was searched for a header. */
  private body?: { start: number; size: number; scanned: number };

  /** The frames completed by `chunk`, in order. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const out: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      if (frame !== 'skipped') out.push(frame);
    }
    return out;
  }

  /** The buffered bytes as one buffer (joined only when a frame can be cut out of them). */
  private bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private keepFrom(offset: number): void {
    const rest = this.bytes().subarray(offset);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    this.body = undefined;
  }

  /** One frame, 'skipped' when bytes were dropped without one, undefined when more bytes are needed. */
  private next(): Frame | 'skipped' | undefined {
    if (this.body) return this.nextBody(this.body);
    if (!this.length) return undefined;
    const buffer = this.bytes();
    const end = buffer.indexOf(HEADER_END);
    if (end < 0) {
      if (buffer.length <= MAX_HEADER_BYTES) return undefined;
      return this.resync(1, 'Parse error: a header longer than 8 KiB without its blank line.');
    }
    const header = buffer.subarray(0, end).toString('latin1');
    const length = /(?:^|\r\n)Content-Length: *(\d{1,10}) *(?:\r\n|$)/i.exec(header);
    if (!length || Number(length[1]) > MAX_BODY_BYTES) {
      const why = length ? `Content-Length ${length[1]} is over the ${MAX_BODY_BYTES} bytes this server reads.` : 'the header has no usable Content-Length.';
      return this.resync(1, `Parse error: ${why}`);
    }
    this.body = { start: end + HEADER_END.length, size: Number(length[1]), scanned: 0 };
    return this.nextBody(this.body);
  }

  private nextBody(body: { start: number; size: number; scanned: number }): Frame | undefined {
    // Only the bytes not searched yet (and a header's length before them) are searched, from the chunks
    // as they came: linear in the body, and nothing is joined until the body is whole.
    const have = Math.min(this.length - body.start, body.size);
    if (have > body.scanned) {
      const from = Math.max(0, body.scanned - 64);
      const fresh = this.slice(body.start + from, body.start + have);
      // A header ends in a blank line, which JSON never holds raw: only then is the text searched.
      const swallowed = fresh.includes(HEADER_END) ? EMBEDDED_HEADER.exec(fresh.toString('latin1')) : null;
      body.scanned = have;
      if (swallowed) {
        // The declared length runs into the next frame: this body is cut short, the next frame is whole.
        this.keepFrom(body.start + from + swallowed.index);
        return { kind: 'error', code: -32700, message: 'Parse error: the body ends where another header starts (its Content-Length is too long).', id: null };
      }
    }
    if (have < body.size) return undefined;
    const json = this.bytes().subarray(body.start, body.start + body.size).toString('utf8');
    this.keepFrom(body.start + body.size);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return { kind: 'error', code: -32700, message: 'Parse error: the body is not JSON.', id: null };
    }
    return checkMessage(value);
  }

  /** Bytes `from`..`to` of the buffered chunks, copying only the chunks they span. */
  private slice(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    let offset = 0;
    for (const chunk of this.chunks) {
      const end = offset + chunk.length;
      if (end > from && offset < to) parts.push(chunk.subarray(Math.max(0, from - offset), Math.min(chunk.length, to - offset)));
      offset = end;
      if (offset >= to) break;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Drops bytes up to the next header after `from` (or all but a possible partial one), with an error to answer. */
  private resync(from: number, message: string): Frame {
    const buffer = this.bytes();
    const at = buffer.subarray(from).toString('latin1').search(HEADER_START);
    this.keepFrom(at >= 0 ? from + at : Math.max(from, buffer.length - 16));
    return { kind: 'error', code: -32700, message, id: null };
  }
}
