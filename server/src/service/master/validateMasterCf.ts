// Findings for one master.cf: syntax of the columns, duplicate services, unknown commands, stray
// arguments, and the checks of each -o override (checkOverrides.ts).
import { lookupMasterCommand, masterCommands } from '../data/masterCommands';
import type { Finding } from '../findings';
import { closestMatch } from '../suggest';
import { checkOverrides, type OverrideContext } from './checkOverrides';
import { columnOf, type MasterCfDocument, type MasterService, type MasterToken } from './parseMasterCf';

export const serviceTypes = ['inet', 'unix', 'unix-dgram', 'fifo', 'pass'] as const;

/** Daemons that hand words without "-" to another program or read them themselves. */
const TAKES_FREE_ARGUMENTS = new Set(['pipe', 'spawn', 'postscreen']);
/** The SMTP and LMTP clients read `flags=` (as pipe does); the other daemons refuse any bare word. */
const TAKES_FLAGS = new Set(['smtp', 'lmtp']);
/** Options of Postfix daemons that take the next word as their argument. */
const OPTIONS_WITH_ARGUMENT = new Set(['i', 'm', 'n', 'o', 's', 't']);

export function validateMasterCf(doc: MasterCfDocument, context: OverrideContext): Finding[] {
  const findings: Finding[] = doc.problems.map((p) => ({ code: p.kind, span: p.span, message: p.message }));
  const seen = new Map<string, MasterService>();
  for (const service of doc.services) {
    findings.push(...checkColumns(service));
    findings.push(...checkCommand(service));
    findings.push(...checkArguments(service));
    const key = `${service.name}/${service.type}`;
    const first = seen.get(key);
    if (first && !service.conditional && !first.conditional && !service.columns.slice(0, 2).some((c) => c.template)) {
      findings.push({
        code: 'master-duplicate-service',
        span: service.nameSpan,
        message: `Service "${service.name}" of type ${service.type} is already defined on line ${first.firstLine + 1}. Postfix cannot run both: remove one or give this one another name.`,
        related: [{ span: first.nameSpan, message: 'the first definition' }],
      });
    } else if (!first) seen.set(key, service);
  }
  findings.push(...checkOverrides(doc, context));
  if (doc.templateLines.length || doc.services.some((s) => s.tokens.some((t) => t.template))) {
    findings.push({ code: 'template-file', span: { start: 0, end: 0 }, message: 'This file holds template syntax (Jinja, installer placeholders). Template parts are skipped; the rest is checked.' });
  }
  return findings;
}

function checkColumns(service: MasterService): Finding[] {
  const out: Finding[] = [];
  const tokens = service.tokens;
  const tooFew = tokens.length < 8 && !tokens.some((t) => t.template);
  if (tooFew) {
    out.push({
      code: 'master-too-few-columns',
      span: service.span,
      message: `A master.cf entry needs eight fields (service, type, private, unpriv, chroot, wakeup, maxproc, command) and this one has ${tokens.length}: Postfix stops with a fatal error.`,
    });
  }
  const type = columnOf(service, 'type');
  if (type && !type.template && !(serviceTypes as readonly string[]).includes(type.text)) {
    const guess = closestMatch(type.text.toLowerCase(), serviceTypes);
    out.push({
      code: 'master-invalid-type',
      span: type.span,
      message: `"${type.text}" is not a service type: use inet, unix, unix-dgram, fifo or pass. Postfix stops with a fatal error.${guess ? ` Did you mean "${guess}"?` : ''}`,
      fix: guess ? { kind: 'replace', span: type.span, text: guess, title: `Change to "${guess}"` } : undefined,
    });
  }
  // With a field missing the others shift left: judging them one by one would only add noise.
  if (tooFew) return out;
  for (const column of ['private', 'unpriv', 'chroot'] as const) {
    const token = columnOf(service, column);
    if (!token || token.template || /^[yn-]$/.test(token.text)) continue;
    const lower = token.text.toLowerCase();
    const guess = lower === 'yes' || lower === 'y' ? 'y' : lower === 'no' || lower === 'n' ? 'n' : undefined;
    out.push({
      code: 'master-invalid-flag',
      span: token.span,
      message: `The ${column} column takes y, n or - (the default), not "${token.text.slice(0, 40)}": Postfix stops with a fatal error.`,
      fix: guess ? { kind: 'replace', span: token.span, text: guess, title: `Change to "${guess}"` } : undefined,
    });
  }
  const wakeup = columnOf(service, 'wakeup');
  if (wakeup && !wakeup.template && !/^(-|\d+\??)$/.test(wakeup.text)) {
    out.push({ code: 'master-invalid-wakeup', span: wakeup.span, message: `The wakeup column takes - (never), a number of seconds, or a number followed by "?" (only when used), not "${wakeup.text.slice(0, 40)}".` });
  }
  const maxproc = columnOf(service, 'maxproc');
  if (maxproc && !maxproc.template && !/^(-|\d+)$/.test(maxproc.text)) {
    out.push({ code: 'master-invalid-maxproc', span: maxproc.span, message: `The maxproc column takes - (default_process_limit) or a whole number (0 means no limit), not "${maxproc.text.slice(0, 40)}".` });
  }
  return out;
}

