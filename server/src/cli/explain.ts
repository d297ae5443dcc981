// `postfix-sasl explain`: reads mail.log (a file, standard input, gzip or not) line by line, groups
// the SASL, TLS and relay messages it knows, explains each and points at the instance's lines.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import type { ParsedFile } from '../service/documents';
import { instanceView, mainSettings } from '../service/instance/services';
import { defaultSettings } from '../service/settings';
import { locateTargets, type ConfigLocation } from '../service/log/locate';
import { readLog, type LogReading } from '../service/log/readLog';
import type { LogGroup } from '../service/log/summary';
import type { CliIo } from './authTest';
import { InputError, locateForCli } from './locateForCli';
import { instanceFromFiles } from '../service/instance/locate';
import type { Instance } from '../service/instance/instance';
import { describeArgsError, usageLine } from './usage';

export const EXPLAIN_HELP = `Usage: postfix-sasl explain [--format text|json] [--instance DIR]... [LOGFILE|-]

Reads a mail log (syslog, journalctl, journalctl -o short-iso, Postfix's maillog_file, Dovecot's
log_path; gzip-compressed or not) and explains its SASL, TLS and relay messages: each kind once, with
how often, when, which services, clients and users, and which line of the instance to change.
Without LOGFILE, or with -, it reads standard input.

Options:
  --format text|json   json: one array of {code, severity, count, first, last, services, clients,
                       users, example, explanation, locations: [{file, line, setting}]}
  --instance DIR       the Postfix configuration the log comes from (e.g. /etc/postfix); give
                       Dovecot's folder as a second --instance when smtpd uses Dovecot
  -h, --help           show this help

User names that may be passwords are never shown. Exit codes: 0 the log was read, 2 it could not be.
`;

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

/** The instance's files, parsed: the one place that loads an instance for explain. */
export function loadInstance(dirs: readonly string[]): ParsedFile[] {
  if (dirs.length === 0) return [];
  const settings = { ...defaultSettings, maxFileSize: 256 * 1024 * 1024 };
  // The folders given are one instance: what the search finds from each, taken together.
  return locateForCli(dirs, settings).flatMap((l) => l.members.flatMap((m) => (m.parsed ? [m.parsed.file] : [])));
}

/** Decompresses when the input starts with gzip's magic bytes, whatever its name. */
async function* maybeGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = first.value;
  const rest = { [Symbol.asyncIterator]: () => it };
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
    yield head;
    yield* rest;
    return;
  }
  async function* all() {
    yield head;
    yield* rest;
  }
  const gunzip = createGunzip();
  const input = Readable.from(all());
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  yield* gunzip as AsyncIterable<Buffer>;
}

/** Reads what it can; a read error midway ends the input and is kept as a note. */
async function* guarded(source: AsyncIterable<Buffer>, notes: string[]): AsyncGenerator<Buffer> {
  try {
    yield* source;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    notes.push(e.code === 'Z_BUF_ERROR' || /unexpected end/.test(e.message) ? 'the compressed input ends early: what came before was read' : `reading stopped: ${e.code ?? e.message}`);
  }
}

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

const list = (set: { values: Set<string>; more: number }) => [...set.values, ...(set.more ? [`(${set.more} more)`] : [])];

function daemonOf(service: string, example: string): string {
  if (service === 'dovecot') return /^([a-z][a-z0-9-]*)/.exec(example)?.[1] ?? 'dovecot';
  return service.slice(service.lastIndexOf('/') + 1);
}

function toJson(group: LogGroup, instance: Instance | undefined): JsonGroup {
  const locations: ConfigLocation[] = [];
  const seen = new Set<string>();
  for (const service of group.services.values) {
    const param = group.message.key === 'param' ? group.key : undefined;
    for (const l of locateTargets(instance, service, daemonOf(service, group.example), group.message.targets, param)) {
      const id = `${l.file}:${l.line}:${l.setting}`;
      if (!seen.has(id)) locations.push(l);
      seen.add(id);
    }
  }
  // Lines that set something are what to change; where to add an unset one only when there are none.
  const set = locations.filter((l) => !l.unset);
  if (set.length) locations.splice(0, locations.length, ...set);
  const { message } = group;
  return { code: message.code, severity: message.severity, count: group.count, first: group.first, last: group.last, services: list(group.services), clients: list(group.clients), users: list(group.users), example: group.example, explanation: message.explanation, locations };
}

