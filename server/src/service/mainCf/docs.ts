// Markdown for the knowledge base's entries, shared by completion (documentation) and hover.
import type { CompatibilityDefault } from '../data/compatibilityDefaults';
import { compatibilityDefault } from './compatibility';
import { compareLevels } from './expand';
import type { Deprecation, MapTypeInfo, OptionWordInfo, ParameterInfo, RestrictionInfo, ServiceParameterFamily, ValueType } from '../data/types';

const TIME_UNITS: Record<string, string> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };

const TYPE_LABELS: Record<ValueType, string> = {
  boolean: 'yes/no',
  integer: 'number',
  time: 'time',
  size: 'size in bytes',
  list: 'list',
  maplist: 'lookup tables',
  restrictions: 'restriction list',
  enum: 'one of a fixed set',
  enumlist: 'option words',
  string: 'text',
  path: 'path',
};

/** Short type label, e.g. "time (unit: seconds)". */
export function typeLabel(info: Pick<ParameterInfo, 'type' | 'timeUnit'>): string {
  const label = TYPE_LABELS[info.type] ?? info.type;
  return info.type === 'time' && info.timeUnit ? `${label} (default unit: ${TIME_UNITS[info.timeUnit] ?? info.timeUnit})` : label;
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** How the default reads: the value, the computed-default note, or "empty". */
export function defaultText(info: Pick<ParameterInfo, 'default' | 'defaultNote'>): string {
  if (info.defaultNote) return info.default ? `${code(info.default)} (${info.defaultNote})` : info.defaultNote;
  return info.default === '' ? 'empty' : code(shorten(info.default, 200));
}

export function deprecationText(dep: Deprecation): string {
  const when = dep.removed ? `Removed in Postfix ${dep.removed}` : `Deprecated${dep.since ? ` since Postfix ${dep.since}` : ''}`;
  const instead = dep.replacement ? `: use ${/^[a-z0-9_]+$/.test(dep.replacement) ? code(dep.replacement) : dep.replacement} instead.` : '.';
  return `**${when}**${instead}`;
}

/** What a file adds to a parameter's docs: the default for its compatibility level, links to related names. */
export interface ParameterDocsContext {
  /** Markdown replacing the "Default:" line. */
  defaultLine?: string;
  /** Markdown for a related parameter's name. */
  relatedLink?: (name: string) => string;
}

/** A value as inline code, or "empty". */
export function valueText(value: string): string {
  return value === '' ? 'empty' : code(value);
}

/** Postfix 3.11's level-3.11 defaults only exist from that release on. */
function releaseNote(entry: CompatibilityDefault): string {
  return compareLevels(entry.postfix, '3.0') > 0 ? ` (Postfix ${entry.postfix} and later)` : '';
}

/** "Default: `subnet` below compatibility level 2, `host` from level 2 on." without a file to decide. */
export function levelDefaultsLine(entry: CompatibilityDefault): string {
  return `Default: ${valueText(entry.before)} below compatibility level ${entry.level}, ${valueText(entry.from)} from level ${entry.level} on${releaseNote(entry)}`;
}

/** The default that applies at `level`, and the other one. */
export function levelDefaultLine(entry: CompatibilityDefault, level: string, levelSource: string): string {
  const below = compareLevels(level, entry.level) < 0;
  const applies = below ? valueText(entry.before) : valueText(entry.from) + releaseNote(entry);
  const other = below ? `from level ${entry.level} on${releaseNote(entry)}: ${valueText(entry.from)}` : `below level ${entry.level}: ${valueText(entry.before)}`;
  return `Default at compatibility level ${level} (${levelSource}): ${applies}  \nDefault ${other}`;
}

/** A link to Postfix's own documentation of a parameter. */
export function postconfLink(name: string): string {
  return `[${name}](https://www.postfix.org/postconf.5.html#${name})`;
}

export function renderParameterDocs(info: ParameterInfo, context: ParameterDocsContext = {}): string {
  const parts: string[] = [`**${info.name}** · ${typeLabel(info)}`];
  if (info.deprecated) parts.push(deprecationText(info.deprecated));
  if (info.doc) parts.push(info.doc);
  const levels = compatibilityDefault(info.name);
  const facts = [context.defaultLine ?? (levels ? levelDefaultsLine(levels) : `Default: ${defaultText(info)}`)];
  if (info.values?.length) facts.push(`Values: ${info.values.map(code).join(', ')}`);
  if (info.since) facts.push(`Since Postfix ${info.since}`);
  if (info.readOnly) facts.push('Set by Postfix itself: assignments are ignored.');
  parts.push(facts.join('  \n'));
  if (info.security) parts.push(`**Security:** ${info.security}`);
  const link = context.relatedLink ?? postconfLink;
  if (info.related?.length) parts.push(['Related:', ...info.related.map((r) => `- ${link(r)}`)].join('\n'));
  return parts.join('\n\n');
}

export function renderRestrictionDocs(info: RestrictionInfo): string {
  const parts = [`**${info.name}** · restriction`];
  if (info.deprecated) parts.push(deprecationText(info.deprecated));
  parts.push(info.doc);
  const facts: string[] = [];
  if (info.argument === 'map') facts.push('Followed by a lookup table (`type:name`).');
  else if (info.argument === 'domain') facts.push('Followed by a DNS list domain.');
  else if (info.argument === 'text') facts.push('Followed by an argument.');
  if (!info.contexts.includes('generic')) facts.push(`Works in the ${info.contexts.join(', ')} stages.`);
  if (info.since) facts.push(`Since Postfix ${info.since}`);
  if (facts.length) parts.push(facts.join('  \n'));
  return parts.join('\n\n');
}

export function renderMapTypeDocs(info: MapTypeInfo): string {
  const parts = [`**${info.name}:** · lookup table type`, info.doc];
  if (info.package) parts.push(`Not built in everywhere: on Debian it comes with the ${code(info.package)} package (\`postconf -m\` lists the types available).`);
  return parts.join('\n\n');
}

export function renderOptionWordDocs(info: OptionWordInfo): string {
  return `**${info.name}** · SASL security option\n\n${info.doc}`;
}

export function renderServiceFamilyDocs(name: string, service: string, family: ServiceParameterFamily): string {
  const parts = [`**${name}** · ${typeLabel(family)}`];
  if (family.doc) parts.push(family.doc);
  parts.push(`Applies to the master.cf service ${code(service)} only; where it is not set, ${code(family.fallback)} applies.${family.since ? `  \nSince Postfix ${family.since}` : ''}`);
  return parts.join('\n\n');
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
