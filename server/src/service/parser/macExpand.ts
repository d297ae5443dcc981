// Postfix's $name expansion (mac_parse + mac_expand in src/util), step for step, so that our verdict
// and value agree with `postconf -x`. Two modes, as in Postfix:
// - 'scan' walks every branch and evaluates nothing (what postconf does to find parameter names and
//   warn about syntax);
// - 'expand' evaluates, follows only the branch taken, and expands looked-up values again (as the
//   daemons and `postconf -x` do). An error in a branch not taken goes unseen there, as in Postfix.
// Positions are indices into the text that was given; errors inside a looked-up value say which name.

/** How an expression names a parameter. */
export type ReferenceKind = 'plain' | 'braced' | 'conditional' | 'comparison';

export interface MacReference {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  kind: ReferenceKind;
}

export interface MacError {
  start: number;
  end: number;
  message: string;
  /** The parameter whose value holds the error, when it is not the text given. */
  inValueOf?: string;
}

export interface MacOptions {
  mode: 'scan' | 'expand';
  /** A parameter's raw value, or undefined when Postfix knows no value for it (expand mode). */
  lookup?: (name: string) => string | undefined;
  /** Called for each name found in the text given (not in looked-up values). */
  onReference?: (ref: MacReference) => void;
  /** Names whose looked-up value is inserted as it is, not expanded again (Postfix 3.12's raw parameters). */
  dontExpand?: (name: string) => boolean;
  /** `${name{text}}` calls a function (domain_to_ascii, domain_to_utf8) from Postfix 3.11 on; before, it is a syntax error. */
  functions?: boolean;
}

export interface MacResult {
  /** The expansion; undefined in scan mode, on error, or when it cannot be computed here. */
  value: string | undefined;
  error?: MacError;
  /** Names that were expanded but have no value (Postfix warns "undefined parameter"). */
  undefinedNames: string[];
}

const OPERATOR_CHARS = '<>!=?+-*/~&|%';
const OPERATORS = new Set(['==', '!=', '<', '<=', '>=', '>']);
/** Postfix stops at callback nesting deeper than this. */
const MAX_LEVEL = 100;
/** Our own stop for what Postfix recurses into without a limit (comparison operands reset its level). */
const MAX_NESTING = 250;
/** Work past which we give up computing (values that double at each level); Postfix would go on. */
const BASE_BUDGET = 200_000;
const MAX_OUTPUT = 1_000_000;

const FUNCTIONS = new Set(['domain_to_ascii', 'domain_to_utf8']);

function isNameChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const n = c.charCodeAt(0);
  return (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || n === 95;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

class Stop extends Error {}

/** One piece of text being parsed: a source string and the range [from, to) of it. */
interface Source {
  text: string;
  /** Undefined for the text given; else the parameter whose value this is. */
  owner?: string;
  /** For each `{` or `(`, the index of the bracket that closes it (-1 when none); made on first use. */
  closers?: Int32Array;
}

/** Every bracket's partner in one pass, so that deep nesting costs no rescans. Postfix counts `{}` and `()` apart. */
function closers(src: Source): Int32Array {
  if (src.closers) return src.closers;
  const text = src.text;
  const out = new Int32Array(text.length).fill(-1);
  const braces: number[] = [];
  const parens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) braces.push(i);
    else if (c === 40) parens.push(i);
    else if (c === 125 && braces.length) out[braces.pop()!] = i;
    else if (c === 41 && parens.length) out[parens.pop()!] = i;
  }
  src.closers = out;
  return out;
}

/** The bracket that closes the one at `open` before `to`, or -1. */
function closeBefore(src: Source, open: number, to: number): number {
  const close = closers(src)[open];
  return close !== -1 && close < to ? close : -1;
}

class Expander {
  out = '';
  level = 0;
  /** Like level, but not reset for comparison operands: bounds our own recursion. */
  nesting = 0;
  calls = 0;
  error?: MacError;
  cannotCompute = false;
  undefinedNames: string[] = [];

  private readonly budget: number;

