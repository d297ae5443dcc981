// Markdown for the knowledge base's entries, shared by completion (documentation) and hover.
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

export function renderParameterDocs(info: ParameterInfo): string {
  const parts: string[] = [`**${info.name}** · ${typeLabel(info)}`];
  if (info.deprecated) parts.push(deprecationText(info.deprecated));
  if (info.doc) parts.push(info.doc);
  const facts = [`Default: ${defaultText(info)}`];
  if (info.values?.length) facts.push(`Values: ${info.values.map(code).join(', ')}`);
  if (info.since) facts.push(`Since Postfix ${info.since}`);
  if (info.readOnly) facts.push('Set by Postfix itself: assignments are ignored.');
  parts.push(facts.join('  \n'));
  if (info.security) parts.push(`**Security:** ${info.security}`);
  if (info.related?.length) parts.push(['Related:', ...info.related.map((r) => `- ${code(r)}`)].join('\n'));
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
