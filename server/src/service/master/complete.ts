// master.cf completion: service names, types, y/n/-, wakeup and maxproc, commands, `-o` parameter
// names (inserting `name=`, ranked and cut short as main.cf names are), `-o` values by the parameter's type,
// and the set-up snippets where a line starts.
import { CompletionItemKind, CompletionItemTag, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { lookupParameter, mapTypes, restrictions, saslSecurityOptions } from '../data/catalogue';
import { masterCommands, stockServiceNames } from '../data/masterCommands';
import type { ParameterInfo } from '../data/types';
import { renderMapTypeDocs, renderOptionWordDocs, renderRestrictionDocs } from '../mainCf/docs';
import { matchingNames, rankText } from '../mainCf/rankedNames';
import { isSubsequence, snippetItems, snippetSpan } from '../snippets';
import type { MainCfDocument } from '../parser/mainCf';
import { columnNames } from './parseMasterCf';
import { columns } from './columns';
import { locate, type MasterLocation } from './locate';
import type { MasterCfDocument } from './parseMasterCf';

const markdown = (value: string) => ({ kind: 'markdown' as const, value });

export function completeMasterCf(doc: MasterCfDocument, offset: number, main?: MainCfDocument): CompletionItem[] | CompletionList {
  const at = locate(doc, offset);
  if (at.kind === 'none') return [];
  const range = editRange(doc, at.span, offset);
  switch (at.kind) {
    case 'column':
      return at.index === 0 ? [...serviceNameItems(range), ...snippetsAt(doc, offset)] : columnItems(at.index, range);
    case 'command':
      return masterCommands.map((c) => ({
        label: c.name,
        kind: CompletionItemKind.Function,
        detail: `Postfix daemon · usually ${c.usualType}`,
        documentation: markdown(c.doc),
        textEdit: { range, newText: c.name },
      }));
    case 'optionName':
      return optionNameItems(doc, at, offset, range, main);
    case 'optionValue':
      return optionValueItems(at, range, main);
    case 'argument':
      return [{ label: '-o', kind: CompletionItemKind.Keyword, detail: 'override a main.cf parameter for this service', documentation: markdown(columns.command.doc), textEdit: { range, newText: '-o ' } }];
  }
}

/**
 * LSP wants a completion edit on one line, holding the cursor. A token that runs over several lines (a
 * `{ ... }` value) is replaced only from its start on the cursor's line up to the cursor: the lines
 * after it, such as further -o options, are never touched.
 */
function editRange(doc: MasterCfDocument, span: { start: number; end: number }, offset: number): Range {
  const line = doc.lines.positionAt(offset).line;
  if (doc.lines.positionAt(span.start).line === line && doc.lines.positionAt(span.end).line === line) return doc.lines.rangeOf(span);
  return doc.lines.rangeOf({ start: Math.min(offset, Math.max(span.start, doc.lines.lineStarts[line])), end: offset });
}

/** The set-up snippets, where a line starts with nothing but the word being typed. */
function snippetsAt(doc: MasterCfDocument, offset: number): CompletionItem[] {
  const line = doc.lines.positionAt(offset).line;
  const span = snippetSpan(doc.text, doc.lines.lineStarts[line], doc.lines.lineEnd(line), offset);
  if (!span) return [];
  return snippetItems('postfix-master', doc.text.slice(span.start, offset), doc.lines.rangeOf(span), doc.text.includes('\r\n') ? '\r\n' : '\n');
}

function serviceNameItems(range: Range): CompletionItem[] {
  return stockServiceNames.map((s) => ({
    label: s.name,
    kind: CompletionItemKind.Class,
    detail: `${s.type} · ${s.command}`,
    textEdit: { range, newText: s.name },
  }));
}

function columnItems(index: number, range: Range): CompletionItem[] {
  const info = columns[columnNames[index]];
  return info.values.map((v, i) => ({
    label: v.text,
    kind: CompletionItemKind.EnumMember,
    detail: `${info.name} column`,
    documentation: markdown(v.doc),
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: v.text },
  }));
}

/** Parameter names in completion's order, cut short like main.cf's (documentation comes on resolve). */
function optionNameItems(doc: MasterCfDocument, at: Extract<MasterLocation, { kind: 'optionName' }>, offset: number, range: Range, main: MainCfDocument | undefined): CompletionList {
  const suffix = at.hasEquals ? '' : '=';
  const typed = doc.text.slice(at.span.start, Math.min(offset, at.span.end)).toLowerCase();
  const items: CompletionItem[] = [];
  // The user's own main.cf parameters, such as mua_client_restrictions, are valid -o names too.
  for (const name of main?.byName.keys() ?? []) {
    if (lookupParameter(name) || !/^[A-Za-z0-9_]+$/.test(name) || !isSubsequence(typed, name.toLowerCase())) continue;
    items.push({ label: name, kind: CompletionItemKind.Variable, detail: 'defined in main.cf', sortText: rankText(items.length), textEdit: { range, newText: name + suffix } });
  }
  const { names, complete } = matchingNames(typed);
  for (const { info, tier } of names) {
    const item: CompletionItem = { label: info.name, kind: CompletionItemKind.Property, sortText: rankText(items.length), textEdit: { range, newText: info.name + suffix }, data: 'param' };
    if (tier === 'deprecated') item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  }
  return { isIncomplete: !complete, items };
}

function optionValueItems(at: Extract<MasterLocation, { kind: 'optionValue' }>, range: Range, main: MainCfDocument | undefined): CompletionItem[] {
  const info = lookupParameter(at.name);
  if (!info) return [];
  const item = (label: string, kind: CompletionItemKind, doc?: string, detail?: string): CompletionItem => ({
    label,
    kind,
    detail,
    documentation: doc ? markdown(doc) : undefined,
    textEdit: { range, newText: label },
  });
  switch (info.type) {
    case 'boolean':
      return ['yes', 'no'].map((v) => item(v, CompletionItemKind.Value, undefined, v === info.default ? 'default' : undefined));
    case 'enum':
      return (info.values ?? []).map((v) => item(v, CompletionItemKind.EnumMember, undefined, v === info.default ? 'default' : undefined));
    case 'enumlist':
      return enumListItems(info).map((v) => item(v.name, CompletionItemKind.EnumMember, v.doc));
    case 'restrictions': {
      const items = restrictions.map((r) => item(r.name, CompletionItemKind.Keyword, renderRestrictionDocs(r), 'restriction'));
      const classes = main?.byName.get('smtpd_restriction_classes');
      for (const c of classes?.[classes.length - 1].value.items ?? []) items.push(item(c.text, CompletionItemKind.Variable, undefined, 'restriction class from main.cf'));
      for (const name of main?.byName.keys() ?? []) if (/_restrictions$/.test(name) && !lookupParameter(name)) items.push(item('$' + name, CompletionItemKind.Variable, undefined, 'defined in main.cf'));
      return items;
    }
    case 'maplist':
      return mapTypes.map((m) => item(m.name + ':', CompletionItemKind.Module, renderMapTypeDocs(m), 'lookup table type'));
    default:
      return [];
  }
}

function enumListItems(info: ParameterInfo): Array<{ name: string; doc?: string }> {
  if (/_sasl_(tls_)?security_options$/.test(info.name)) return saslSecurityOptions.map((o) => ({ name: o.name, doc: renderOptionWordDocs(o) }));
  return (info.values ?? []).map((name) => ({ name }));
}
