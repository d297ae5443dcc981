// A lookup table reference, `type:name`, as it appears in map lists and after check_*_access.
import { lookupMapType, mapTypes } from '../data/catalogue';
import type { Finding } from '../findings';
import type { ValueItem } from '../parser/values';
import { closestMatch, type Suggester } from '../suggest';

export const mapTypeNames = () => mapTypes.map((m) => m.name);

/** `type:name` with a known type; `proxy:` and friends wrap another table. `suggest`: the file's bounded did-you-mean. */
export function checkMapItem(item: ValueItem, suggest?: Suggester): Finding[] {
  if (item.template || item.group || item.text.startsWith('$')) return [];
  const colon = item.text.indexOf(':');
  if (colon <= 0) {
    return [{ code: 'unknown-map-type', span: item.span, message: `"${item.text.slice(0, 80)}" is not a lookup table: write it as type:name, for example hash:/etc/postfix/${item.text.replace(/^.*\//, '') || 'table'}.` }];
  }
  const type = item.text.slice(0, colon);
  const info = lookupMapType(type);
  const typeSpan = { start: item.span.start, end: item.span.start + colon };
  if (!info) {
    const guess = suggest ? suggest.suggest(type) : closestMatch(type, mapTypeNames());
    return [{
      code: 'unknown-map-type',
      span: typeSpan,
      message: `Postfix has no lookup table type "${type}".${guess ? ` Did you mean "${guess}"?` : ''}`,
      fix: guess ? { kind: 'replace', span: typeSpan, text: guess, title: `Change to "${guess}"` } : undefined,
    }];
  }
  if (info.argument === 'map') {
    const rest = item.text.slice(colon + 1);
    const inner: ValueItem = { ...item, text: rest, span: { start: item.span.start + colon + 1, end: item.span.end } };
    return rest ? checkMapItem(inner, suggest) : [];
  }
  return [];
}
