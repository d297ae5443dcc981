// main.cf completion: parameter names where a name can start, values by the parameter's type on
// the value side only, and $references. The catalogue's items are built once; a request only adds
// the edit range, so its cost does not grow with the catalogue's docs or the document's size.
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { allParameters, lookupParameter, mapTypes, restrictions, saslSecurityOptions } from '../data/catalogue';
import type { MapTypeInfo, ParameterInfo } from '../data/types';
import type { MainCfDocument } from '../parser/mainCf';
import { parameterDetail, renderMapTypeDocs, renderOptionWordDocs, renderParameterDocs, renderRestrictionDocs } from './docs';
import { locate, restrictionClasses, type MainCfLocation, type ValueLocation } from './locate';

type Base = Omit<CompletionItem, 'textEdit'>;

const markdown = (value: string) => ({ kind: 'markdown' as const, value });

/** Deprecated entries sort after all others. */
function sortKey(name: string, deprecated: boolean): string {
  return (deprecated ? '1' : '0') + name;
}

let parameterItems: Base[] | undefined;
function parameterBases(): Base[] {
  parameterItems ??= allParameters().map((info) => parameterBase(info, CompletionItemKind.Property));
  return parameterItems;
}

let referenceItems: Base[] | undefined;
function referenceBases(): Base[] {
  referenceItems ??= allParameters().map((info) => parameterBase(info, CompletionItemKind.Variable));
  return referenceItems;
}

function parameterBase(info: ParameterInfo, kind: CompletionItemKind): Base {
  const base: Base = {
    label: info.name,
    kind,
    detail: parameterDetail(info),
    documentation: markdown(renderParameterDocs(info)),
    sortText: sortKey(info.name, !!info.deprecated),
  };
  if (info.deprecated) base.tags = [CompletionItemTag.Deprecated];
  return base;
}

let restrictionItems: Base[] | undefined;
function restrictionBases(): Base[] {
  restrictionItems ??= restrictions.map((r) => {
    const base: Base = {
      label: r.name,
      kind: CompletionItemKind.Keyword,
      detail: r.argument === 'map' ? 'restriction · followed by a lookup table' : r.argument === 'domain' ? 'restriction · followed by a domain' : 'restriction',
      documentation: markdown(renderRestrictionDocs(r)),
      sortText: sortKey(r.name, !!r.deprecated),
    };
    if (r.deprecated) base.tags = [CompletionItemTag.Deprecated];
    return base;
  });
  return restrictionItems;
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

let mapTypeItems: Base[] | undefined;
function mapTypeBases(): Base[] {
  mapTypeItems ??= mapTypes.map((m) => ({
    label: m.name,
    kind: CompletionItemKind.Module,
    detail: m.package ? `lookup table type · package ${m.package}` : 'lookup table type',
    documentation: markdown(renderMapTypeDocs(m)),
    sortText: sortKey(m.name, false),
  }));
  return mapTypeItems;
}

export function completeMainCf(doc: MainCfDocument, offset: number): CompletionItem[] {
  const at = locate(doc, offset);
  // The edit must hold the cursor: right before a `$name` there is nothing to complete.
  const cursor = Math.min(Math.max(offset, 0), doc.text.length);
  if ('span' in at && (at.span.start > cursor || at.span.end < cursor) && at.kind !== 'empty') return [];
  switch (at.kind) {
    case 'empty':
    case 'name':
      return completeNames(doc, at);
    case 'reference':
      return completeReferences(doc, at);
    case 'restriction':
      return completeRestrictions(doc, at);
    case 'mapType':
      return completeMapTypes(doc, at);
    case 'option':
      return completeOptions(doc, at);
    case 'value':
      return completeValues(doc, at);
    default:
      return [];
  }
}

function completeNames(doc: MainCfDocument, at: Extract<MainCfLocation, { kind: 'empty' | 'name' }>): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  // Renaming an existing assignment keeps its "= value"; a new line gets "name = ".
  const suffix = at.kind === 'name' && at.assignment ? '' : ' = ';
  return parameterBases().map((base) => ({ ...base, textEdit: { range, newText: base.label + suffix } }));
}

function completeReferences(doc: MainCfDocument, at: Extract<MainCfLocation, { kind: 'reference' }>): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  const closer = at.closed ? '' : at.opener === '{' ? '}' : at.opener === '(' ? ')' : '';
  const items: CompletionItem[] = referenceBases().map((base) => ({ ...base, textEdit: { range, newText: base.label + closer } }));
  for (const base of userDefinedBases(doc)) items.push({ ...base, textEdit: { range, newText: base.label + closer } });
  return items;
}

/** Names this file sets that Postfix does not know; built once per parse. */
const userDefinedCache = new WeakMap<MainCfDocument, Base[]>();
function userDefinedBases(doc: MainCfDocument): Base[] {
  let bases = userDefinedCache.get(doc);
  if (bases) return bases;
  bases = [];
  for (const [name, list] of doc.byName) {
    if (lookupParameter(name) || list[0].template || !/^[A-Za-z0-9_]+$/.test(name)) continue;
    const line = list[list.length - 1].firstLine + 1;
    bases.push({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: `user-defined · line ${line}`,
      documentation: markdown(`**${name}** · user-defined parameter, set on line ${line}.`),
      sortText: sortKey(name, false),
    });
  }
  userDefinedCache.set(doc, bases);
  return bases;
}

function completeRestrictions(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  const items: CompletionItem[] = restrictionBases().map((base) => ({ ...base, textEdit: { range, newText: base.label } }));
  for (const name of restrictionClasses(doc)) {
    if (name === at.assignment.name) continue; // a class that names itself loops
    items.push({
      label: name,
      kind: CompletionItemKind.Class,
      detail: 'restriction class',
      documentation: markdown(`**${name}** · restriction class from \`smtpd_restriction_classes\`.`),
      sortText: sortKey(name, false),
      textEdit: { range, newText: name },
    });
  }
  return items;
}

function completeMapTypes(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const range = doc.lines.rangeOf(at.span);
  // Replacing the type of an existing `type:name` keeps the rest.
  const hasColon = doc.text[at.span.end] === ':';
  return mapTypeBases().map((base, i) => {
    const info = mapTypes[i];
    if (hasColon) return { ...base, textEdit: { range, newText: info.name } };
    const item: CompletionItem = { ...base, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: mapTypeSnippet(info) } };
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
      return {
        label: word,
        kind: CompletionItemKind.EnumMember,
        detail: sasl ? 'SASL security option' : `option of ${at.assignment.name}`,
        documentation: markdown(sasl ? renderOptionWordDocs(sasl) : `${'`'}${word}${'`'}: one of the words **${at.assignment.name}** accepts.`),
        textEdit: { range, newText: word },
      };
    });
}

function completeValues(doc: MainCfDocument, at: ValueLocation): CompletionItem[] {
  const info = at.info;
  if (!info) return [];
  const words = info.type === 'boolean' ? ['yes', 'no'] : info.type === 'enum' ? (info.values ?? []) : [];
  if (!words.length) return [];
  const range: Range = doc.lines.rangeOf(at.span);
  const fallback = info.default.toLowerCase();
  return words.map((word, i) => ({
    label: word,
    kind: CompletionItemKind.EnumMember,
    detail: word.toLowerCase() === fallback ? 'default' : undefined,
    documentation: markdown(`${'`'}${word}${'`'} for **${info.name}**${word.toLowerCase() === fallback ? ' (the default)' : ''}.`),
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: word },
  }));
}
