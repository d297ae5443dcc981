// Text generators for the property-based tests: hostile characters, template syntax, and
// fragments of every file type we parse, glued together in any order.
import fc from 'fast-check';

/** Runs per property: FUZZ_LONG=1 (npm run fuzz) for the long run, a smoke run in npm test. */
export const LONG = process.env.FUZZ_LONG === '1';
export function runs(long: number, short: number): number {
  return LONG ? long : short;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const hostile = fc.constantFrom('\u0000', '\r', '\n', '\r\n', '\n\r', '\t', '\v', '\f', ' ', '\ufeff', '\ufffd', '\u2028', '\u0085', '\u00a0', '\\', '"', "'", '`', '\u{1F600}', 'é');

const templates = fc.constantFrom('{{ var }}', '{{', '}}', '{{ a }', '{% if x %}', '{% endif %}', '{%', '%}', '{# note #}', '{#', '#}', '<%= y %>', '<% end %>', '<%', '%>', '%{var}', '%{', '%{a.b}', '%foo', '@@X@@', '@@', '@@HOST_NAME@@', 'PH_FOO', '${{', '{{{', '}}}');

const postfix = fc.constantFrom(
  'smtpd_sasl_auth_enable', 'smtpd_sasl_type', 'smtpd_recipient_restrictions', 'myhostname', 'mydomain', 'relayhost',
  'smtp_sasl_password_maps', 'smtpd_tls_security_level', 'smtpd_sasl_security_options', 'broken_sasl_auth_clients',
  'submission', 'smtp', 'inet', 'unix', 'unix-dgram', 'fifo', 'pass', 'smtpd', 'pickup', 'n', 'y', '-', '?', '60?', '100',
  '-o', '-o ', '-v', '{', '}', '{ ', ' }', '=', ' = ', '$', '$$', '$mydomain', '${mydomain}', '$(mydomain)', '${a?{b}:{c}}', '${a:b}',
  '${{$a} == {b} ? {x} : {y}}', '${{a}<={b}?{c}:{d}}', '${', '$(', '${a?', ')', '(', ',', ', ', ':', '#', '# comment',
  'hash:/etc/postfix/sasl_passwd', 'texthash:', 'permit_sasl_authenticated', 'reject_unauth_destination', 'noanonymous', 'yes', 'no', 'maybe',
  '[smtp.example.com]:587', 'user:pass', 'user@example.com:p@ss:w', 'pwcheck_method: saslauthd', 'mech_list: PLAIN LOGIN CRAM-MD5', 'auxprop_plugin: sasldb',
  'saslauthd_path: /var/run/saslauthd/mux', 'START=yes', 'MECHANISMS="pam"', 'MECH=shadow', 'OPTIONS="-c -m /var/spool/postfix/var/run/saslauthd"', 'FLAGS=-r',
  'THREADS=5', 'export ', '# postfix-sasl: ignore', '# postfix-sasl: ignore unknown-parameter', 'x'.repeat(300),
);

const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  loneSurrogate,
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
);

/** Any text, but biased towards the characters and words our parsers care about. */
export const anyText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: postfix }, { weight: 3, arbitrary: hostile }, { weight: 2, arbitrary: templates }, { weight: 2, arbitrary: junk }), { maxLength: 60 })
  .map((parts) => parts.join(''));

const word = fc.oneof(postfix, templates, fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/));
const blank = fc.constantFrom(' ', '\t', '  ', '');
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** A Postfix-looking line: `name = value`, a continuation, a comment, a master.cf entry or a blank line. */
const line = fc.oneof(
  fc.tuple(word, blank, fc.constantFrom('=', '', '=='), blank, fc.array(word, { maxLength: 5 })).map(([n, b1, eq, b2, v]) => `${n}${b1}${eq}${b2}${v.join(' ')}`),
  fc.tuple(fc.constantFrom(' ', '\t', '    '), fc.array(word, { minLength: 1, maxLength: 4 })).map(([b, v]) => b + v.join(', ')),
  fc.tuple(blank, fc.string({ maxLength: 20 })).map(([b, c]) => `${b}#${c}`),
  fc.array(word, { minLength: 1, maxLength: 10 }).map((w) => w.join(' ')),
  fc.constant(''),
);

/** Several Postfix-looking lines with mixed line ends. */
export const postfixText: fc.Arbitrary<string> = fc.array(fc.tuple(line, eol), { maxLength: 25 }).map((lines) => lines.map(([l, e]) => l + e).join(''));

/** Either kind of text, plus the two glued together. */
export const documentText: fc.Arbitrary<string> = fc.oneof(anyText, postfixText, fc.tuple(postfixText, anyText, postfixText).map((p) => p.join('')));

/** An offset into a text of the given length, sometimes past either end (clients send those). */
export function offsets(count: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { minLength: 1, maxLength: count });
}

export function toOffset(fraction: number, length: number): number {
  return Math.max(0, Math.min(length, Math.round(fraction * length)));
}
