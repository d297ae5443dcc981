// Completion, hover, outline and folding for Dovecot files. Inputs mark the cursor with `|`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { parseDovecotFile } from '../../server/src/service/dovecot/dovecotFile';
import { completeDovecot, dovecotFolding, dovecotSymbols, hoverDovecot } from '../../server/src/service/dovecot/features';
import { applyCompletion, bothEols, withCursor } from '../helpers/cursor';

const at = (marked: string) => {
  const { text, offset } = withCursor(marked);
  return { file: parseDovecotFile('file:///etc/dovecot/dovecot.conf', text), offset };
};
const labels = (marked: string) => completeDovecot(at(marked).file, at(marked).offset).map((i) => i.label);
const hover = (marked: string) => {
  const { file, offset } = at(marked);
  return (hoverDovecot(file, offset)?.contents as MarkupContent | undefined)?.value ?? '';
};

describe('Dovecot completion', () => {
  for (const { eol, text } of bothEols('auth_mech|\n')) {
    test(`${eol}: setting names at the top level, applied with " = "`, () => {
      const { file, offset } = at(text);
      const item = completeDovecot(file, offset).find((i) => i.label === 'auth_mechanisms') as CompletionItem;
      assert.ok(item);
      assert.equal(applyCompletion(file.text, offset, item).split(/\r?\n/)[0], 'auth_mechanisms = ');
    });
  }
  test('mechanisms after auth_mechanisms =, without those already there, never APOP', () => {
    const got = labels('auth_mechanisms = plain |\n');
    assert.ok(got.includes('login') && got.includes('scram-sha-256'));
    assert.ok(!got.includes('plain') && !got.includes('apop'));
  });
  test('listener settings inside a unix_listener', () => {
    const got = labels('service auth {\n  unix_listener x {\n    |\n  }\n}\n');
    assert.ok(got.includes('mode') && got.includes('user') && got.includes('group'));
    assert.ok(!got.includes('auth_mechanisms'));
  });
  test('listeners inside a service; passdb drivers after driver =', () => {
    assert.ok(labels('service auth {\n  |\n}\n').includes('unix_listener'));
    assert.ok(labels('passdb {\n  driver = |\n}\n').includes('passwd-file'));
  });
  test('nothing in a comment', () => assert.deepEqual(labels('# auth_|\n'), []));
  test('between the CR and LF of a line end: as at the end of the line', () => {
    for (const text of ['auth_mech\r\n', 'auth_mechanisms = plain lo\r\n']) {
      const file = parseDovecotFile('file:///etc/dovecot/dovecot.conf', text);
      const end = text.indexOf('\r\n');
      assert.deepEqual(completeDovecot(file, end + 1), completeDovecot(file, end), JSON.stringify(text));
    }
  });
});

describe('Dovecot hover', () => {
  test('a setting says its version and default', () => {
    const text = hover('disable_plain|text_auth = yes\n');
    assert.match(text, /Dovecot 2\.3/);
    assert.match(text, /auth_allow_cleartext/);
    assert.match(text, /Default: `yes`/);
  });
  test('a mechanism in auth_mechanisms', () => assert.match(hover('auth_mechanisms = plain cram-m|d5\n'), /CRAM-MD5/));
  test('a section type', () => assert.match(hover('service auth {\n  unix_lis|tener x {\n  }\n}\n'), /queue directory/));
  test('nothing on an unknown name', () => assert.equal(hover('foo|bar = 1\n'), ''));
});

describe('Dovecot outline and folding', () => {
  const text = '# one\n# two\nauth_mechanisms = plain\n!include conf.d/*.conf\nservice auth {\n  unix_listener x {\n    mode = 0660\n  }\n}\n';
  test('sections nest, with their settings', () => {
    const symbols = dovecotSymbols(parseDovecotFile('file:///d.conf', text));
    assert.deepEqual(symbols.map((s) => s.name), ['auth_mechanisms', '!include', 'service auth']);
    assert.equal(symbols[2].children?.[0].name, 'unix_listener x');
    assert.equal(symbols[2].children?.[0].children?.[0].name, 'mode');
  });
  test('sections nested past 64 levels are listed flat in the 64th, each once', () => {
    const symbols = dovecotSymbols(parseDovecotFile('file:///d.conf', 's {\n'.repeat(70) + 'k = v\n' + '}\n'.repeat(70)));
    let depth = 0;
    for (let level = symbols; level.length; level = level[0].children ?? []) depth++;
    assert.equal(depth, 65); // 64 sections deep, then the flat list
    let deepest = symbols;
    for (let i = 1; i < 64; i++) deepest = deepest[0].children!;
    assert.deepEqual(deepest[0].children?.map((c) => c.name), [...Array(6).fill('s'), 'k']);
  });
  test('sections and comment runs fold', () => {
    const ranges = dovecotFolding(parseDovecotFile('file:///d.conf', text)).map((r) => [r.startLine, r.endLine]);
    assert.deepEqual(ranges.sort(), [[0, 1], [4, 7], [5, 6]]);
  });
});
