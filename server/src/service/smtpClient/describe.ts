// A next hop in one line, as hover shows it: "[smtp.example.com]:587 → transport "relay", TLS
// encrypt, port 587, PLAIN/LOGIN allowed after TLS, password from line 3 of /etc/postfix/sasl_passwd".
import { portOf } from './destination';
import type { NextHop } from './model';
import { ENFORCED_LEVELS } from './tls';
import { get } from './transports';

function tlsText(hop: NextHop): string {
  if (hop.tls.policyMaps) return 'TLS as smtp_tls_policy_maps says';
  const level = `TLS ${hop.tls.level}${hop.tls.fromLevelDefault ? ' (compatibility_level default)' : ''}`;
  return hop.tls.wrapperMode ? `${level}, wrapper mode` : level;
}

function mechanismText(hop: NextHop): string {
  const filter = get(hop.transport, 'smtp_sasl_mechanism_filter').trim();
  const after = hop.afterTls.plaintext ? 'PLAIN/LOGIN allowed after TLS' : 'PLAIN/LOGIN refused even after TLS';
  const before = ENFORCED_LEVELS.has(hop.tls.level) || hop.tls.wrapperMode ? '' : hop.beforeTls.plaintext ? ', PLAIN/LOGIN allowed without TLS' : ', no PLAIN/LOGIN without TLS';
  return `${after}${before}${filter ? ` (filter: ${filter})` : ''}`;
}

function passwordText(hop: NextHop): string {
  const { answer, keys, known } = hop.passwd;
  if (answer) return `password from line ${answer.entry.firstLine + 1} of ${answer.file.uri.replace(/^file:\/\//, '')} (key ${answer.entry.key})`;
  const tried = keys.filter((k) => k.as !== 'sender').map((k) => k.key ?? 'the MX host names').join(', then ');
  return known ? `no password line (looked up ${tried})` : `password table not read (looks up ${tried})`;
}

export function describeHop(hop: NextHop): string {
  const head = `${hop.destination.written} → ${hop.transport.label}, ${tlsText(hop)}, port ${portOf(hop.destination)}`;
  return hop.auth ? `${head}, ${mechanismText(hop)}, ${passwordText(hop)}` : `${head}, no AUTH (smtp_sasl_auth_enable is not yes)`;
}