export function explainGroups(reading: LogReading, instance: readonly ParsedFile[]): JsonGroup[] {
  const model = instance.length ? instanceFromFiles(instance) : undefined;
  return reading.summary.groups.map((g) => toJson(g, model)).sort((a, b) => SEVERITY_ORDER[a.severity as keyof typeof SEVERITY_ORDER] - SEVERITY_ORDER[b.severity as keyof typeof SEVERITY_ORDER] || b.count - a.count);
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

function failedLoginLines(reading: LogReading, instance: readonly ParsedFile[]): string[] {
  const logins = reading.summary.failedLogins;
  if (logins.total === 0) return [];
  const top = [...logins.byPair].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const out = [`Failed logins: ${logins.total}, by client and user (most first):`];
  for (const [pair, n] of top) {
    const [client, user] = pair.split('\u0000');
    out.push(`  ${String(n).padStart(7)}  ${client || '(no client logged)'}  ${user || '(no user logged)'}`);
  }
  if (logins.byPair.size > top.length) out.push(`  ... and ${logins.byPair.size - top.length} more pairs${logins.overflow ? `, ${logins.overflow} logins beyond the pairs counted` : ''}`);
  const view = instanceView(instance);
  if (view.main) {
    const limit = mainSettings(view).get('smtpd_client_auth_rate_limit').trim() || '0';
    const postscreen = view.master?.master.services.some((s) => s.command?.text === 'postscreen') ?? false;
    out.push(`  Limits: smtpd_client_auth_rate_limit = ${limit}${limit === '0' ? ' (no limit)' : ' per anvil_rate_time_unit'}; postscreen ${postscreen ? 'is' : 'is not'} in master.cf.`);
  }
  return out;
}

function writeText(groups: JsonGroup[], reading: LogReading, instance: readonly ParsedFile[], notes: string[], io: CliIo): void {
  const w = (s: string) => io.stdout.write(`${s}\n`);
  for (const g of groups) {
    const when = g.first === g.last ? g.first : `${g.first} to ${g.last}`;
    w(`${g.severity} ${g.code}: ${g.count} time${g.count === 1 ? '' : 's'}, ${when}, ${g.services.join(', ')}`);
    w(`  e.g. ${g.example}`);
    if (g.clients.length) w(`  clients: ${g.clients.slice(0, 10).join(', ')}${g.clients.length > 10 ? ', ...' : ''}`);
    if (g.users.length) w(`  users: ${g.users.slice(0, 10).join(', ')}${g.users.length > 10 ? ', ...' : ''}`);
    w(`  ${g.explanation}`);
    for (const l of g.locations) w(`  ${l.file}:${l.line}: ${l.setting}${l.unset ? ' (not set: the default applies; set it here)' : ''}`);
    w('');
  }
  for (const line of failedLoginLines(reading, instance)) w(line);
  const unknown = [...reading.summary.unknownByService].sort((a, b) => b[1] - a[1]);
  const total = unknown.reduce((n, [, c]) => n + c, 0);
  if (total) w(`Not explained: ${total} line(s) (${unknown.slice(0, 8).map(([s, c]) => `${s} ${c}`).join(', ')}${unknown.length > 8 ? ', ...' : ''})`);
  if (instance.length === 0 && groups.length) w('Give --instance DIR (e.g. /etc/postfix) to see which lines to change.');
  for (const note of skippedNotes(reading, notes)) io.stderr.write(`postfix-sasl explain: note: ${note}\n`);
  io.stderr.write(`postfix-sasl explain: ${reading.summary.lines} line(s) read, ${reading.summary.recognised} explained in ${groups.length} group(s)\n`);
}

function openInput(path: string | undefined, io: CliIo): AsyncIterable<Buffer> {
  if (path === undefined || path === '-') return io.stdin as AsyncIterable<Buffer>;
  // Opened here, so a missing or unreadable file is a clear error before any output.
  let fd: number;
  try {
    fd = openSync(path, 'r');
    readSync(fd, Buffer.alloc(1), 0, 1, 0);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  closeSync(fd);
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

export async function runExplainCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, instance: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    const message = describeArgsError(error);
    if (message === undefined) throw error;
    io.stderr.write(usageLine('postfix-sasl explain', message));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  const usage = (message: string) => {
    io.stderr.write(usageLine('postfix-sasl explain', message));
    return 2;
  };
  if (values.format !== 'text' && values.format !== 'json') return usage(`--format must be text or json, not "${values.format}"`);
  if (positionals.length > 1) return usage('give one LOGFILE (or - for standard input)');
  let instance: ParsedFile[];
  let source: AsyncIterable<Buffer>;
  try {
    instance = loadInstance(values.instance ?? []);
    source = openInput(positionals[0], io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`postfix-sasl explain: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const notes: string[] = [];
  const reading = await readLog(guarded(maybeGunzip(source), notes));
  const groups = explainGroups(reading, instance);
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify(groups, null, 2)}\n`);
    for (const note of skippedNotes(reading, notes)) io.stderr.write(`postfix-sasl explain: note: ${note}\n`);
  } else writeText(groups, reading, instance, notes, io);
  return 0;
}
