// Quick fixes and name navigation in main.cf: input with a `|` cursor, expected text after the edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/service/analyze';
import { codeActions } from '../../server/src/service/codeActions';
import { featuresFor } from '../../server/src/service/features';
import { defaultSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { bothEols, withCursor } from '../helpers/cursor';

const uri = 'file:///etc/postfix/main.cf';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  return sorted.reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
}

function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}

/** Applies the code action whose title starts with `title` at the cursor. */
function fix(marked: string, title: string): string {
  const { text, offset } = withCursor(marked);
  const { file, findings } = analyze(uri, 'postfix-main', text, defaultSettings);
  const actions = codeActions(file, findings, { start: offset, end: offset }, (f) => toDiagnostic(file, f));
  const action = actions.find((a) => a.title.startsWith(title));
  assert.ok(action, `no action "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return applyWorkspaceEdit(text, action.edit);
}

const fixes: Array<[string, string, string, string]> = [
  ['did-you-mean rename', 'smtpd_sasl_auth_e|nabel = yes\n', 'Change to "smtpd_sasl_auth_enable"', 'smtpd_sasl_auth_enable = yes\n'],
  ['deprecated name', 'smtpd_use_t|ls = yes\n', 'Rename to smtpd_tls_security_level', 'smtpd_tls_security_level = yes\n'],
  ['remove a duplicate with its continuation lines', 'relay|host = a\n  b\nrelayhost = c\n', 'Remove this overridden', 'relayhost = c\n'],
  ['size in bytes', 'message_size_limit = 1|0M\n', 'Write 10485760', 'message_size_limit = 10485760\n'],
  ['enum typo', 'smtpd_tls_security_level = my|a\n', 'Change to "may"', 'smtpd_tls_security_level = may\n'],
  ['misspelled reference', 'myorigin = $mydom|ian\n', 'Change to $mydomain', 'myorigin = $mydomain\n'],
  ['ignore comment', 'my_th|ing = 1\n', 'Ignore unknown-parameter', '# postfix-sasl: ignore unknown-parameter\nmy_thing = 1\n'],
];

describe('main.cf quick fixes', () => {
  for (const [name, marked, title, expected] of fixes) {
    for (const { eol, text } of bothEols(marked)) {
      it(`${name} (${eol})`, () => assert.equal(fix(text, title), eol === 'LF' ? expected : expected.replace(/\n/g, '\r\n')));
    }
  }

  it('the fixed text is clean', () => {
    for (const [, marked, title] of fixes.slice(0, 5)) {
      const fixed = fix(marked, title);
      const codes = analyze(uri, 'postfix-main', fixed, defaultSettings).findings.map((f) => f.code);
      assert.ok(!codes.includes('unknown-parameter') && !codes.includes('duplicate-parameter') && !codes.includes('invalid-size'), `${fixed} → ${codes}`);
    }
  });
});

describe('main.cf navigation', () => {
  const features = featuresFor('postfix-main');
  const source = 'my_nets = 10.0.0.0/8\nmynetworks = 127.0.0.0/8\n  $my_nets\nsmtpd_banner = ${my_nets?{x}}\n';

  function at(marked: string) {
    const { text, offset } = withCursor(marked);
    return { file: analyze(uri, 'postfix-main', text, defaultSettings).file, offset, text };
  }

  it('goes from a reference to the definition', () => {
    const { file, offset } = at(source.replace('$my_nets', '$my_|nets'));
    assert.deepEqual(features.definition!(file, offset).map((l) => l.range.start), [{ line: 0, character: 0 }]);
  });

  it('finds references with and without the declaration', () => {
    const { file, offset } = at('my_|' + source.slice(3));
    assert.equal(features.references!(file, offset, true).length, 3);
    assert.equal(features.references!(file, offset, false).length, 2);
  });

  it('renames a user-defined parameter everywhere, but never a Postfix parameter', () => {
    const { file, offset, text } = at('my_|' + source.slice(3));
    assert.equal(applyWorkspaceEdit(text, features.rename!(file, offset, 'office_nets')), source.replace(/my_nets/g, 'office_nets'));
    const builtin = at(source.replace('mynetworks =', 'mynet|works ='));
    assert.equal(features.prepareRename!(builtin.file, builtin.offset), undefined);
  });

  it('outlines each parameter and folds continued values', () => {
    const { file } = at('|' + source);
    assert.deepEqual(features.symbols!(file).map((s) => s.name), ['my_nets', 'mynetworks', 'smtpd_banner']);
    assert.deepEqual(features.folding!(file), [{ startLine: 1, endLine: 2 }]);
  });
});
