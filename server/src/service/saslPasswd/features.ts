// Hover, outline and folding for sasl_passwd. The keys are destinations; completion offers the next
// hops of the smtp client model as written (relayhost, transports), the keys Postfix looks up.
import { CompletionItemKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover } from 'vscode-languageserver-types';
import type { ParsedFile } from '../documents';
import { clientModelOfFiles } from '../smtpClient/ofInstance';
import { commentFolding, hoverAt, inside, propertySymbol, wordItems } from '../featureHelpers';
import type { PasswdKeyKind } from './parse';
import type { SaslPasswdFile } from './saslPasswdFile';

const KEY_DOCS: Record<PasswdKeyKind, string> = {
  bracketed: 'A next hop written with brackets: Postfix connects to this host without MX lookup. It matches only when `relayhost` (or the transport) is written exactly this way, port included. The bare host name also matches.',
  host: 'A host or domain name. It matches the name of the server Postfix connects to, or a next hop written without brackets and port.',
  domain: 'A sender domain. Used only with `smtp_sender_dependent_authentication = yes`: mail from any address in this domain logs in with these credentials.',
  address: 'A sender address. Used only with `smtp_sender_dependent_authentication = yes`.',
  template: 'Template syntax, filled in when the file is generated.',
};

export function hoverSaslPasswd(file: SaslPasswdFile, offset: number): Hover | null {
  const e = file.passwd.entries.find((x) => inside(x.keySpan, offset) || (x.valueSpan && inside(x.valueSpan, offset)));
  if (!e) return null;
  if (inside(e.keySpan, offset)) return hoverAt(file.lines, e.keySpan, `**Destination \`${e.key}\`**\n\n${KEY_DOCS[e.keyKind]}`);
  if (e.password && inside(e.password.span, offset)) return hoverAt(file.lines, e.password.span, 'The password, in clear. Keep this file (and its .db) readable only by root; run `postmap` after each change.');
  return e.username ? hoverAt(file.lines, e.username.span, 'The user name sent to the relay, up to the first ":".') : null;
}

export function completeSaslPasswd(file: SaslPasswdFile, offset: number, instance: readonly ParsedFile[]): CompletionItem[] {
  const line = file.lines.positionAt(offset).line;
  const lineStart = file.lines.lineStarts[line];
  const before = file.text.slice(lineStart, offset);
  if (/\s/.test(before) || before.startsWith('#')) return [];
  const hops = clientModelOfFiles([file, ...instance.filter((f) => f.uri !== file.uri)]).hops.filter((h) => !h.destination.opaque);
  const items = [...new Map(hops.map((h) => [h.destination.written, h])).values()].map((h) => ({ name: h.destination.written, doc: `The next hop of ${h.source.parameter} in main.cf, as written: the key Postfix looks up.` }));
  return wordItems(file.lines, { start: lineStart, end: offset }, items, CompletionItemKind.Value, '\t');
}

export function saslPasswdSymbols(file: SaslPasswdFile): DocumentSymbol[] {
  return file.passwd.entries.map((e) => propertySymbol(file.lines, e.key, e.username?.text ?? '', { start: e.keySpan.start, end: e.valueSpan?.end ?? e.keySpan.end }, e.keySpan));
}

export function saslPasswdFolding(file: SaslPasswdFile): FoldingRange[] {
  return commentFolding(file.passwd.comments);
}
