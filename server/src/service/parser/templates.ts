// Template syntax that configuration generators put into Postfix files (Jinja, ERB, installer
// placeholders). It is opaque to us: never reported as a Postfix error.

/** Pieces of template syntax inside a line of text. Postfix itself writes `${{` and `regexp:{{…}}`, so
 * a Jinja expression must not follow `$`, nor follow `:` without a blank inside. Expressions are
 * bounded to 200 characters: an unbounded `.*?` retried after each of thousands of unclosed openers
 * on one line takes quadratic time (minutes for a 1 MB line). */
const INLINE_TEMPLATE = /(?<![$:])\{\{-?\s*[A-Za-z_('"][^}]{0,200}?\}\}|(?<=:)\{\{-?\s+[A-Za-z_('"][^}]{0,200}?\}\}|\{%.{0,200}?%\}|\{#.{0,200}?#\}|<%.{0,200}?%>|%\{[A-Za-z_][\w.]*\}|(?<![\w%])%[a-z][a-z0-9_]*\b|@@[A-Z][A-Z0-9_]*@@|\bPH_[A-Z0-9_]+\b/g;

/** A whole line that is a template statement (`{% if %}`, `{# note #}`, `<% end %>`). */
const STATEMENT_LINE = /^\s*(\{%.*%\}|\{#.*#\}|<%.*%>)\s*$/;

export function isTemplateStatementLine(line: string): boolean {
  return line.length < 10_000 && STATEMENT_LINE.test(line);
}

/** Spans [start, end) of template syntax inside `text`. */
export function templateSpans(text: string): Array<[number, number]> {
  if (!mayContainTemplate(text)) return [];
  const spans: Array<[number, number]> = [];
  INLINE_TEMPLATE.lastIndex = 0;
  for (let m = INLINE_TEMPLATE.exec(text); m; m = INLINE_TEMPLATE.exec(text)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** Real template openers only; a lone `%` or `{` (common in Postfix values) does not count. */
const TEMPLATE_OPENER = /\{\{|\{%|\{#|<%|%\{|(?<![\w%])%[a-z]|@@|PH_/g;
/** After `:`, `{{` opens Jinja only when a blank follows (as in INLINE_TEMPLATE). */
const JINJA_AFTER_COLON = /^\{\{-?\s/;

/** Cheap test before running the full regular expression on every line. Postfix's own `${{...}}` and
 * `regexp:{{...}}`, which a file of defaults holds, are not template openers. (A lookbehind at the
 * front of the pattern would cost the fast scan for the first character: 25 times slower.) */
export function mayContainTemplate(text: string): boolean {
  TEMPLATE_OPENER.lastIndex = 0;
  for (let m = TEMPLATE_OPENER.exec(text); m; m = TEMPLATE_OPENER.exec(text)) {
    if (m[0] !== '{{') return true;
    const before = text.charCodeAt(m.index - 1);
    if (before === 36) continue; // ${{
    if (before === 58 && !JINJA_AFTER_COLON.test(text.slice(m.index, m.index + 4))) continue; // regexp:{{
    return true;
  }
  return false;
}

/** Installer prefix such as `%{dovecot_enabled}` at the start of a line, replaced by "" or "#". */
export function linePrefixTemplate(line: string): number {
  const m = /^%\{[A-Za-z_][\w.]*\}/.exec(line);
  return m ? m[0].length : 0;
}