  constructor(private readonly options: MacOptions, textLength: number) {
    this.budget = BASE_BUDGET + 2 * textLength;
  }

  get scan(): boolean {
    return this.options.mode === 'scan';
  }

  fail(src: Source, start: number, end: number, message: string): never {
    this.error = { start, end, message, ...(src.owner !== undefined ? { inValueOf: src.owner } : {}) };
    throw new Stop();
  }

  private skipSpace(src: Source, i: number, to: number): number {
    while (i < to && isSpace(src.text[i])) i++;
    return i;
  }

  emit(text: string): void {
    if (this.scan) return;
    this.out += text;
    if (this.out.length > MAX_OUTPUT) {
      this.cannotCompute = true;
      throw new Stop();
    }
  }

  /** mac_parse: literal text, `$$`, `$name`, `${...}` and `$(...)`. */
  parse(src: Source, from: number, to: number): void {
    const text = src.text;
    const keep = !this.scan; // a scan writes nothing: no literal text to collect
    let literal = '';
    let i = from;
    while (i < to) {
      const dollar = text.indexOf('$', i);
      if (dollar === -1 || dollar >= to) {
        if (keep) literal += text.slice(i, to);
        break;
      }
      if (keep) literal += text.slice(i, dollar);
      if (dollar + 1 < to && text[dollar + 1] === '$') {
        if (keep) literal += '$';
        i = dollar + 2;
        continue;
      }
      if (literal) this.literal(literal);
      literal = '';
      let start = dollar + 1;
      let end: number;
      const open = start < to ? text[start] : '';
      if (open === '{' || open === '(') {
        const close = closeBefore(src, start, to);
        if (close === -1) this.fail(src, dollar, to, `"${open}" after "$" is never closed`);
        start += 1;
        end = close;
        i = close + 1;
      } else {
        end = start;
        while (end < to && isNameChar(text[end])) end++;
        i = end;
      }
      if (end === start) this.fail(src, dollar, i, open === '{' || open === '(' ? `empty name in "$${open}${open === '{' ? '}' : ')'}"` : 'a "$" must be followed by a name, "{", "(" or another "$" (write "$$" for a dollar sign)');
      this.nesting++;
      this.expression(src, start, end, dollar, i, open === '{' || open === '(');
      this.nesting--;
    }
    if (literal) this.literal(literal);
  }

  private enter(src: Source, start: number, end: number): void {
    if (++this.calls > this.budget) {
      this.cannotCompute = true;
      throw new Stop();
    }
    if (this.nesting > MAX_NESTING) this.fail(src, start, end, 'expansion nested too deep (a parameter that refers to itself?)');
    if (this.level++ > MAX_LEVEL) this.fail(src, start, end, 'expansion nested more than 100 deep (a parameter that refers to itself?)');
  }

  private literal(text: string): void {
    this.emit(text);
  }

