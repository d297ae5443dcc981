// master.cf hover: what a column means (and what `-` stands for there), what a command does, and
// the catalogue's docs for `-o` parameter names and restriction words in `-o` values.
import type { Hover } from 'vscode-languageserver-types';
import { lookupParameter, lookupRestriction, lookupServiceFamily } from '../data/catalogue';
import { lookupMasterCommand, type MasterServiceType } from '../data/masterCommands';
import { unsetCompatibilityLevel, type CompatibilityDefault } from '../data/compatibilityDefaults';
import { compatibilityDefault, compatibilityLevel, defaultAtLevel } from '../mainCf/compatibility';
import { code, renderParameterDocs, renderRestrictionDocs, renderServiceFamilyDocs } from '../mainCf/docs';
import type { MainCfDocument } from '../parser/mainCf';
import { columns, serviceTypeDocs } from './columns';
import { columnNames, type MasterCfDocument, type MasterOverride, type MasterService, type MasterToken } from './parseMasterCf';

export function hoverMasterCf(doc: MasterCfDocument, offset: number, main?: MainCfDocument): Hover | null {
  const service = doc.services.find((s) => s.span.start <= offset && offset <= s.span.end);
  if (!service) return null;
  const index = service.tokens.findIndex((t) => t.span.start <= offset && offset < t.span.end);
  if (index === -1) return null;
  const token = service.tokens[index];
  const value = index < 7 ? columnHover(service, index, token, main) : index === 7 ? commandHover(token) : argumentHover(service, token, offset, main);
  return value ? { contents: { kind: 'markdown', value }, range: doc.lines.rangeOf(token.span) } : null;
}

function columnHover(service: MasterService, index: number, token: MasterToken, main: MainCfDocument | undefined): string {
  const info = columns[columnNames[index]];
  const parts = [`**${info.name}** column`, info.doc];
  const levels = info.name === 'chroot' && token.text === '-' ? compatibilityDefault('chroot') : undefined;
  if (levels) parts.push(`Here ${code('-')} means: ${code(chrootDash(levels, main))}. ${info.dash}.`);
  else if (token.text === '-' && info.dash) parts.push(`Here ${code('-')} means: ${info.dash}.`);
  else if (info.name === 'type' && token.text in serviceTypeDocs) parts.push(`${code(token.text)}: ${serviceTypeDocs[token.text as MasterServiceType]}`);
  else if (info.name === 'service') parts.push(serviceNameText(service));
  else {
    const meaning = info.values.find((v) => v.text === token.text);
    if (meaning) parts.push(`${code(token.text)}: ${meaning.doc}`);
  }
  return parts.join('\n\n');
}

/** What `-` in the chroot column is at the instance's compatibility level (main.cf's, or 0 without one). */
function chrootDash(levels: CompatibilityDefault, main: MainCfDocument | undefined): string {
  const { level } = main ? compatibilityLevel(main) : { level: unsetCompatibilityLevel };
  return `${defaultAtLevel(levels, level)}, at compatibility level ${level}`;
}

function serviceNameText(service: MasterService): string {
  if (service.type !== 'inet') return `Socket and transport name ${code(service.name)}.`;
  const where = service.host === undefined ? 'all addresses in inet_interfaces' : service.listensOnLoopbackOnly ? `${code(service.host)} (loopback only: not reachable from other hosts)` : code(service.host);
  return `Listens on ${where}, port ${code(service.bareName)}.`;
}

function commandHover(token: MasterToken): string {
  const info = lookupMasterCommand(token.text);
  if (!info) return `**${token.text}** · command\n\n${columns.command.doc}`;
  const types = [info.usualType, ...(info.otherTypes ?? [])].map(code).join(', ');
  return [`**${info.name}** · Postfix daemon`, info.doc, `Runs as: ${types}${info.since ? `  \nSince Postfix ${info.since}` : ''}`].join('\n\n');
}

function argumentHover(service: MasterService, token: MasterToken, offset: number, main: MainCfDocument | undefined): string | undefined {
  if (token.text === '-o') return columns.command.doc;
  const override = service.overrides.find((o) => o.span.start <= offset && offset <= o.span.end);
  if (!override) return undefined;
  if (offset >= override.nameSpan.start && offset <= override.nameSpan.end) return nameDocs(override, service, main);
  const item = override.value.items.find((i) => i.span.start <= offset && offset <= i.span.end);
  const restriction = item && lookupRestriction(item.text);
  if (restriction && lookupParameter(override.name)?.type === 'restrictions') return renderRestrictionDocs(restriction);
  return nameDocs(override, service, main);
}

function nameDocs(override: MasterOverride, service: MasterService, main: MainCfDocument | undefined): string {
  const note = `Set for the ${code(service.name)} service only; this overrides main.cf.`;
  const info = lookupParameter(override.name);
  if (info) return `${renderParameterDocs(info)}\n\n${note}`;
  const family = lookupServiceFamily(override.name);
  if (family) return `${renderServiceFamilyDocs(override.name, family.service, family.family)}\n\n${note}`;
  const defined = main?.byName.get(override.name);
  if (defined) return `**${override.name}** · your own parameter, set in main.cf on line ${defined[defined.length - 1].firstLine + 1}.\n\n${note}`;
  return `**${override.name}** · not a Postfix parameter. It has an effect only where some value refers to it as ${code('$' + override.name)}.`;
}
