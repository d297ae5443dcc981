// Groups recognised lines by message (and by the message's key, e.g. each socket path) with their
// counts, times, services, clients and users; counts failed logins by client and user; counts unknown
// lines by service. Every map and set is capped, so memory stays flat however long the log is.
import type { LogRecord } from './header';
import { LOG_MESSAGES, type LogMessage } from './messages';
import { neutralise, redactUser } from './redact';

const MAX_GROUPS = 500;
const MAX_VALUES = 200;
const MAX_LOGIN_PAIRS = 10_000;
const MAX_SERVICES = 1000;

/** A set that keeps the first `limit` values and counts the rest. */
export class CappedSet {
  readonly values = new Set<string>();
  more = 0;
  constructor(private readonly limit = MAX_VALUES) {}
  add(value: string): void {
    if (this.values.has(value)) return;
    if (this.values.size < this.limit) this.values.add(value);
    else this.more++;
  }
}

export interface LogGroup {
  message: LogMessage;
  key: string;
  count: number;
  first: string;
  last: string;
  services: CappedSet;
  clients: CappedSet;
  users: CappedSet;
  /** The first line's text, with user names redacted and control characters neutralised. */
  example: string;
}

export interface FailedLogins {
  /** `client\0user` → count. */
  byPair: Map<string, number>;
  /** Failed logins not counted in byPair because the map was full. */
  overflow: number;
  total: number;
}

export interface LogSummary {
  lines: number;
  recognised: number;
  groups: LogGroup[];
  failedLogins: FailedLogins;
  /** Lines with a header we read but a message we do not know, by service. */
  unknownByService: Map<string, number>;
  /** Lines whose header is not one of the formats we read. */
  unreadable: number;
  /** journalctl's own lines (-- Logs begin at ...). */
  meta: number;
  /** Lines whose group was not kept because MAX_GROUPS groups existed. */
  groupOverflow: number;
}

export function emptySummary(): LogSummary {
  return { lines: 0, recognised: 0, groups: [], failedLogins: { byPair: new Map(), overflow: 0, total: 0 }, unknownByService: new Map(), unreadable: 0, meta: 0, groupOverflow: 0 };
}

/** The first message whose daemon and pattern fit, with its match. */
const BY_DAEMON = new Map<string, LogMessage[]>();
for (const message of LOG_MESSAGES) for (const d of message.daemons) BY_DAEMON.set(d, [...(BY_DAEMON.get(d) ?? []), message]);

export function matchMessage(record: LogRecord): { message: LogMessage; match: RegExpExecArray } | undefined {
  for (const message of BY_DAEMON.get(record.daemon) ?? []) {
    if (!record.text.includes(message.contains)) continue;
    const match = message.pattern.exec(record.text);
    if (match) return { message, match };
  }
  return undefined;
}

/** The text with the captured user name replaced by its redacted form. */
function exampleOf(text: string, match: RegExpExecArray): string {
  const user = match.groups?.user;
  if (user === undefined || user === '') return neutralise(text);
  const at = text.indexOf(user, match.index);
  const redacted = at < 0 ? text : text.slice(0, at) + redactUser(user) + text.slice(at + user.length);
  return neutralise(redacted);
}

// rsyslog folds repeats into one line (RepeatedMsgReduction, on in Ubuntu's rsyslog.conf).
const REPEATED = /^message repeated (\d{1,9}) times: \[ ?(.*?) ?\]$/;

/** The record a folded repeat stands for, and how many times it occurred. */
export function unfoldRepeat(record: LogRecord): { record: LogRecord; times: number } {
  const repeated = REPEATED.exec(record.text);
  return repeated ? { record: { ...record, text: repeated[2] }, times: Number(repeated[1]) } : { record, times: 1 };
}

export class LogSummarizer {
  readonly summary = emptySummary();
  private readonly byKey = new Map<string, LogGroup>();

  add(record: LogRecord): void {
    this.summary.lines++;
    const unfolded = unfoldRepeat(record);
    this.count(unfolded.record, unfolded.times);
  }

  /** Counts `times` occurrences of the record (more than one for a folded repeat). */
  private count(record: LogRecord, times: number): void {
    const found = matchMessage(record);
    if (!found) {
      this.countUnknown(record.service, times);
      return;
    }
    this.summary.recognised += times;
    const { message, match } = found;
    const g = match.groups ?? {};
    const keyValue = message.key === 'service' ? record.service : (message.key && g[message.key]) || '';
    const key = message.key ? `${message.code}\u0000${keyValue}` : message.code;
    let group = this.byKey.get(key);
    if (!group) {
      if (this.byKey.size >= MAX_GROUPS) {
        this.summary.groupOverflow += times;
        return;
      }
      group = { message, key: neutralise(keyValue, 200), count: 0, first: record.time, last: record.time, services: new CappedSet(), clients: new CappedSet(), users: new CappedSet(), example: exampleOf(record.text, match) };
      this.byKey.set(key, group);
      this.summary.groups.push(group);
    }
    group.count += times;
    group.last = record.time;
    group.services.add(neutralise(record.service, 100));
    if (g.client) group.clients.add(neutralise(g.client, 100));
    if (g.user !== undefined && g.user !== '') group.users.add(neutralise(redactUser(g.user), 100));
    if (message.failedLogin) this.countFailedLogin(g.client ?? '', g.user ?? '', times);
  }

  noteUnreadable(): void {
    this.summary.lines++;
    this.summary.unreadable++;
  }

  noteMeta(): void {
    this.summary.lines++;
    this.summary.meta++;
  }

  private countUnknown(service: string, times: number): void {
    const map = this.summary.unknownByService;
    const clean = neutralise(service, 100);
    const name = map.has(clean) || map.size < MAX_SERVICES ? clean : '(other services)';
    map.set(name, (map.get(name) ?? 0) + times);
  }

  private countFailedLogin(client: string, user: string, times: number): void {
    const logins = this.summary.failedLogins;
    logins.total += times;
    const pair = `${neutralise(client, 100)}\u0000${user === '' ? '' : neutralise(redactUser(user), 100)}`;
    const n = logins.byPair.get(pair);
    if (n !== undefined) logins.byPair.set(pair, n + times);
    else if (logins.byPair.size < MAX_LOGIN_PAIRS) logins.byPair.set(pair, times);
    else logins.overflow += times;
  }
}
