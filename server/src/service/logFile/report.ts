// The report of "Explain the selected log lines": explain's groups as markdown, for text pasted
// anywhere. Every piece of log text is escaped (logText); the rest is ours.
import type { Instance } from '../instance/instance';
import { explainGroups, skippedNotes, type JsonGroup } from '../log/explainGroups';
import { readLogText } from '../log/readLog';
import { whereLines } from './hover';
import { logText } from './markdown';

const MAX_LISTED = 10;

function listed(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => logText(v, 100));
  return shown.join(', ') + (values.length > MAX_LISTED ? `, and ${values.length - MAX_LISTED} more` : '');
}

function groupSection(g: JsonGroup, haveInstance: boolean): string[] {
  const when = g.first === g.last ? logText(g.first) : `${logText(g.first)} to ${logText(g.last)}`;
  return [
    `## ${g.severity} \`${g.code}\`: ${g.count} time${g.count === 1 ? '' : 's'}`,
    '',
    `- When: ${when}`,
    `- Logged by: ${listed(g.services)}`,
    ...(g.clients.length ? [`- Clients: ${listed(g.clients)}`] : []),
    ...(g.users.length ? [`- Users: ${listed(g.users)}`] : []),
    `- Example: ${logText(g.example)}`,
    '',
    g.explanation,
    '',
    ...whereLines(g.locations, haveInstance),
    '',
  ];
}

export async function explainLogMarkdown(text: string, instance: Instance | undefined): Promise<string> {
  const reading = await readLogText(text);
  const groups = explainGroups(reading, instance);
  const { summary } = reading;
  const out = [`# Postfix SASL: ${summary.lines} log line${summary.lines === 1 ? '' : 's'}, ${summary.recognised} explained in ${groups.length} group${groups.length === 1 ? '' : 's'}`, ''];
  if (!groups.length) out.push('None of these lines is a SASL, TLS or relay message that postfix-sasl explains.', '');
  for (const g of groups) out.push(...groupSection(g, instance !== undefined));
  const logins = summary.failedLogins;
  if (logins.total) {
    out.push(`## Failed logins: ${logins.total}`, '', 'By client and user, most first:', '');
    for (const [pair, n] of [...logins.byPair].sort((a, b) => b[1] - a[1]).slice(0, MAX_LISTED)) {
      const [client, user] = pair.split('\u0000');
      out.push(`- ${n}: ${client ? logText(client, 100) : '(no client logged)'}, ${user ? logText(user, 100) : '(no user logged)'}`);
    }
    out.push('', 'smtpd_client_auth_rate_limit (counted by anvil) and postscreen limit how fast one client may guess.', '');
  }
  const unknown = [...summary.unknownByService].sort((a, b) => b[1] - a[1]);
  if (unknown.length) out.push(`Not explained: ${unknown.slice(0, 8).map(([s, c]) => `${logText(s, 100)} ${c}`).join(', ')}${unknown.length > 8 ? ', …' : ''}.`, '');
  for (const note of skippedNotes(reading, [])) out.push(`Note: ${logText(note)}.`, '');
  return out.join('\n');
}
