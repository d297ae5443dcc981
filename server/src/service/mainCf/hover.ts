// main.cf hover: docs for names, references, restrictions, option words, map types and fixed
// values, with the value Postfix ends up using in this file.
import type { Hover } from 'vscode-languageserver-types';
import { defaultForVersion, lookupMapType, lookupParameter, lookupRestriction, lookupServiceFamily, postfixVersion as newestVersion, saslSecurityOptions } from '../data/catalogue';
import { defaultHistory } from '../data/defaultHistory';
import { compatibilityDefaults, type CompatibilityDefault } from '../data/compatibilityDefaults';
import type { ParameterInfo } from '../data/types';
import type { MainCfDocument } from '../parser/mainCf';
import type { Span } from '../text';
import { compatibilityLevel, levelDefault, levelEntry } from './compatibility';
import { code, levelDefaultLine, postconfLink, valueText, renderMapTypeDocs, renderOptionWordDocs, renderParameterDocs, renderRestrictionDocs, renderServiceFamilyDocs, type ParameterDocsContext } from './docs';
import { compareLevels, effectiveValue, expandValue } from './expand';
import { locate, restrictionClasses, type ValueLocation } from './locate';

const MAX_SHOWN = 300;
const MAX_LINES_LISTED = 10;

/** `uri` is the file's own: related names set in it link to their line. Defaults are those of Postfix `version` (undefined: the newest). */
export function hoverMainCf(doc: MainCfDocument, offset: number, uri: string, version?: string): Hover | null {
  const at = locate(doc, offset);
  switch (at.kind) {
    case 'name':
      return at.word ? result(doc, at.span, nameHover(doc, at.word, uri, version)) : null;
    case 'reference':
      return at.name ? result(doc, at.referenceSpan, referenceHover(doc, at.name, uri, version)) : null;
    case 'restriction':
      return at.word ? result(doc, at.span, restrictionHover(doc, at.word)) : null;
    case 'option': {
      const option = saslSecurityOptions.find((o) => o.name === at.word.toLowerCase());
      if (option) return result(doc, at.span, renderOptionWordDocs(option));
      return at.info?.values?.includes(at.word) ? result(doc, at.span, `${code(at.word)} · one of the words **${at.info.name}** accepts: ${at.info.values.map(code).join(', ')}.`) : null;
    }
    case 'mapType': {
      const info = lookupMapType(at.word);
      return info ? result(doc, at.span, renderMapTypeDocs(info)) : null;
    }
    case 'value':
      return at.word ? result(doc, at.span, valueHover(at)) : null;
    default:
      return null;
  }
}

function result(doc: MainCfDocument, span: Span, markdown: string | undefined): Hover | null {
  if (!markdown) return null;
  return { contents: { kind: 'markdown', value: markdown }, range: doc.lines.rangeOf(span) };
}

function nameHover(doc: MainCfDocument, name: string, uri: string, version: string | undefined): string {
  const info = lookupParameter(name);
  if (info) return [renderParameterDocs(info, fileContext(doc, name, uri, version)), valueSummary(doc, name, version), ...(name === 'compatibility_level' ? [oldDefaults(doc)] : [])].join('\n\n');
  const family = lookupServiceFamily(name);
  if (family) return `${renderServiceFamilyDocs(name, family.service, family.family)}\n\n${valueSummary(doc, name, version)}`;
  return userDefinedHover(doc, name, version);
}

/** A default that changed between releases: the target's, and the releases where it changed. */
function versionDefaultLine(name: string, version: string | undefined): string | undefined {
  const history = defaultHistory[name];
  if (!history) return undefined;
  const changes = history.map(([since, value]) => `${valueText(value)} from ${since}`).join(', ');
  return `Default in Postfix ${version ?? newestVersion}: ${valueText(defaultForVersion(name, version) ?? '')} (by release: ${changes})`;
}

/** The default for this file's compatibility level and target release; related names link to their line here, else to Postfix's docs. */
function fileContext(doc: MainCfDocument, name: string, uri: string, version: string | undefined): ParameterDocsContext {
  const entry = levelEntry(name, version);
  const context: ParameterDocsContext = {
    relatedLink: (related) => {
      const list = doc.byName.get(related);
      return list ? `[${related}](${uri}#L${list[list.length - 1].firstLine + 1})` : postconfLink(related);
    },
  };
  if (entry) {
    const { level, set } = compatibilityLevel(doc);
    const list = doc.byName.get('compatibility_level');
    const source = set && list ? `set on line ${list[list.length - 1].firstLine + 1}` : 'Postfix\'s own, as `compatibility_level` is not set';
    context.defaultLine = levelDefaultLine(entry, level, source);
  } else {
    const line = versionDefaultLine(name, version);
    if (line) context.defaultLine = line;
  }
  return context;
}

/** For compatibility_level itself: the defaults still at their old values at this file's level. */
function oldDefaults(doc: MainCfDocument): string {
  const { level } = compatibilityLevel(doc);
  const old = compatibilityDefaults.filter((d) => compareLevels(level, d.level) < 0);
  if (!old.length) return `At level ${level} every level-dependent default has its new value.`;
  const where = (d: CompatibilityDefault) => (d.name === 'chroot' ? `${code('-')} in master.cf's chroot column` : code(d.name));
  return [`Old defaults in effect at level ${level}, where not set:`, ...old.map((d) => `- ${where(d)}: ${valueText(d.before)} (${valueText(d.from)} from level ${d.level})`)].join('\n');
}