  /** mac_expand_callback for an expression: the text between `${` and `}` (or the bare name of `$name`). */
  private expression(src: Source, a: number, b: number, dollar: number, after: number, bracketed: boolean): void {
    this.enter(src, dollar, after);
    const text = src.text;
    let cp = a;
    let op = '';
    let value: string | undefined;
    if (!bracketed) {
      // $name: mac_parse took only name characters.
      this.plainName(src, a, b, dollar);
      return;
    }
    const first = this.skipSpace(src, cp, b);
    const comparison = first < b && text[first] === '{';
    if (comparison) {
      const rel = this.relational(src, first, b);
      value = rel.value;
      cp = rel.cp;
      if (cp < b) {
        if (text[cp] !== '?' && text[cp] !== ':') this.fail(src, cp, b, 'expected "?" or ":" after the comparison');
        op = text[cp++];
      }
    } else {
      const start = first;
      cp = start;
      let nameEnd: number;
      for (;;) {
        const k = this.skipSpace(src, cp, b);
        if (k >= b) {
          nameEnd = cp;
          cp = b;
          break;
        }
        if (text[k] === '?' || text[k] === ':') {
          nameEnd = cp;
          op = text[k];
          cp = k + 1;
          break;
        }
        if (text[k] === '{' && this.options.functions) {
          this.call(src, start, cp, k, b); // Postfix returns here without lowering its level
          return;
        }
        if (!isNameChar(text[cp])) this.fail(src, cp, b, `unexpected "${text[cp]}" in a parameter name; expected a name, then "}", "?" or ":"`);
        cp++;
      }
      const name = text.slice(start, nameEnd);
      if (src.owner === undefined && name) {
        const kind: ReferenceKind = op ? 'conditional' : 'braced';
        this.options.onReference?.({ name, nameStart: start, nameEnd, start: dollar, end: after, kind });
      }
      value = this.scan ? undefined : this.options.lookup?.(name);
      if (!op) {
        if (!this.scan) this.use(name, value);
        this.level--;
        return;
      }
    }
    const set = value !== undefined && value !== '';
    if (op === '?') {
      const branch = this.operand(src, cp, b);
      if (set || this.scan) this.parse(src, branch.from, branch.to);
      cp = branch.cp;
      if (cp < b) {
        if (text[cp] !== ':') this.fail(src, cp, b, 'expected ":" or the end after the "?" text');
        op = ':';
        cp++;
      }
    }
    if (op === ':') {
      const branch = this.operand(src, cp, b);
      if (!set || this.scan) this.parse(src, branch.from, branch.to);
      if (branch.cp < b) this.fail(src, branch.cp, b, 'unexpected text after the ":" part');
    } else if (!op && comparison && set) {
      this.emit(value ?? ''); // ${{a} OP {b}} alone expands to its truth value
    }
    this.level--;
  }

  private plainName(src: Source, a: number, b: number, dollar: number): void {
    const name = src.text.slice(a, b);
    if (src.owner === undefined) this.options.onReference?.({ name, nameStart: a, nameEnd: b, start: dollar, end: b, kind: 'plain' });
    if (!this.scan) this.use(name, this.options.lookup?.(name));
    this.level--;
  }

  /** `$name` or `${name}`: the value, expanded again unless Postfix inserts it as it is. */
  private use(name: string, value: string | undefined): void {
    if (value === undefined) this.undefinedNames.push(name);
    else if (value !== '' && this.options.dontExpand?.(name)) this.emit(value);
    else if (value !== '') this.parse({ text: value, owner: name }, 0, value.length);
  }

  /** A `?` or `:` result: `{text}` (blanks around it skipped), or all the text that is left. */
  private operand(src: Source, cp: number, b: number): { from: number; to: number; cp: number } {
    const k = this.skipSpace(src, cp, b);
    if (k < b && src.text[k] === '{') {
      const g = this.group(src, k, b);
      return { from: k + 1, to: g.close, cp: g.cp };
    }
    return { from: cp, to: b, cp: b };
  }

  /** mac_exp_extract_curly_payload: the balanced `{...}` at `open`; cp is past it and the blanks after. */
  private group(src: Source, open: number, b: number): { close: number; cp: number } {
    const j = closeBefore(src, open, b);
    if (j === -1) this.fail(src, open, b, 'unbalanced "{" in the expression');
    return { close: j, cp: this.skipSpace(src, j + 1, b) };
  }

