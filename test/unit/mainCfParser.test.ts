import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMainCf } from '../../server/src/service/parser/mainCf';
import { mayContainTemplate } from '../../server/src/service/parser/templates';

const eols = ['\n', '\r\n'];

/** Runs a case with both line endings, as files from Windows editors arrive with CRLF. */
function bothEols(name: string, lines: string[], check: (text: string) => void) {
  for (const eol of eols) it(`${name} (${JSON.stringify(eol)})`, () => check(lines.join(eol)));
}

describe('main.cf parser', () => {
  bothEols('joins continuation lines across blank and comment lines', ['mynetworks = 127.0.0.0/8', '', '# trusted', '    10.0.0.0/8,', '\t192.168.0.0/16', 'myhostname = mx'], (text) => {
    const doc = parseMainCf(text);
    assert.deepEqual(doc.assignments.map((a) => a.name), ['mynetworks', 'myhostname']);
    const value = doc.assignments[0].value;
    assert.equal(value.text, '127.0.0.0/8 10.0.0.0/8, 192.168.0.0/16');
    assert.deepEqual(value.items.map((i) => i.text), ['127.0.0.0/8', '10.0.0.0/8', '192.168.0.0/16']);
    for (const item of value.items) assert.equal(text.slice(item.span.start, item.span.end), item.text);
    assert.equal(doc.assignments[0].lastLine, 4);
    assert.equal(doc.problems.length, 0);
  });

  bothEols('keeps exact spans for names, values and references', ['myorigin = ${mydomain?{$mydomain}:{localhost}} $$x $(myhostname)'], (text) => {
    const [a] = parseMainCf(text).assignments;
    assert.equal(text.slice(a.nameSpan.start, a.nameSpan.end), 'myorigin');
    const refs = a.value.references.map((r) => [r.name, r.kind, text.slice(r.span.start, r.span.end)]);
    assert.deepEqual(refs, [
      ['mydomain', 'conditional', '${mydomain?{$mydomain}:{localhost}}'],
      ['mydomain', 'plain', '$mydomain'],
      ['myhostname', 'braced', '$(myhostname)'],
    ]);
  });

  it('reads comparisons and reports malformed references', () => {
    const ok = parseMainCf('a = ${{$compatibility_level} <level {3.6} ? {x} : {y}}');
    assert.deepEqual(ok.assignments[0].value.referenceErrors, []);
    assert.deepEqual(ok.assignments[0].value.references.map((r) => r.name), ['compatibility_level']);
    const bad = parseMainCf('a = ${{x} =~ {y} ? {1} : {2}}\nb = ${oops\n');
    assert.equal(bad.assignments[0].value.referenceErrors.length, 1);
    assert.equal(bad.assignments[1].value.referenceErrors.length, 1);
  });

  const problems: Array<[string, string, string[]]> = [
    ['a line without "="', 'smtpd_banner hello\n', ['missing-equals']],
    ['an indented first line', '  mynetworks = 1\n', ['orphan-continuation']],
    ['a comment after a value', 'mynetworks = 127.0.0.1 # local\n', ['inline-comment']],
    ['a "#" inside a word', 'smtpd_banner = x#y\n', []],
    ['a bad name', 'my$name = 1\n', ['invalid-name']],
    ['a name derived from a service with a dash', 'scalemail-backend_destination_recipient_limit = 1\n', []],
    ['template statements', '{% if x %}\nrelayhost = {{ relay }}\n{% endif %}\n', []],
  ];
  for (const [name, text, kinds] of problems) {
    it(`reports ${name}`, () => assert.deepEqual(parseMainCf(text).problems.map((p) => p.kind), kinds));
  }

  // Long lists are joined with one replace over their stretch of the file; each case is checked
  // against a plain line-by-line join and against the document, character by character.
  const joins: Array<[string, string]> = [
    ['blank lines, comment lines and trailing blanks', 'mynetworks = a,  \n\n  # note\n\t b \t\n   # x # y\n  c\nz = 1\n'],
    ['lone CRs and CRLFs mixed', 'relay_domains = a\r  b\r\n  c\r\n\r\n  d\rz = 1'],
    ['a template line inside the list', 'mynetworks = a\n{% if x %}\n  b\n{% endif %}\n  c\n'],
    ['a form feed and a vertical tab as blanks', 'mydestination = a\f\n\v b\n'],
    ['one piece with trailing blanks', 'myhostname = mx   \n'],
    ['a value whose first piece starts with "#"', 'smtpd_banner = #x\n  y\n'],
  ];
  for (const [name, text] of joins) {
    it(`joins a long value as Postfix does: ${name}`, () => {
      const [a] = parseMainCf(text).assignments;
      const lines = text.split(/\r\n|\n|\r/);
      const pieces = [lines[0].slice(lines[0].indexOf('=') + 1)];
      for (const line of lines.slice(1)) {
        if (!/^[ \t\f\v]/.test(line)) {
          if (/^\{%/.test(line) || line === '') continue;
          break;
        }
        if (/^[ \t\f\v]*(#|$)/.test(line)) continue;
        pieces.push(line);
      }
      const expected = pieces.map((p) => p.replace(/^[ \t\f\v]+|[ \t\f\v]+$/g, '')).filter((p) => p).join(' ');
      assert.equal(a.value.text, expected);
      for (let i = 0; i < expected.length; i++) {
        if (expected[i] !== ' ') assert.equal(text[a.value.toOffset(i)], expected[i], `character ${i} of ${JSON.stringify(expected)}`);
      }
    });
  }

  it('answers whether a long value holds a character from its own pieces, not from comment lines among them', () => {
    const [a, b] = parseMainCf('mynetworks = 10.0.0.0/8\n  # was $old_networks\n  192.168.0.0/16\nrelay_domains = a\n  $mydestination\n').assignments;
    assert.equal(a.value.includes('$'), false);
    assert.deepEqual(a.value.references, []);
    assert.equal(b.value.includes('$'), true);
    assert.deepEqual(b.value.references.map((r) => r.name), ['mydestination']);
  });

  it('finds the references of a long value with or without comment lines among its pieces', () => {
    for (const comment of ['', '  # note $not_a_reference\n']) {
      const text = `a = $x\n${comment}  \${y?{p\n  q}} $z\nb = c\n  \${oops\n`;
      const [a, b] = parseMainCf(text).assignments;
      assert.deepEqual(a.value.references.map((r) => [r.name, text.slice(r.span.start, r.span.end), text.slice(r.nameSpan.start, r.nameSpan.end)]), [
        ['x', '$x', 'x'],
        ['y', '${y?{p\n  q}}', 'y'],
        ['z', '$z', 'z'],
      ]);
      assert.deepEqual(b.value.referenceErrors.map((e) => text.slice(e.span.start, e.span.end)), ['${oops']);
    }
  });

  it('finds a "#" that starts a word on any line of a long value, and only those', () => {
    const text = 'mynetworks = a\n  b#c\n  d  # e\n  {#f#}\n';
    const doc = parseMainCf(text);
    assert.deepEqual(
      doc.problems.map((p) => [p.kind, text.slice(p.span.start, p.span.end)]),
      [['inline-comment', '# e']],
    );
  });

  const openers: Array<[string, boolean]> = [
    ['append_dot_mydomain = ${{$compatibility_level} <level {1} ? {yes} : {no}}', false],
    ['smtpd_forbidden_commands = CONNECT regexp:{{/^[^A-Z]/ Bogus}}', false],
    ['relayhost = {{ relay_host }}', true],
    ['smtpd_tls_cert_file = regexp:{{ cert }}', true],
    ['x = ${{$a} == {b} ? {c} : {d}} {{ jinja }}', true],
    ['myhostname = %{hostname}', true],
  ];
  for (const [text, templated] of openers) {
    it(`${templated ? 'sees' : 'does not see'} template syntax in ${JSON.stringify(text)}`, () => assert.equal(mayContainTemplate(text), templated));
  }

  it('handles a BOM, a missing final newline and a lone CR', () => {
    const doc = parseMainCf('\uFEFFmyhostname = a\rmydomain = b');
    assert.deepEqual(doc.assignments.map((a) => [a.name, a.value.text]), [['myhostname', 'a'], ['mydomain', 'b']]);
  });
});
