// Completion, hover, outline and folding for the Cyrus SASL application file.
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-types';
import { auxpropPlugins, cyrusOptions, lookupCyrusOption, lookupMechanism, pwcheckMethods, saslMechanisms, saslV1Methods, type WordDoc } from '../data/cyrusOptions';
import { commentFolding, hoverAt, inside, keyKind, propertySymbol, wordItems, wordSpanAt } from '../featureHelpers';
import type { CyrusSaslFile } from './cyrusFile';

function valueWords(key: string): readonly WordDoc[] {
  if (key === 'pwcheck_method') return pwcheckMethods;
  if (key === 'mech_list') return saslMechanisms;
  if (key === 'auxprop_plugin') return auxpropPlugins;
  const option = lookupCyrusOption(key);
  return (option?.values ?? []).map((v) => ({ name: v, doc: `A value of \`${key}\`.` }));
}

export function completeCyrus(file: CyrusSaslFile, at: number): CompletionItem[] {
  const { lines, text } = file;
  const line = lines.positionAt(at).line;
  const lineStart = lines.lineStarts[line];
  // An offset between the CR and LF of a line end means the end of the line.
  const offset = Math.min(at, lines.lineEnd(line));
  const before = text.slice(lineStart, offset);
  if (before.trimStart().startsWith('#')) return [];
  const word = wordSpanAt(text, lineStart, offset);
  const colon = before.indexOf(':');
  if (colon === -1) {
    return wordItems(lines, word, cyrusOptions.map((o) => ({ name: o.name, doc: o.doc })), keyKind, ': ');
  }
  const key = before.slice(0, colon).trim().toLowerCase();
  const used = new Set(before.slice(colon + 1).split(/[\s,]+/).map((w) => w.toUpperCase()));
  return wordItems(lines, word, valueWords(key).filter((w) => !used.has(w.name.toUpperCase())));
}

export function hoverCyrus(file: CyrusSaslFile, offset: number): Hover | null {
  const entry = file.cyrus.entries.find((e) => inside(e.keySpan, offset) || inside(e.valueSpan, offset));
  if (!entry) return null;
  if (inside(entry.keySpan, offset)) {
    const option = lookupCyrusOption(entry.key);
    return option ? hoverAt(file.lines, entry.keySpan, `**${option.name}**\n\n${option.doc}`) : null;
  }
  const word = entry.words.find((w) => inside(w.span, offset));
  if (!word) return null;
  const name = word.text;
  const v1 = entry.key === 'pwcheck_method' ? saslV1Methods.get(name.toLowerCase()) : undefined;
  if (v1) return hoverAt(file.lines, word.span, `**${name}**: a SASL version 1 method. Version 2 uses ${v1}.`);
  const doc = entry.key === 'mech_list' ? lookupMechanism(name)?.doc : valueWords(entry.key).find((w) => w.name === name.toLowerCase())?.doc;
  return doc ? hoverAt(file.lines, word.span, `**${name}**\n\n${doc}`) : null;
}

export function cyrusSymbols(file: CyrusSaslFile): DocumentSymbol[] {
  return file.cyrus.entries.map((e) => propertySymbol(file.lines, e.key, e.value, { start: e.keySpan.start, end: e.valueSpan.end }, e.keySpan));
}

export function cyrusFolding(file: CyrusSaslFile): FoldingRange[] {
  return commentFolding(file.cyrus.comments);
}
