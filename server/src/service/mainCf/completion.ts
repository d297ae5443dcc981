// main.cf completion: parameter names (and snippets) where a line can start, values by the
// parameter's type on the value side only, and $references. Items are lean: label, kind, rank and a
// `data` tag; documentation comes on `completionItem/resolve` (completionDocs.ts). Name lists are
// filtered by what was typed and capped, so a response stays small; the client asks again as the user types.
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { lookupParameter, mapTypes, restrictions, saslSecurityOptions } from '../data/catalogue';
import type { MapTypeInfo } from '../data/types';
import type { MainCfDocument } from '../parser/mainCf';
import { isSubsequence, snippetItems, snippetSpan } from '../snippets';
import { levelDefault } from './compatibility';
import { renderOptionWordDocs } from './docs';
import { expandValue } from './expand';
import { locate, restrictionClasses, type MainCfLocation, type ValueLocation } from './locate';
import { matchingNames, rankText, type RankedName } from './rankedNames';

const markdown = (value: string) => ({ kind: 'markdown' as const, value });

function nameItem(entry: RankedName, kind: CompletionItemKind, range: Range, newText: string, rank: number): CompletionItem {
  // A name on a line with nothing typed: inserting at the cursor is the same edit, without a range in
  // every item (not for references, where a client's word range could take in the `$`).
  const empty = kind === CompletionItemKind.Property && range.start.line === range.end.line && range.start.character === range.end.character;
  const item: CompletionItem = { label: entry.info.name, kind, sortText: rankText(rank), ...(empty ? { insertText: newText } : { textEdit: { range, newText } }), data: 'param' };
  if (entry.tier === 'deprecated') item.tags = [CompletionItemTag.Deprecated];
  return item;
}

export function completeMainCf(doc: MainCfDocument, offset: number): CompletionList {
  const at = locate(doc, offset);
  // The edit must hold the cursor: right before a `$name` there is nothing to complete.
  const cursor = Math.min(Math.max(offset, 0), doc.text.length);
  if ('span' in at && (at.span.start > cursor || at.span.end < cursor) && at.kind !== 'empty') return list([]);
  switch (at.kind) {
    case 'empty':
    case 'name':
      return completeNames(doc, at, cursor);
    case 'none':
      return list(snippetsAt(doc, cursor));
    case 'reference':
      return completeReferences(doc, at, cursor);
    case 'restriction':
      return list(completeRestrictions(doc, at));
    case 'mapType':
      return list(completeMapTypes(doc, at));
    case 'option':
      return list(completeOptions(doc, at));
    case 'value':
      return list(completeValues(doc, at));
    default:
      return list([]);
  }
}

function list(items: CompletionItem[], isIncomplete = false): CompletionList {
  return { isIncomplete, items };
}

