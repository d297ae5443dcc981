// The hover of a log line: what its message means, in the words `postfix-sasl explain` uses, and the
// lines of the instance to change.
import type { Hover } from 'vscode-languageserver-types';
import { hoverAt } from '../featureHelpers';
import type { ConfigLocation } from '../log/locate';
import type { LineIndex, Position } from '../text';
import { describeLocation, type LocationCache } from './locations';
import { lineLink, logText } from './markdown';
import { recogniseLine } from './recognise';

export const NO_INSTANCE_NOTE = 'No Postfix configuration is known for this log, so no line to change is shown: open the folder of its main.cf in the workspace, or set `postfixSasl.logInstance` to it.';

/** A setting name from our table, or from the log (only when it is a plain parameter name). */
const settingName = (name: string) => (/^[A-Za-z0-9_.-]+$/.test(name) ? `\`${name}\`` : logText(name, 100));

/** Markdown lines that say where to change it, or why nothing is said. */
export function whereLines(locations: readonly ConfigLocation[], haveInstance: boolean): string[] {
  if (!haveInstance) return [`_${NO_INSTANCE_NOTE}_`];
  if (!locations.length) return ['_The instance has no line that decides this for the service that logged it._'];
  return ['Where to change it:', '', ...locations.map((l) => `- ${lineLink(l.file, l.line)}: ${l.unset ? `${settingName(l.setting)} is not set (the default applies): set it here` : settingName(describeLocation(l))}`)];
}

export function logHover(index: LineIndex, position: Position, locations: LocationCache): Hover | null {
  if (position.line < 0 || position.line >= index.lineCount) return null;
  const r = recogniseLine(index.lineText(position.line), position.line);
  if (!r) return null;
  const { message } = r;
  const parts = [`**${message.severity}** \`${message.code}\`${r.times > 1 ? `, ${r.times} times` : ''}, logged by ${logText(r.record.service, 100)}`, '', message.explanation, '', ...whereLines(locations.of(r), locations.instance !== undefined)];
  const start = index.lineStarts[position.line];
  return hoverAt(index, { start, end: index.lineEnd(position.line) }, parts.join('\n'));
}
