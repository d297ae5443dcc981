// A next-hop destination as Postfix's smtp client reads it: `[host]:port` connects to that host,
// `host` or `host:port` looks up its MX records first. The text as written is also a sasl_passwd key.
import { readHostPort } from '../hostPort';
import type { Span } from '../text';

export interface Destination {
  /** Exactly as written: the form Postfix looks up in sasl_passwd. */
  written: string;
  /** The host inside the brackets, or the domain whose MX hosts are tried. */
  host: string;
  /** Written as [host]: no MX lookup, so the server's name is this host. */
  bracketed: boolean;
  /** Undefined: the transport's default (25). */
  port?: number;
  /** Holds $name or template syntax: not judged. */
  opaque: boolean;
}

/** The port of a next hop, 25 unless written. */
export const portOf = (d: Destination) => d.port ?? 25;

/** Port 465 speaks TLS from the first byte (submissions, RFC 8314). */
export const implicitTlsPort = (d: Destination) => portOf(d) === 465;

export function readDestination(written: string): Destination {
  const text = written.trim();
  const bracketed = text.startsWith('[');
  if (/[$%{}]/.test(text)) return { written: text, host: text, bracketed, opaque: true };
  // lmtp next hops carry a type: inet:host:port (unix: sockets have no TLS nor port).
  const read = readHostPort(text.replace(/^inet:/, ''));
  if (!read.ok) return { written: text, host: text, bracketed, opaque: true };
  return { written: text, host: read.value.host.toLowerCase(), bracketed, port: read.value.port, opaque: false };
}

/** The text of a spanned word, for sources that keep spans. */
export interface Written {
  text: string;
  span: Span;
}
