// One reading of "host", "host:port", "[host]" and "[host]:port", for what a user types (the auth test's
// target) and for next hops written in main.cf (relayhost). Pure: no network, no name lookup.

export interface HostPort {
  host: string;
  port?: number;
}

export type HostPortRead = { ok: true; value: HostPort } | { ok: false; reason: string };

/** The service names Postfix next hops use for SMTP ports (as in /etc/services). */
const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([['smtp', 25], ['submission', 587], ['submissions', 465], ['smtps', 465]]);

const NAME = /^[A-Za-z0-9_.-]+$/;
/** What may stand between brackets besides a name: an IPv6 (or IPv4) address. */
const ADDRESS = /^[0-9A-Fa-f:.]+$/;

const refuse = (reason: string): HostPortRead => ({ ok: false, reason });

export function readHostPort(input: string): HostPortRead {
  const s = input.trim();
  if (!s) return refuse('no host given');
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return refuse(`unclosed "[" in "${shown(s)}"`);
    host = s.slice(1, end);
    const rest = s.slice(end + 1);
    if (rest && !rest.startsWith(':')) return refuse(`unexpected text after "]" in "${shown(s)}"`);
    if (rest) portText = rest.slice(1);
    if (host && !NAME.test(host) && !ADDRESS.test(host)) return refuse(`"${shown(host)}" is not a host name or address`);
  } else {
    const colon = s.indexOf(':');
    // An IPv6 address ends in digits that would read as a port: "::1:25" is ambiguous without brackets.
    if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) return refuse(`"${shown(s)}" holds more than one ":": write an IPv6 address in brackets, as [::1] or [::1]:25`);
    host = colon < 0 ? s : s.slice(0, colon);
    portText = colon < 0 ? undefined : s.slice(colon + 1);
    if (host && !NAME.test(host)) return refuse(`"${shown(host)}" is not a host name or address`);
  }
  if (!host) return refuse(`no host in "${shown(s)}"`);
  if (portText === undefined) return { ok: true, value: { host } };
  const port = portOf(portText);
  return typeof port === 'number' ? { ok: true, value: { host, port } } : refuse(port);
}

/** A port number 1-65535 or one of the SMTP service names; else why not. */
function portOf(text: string): number | string {
  const named = SERVICE_PORTS.get(text.toLowerCase());
  if (named) return named;
  if (!text) return 'no port after ":"';
  if (!/^\d{1,5}$/.test(text)) return `"${shown(text)}" is not a port number`;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : `port ${port} is out of range 1-65535`;
}

/** Input is echoed in errors: keep it short. */
function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
