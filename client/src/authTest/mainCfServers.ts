// The hosts main.cf names, offered as targets of the auth test. Pure (no vscode import): main.cf is
// read by the service's own parser and expander, next hops by the one host:port reader.
import { effectiveValue, expandValue } from '../../../server/src/service/mainCf/expand';
import { parseMainCf, type MainCfDocument } from '../../../server/src/service/parser/mainCf';
import { readHostPort, type HostPort } from '../../../server/src/service/hostPort';

export interface ServerSuggestion extends HostPort {
  /** The main.cf parameter it came from. */
  from: 'relayhost' | 'myhostname';
}

/**
 * relayhost's next hops (their port kept as a hint), then myhostname. Only values main.cf writes: a
 * default would name the machine the catalogue was built on. A value is skipped when it holds template
 * syntax or a $name that expands to nothing.
 */
export function serversFromMainCf(text: string): ServerSuggestion[] {
  const doc = parseMainCf(text);
  const out: ServerSuggestion[] = [];
  const add = (s: ServerSuggestion) => {
    if (!out.some((o) => o.host === s.host && o.port === s.port)) out.push(s);
  };
  for (const hop of (writtenValue(doc, 'relayhost') ?? '').split(/[\s,]+/)) {
    const read = hop ? readHostPort(hop) : undefined;
    if (read?.ok) add({ ...read.value, from: 'relayhost' });
  }
  const hostname = readHostPort(writtenValue(doc, 'myhostname') ?? '');
  if (hostname.ok && hostname.value.port === undefined) add({ host: hostname.value.host, from: 'myhostname' });
  return out;
}

function writtenValue(doc: MainCfDocument, name: string): string | undefined {
  const list = doc.byName.get(name);
  const last = list?.[list.length - 1];
  if (!last || last.template || last.value.hasTemplate) return undefined;
  const unset = last.value.references.some((r) => (r.kind === 'plain' || r.kind === 'braced') && !effectiveValue(doc, r.name));
  return unset ? undefined : expandValue(doc, last.value.text);
}
