import { SmtpTestError } from './errors';

const FORBIDDEN = /[\r\n\0]/;

/** Refuses CR, LF and NUL before anything is sent: they would let a value inject SMTP commands. */
export function checkNoControl(what: 'host' | 'user' | 'password' | 'EHLO name', value: string): void {
  if (FORBIDDEN.test(value)) {
    // Never echo the value: it may be the password.
    throw new SmtpTestError('input', `the ${what} contains CR, LF or NUL; refused before connecting`);
  }
}

export interface HostPort {
  host: string;
  port?: number;
}

/** Parses `host`, `host:port`, `[v6]`, `[v6]:port` and a bare IPv6 address (`::1`, taken as having no port). */
export function parseHostPort(input: string): HostPort {
  checkNoControl('host', input);
  const s = input.trim();
  if (!s) throw new SmtpTestError('input', 'no host given');
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) throw new SmtpTestError('input', `unclosed '[' in host "${s}"`);
    host = s.slice(1, end);
    const rest = s.slice(end + 1);
    if (rest) {
      if (!rest.startsWith(':')) throw new SmtpTestError('input', `unexpected text after ']' in "${s}"`);
      portText = rest.slice(1);
    }
  } else if ((s.match(/:/g) ?? []).length > 1) {
    host = s; // a bare IPv6 address
  } else {
    const i = s.indexOf(':');
    host = i < 0 ? s : s.slice(0, i);
    portText = i < 0 ? undefined : s.slice(i + 1);
  }
  if (!host) throw new SmtpTestError('input', `no host in "${s}"`);
  if (/[\s/@]/.test(host)) throw new SmtpTestError('input', `"${host}" is not a host name or address`);
  if (portText === undefined) return { host };
  return { host, port: parsePort(portText) };
}

export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new SmtpTestError('input', `"${text}" is not a port number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new SmtpTestError('input', `port ${port} is out of range 1-65535`);
  return port;
}