function checkCommand(service: MasterService): Finding[] {
  const command = service.command;
  if (!command || command.template || command.text.includes('/') || lookupMasterCommand(command.text)) return [];
  const guess = closestMatch(command.text, masterCommands.map((c) => c.name));
  return [{
    code: 'master-unknown-command',
    span: command.span,
    message: `"${command.text.slice(0, 60)}" is not a Postfix daemon: master looks for it in daemon_directory and the service fails when it is missing.${guess ? ` Did you mean "${guess}"?` : ' Fine if you installed a program of that name there.'}`,
    fix: guess ? { kind: 'replace', span: command.span, text: guess, title: `Change to "${guess}"` } : undefined,
  }];
}

/** Postfix daemons take only options; a bare word ends up as an "unexpected command-line argument". */
function checkArguments(service: MasterService): Finding[] {
  const command = service.command;
  if (!command || command.template || !lookupMasterCommand(command.text) || TAKES_FREE_ARGUMENTS.has(lookupMasterCommand(command.text)!.name)) return [];
  const out: Finding[] = [];
  const args = service.args;
  let afterOverride = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (TAKES_FLAGS.has(lookupMasterCommand(command.text)!.name) && arg.text.startsWith('flags=')) continue;
    if (arg.text.startsWith('-')) {
      const letter = arg.text[1];
      afterOverride = false;
      if (arg.text.length === 2 && OPTIONS_WITH_ARGUMENT.has(letter)) {
        k++;
        afterOverride = letter === 'o';
      } else if (letter === 'o') afterOverride = true;
      continue;
    }
    let last = k;
    while (last + 1 < args.length && !args[last + 1].text.startsWith('-')) last++;
    const stray = args.slice(k, last + 1);
    if (!stray.some((t) => t.template)) out.push(afterOverride ? splitOverride(service, args[k - 1], stray) : strayArgument(command.text, stray));
    k = last;
    afterOverride = false;
  }
  return out;
}

function strayArgument(command: string, stray: MasterToken[]): Finding {
  const span = { start: stray[0].span.start, end: stray[stray.length - 1].span.end };
  return { code: 'master-stray-argument', span, message: `${command} takes only options: "${stray[0].text.slice(0, 40)}" is an unexpected argument and the daemon stops with a fatal error.` };
}

function splitOverride(service: MasterService, valueToken: MasterToken, stray: MasterToken[]): Finding {
  const span = { start: stray[0].span.start, end: stray[stray.length - 1].span.end };
  const override = service.overrides.find((o) => o.span.end === valueToken.span.end);
  const name = override?.name ?? 'name';
  const gap = { start: valueToken.span.end, end: stray[0].span.start };
  const joinable = stray.length === 1 && valueToken.text.endsWith(',') && onOneLine(service, gap);
  return {
    code: 'master-override-split',
    span,
    message: `Postfix splits master.cf arguments at whitespace, so "${stray.map((t) => t.text).join(' ').slice(0, 60)}" is not part of the "${name}" value but an extra argument: the daemon stops with a fatal error. Remove the whitespace, or write -o { ${name} = value with spaces } (Postfix 3.0 and later).`,
    fix: joinable ? { kind: 'replace', span: gap, text: '', title: 'Remove the whitespace' } : undefined,
  };
}

function onOneLine(service: MasterService, gap: { start: number; end: number }): boolean {
  // The gap is inside one physical segment when both ends map into the same segment.
  return service.line.segments.some((s) => gap.start >= s.start && gap.end <= s.start + s.text.length);
}
