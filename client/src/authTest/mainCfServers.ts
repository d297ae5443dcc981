// Pure (no vscode import) so the unit tests can call it.

export interface ServerSuggestion {
  host: string;
  port?: number;
  /** The main.cf parameter it came from. */
  from: 'relayhost' | 'myhostname';
}

const WANTED = ['relayhost', 'myhostname', 'mydomain'] as const;

/**
 * Reads relayhost and myhostname from main.cf text with a simple regex: good enough to offer them as
 * hosts to test. `[host]:port` loses its brackets (the port is kept as a hint); `$mydomain` in
 * myhostname is expanded when main.cf sets it; anything else with a `$`, or not a host name, is skipped.
 */
export function serversFromMainCf(text: string): ServerSuggestion[] {
  const values = new Map<string, string>();
  // A logical line: name at column 0, value up to the next line that does not start with blank space.
  const re = /^([A-Za-z0-9_]+)[ \t]*=[ \t]*((?:[^\r\n]*)(?:\r?\n[ \t]+[^\r\n]*)*)/gm;
  for (const m of text.matchAll(re)) {
    if ((WANTED as readonly string[]).includes(m[1])) values.set(m[1], m[2].replace(/\s+/g, ' ').trim());
  }
  const expand = (v: string) => v.replace(/\$(?:\{(\w+)\}|\((\w+)\)|(\w+))/g, (all, a, b, c) => {
    const name = a ?? b ?? c;
    return name === 'mydomain' && values.has('mydomain') ? values.get('mydomain')! : all;
  });
  const out: ServerSuggestion[] = [];
  const add = (s: ServerSuggestion) => {
    if (!out.some((o) => o.host === s.host && o.port === s.port)) out.push(s);
  };
  for (const item of (values.get('relayhost') ?? '').split(/[\s,]+/)) {
    const parsed = parseNextHop(expand(item));
    if (parsed) add({ ...parsed, from: 'relayhost' });
  }
  const hostname = parseNextHop(expand(values.get('myhostname') ?? ''));
  if (hostname) add({ host: hostname.host, from: 'myhostname' });
  return out;
}

/** `[host]:port`, `host:port`, `[host]`, `host` → host and port; undefined for anything else. */
export function parseNextHop(text: string): { host: string; port?: number } | undefined {
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text) ?? /^([^\s:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const host = m[1];
  if (!/^[A-Za-z0-9.-]+$/.test(host) && !/^[0-9A-Fa-f:.]+$/.test(host)) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return port === undefined ? { host } : { host, port };
}
