// Quick fixes and name navigation in main.cf: input with a `|` cursor, expected text after the edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/service/analyze';
import { codeActions, FIX_ALL_KIND, fixAllAction } from '../../server/src/service/codeActions';
import type { LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { bothEols, withCursor } from '../helpers/cursor';
import { fileTypes } from '../../server/src/service/fileTypes';

const uri = 'file:///etc/postfix/main.cf';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  return sorted.reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
}

function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}

function findingsOf(text: string) {
  return analyze(uri, 'postfix-main', text, defaultSettings).findings;
}

/** `code@line` for every finding, to compare what a fix removed and added. */
function codesOf(text: string): string[] {
  const lines = new LineIndex(text);
  return findingsOf(text).map((f) => `${f.code}@${lines.positionAt(f.span.start).line}`);
}

/** The quick fixes at the cursor, by title. */
function actionsAt(marked: string) {
  const { text, offset } = withCursor(marked);
  const { file, findings } = analyze(uri, 'postfix-main', text, defaultSettings);
  return { text, actions: codeActions(file, findings, { start: offset, end: offset }, (f) => toDiagnostic(file, f)) };
}

/** Applies the code action whose title starts with `title` at the cursor. */
function fix(marked: string, title: string): string {
  const { text, actions } = actionsAt(marked);
  const action = actions.find((a) => a.title.startsWith(title));
  assert.ok(action, `no action "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return applyWorkspaceEdit(text, action.edit);
}

interface FixCase {
  name: string;
  /** The file, with `|` where the cursor is. */
  input: string;
  title: string;
  expected: string;
  /** The finding the fix is for: gone after it, and nothing new in its place. */
  fixes: string;
}

const fixes: FixCase[] = [
  // Did you mean: names, restriction words, map types, $references.
  { name: 'parameter name', input: 'disable_vrfy_com|and = yes\n', title: 'Change to "disable_vrfy_command"', expected: 'disable_vrfy_command = yes\n', fixes: 'unknown-parameter' },
  { name: 'restriction word', input: 'smtpd_relay_restrictions = permit_mynetwork|, reject_unauth_destination\n', title: 'Change to "permit_mynetworks"', expected: 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n', fixes: 'unknown-restriction' },
  { name: 'map type', input: 'smtpd_client_restrictions = check_client_access hs|h:/etc/postfix/access\n', title: 'Change to "hash"', expected: 'smtpd_client_restrictions = check_client_access hash:/etc/postfix/access\n', fixes: 'unknown-map-type' },
  { name: 'parameter name near a removed one', input: 'smtpd_tls_cipherl|st = high\n', title: 'Change to "smtpd_tls_ciphers"', expected: 'smtpd_tls_ciphers = high\n', fixes: 'unknown-parameter' },
  { name: 'reference', input: 'myorigin = $mydom|ian\n', title: 'Change to $mydomain', expected: 'myorigin = $mydomain\n', fixes: 'undefined-reference' },
  { name: 'enum typo', input: 'smtpd_tls_security_level = my|a\n', title: 'Change to "may"', expected: 'smtpd_tls_security_level = may\n', fixes: 'invalid-enum' },
  // The old TLS switches: the value is translated, and several switches become one line.
  { name: 'smtpd_use_tls = yes', input: 'smtpd_use_t|ls = yes\n', title: 'Replace with smtpd_tls_security_level = may', expected: 'smtpd_tls_security_level = may\n', fixes: 'deprecated-parameter' },
  { name: 'smtpd_use_tls = no', input: 'smtpd_use_t|ls = no\n', title: 'Replace with smtpd_tls_security_level = none', expected: 'smtpd_tls_security_level = none\n', fixes: 'deprecated-parameter' },
  { name: 'smtpd_enforce_tls = yes', input: 'smtpd_enforce_t|ls = yes\n', title: 'Replace with smtpd_tls_security_level = encrypt', expected: 'smtpd_tls_security_level = encrypt\n', fixes: 'deprecated-parameter' },
  { name: 'smtp_use_tls = yes', input: 'smtp_use_t|ls = yes\n', title: 'Replace with smtp_tls_security_level = may', expected: 'smtp_tls_security_level = may\n', fixes: 'deprecated-parameter' },
  // smtp_tls_enforce_peername defaults to yes: enforcement checked the peer name, which is "verify".
  { name: 'smtp_enforce_tls = yes', input: 'smtp_enforce_t|ls = yes\n', title: 'Replace with smtp_tls_security_level = verify', expected: 'smtp_tls_security_level = verify\n', fixes: 'deprecated-parameter' },
  {
    name: 'smtp_enforce_tls without the peer name check',
    input: 'smtp_tls_enforce_peername = no\nrelayhost = [mx.example.com]\nsmtp_enforce_t|ls = yes\n',
    title: 'Replace the 2 old switches with smtp_tls_security_level = encrypt',
    expected: 'smtp_tls_security_level = encrypt\nrelayhost = [mx.example.com]\n',
    fixes: 'deprecated-parameter',
  },
  {
    name: 'use and enforce together become one line',
    input: 'smtpd_use_tls = yes\nsmtpd_enforce_t|ls = yes\n',
    title: 'Replace the 2 old switches with smtpd_tls_security_level = encrypt',
    expected: 'smtpd_tls_security_level = encrypt\n',
    fixes: 'deprecated-parameter',
  },
  // postscreen_enforce_tls defaults to $smtpd_enforce_tls.
  { name: 'postscreen follows smtpd', input: 'smtpd_enforce_tls = yes\npostscreen_use_t|ls = yes\n', title: 'Replace with postscreen_tls_security_level = encrypt', expected: 'smtpd_enforce_tls = yes\npostscreen_tls_security_level = encrypt\n', fixes: 'deprecated-parameter' },
  // ... and so does postscreen_tls_security_level: smtpd's level makes postscreen's switch dead.
  { name: "postscreen inherits smtpd's level", input: 'smtpd_tls_security_level = may\npostscreen_use_t|ls = yes\n', title: 'Remove postscreen_use_tls: postscreen_tls_security_level = may wins', expected: 'smtpd_tls_security_level = may\n', fixes: 'deprecated-parameter' },
  { name: 'disable_dns_lookups', input: 'disable_dns_look|ups = yes\n', title: 'Replace with smtp_dns_support_level = disabled', expected: 'smtp_dns_support_level = disabled\n', fixes: 'deprecated-parameter' },
  // The new name is set: the old line is dead, and removing it changes nothing.
  {
    name: 'merges with a level already set',
    input: 'smtpd_use_t|ls = yes\nsmtpd_tls_security_level = encrypt\n',
    title: 'Remove smtpd_use_tls: smtpd_tls_security_level = encrypt wins',
    expected: 'smtpd_tls_security_level = encrypt\n',
    fixes: 'deprecated-parameter',
  },
  { name: 'plain rename', input: 'virtual_ma|ps = hash:/etc/postfix/virtual\n', title: 'Rename to virtual_alias_maps', expected: 'virtual_alias_maps = hash:/etc/postfix/virtual\n', fixes: 'deprecated-parameter' },
  { name: 'deprecated restriction', input: 'smtpd_relay_restrictions = reject_unknown_cl|ient, reject_unauth_destination\n', title: 'Replace with reject_unknown_client_hostname', expected: 'smtpd_relay_restrictions = reject_unknown_client_hostname, reject_unauth_destination\n', fixes: 'deprecated-restriction' },
  // Booleans: both answers, or the one the word plainly means.
  { name: 'maybe → yes', input: 'biff = may|be\n', title: 'Change to "yes"', expected: 'biff = yes\n', fixes: 'invalid-boolean' },
  { name: 'maybe → no', input: 'biff = may|be\n', title: 'Change to "no"', expected: 'biff = no\n', fixes: 'invalid-boolean' },
  { name: 'true → yes', input: 'biff = tr|ue\n', title: 'Change to "yes"', expected: 'biff = yes\n', fixes: 'invalid-boolean' },
  // A "#" in a value: the comment goes above, the value keeps what came before it.
  { name: 'inline comment', input: 'smtpd_tls_security_level = none |# off for now\n', title: 'Move the comment', expected: '# off for now\nsmtpd_tls_security_level = none\n', fixes: 'inline-comment' },
  {
    name: 'inline comment on a continuation line',
    input: 'smtpd_relay_restrictions = permit_mynetworks,\n    reject_unauth_destination |# keep last\n',
    title: 'Move the comment',
    expected: '# keep last\nsmtpd_relay_restrictions = permit_mynetworks,\n    reject_unauth_destination\n',
    fixes: 'inline-comment',
  },
  // Lines that have no effect.
  { name: 'remove a duplicate with its continuation lines', input: 'relay|host = a\n  b\nrelayhost = c\n', title: 'Remove this overridden', expected: 'relayhost = c\n', fixes: 'duplicate-parameter' },
  { name: 'size in bytes', input: 'message_size_limit = 1|0M\n', title: 'Write 10485760', expected: 'message_size_limit = 10485760\n', fixes: 'invalid-size' },
  { name: 'ignore comment', input: 'my_th|ing = 1\n', title: 'Ignore unknown-parameter', expected: '# postfix-sasl: ignore unknown-parameter\nmy_thing = 1\n', fixes: 'unknown-parameter' },
];

/** What no quick fix may offer: a rename whose value the new name refuses. */
const noFix: Array<{ name: string; input: string; title: string }> = [
  { name: 'a switch that is not yes or no', input: 'smtpd_use_t|ls = $my_switch\nmy_switch = maybe\n', title: 'Replace with' },
  { name: 'a per-site table (another format)', input: 'smtp_tls_per_si|te = hash:/etc/postfix/tls_per_site\n', title: 'Rename' },
  { name: 'a removed restriction that needs an argument', input: 'smtpd_relay_restrictions = reject_maps_r|bl, reject_unauth_destination\n', title: 'Replace with' },
  { name: 'a boolean guessed yes', input: 'smtpd_use_t|ls = yes\n', title: 'Rename to smtpd_tls_security_level' },
];

describe('main.cf quick fixes', () => {
  for (const c of fixes) {
    for (const { eol, text } of bothEols(c.input)) {
      const expected = eol === 'LF' ? c.expected : c.expected.replace(/\n/g, '\r\n');
      it(`${c.name} (${eol})`, () => assert.equal(fix(text, c.title), expected));
    }
    it(`${c.name}: the finding is gone and no other appears`, () => {
      const { text } = withCursor(c.input);
      const before = codesOf(text);
      const after = codesOf(fix(c.input, c.title));
      assert.ok(before.some((code) => code.startsWith(`${c.fixes}@`)), `${c.fixes} does not fire on the input: ${before}`);
      const count = (codes: string[]) => codes.filter((code) => code.startsWith(`${c.fixes}@`)).length;
      assert.ok(count(after) < count(before), `${c.fixes} still fires: ${after}`);
      const added = findingsOf(fix(c.input, c.title)).map((f) => f.code).filter((code) => !findingsOf(text).some((f) => f.code === code));
      assert.deepEqual(added, [], 'the fix introduced new findings');
    });
  }

  for (const c of noFix) {
    it(`offers no fix for ${c.name}`, () => {
      const { actions } = actionsAt(c.input);
      assert.deepEqual(actions.filter((a) => a.title.startsWith(c.title)).map((a) => a.title), []);
    });
  }

  it('offers yes and no for "maybe" with neither preferred, and prefers what "off" means', () => {
    const maybe = actionsAt('biff = may|be\n').actions.filter((a) => a.title.startsWith('Change'));
    assert.deepEqual(maybe.map((a) => [a.title, a.isPreferred ?? false]), [['Change to "yes"', false], ['Change to "no"', false]]);
    const off = actionsAt('biff = o|ff\n').actions.filter((a) => a.isPreferred);
    assert.deepEqual(off.map((a) => a.title), ['Change to "no"']);
  });

  it('says which line wins when the new name is set', () => {
    const finding = findingsOf('smtpd_use_tls = yes\nsmtpd_tls_security_level = encrypt\n').find((f) => f.code === 'deprecated-parameter');
    assert.match(finding?.message ?? '', /smtpd_tls_security_level = encrypt overrides it/);
    assert.equal(finding?.unnecessary, true);
    assert.equal(finding?.related?.[0].message, 'the setting that wins');
  });
});

describe('main.cf navigation', () => {
  const features = fileTypes['postfix-main'].features;
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

describe('fix all safe problems', () => {
  function fixAll(text: string) {
    const { file, findings } = analyze(uri, 'postfix-main', text, defaultSettings);
    return fixAllAction(file, findings);
  }

  const input = [
    'smtpd_use_tls = yes',
    'smtpd_enforce_tls = yes',
    'relayhost = [old.example.com]',
    'message_size_limit = 20M',
    'smtpd_tls_auth_only = yes # clients must use TLS',
    'disable_vrfy_comand = yes',
    'biff = maybe',
    'relayhost = [mx.example.com]',
    '',
  ].join('\n');

  it('applies only the safe fixes, each once, in one edit', () => {
    const action = fixAll(input);
    assert.equal(action?.kind, FIX_ALL_KIND);
    assert.equal(action?.title, 'Fix all safe problems (5)');
    assert.equal(applyWorkspaceEdit(input, action?.edit), [
      'smtpd_tls_security_level = encrypt',
      'message_size_limit = 20971520',
      '# clients must use TLS',
      'smtpd_tls_auth_only = yes',
      'disable_vrfy_comand = yes',
      'biff = maybe',
      'relayhost = [mx.example.com]',
      '',
    ].join('\n'));
  });

  it('leaves only the problems that need a person', () => {
    const after = applyWorkspaceEdit(input, fixAll(input)?.edit);
    assert.deepEqual(findingsOf(after).map((f) => f.code), ['unknown-parameter', 'invalid-boolean']);
  });

  it('sends edits that do not overlap, in document order', () => {
    const edits = fixAll(input)?.edit?.changes?.[uri] ?? [];
    const lines = new LineIndex(input);
    const spans = edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1][1] <= spans[i][0], `edits ${i - 1} and ${i} overlap: ${JSON.stringify(spans)}`);
  });

  it('takes one of two fixes that touch the same text', () => {
    // The dead duplicate holds an inline comment: removing the line and moving its comment collide.
    const text = 'relayhost = [a] # old\nrelayhost = [b]\n';
    assert.equal(applyWorkspaceEdit(text, fixAll(text)?.edit), 'relayhost = [b]\n');
  });

  it('is offered when asked for, or next to a safe quick fix, and only for the kinds asked', () => {
    assert.equal(fixAll('biff = maybe\n'), undefined);
    const { file, findings } = analyze(uri, 'postfix-main', input, defaultSettings);
    const kinds = (line: number, only?: string[]) => {
      const at = file.lines.offsetAt({ line, character: 9 });
      return [...new Set(codeActions(file, findings, { start: at, end: at }, (f) => toDiagnostic(file, f), only).map((a) => a.kind))];
    };
    assert.deepEqual(kinds(0), ['quickfix', FIX_ALL_KIND], 'next to the safe TLS rename');
    assert.deepEqual(kinds(6), ['quickfix'], 'next to "maybe", which has no safe fix');
    assert.deepEqual(kinds(6, ['source.fixAll']), [FIX_ALL_KIND]);
    assert.deepEqual(kinds(6, ['source']), [FIX_ALL_KIND]);
    assert.deepEqual(kinds(0, ['quickfix']), ['quickfix']);
  });
});

describe('fixes in the other file types', () => {
  const cases: Array<{ name: string; uri: string; languageId: LanguageId; input: string; expected: string }> = [
    { name: 'Cyrus SASL: the ignored second line goes', uri: 'file:///etc/postfix/sasl/smtpd.conf', languageId: 'cyrus-sasl', input: 'mech_list: PLAIN LOGIN\nmech_list: PLAIN\n', expected: 'mech_list: PLAIN LOGIN\n' },
    { name: 'sasl_passwd: the entry postmap ignores goes', uri: 'file:///etc/postfix/sasl_passwd', languageId: 'postfix-sasl-passwd', input: '[smtp.example.com]:587 a:1\n[smtp.example.com]:587 b:2\n', expected: '[smtp.example.com]:587 a:1\n' },
  ];
  for (const c of cases) {
    it(`${c.name}, with fix all`, () => {
      const { file, findings } = analyze(c.uri, c.languageId, c.input, defaultSettings);
      assert.equal(applyEdits(c.input, fixAllAction(file, findings)?.edit?.changes?.[c.uri] ?? []), c.expected);
    });
  }

  it('master.cf offers no rename that would write a TLS level of "yes"', () => {
    const masterUri = 'file:///etc/postfix/master.cf';
    const text = 'submission inet n - y - - smtpd\n  -o smtpd_use_tls=yes\n';
    const { file, findings } = analyze(masterUri, 'postfix-master', text, defaultSettings);
    assert.ok(findings.some((f) => f.code === 'deprecated-parameter'));
    const titles = codeActions(file, findings, { start: text.indexOf('smtpd_use_tls'), end: text.indexOf('smtpd_use_tls') }, (f) => toDiagnostic(file, f)).map((a) => a.title);
    assert.deepEqual(titles.filter((t) => t.startsWith('Rename')), []);
  });
});
