// A group of log lines as explain reports it: counts, times, who, our explanation, and the lines of the
// instance to change. Pure: the CLI prints it, the editor turns it into markdown and diagnostics.
import type { Instance } from '../instance/instance';
import { conditionsThatHold, locateTargets, type ConfigLocation } from './locate';
import type { LogMessage } from './messages';
import type { LogReading } from './readLog';
import type { LogGroup } from './summary';

export interface JsonGroup {
  code: string;
  severity: string;
  count: number;
  first: string;
  last: string;
  services: string[];
  clients: string[];
  users: string[];
  example: string;
  explanation: string;
  locations: ConfigLocation[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

const list = (set: { values: Set<string>; more: number }) => [...set.values, ...(set.more ? [`(${set.more} more)`] : [])];

/** The daemon of a logged service; Dovecot names its process at the start of the text. */
export function daemonOf(service: string, text: string): string {
  if (service === 'dovecot') return /^([a-z][a-z0-9-]*)/.exec(text)?.[1] ?? 'dovecot';
  return service.slice(service.lastIndexOf('/') + 1);
}

/**
 * Where to change what the message is about, for the services that logged it. Lines that set something
 * are what to change; where to add an unset setting is given only when nothing is set.
 */
export function locateMessage(instance: Instance | undefined, message: LogMessage, logged: ReadonlyArray<{ service: string; text: string }>, key: string): ConfigLocation[] {
  const locations: ConfigLocation[] = [];
  const seen = new Set<string>();
  const param = message.key === 'param' ? key : undefined;
  for (const { service, text } of logged) {
    const daemon = daemonOf(service, text);
    // A conditional message points at the settings that make it apply (none: it does not apply here).
    const targets = message.onlyWith && instance ? conditionsThatHold(instance, service, daemon, message.onlyWith) : message.targets;
    for (const l of locateTargets(instance, service, daemon, targets, param)) {
      const id = `${l.file}:${l.line}:${l.setting}`;
      if (!seen.has(id)) locations.push(l);
      seen.add(id);
    }
  }
  const set = locations.filter((l) => !l.unset);
  return set.length ? set : locations;
}

function toJson(group: LogGroup, instance: Instance | undefined): JsonGroup {
  const logged = [...group.services.values].map((service) => ({ service, text: group.example }));
  const { message } = group;
  return { code: message.code, severity: message.severity, count: group.count, first: group.first, last: group.last, services: list(group.services), clients: list(group.clients), users: list(group.users), example: group.example, explanation: message.explanation, locations: locateMessage(instance, message, logged, group.key) };
}

/** The groups, most severe first, then the most frequent. */
export function explainGroups(reading: LogReading, instance: Instance | undefined): JsonGroup[] {
  const applies = (g: JsonGroup, message: LogMessage) => !message.onlyWith || !instance || g.locations.length > 0;
  return reading.summary.groups.flatMap((g) => {
    const json = toJson(g, instance);
    return applies(json, g.message) ? [json] : [];
  }).sort((a, b) => SEVERITY_ORDER[a.severity as keyof typeof SEVERITY_ORDER] - SEVERITY_ORDER[b.severity as keyof typeof SEVERITY_ORDER] || b.count - a.count);
}

/** What was not read or not known, in one line each. */
export function skippedNotes(reading: LogReading, notes: readonly string[]): string[] {
  const { summary, skipped } = reading;
  const out = [...notes];
  if (skipped.long) out.push(`${skipped.long} line(s) over 64 KiB skipped`);
  if (skipped.binary) out.push(`${skipped.binary} line(s) of binary data skipped`);
  if (skipped.unterminated) out.push('the last line has no line break (the log may have been cut while written): it was read as it is');
  if (summary.unreadable) out.push(`${summary.unreadable} line(s) not in a log format we read`);
  if (summary.groupOverflow) out.push(`${summary.groupOverflow} recognised line(s) not grouped: too many distinct groups`);
  return out;
}
