// Hover answers from the smtp client model: on relayhost (and the other parameters that name next
// hops) the hops they give, on a sasl_passwd line the hops it answers for.
import type { Hover } from 'vscode-languageserver-types';
import type { MainCfFile, ParsedFile } from '../documents';
import { inside } from '../featureHelpers';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import { describeHop } from './describe';
import { HOP_PARAMETERS } from './model';
import { clientModelOfFiles } from './ofInstance';
import { isSenderKey } from './passwdLookup';

const hopParameters: ReadonlySet<string> = new Set(HOP_PARAMETERS);

const withFile = (file: ParsedFile, instance: readonly ParsedFile[]) => [file, ...instance.filter((f) => f.uri !== file.uri)];

const list = (title: string, lines: string[]) => `**${title}**\n\n${lines.map((l) => `- ${l}`).join('\n')}`;

/** The next hops of the assignment under the cursor, when it names some. */
export function nextHopHover(file: MainCfFile, offset: number, instance: readonly ParsedFile[]): string | undefined {
  const a = file.main.assignments.find((x) => inside(x.span, offset));
  if (!a || !hopParameters.has(a.name)) return undefined;
  const model = clientModelOfFiles(withFile(file, instance));
  const hops = model.hops.filter((h) => h.source.span && inside(a.span, h.source.span.start));
  return hops.length ? list('Next hops (as the smtp client will use them)', hops.map(describeHop)) : undefined;
}

/** What the smtp client does with the sasl_passwd line under the cursor. */
export function passwdLineHover(file: SaslPasswdFile, offset: number, instance: readonly ParsedFile[]): string | undefined {
  const entry = file.passwd.entries.find((e) => e.firstLine <= file.lines.positionAt(offset).line && file.lines.positionAt(offset).line <= e.lastLine);
  if (!entry || entry.template) return undefined;
  const model = clientModelOfFiles(withFile(file, instance));
  const users = model.transports.filter((tm) => tm.passwordMaps.some((m) => m.file === file));
  if (!users.length) return undefined;
  if (isSenderKey(entry)) {
    const on = users.filter((tm) => tm.senderDependent).map((tm) => tm.transport.label);
    return on.length ? `**Sender credentials**: mail from ${entry.key} logs in with this line first (${on.join(', ')}).` : '**Never used**: a sender key, but smtp_sender_dependent_authentication is not yes.';
  }
  const answered = model.hops.filter((h) => h.auth && h.passwd.answer?.entry === entry);
  return answered.length ? list('Answers for', answered.map(describeHop)) : undefined;
}

/** A hover with the model's answer added below (or on its own when there was none). */
export function withAnswer(base: Hover | null, answer: string | undefined): Hover | null {
  if (!answer) return base;
  if (!base) return { contents: { kind: 'markdown', value: answer } };
  const text = typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
  return { ...base, contents: { kind: 'markdown', value: text ? `${text}\n\n${answer}` : answer } };
}
