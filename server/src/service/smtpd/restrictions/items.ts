// The words of one restriction list of a service, each with the place it is written: main.cf's line,
// the master.cf -o override, or no place for Postfix's default. A `$name` inside an item is expanded
// through main.cf and its words keep the item's place; what cannot be expanded stays "unknown".
import { lookupParameter } from '../../data/catalogue';
import type { ParsedFile } from '../../documents';
import { expandValue } from '../../mainCf/expand';
import type { SmtpdService } from '../../instance/services';
import { splitWords } from '../../instance/services';
import type { MainCfDocument } from '../../parser/mainCf';
import type { Span } from '../../text';

export interface ListItem {
  text: string;
  /** The parameter (or restriction class) it is written in. */
  list: string;
  file?: ParsedFile;
  span?: Span;
  /** A template or a reference we cannot expand: it may do anything. */
  unknown?: boolean;
}

export function listItems(service: SmtpdService, main: MainCfDocument | undefined, name: string): ListItem[] {
  const origin = service.origin(name);
  if (!origin.file || !origin.value) {
    // Without main.cf a default that depends on compatibility_level cannot be known.
    const fallback = lookupParameter(name)?.default ?? '';
    if (!main && fallback.includes('$')) return [{ text: fallback, list: name, unknown: true }];
    return splitWords(service.get(name)).map((text) => ({ text, list: name }));
  }
  const out: ListItem[] = [];
  for (const item of origin.value.items) {
    const at = { list: name, file: origin.file, span: item.span };
    if (item.template) out.push({ text: item.text, ...at, unknown: true });
    else if (item.group || !item.text.includes('$')) out.push({ text: item.text, ...at });
    else {
      const expanded = main ? expandValue(main, item.text) : undefined;
      if (expanded === undefined) out.push({ text: item.text, ...at, unknown: true });
      else out.push(...groupAwareWords(expanded).map((text) => ({ text, ...at })));
    }
  }
  return out;
}

/** Words split as Postfix splits a list: blanks and commas, with `{ ... }` kept whole. */
function groupAwareWords(text: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let word = '';
  for (const ch of text) {
    if (depth === 0 && /[\s,]/.test(ch)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    word += ch;
  }
  if (word) words.push(word);
  return words;
}
