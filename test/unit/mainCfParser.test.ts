import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMainCf } from '../../server/src/service/parser/mainCf';

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

  it('handles a BOM, a missing final newline and a lone CR', () => {
    const doc = parseMainCf('\uFEFFmyhostname = a\rmydomain = b');
    assert.deepEqual(doc.assignments.map((a) => [a.name, a.value.text]), [['myhostname', 'a'], ['mydomain', 'b']]);
  });
});
