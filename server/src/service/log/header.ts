// The part of a log line before the message: time, host, program and pid. One parser for the
// formats mail logs come in:
//   syslog (RFC 3164)      Dec  1 10:00:00 host postfix/smtpd[123]: text
//   Postfix maillog_file   Dec 01 10:00:00 host postfix/smtpd[123]: text
//   journalctl (short)     the same as syslog; -o short-precise adds .123456 to the time;
//                          -o short-full writes Tue 2026-12-01 10:00:00 UTC
//   ISO (rsyslog on newer distributions, journalctl -o short-iso)
//                          2026-12-01T10:00:00.123456+00:00 host postfix/smtpd[123]: text
//   RFC 5424 on the wire   <22>1 2026-12-01T10:00:00Z host postfix/smtpd 123 - - text
//   Dovecot's log_path     Dec 01 10:00:00 auth: Info: text (no host, no pid)

export interface LogRecord {
  /** The time as written (logs often carry no year or zone, so it is not converted). */
  time: string;
  host?: string;
  /** The program name as logged, with syslog_name prefixes: `postfix/submission/smtpd`, `saslauthd`, `dovecot`. */
  service: string;
  /** The daemon: last part of the program name (`smtpd`), or Dovecot's process (`auth`). */
  daemon: string;
  /** What follows the header, e.g. `warning: SASL authentication failure: ...`. */
  text: string;
}

export type HeaderResult = { kind: 'record'; record: LogRecord } | { kind: 'meta' } | { kind: 'unknown' };

const TIME = /^(?:<\d{1,3}>(?:1 )?)?([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?|[A-Z][a-z]{2} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [A-Z]{2,5}) +/;
const PROGRAM = /^([^\s[\]:]+)(?:\[(\d+)\])?: /;
const RFC5424_REST = /^(\S+) (\S+) (\S+) \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?/;
// Dovecot names its processes; in syslog they come after `dovecot:` or `dovecot[pid]:`.
const DOVECOT_PROCESS = /^([a-z][a-z0-9-]*)(?:\([^)]*\))?: (?:(?:Info|Warning|Error|Fatal|Panic|Debug): )?/;
const DOVECOT_LOG_PATH = /^([a-z][a-z0-9-]*)(?:\([^)]*\))?: (Info|Warning|Error|Fatal|Panic|Debug): /;

function program(service: string): string {
  return service.slice(service.lastIndexOf('/') + 1);
}

function dovecotRecord(time: string, host: string | undefined, service: string, text: string): LogRecord {
  const m = DOVECOT_PROCESS.exec(text);
  return { time, host, service, daemon: m ? m[1] : 'dovecot', text };
}

export function parseHeader(line: string): HeaderResult {
  // journalctl's own lines: "-- Logs begin at ...", "-- Boot 1a2b... --", "-- No entries --".
  if (line.startsWith('-- ')) return { kind: 'meta' };
  const t = TIME.exec(line);
  if (!t) return { kind: 'unknown' };
  const time = t[1];
  const rest = line.slice(t[0].length);
  if (DOVECOT_LOG_PATH.test(rest)) return { kind: 'record', record: dovecotRecord(time, undefined, 'dovecot', rest) };
  const space = rest.indexOf(' ');
  if (space <= 0) return { kind: 'unknown' };
  const host = rest.slice(0, space);
  const afterHost = rest.slice(space + 1);
  const p = PROGRAM.exec(afterHost);
  if (p) {
    const text = afterHost.slice(p[0].length);
    if (p[1] === 'dovecot') return { kind: 'record', record: dovecotRecord(time, host, p[1], text) };
    return { kind: 'record', record: { time, host, service: p[1], daemon: program(p[1]), text } };
  }
  if (line.startsWith('<')) {
    const r = RFC5424_REST.exec(rest);
    if (r) {
      const service = r[2] === '-' ? 'unknown' : r[2];
      const text = rest.slice(r[0].length).replace(/^\ufeff/, '');
      if (service === 'dovecot') return { kind: 'record', record: dovecotRecord(time, r[1], service, text) };
      return { kind: 'record', record: { time, host: r[1], service, daemon: program(service), text } };
    }
  }
  return { kind: 'unknown' };
}