/** Snippets where a line starts with nothing but the word being typed (`pf-sasl|`). */
function snippetsAt(doc: MainCfDocument, cursor: number): CompletionItem[] {
  const line = doc.lines.positionAt(cursor).line;
  const start = doc.lines.lineStarts[line] + (line === 0 && doc.text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const span = snippetSpan(doc.text, start, doc.lines.lineEnd(line), cursor);
  if (!span) return [];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  return snippetItems('postfix-main', doc.text.slice(span.start, cursor), doc.lines.rangeOf(span), eol);
}

function completeNames(doc: MainCfDocument, at: Extract<MainCfLocation, { kind: 'empty' | 'name' }>, cursor: number): CompletionList {
  const range = doc.lines.rangeOf(at.span);
  // Renaming an existing assignment keeps its "= value"; a new line gets "name = ".
  const suffix = at.kind === 'name' && at.assignment ? '' : ' = ';
  const { names, complete } = matchingNames(doc.text.slice(at.span.start, cursor));
  const items: CompletionItem[] = [];
  const snippets = snippetsAt(doc, cursor);
  for (const entry of names) {
    // The set-up snippets go right after the ranked names.
    if (entry.tier !== 'ranked' && snippets.length) items.push(...snippets.splice(0).map((s) => ({ ...s, sortText: rankText(items.length) })));
    items.push(nameItem(entry, CompletionItemKind.Property, range, entry.info.name + suffix, items.length));
  }
  for (const s of snippets) items.push({ ...s, sortText: rankText(items.length) });
  return list(items, !complete);
}

function completeReferences(doc: MainCfDocument, at: Extract<MainCfLocation, { kind: 'reference' }>, cursor: number): CompletionList {
  const range = doc.lines.rangeOf(at.span);
  const closer = at.closed ? '' : at.opener === '{' ? '}' : at.opener === '(' ? ')' : '';
  const typed = doc.text.slice(at.span.start, cursor);
  // The file's own names first: a reference most often names something set right here.
  const items: CompletionItem[] = userDefinedItems(doc)
    .filter((base) => isSubsequence(typed.toLowerCase(), base.label.toLowerCase()))
    .map((base, i) => ({ ...base, sortText: rankText(i), textEdit: { range, newText: base.label + closer } }));
  const { names, complete } = matchingNames(typed);
  for (const entry of names) items.push(nameItem(entry, CompletionItemKind.Variable, range, entry.info.name + closer, items.length));
  return list(items, !complete);
}

/** Names this file sets that Postfix does not know; built once per parse. */
const userDefinedCache = new WeakMap<MainCfDocument, CompletionItem[]>();
function userDefinedItems(doc: MainCfDocument): CompletionItem[] {
  let items = userDefinedCache.get(doc);
  if (items) return items;
  items = [];
  for (const [name, assignments] of doc.byName) {
    if (lookupParameter(name) || assignments[0].template || !/^[A-Za-z0-9_]+$/.test(name)) continue;
    items.push({ label: name, kind: CompletionItemKind.Variable, detail: `user-defined · line ${assignments[assignments.length - 1].firstLine + 1}` });
  }
  userDefinedCache.set(doc, items);
  return items;
}

function completeRestrictions(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  const items: CompletionItem[] = restrictions.map((r) => {
    const item: CompletionItem = { label: r.name, kind: CompletionItemKind.Keyword, sortText: (r.deprecated ? '1' : '0') + r.name, textEdit: { range, newText: r.name }, data: 'restriction' };
    if (r.deprecated) item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
  for (const name of restrictionClasses(doc)) {
    if (name === at.assignment.name) continue; // a class that names itself loops
    items.push({ label: name, kind: CompletionItemKind.Class, detail: 'restriction class', sortText: '0' + name, textEdit: { range, newText: name } });
  }
  return items;
}

/** What follows `type:` when a map type is inserted; `$n` are snippet tab stops. */
function mapTypeSnippet(info: MapTypeInfo): string {
  switch (info.argument) {
    case 'file':
      return `${info.name}:/etc/postfix/\${1:${info.name === 'cidr' ? 'clients.cidr' : info.name === 'regexp' || info.name === 'pcre' ? `table.${info.name}` : 'table'}}`;
    case 'config':
      return `${info.name}:/etc/postfix/\${1:${info.name}-table}.cf`;
    case 'inline':
      return info.name === 'inline' || info.name === 'randmap' ? `${info.name}:{\${1}}` : `${info.name}:\${1}`;
    case 'server':
      return info.name === 'socketmap' ? `${info.name}:\${1:inet:127.0.0.1:9000}:\${2:name}` : `${info.name}:\${1:127.0.0.1}:\${2:9000}`;
    default:
      return `${info.name}:`;
  }
}

function completeMapTypes(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  // Replacing the type of an existing `type:name` keeps the rest.
  const hasColon = doc.text[at.span.end] === ':';
  return mapTypes.map((info) => {
    const item: CompletionItem = { label: info.name, kind: CompletionItemKind.Module, data: 'mapType', textEdit: { range, newText: info.name } };
    if (hasColon) return item;
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: mapTypeSnippet(info) };
    // proxy:, pipemap: … wrap another table: offer the types again right away.
    if (info.argument === 'map') item.command = { title: 'Suggest a table type', command: 'editor.action.triggerSuggest' };
    return item;
  });
}

function completeOptions(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  const present = new Set(at.assignment.value.items.filter((i) => i !== at.item).map((i) => i.text.toLowerCase()));
  const words = at.info?.values ?? saslSecurityOptions.map((o) => o.name);
  return words
    .filter((word) => !present.has(word.toLowerCase()))
    .map((word) => {
      const sasl = saslSecurityOptions.find((o) => o.name === word);
      const item: CompletionItem = { label: word, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: word } };
      if (sasl) item.documentation = markdown(renderOptionWordDocs(sasl));
      return item;
    });
}

function completeValues(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const info = at.info;
  if (!info) return [];
  const words = info.type === 'boolean' ? ['yes', 'no'] : info.type === 'enum' ? (info.values ?? []) : [];
  if (!words.length) return [];
  const range: Range = doc.lines.rangeOf(at.span);
  // The value Postfix uses when the line is absent, for this file's compatibility level.
  const fallback = (expandValue(doc, levelDefault(doc, info.name) ?? info.default) ?? info.default).trim().toLowerCase();
  return words.map((word, i) => {
    const item: CompletionItem = { label: word, kind: CompletionItemKind.EnumMember, sortText: rankText(i), textEdit: { range, newText: word } };
    if (word.toLowerCase() === fallback) Object.assign(item, { detail: 'default', preselect: true });
    return item;
  });
}