function referenceHover(doc: MainCfDocument, name: string, uri: string, version: string | undefined): string {
  if (lookupParameter(name) || lookupServiceFamily(name)) return nameHover(doc, name, uri, version);
  if (doc.byName.has(name)) return userDefinedHover(doc, name, version);
  return `${code('$' + name)} is not defined: Postfix knows no parameter of that name and this file does not set it, so it expands to an empty value (unless Postfix fills it in at run time, as in some delivery and reply texts).`;
}

function userDefinedHover(doc: MainCfDocument, name: string, version: string | undefined): string {
  const parts = [`**${name}** · user-defined parameter`];
  if (restrictionClasses(doc).has(name)) parts.push('A restriction class listed in `smtpd_restriction_classes`: use its name in a restriction list to apply the restrictions in its value.');
  const lines = referenceLines(doc, name);
  if (lines.length) {
    const shown = lines.slice(0, MAX_LINES_LISTED).join(', ') + (lines.length > MAX_LINES_LISTED ? ', …' : '');
    parts.push(`Not a Postfix parameter: this file defines it for its own use. Referenced as ${code('$' + name)} on line${lines.length > 1 ? 's' : ''} ${shown}.`);
  } else {
    parts.push(`Not a Postfix parameter, and nothing in this file refers to it as ${code('$' + name)}: Postfix ignores it unless another file (master.cf) uses it.`);
  }
  if (doc.byName.has(name)) parts.push(valueSummary(doc, name, version));
  return parts.join('\n\n');
}

function restrictionHover(doc: MainCfDocument, word: string): string | undefined {
  const info = lookupRestriction(word);
  if (info) return renderRestrictionDocs(info);
  if (restrictionClasses(doc).has(word)) {
    const list = doc.byName.get(word);
    const where = list ? `, defined on line ${list[list.length - 1].firstLine + 1}` : ', but no value is set for it in this file';
    return `**${word}** · restriction class\n\nA group of restrictions named in \`smtpd_restriction_classes\`${where}.${list ? `\n\nRestrictions: ${code(shorten(list[list.length - 1].value.text))}` : ''}`;
  }
  return undefined;
}

function valueHover(at: ValueLocation): string | undefined {
  const info = at.info;
  if (!info) return undefined;
  const word = at.word;
  if (info.type === 'boolean') {
    const lower = word.toLowerCase();
    if (lower !== 'yes' && lower !== 'no') return undefined;
    return `${code(word)} · turns **${info.name}** ${lower === 'yes' ? 'on' : 'off'}${fallbackNote(info, lower)}.`;
  }
  if (info.type === 'enum' && info.values?.includes(word)) {
    return `${code(word)} · one of the values of **${info.name}**: ${info.values.map(code).join(', ')}${fallbackNote(info, word)}.`;
  }
  return undefined;
}

function fallbackNote(info: ParameterInfo, word: string): string {
  return info.default.toLowerCase() === word.toLowerCase() ? ' (the default)' : '';
}

/** Where the value comes from and what it expands to. */
function valueSummary(doc: MainCfDocument, name: string, version: string | undefined): string {
  const list = doc.byName.get(name);
  const source = list ? `set on line ${list[list.length - 1].firstLine + 1}` : 'from the default';
  const levelValue = list ? undefined : levelDefault(doc, name, version);
  const options = { postfixVersion: version };
  const expanded = levelValue === undefined ? effectiveValue(doc, name, options) : expandValue(doc, levelValue, options);
  if (expanded === undefined) {
    return list || lookupParameter(name)?.default !== undefined
      ? `Effective value: could not be expanded, the references loop or nest too deeply (${source}).`
      : 'Effective value: not known.';
  }
  const shown = expanded.trim() === '' ? 'empty' : code(shorten(expanded.replace(/\s+/g, ' ').trim()));
  return `Effective value: ${shown} (${source})`;
}

/** 1-based lines on which `$name`, `${name…}` or `$(name)` appear outside comments. */
function referenceLines(doc: MainCfDocument, name: string): number[] {
  const text = doc.text;
  const lines: number[] = [];
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    if (isNameChar(text.charCodeAt(at + name.length))) continue;
    let dollar = at - 1;
    if (text[dollar] === '{' || text[dollar] === '(') dollar--;
    if (text[dollar] !== '$') continue;
    let run = 0;
    while (text[dollar - run] === '$') run++;
    if (run % 2 === 0) continue; // `$$name` is a literal dollar followed by text
    const line = doc.lines.positionAt(dollar).line;
    if (!isCommentLine(doc, line) && lines[lines.length - 1] !== line + 1) lines.push(line + 1);
  }
  return lines;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isCommentLine(doc: MainCfDocument, line: number): boolean {
  return /^[ \t\f\v\ufeff]*#/.test(doc.lines.lineText(line));
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN - 1) + '…' : text;
}
