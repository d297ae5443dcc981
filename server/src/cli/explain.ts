// `postfix-sasl explain`: reads mail.log (a file, standard input, gzip or not) line by line, groups
// the SASL, TLS and relay messages it knows, explains each and points at the instance's lines.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import type { ParsedFile } from '../service/documents';
import { instanceView, mainSettings } from '../service/instance/services';
import { defaultSettings } from '../service/settings';
import { explainGroups as explainLogGroups, skippedNotes, type JsonGroup } from '../service/log/explainGroups';
import { readLog, type LogReading } from '../service/log/readLog';
import type { CliIo } from './authTest';
import { InputError, locateForCli } from './locateForCli';
import { instanceFromFiles } from '../service/instance/locate';
import { describeArgsError, usageLine } from './usage';

export type { JsonGroup };

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

/** The groups with the instance's lines to change (the CLI gives the instance as parsed files). */
export function explainGroups(reading: LogReading, instance: readonly ParsedFile[]): JsonGroup[] {
  return explainLogGroups(reading, instance.length ? instanceFromFiles(instance) : undefined);
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
