// Completion, hover, outline and folding for saslauthd's settings file.
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-types';
import { lookupSaslauthdFlag, lookupSaslauthdMechanism, lookupSaslauthdVariable, saslauthdFlags, saslauthdMechanisms, saslauthdVariables } from '../data/saslauthdOptions';
import { commentFolding, hoverAt, inside, keyKind, propertySymbol, wordItems, wordSpanAt } from '../featureHelpers';
import type { SaslauthdFile } from './saslauthdFile';

export function completeSaslauthd(file: SaslauthdFile, offset: number): CompletionItem[] {
  const { lines, text } = file;
  const line = lines.positionAt(offset).line;
  const lineStart = lines.lineStarts[line];
  const before = text.slice(lineStart, offset);
  if (before.trimStart().startsWith('#')) return [];
  const eq = before.indexOf('=');
  if (eq === -1) {
    const word = wordSpanAt(text, lineStart, offset, '_');
    const flavor = file.saslauthd.flavor;
    const vars = saslauthdVariables.filter((v) => flavor === 'unknown' || v.family === 'both' || v.family === flavor);
    return wordItems(lines, word, vars.map((v) => ({ name: v.name, doc: v.doc })), keyKind, '=');
  }
  const name = before.slice(0, eq).trim().replace(/^export\s+/, '');
  const variable = lookupSaslauthdVariable(name);
  const word = wordSpanAt(text, lineStart, offset, '_-');
  if (variable?.mechanisms) return wordItems(lines, word, saslauthdMechanisms);
  if (variable?.flags) return wordItems(lines, word, saslauthdFlags.map((f) => ({ name: f.flag, doc: f.doc })));
  if (variable?.values) return wordItems(lines, word, variable.values.map((v) => ({ name: v, doc: variable.doc })));
  return [];
}

export function hoverSaslauthd(file: SaslauthdFile, offset: number): Hover | null {
  const a = file.saslauthd.assignments.find((x) => inside(x.nameSpan, offset) || inside(x.valueSpan, offset));
  if (!a) return null;
  const variable = lookupSaslauthdVariable(a.name);
  if (inside(a.nameSpan, offset)) return variable ? hoverAt(file.lines, a.nameSpan, `**${a.name}**\n\n${variable.doc}`) : null;
  const flag = a.flags.find((f) => inside(f.span, offset) || (f.argument && inside(f.argument.span, offset)));
  if (flag) {
    const info = lookupSaslauthdFlag(flag.flag);
    if (info) return hoverAt(file.lines, flag.span, `**saslauthd ${info.flag}${info.argument ? ` ${info.argument}` : ''}**\n\n${info.doc}`);
  }
  const word = a.words.find((w) => inside(w.span, offset));
  const mech = word && (variable?.mechanisms || a.flags.some((f) => f.flag === '-a' && f.argument === word)) ? lookupSaslauthdMechanism(word.text) : undefined;
  return mech && word ? hoverAt(file.lines, word.span, `**${mech.name}**\n\n${mech.doc}`) : null;
}

export function saslauthdSymbols(file: SaslauthdFile): DocumentSymbol[] {
  return file.saslauthd.assignments.map((a) => propertySymbol(file.lines, a.name, a.value, { start: a.nameSpan.start, end: Math.max(a.valueSpan.end, a.nameSpan.end) }, a.nameSpan));
}

export function saslauthdFolding(file: SaslauthdFile): FoldingRange[] {
  return commentFolding(file.saslauthd.comments);
}