  /** mac_exp_parse_relational: `{left} OP {right}`; value "true" or "" (undefined in scan mode). */
  private relational(src: Source, open: number, b: number): { value: string | undefined; cp: number } {
    const text = src.text;
    const left = this.group(src, open, b);
    let cp = left.cp;
    let opEnd = cp;
    while (opEnd < b && OPERATOR_CHARS.includes(text[opEnd])) opEnd++;
    const op = text.slice(cp, opEnd);
    if (!OPERATORS.has(op)) this.fail(src, cp, b, 'expected one of ==, !=, <, <=, >=, > after the "{...}" operand');
    cp = opEnd;
    let level = false;
    if (cp < b && /[A-Za-z0-9]/.test(text[cp])) {
      let e = cp;
      while (e < b && /[A-Za-z0-9]/.test(text[e])) e++;
      if (text.slice(cp, e) !== 'level') this.fail(src, cp, e, `unknown operator suffix "${text.slice(cp, e)}" (only "level" exists)`);
      level = true;
      cp = e;
    }
    cp = this.skipSpace(src, cp, b);
    if (cp >= b || text[cp] !== '{') this.fail(src, cp, b, `expected "{...}" after "${op}${level ? 'level' : ''}"`);
    const right = this.group(src, cp, b);
    const l = this.sub(src, open + 1, left.close);
    const r = this.sub(src, cp + 1, right.close);
    if (this.scan) return { value: undefined, cp: right.cp };
    const delta = level ? this.compareLevels(src, open, right.close + 1, l, r) : compareValues(l, r);
    if (delta === undefined) this.fail(src, open, right.close + 1, `a number too large for Postfix in "${l}" or "${r}"`);
    const holds = { '==': delta === 0, '!=': delta !== 0, '<': delta < 0, '<=': delta <= 0, '>=': delta >= 0, '>': delta > 0 }[op];
    return { value: holds ? 'true' : '', cp: right.cp };
  }

  /** An operand is expanded on its own (a fresh mac_expand in Postfix), sharing our stop counters. */
  private sub(src: Source, from: number, to: number): string {
    const saved = this.out;
    const savedLevel = this.level;
    this.out = '';
    this.level = 0;
    this.parse(src, from, to);
    const result = this.out;
    this.out = saved;
    this.level = savedLevel;
    return result;
  }

  private compareLevels(src: Source, start: number, end: number, l: string, r: string): number {
    const a = parseLevel(l);
    const b = parseLevel(r);
    if (a === undefined || b === undefined) this.fail(src, start, end, `"${a === undefined ? l : r}" is not a compatibility level (major[.minor[.patch]])`);
    for (let k = 0; k < 3; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  }

  /** `${name{text}}`: Postfix 3.11's named functions. Their IDNA result is not computed here. */
  private call(src: Source, start: number, nameEnd: number, open: number, b: number): void {
    const text = src.text;
    const g = this.group(src, open, b);
    if (g.cp < b) this.fail(src, g.cp, b, 'unexpected text after the function argument');
    const name = text.slice(start, nameEnd);
    if (!FUNCTIONS.has(name)) this.fail(src, start, nameEnd, `unknown function "${name}" (Postfix has domain_to_ascii and domain_to_utf8)`);
    this.sub(src, open + 1, g.close);
    if (!this.scan) this.cannotCompute = true;
  }
}

/** mac_exp_eval: numbers compare as numbers when both sides are all digits, else as text. */
function compareValues(l: string, r: string): number | undefined {
  if (/^\d+$/.test(l) && /^\d+$/.test(r)) {
    const a = BigInt(l);
    const b = BigInt(r);
    const LONG_MAX = 2n ** 63n - 1n;
    if (a > LONG_MAX || b > LONG_MAX) return undefined;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  // strcmp compares UTF-8 bytes, which order as code points do.
  const a = [...l].map((c) => c.codePointAt(0) ?? 0);
  const b = [...r].map((c) => c.codePointAt(0) ?? 0);
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** compat_level_from_string: major[.minor[.patch]], each read as strtol reads (blanks and a sign allowed). */
export function parseLevel(text: string): [number, number, number] | undefined {
  const parts = text.split('.');
  if (parts.length > 3) return undefined;
  const limits = [2 ** 43 - 1, 1023, 1023];
  const out: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(parts[k]);
    if (!m) return undefined;
    const n = Number(m[1]);
    if (n < 0 || n > limits[k]) return undefined;
    out.push(n);
  }
  while (out.length < 3) out.push(0);
  return out as [number, number, number];
}

/** Runs mac_expand over `text`. Never throws. */
export function macExpand(text: string, options: MacOptions): MacResult {
  const expander = new Expander(options, text.length);
  try {
    expander.parse({ text }, 0, text.length);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  const failed = expander.error !== undefined || expander.cannotCompute || options.mode === 'scan';
  return {
    value: failed ? undefined : expander.out,
    ...(expander.error ? { error: expander.error } : {}),
    undefinedNames: expander.undefinedNames,
  };
}
