// The terminal sink. Server text (banner, EHLO, replies, certificate fields) may hold escape sequences that
// clear the screen, move the cursor or rewrite the verdict line, and line breaks or bidirectional
// overrides that make a forged line look like ours. Every such character is shown as an escape instead.

/**
 * Characters that change how the text around them reads without showing themselves: the bidirectional
 * marks, embeddings, overrides and isolates, and the zero-width and invisible ones (soft hyphen,
 * Mongolian vowel separator, zero-width space/joiners, word joiner and invisible operators, BOM), which
 * can split a word such as PASS so that a search or a reader misses it.
 */
export const HIDDEN_CHARACTERS = '\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff';
/** C0 and C1 controls, DEL, line/paragraph separators, and the hidden characters. */
const UNSAFE = new RegExp(`[\u0000-\u001f\u007f-\u009f\u2028\u2029${HIDDEN_CHARACTERS}]`, 'g');
/** The same without C0, which JSON.stringify escapes itself (and uses, as line breaks, between values). */
const UNSAFE_IN_JSON = new RegExp(`[\u007f-\u009f\u2028\u2029${HIDDEN_CHARACTERS}]`, 'g');

const visible = (c: string) => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
};

/** One line of text with every control character visible; a line break inside it becomes ` ⏎ `. */
export function forTerminal(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ').replace(UNSAFE, visible);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls; DEL, C1 and the bidirectional marks it
 * leaves raw, so they get `\uXXXX` escapes too (they occur only inside strings, so the JSON stays valid).
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
