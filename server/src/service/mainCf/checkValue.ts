// Value checks by parameter type. Shared by main.cf and master.cf `-o` overrides: both hand us the
// parameter's record and its parsed value.
import type { ParameterInfo } from '../data/types';
import type { Finding, FindingFix } from '../findings';
import type { Value } from '../parser/values';
import type { RuleCode } from '../rules';
import { closestMatch } from '../suggest';
import { checkMapItem } from './checkMapItem';
import { checkRestrictionList, type RestrictionContext } from './checkRestrictions';

const SIZE_SUFFIX = /^(\d+)\s*([kKmMgG])[bB]?$/;
const SIZE_FACTOR: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function wholeValue(value: Value): string | undefined {
  // A value built from references or template syntax is judged only where it can be expanded.
  if (value.includes('$') || value.hasTemplate) return undefined;
  return value.text;
}

export function checkParameterValue(info: ParameterInfo, value: Value, restrictionContext: RestrictionContext): Finding[] {
  switch (info.type) {
    case 'boolean':
      return checkScalar(value, /^(yes|no)$/i, 'invalid-boolean', `"${info.name}" takes yes or no`).map((f) => withBooleanFixes(f, value));
    case 'integer':
      return checkScalar(value, /^[-+]?\d+$/, 'invalid-integer', `"${info.name}" takes a whole number`);
    case 'time':
      return checkScalar(value, /^\d+[smhdw]?$/, 'invalid-time', `"${info.name}" takes a time: a number with an optional unit s, m, h, d or w (without one it counts in ${unitName(info.timeUnit)})`);
    case 'size':
      return checkSize(info, value);
    case 'enum':
      return checkEnum(info, value);
    case 'enumlist':
      return checkEnumList(info, value);
    case 'restrictions':
      return checkRestrictionList(info, value, restrictionContext);
    case 'maplist':
      return value.items.flatMap((item) => checkMapItem(item, restrictionContext.suggest?.mapTypes));
    default:
      return [];
  }
}

function unitName(unit: string | undefined): string {
  return { s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' }[unit ?? 's'] ?? 'seconds';
}

function checkScalar(value: Value, pattern: RegExp, code: RuleCode, expectation: string): Finding[] {
  const text = wholeValue(value);
  if (text === undefined || pattern.test(text)) return [];
  const span = text ? value.span : { start: value.span.start, end: value.span.start };
  const shown = text ? `"${text.slice(0, 80)}"` : 'an empty value';
  return [{ code, span, message: `${expectation}, not ${shown}. The daemons that read it stop with a fatal error.` }];
}

/** Words that plainly mean yes or no make that answer the preferred fix; otherwise both are offered. */
const MEANS_YES = /^(true|on|1|y|enabled?)$/i;
const MEANS_NO = /^(false|off|0|n|disabled?|none)$/i;

function withBooleanFixes(finding: Finding, value: Value): Finding {
  const set = (word: 'yes' | 'no'): FindingFix => ({ kind: 'replace', span: value.span, text: word, title: `Change to "${word}"` });
  const text = value.text.trim();
  if (MEANS_YES.test(text)) return { ...finding, fix: set('yes'), choices: [set('no')] };
  if (MEANS_NO.test(text)) return { ...finding, fix: set('no'), choices: [set('yes')] };
  return { ...finding, choices: [set('yes'), set('no')] };
}

function checkSize(info: ParameterInfo, value: Value): Finding[] {
  const text = wholeValue(value);
  if (text === undefined || /^\d+$/.test(text)) return [];
  const m = SIZE_SUFFIX.exec(text);
  if (m) {
    const bytes = String(Number(m[1]) * SIZE_FACTOR[m[2].toLowerCase()]);
    return [{
      code: 'invalid-size',
      span: value.span,
      message: `Postfix has no size suffixes: "${text}" makes the daemons that read "${info.name}" stop with a fatal error. Write the number of bytes, ${bytes}.`,
      fix: { kind: 'replace', span: value.span, text: bytes, title: `Write ${bytes} (bytes)`, safe: true },
    }];
  }
  return checkScalar(value, /^\d+$/, 'invalid-size', `"${info.name}" takes a number of bytes`);
}

function checkEnum(info: ParameterInfo, value: Value): Finding[] {
  const text = wholeValue(value);
  const allowed = info.values ?? [];
  if (text === undefined || text === '' || allowed.some((v) => v.toLowerCase() === text.toLowerCase())) return [];
  const guess = closestMatch(text.toLowerCase(), allowed);
  return [{
    code: 'invalid-enum',
    span: value.span,
    message: `"${info.name}" takes one of ${allowed.join(', ')}, not "${text.slice(0, 80)}".${guess ? ` Did you mean "${guess}"?` : ''}`,
    fix: guess ? { kind: 'replace', span: value.span, text: guess, title: `Change to "${guess}"` } : undefined,
  }];
}

function checkEnumList(info: ParameterInfo, value: Value): Finding[] {
  const allowed = info.values ?? [];
  const findings: Finding[] = [];
  for (const item of value.items) {
    if (item.template || item.text.includes('$')) continue;
    const word = item.text.toLowerCase();
    if (allowed.some((v) => v.toLowerCase() === word)) continue;
    const guess = closestMatch(word, allowed);
    findings.push({
      code: 'unknown-option-word',
      span: item.span,
      message: `"${item.text}" is not an option of "${info.name}", which takes ${allowed.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}`,
      fix: guess ? { kind: 'replace', span: item.span, text: guess, title: `Change to "${guess}"` } : undefined,
    });
  }
  return findings;
}
