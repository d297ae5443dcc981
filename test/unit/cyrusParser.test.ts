// Cyrus SASL application file: parser, features, and robustness over the corpus.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { completionItems } from '../../server/src/service/features';
import { detectLanguage, type LanguageId } from '../../server/src/service/languages';
import { parseCyrusSasl } from '../../server/src/service/cyrus/parse';
import { parseSaslauthd } from '../../server/src/service/saslauthd/parse';
import { parseSaslPasswd } from '../../server/src/service/saslPasswd/parse';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

/** `|` marks the cursor. */
function at(input: string, lang: LanguageId) {
  const offset = input.indexOf('|');
  const file = parseFile('file:///etc/x', lang, input.slice(0, offset) + input.slice(offset + 1));
  return { file, offset, features: fileTypes[lang].features };
}
const labels = (input: string, lang: LanguageId) => {
  const { file, offset, features } = at(input, lang);
  return completionItems(features.complete?.(file, offset, [file])).map((i) => i.label);
};
const hoverText = (input: string, lang: LanguageId) => {
  const { file, offset, features } = at(input, lang);
  const h = features.hover?.(file, offset, [file]);
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
};

describe('cyrus-sasl parser', () => {
  for (const eol of ['\n', '\r\n']) {
    test(`keys, values, words and spans (${JSON.stringify(eol)})`, () => {
      const text = ['# comment', 'Pwcheck_Method: saslauthd  ', 'mech_list: PLAIN LOGIN', ''].join(eol);
      const doc = parseCyrusSasl(text);
      assert.equal(doc.comments.length, 1);
      assert.deepEqual(doc.entries.map((e) => [e.key, e.value]), [['pwcheck_method', 'saslauthd'], ['mech_list', 'PLAIN LOGIN']]);
      const mech = doc.entries[1];
      assert.deepEqual(mech.words.map((w) => text.slice(w.span.start, w.span.end)), ['PLAIN', 'LOGIN']);
      assert.equal(text.slice(doc.entries[0].keySpan.start, doc.entries[0].keySpan.end), 'Pwcheck_Method');
    });
  }
  test('a blank before the colon, a line without colon, an empty value are problems', () => {
    const doc = parseCyrusSasl('pwcheck_method : saslauthd\nnonsense\nmech_list:\n');
    assert.equal(doc.problems.length, 3);
    assert.equal(doc.entries.length, 0);
  });
  test('no final newline', () => {
    assert.equal(parseCyrusSasl('mech_list: PLAIN').entries[0].value, 'PLAIN');
  });
});

describe('saslauthd parser', () => {
  test('Debian assignments, quotes and flags', () => {
    const text = 'START=yes\nMECHANISMS="pam"\nOPTIONS="-c -r -m/var/spool/postfix/var/run/saslauthd -n 5"\n';
    const doc = parseSaslauthd(text, 'file:///etc/default/saslauthd');
    assert.equal(doc.flavor, 'debian');
    const options = doc.byName.get('OPTIONS')![0];
    assert.deepEqual(options.flags.map((f) => [f.flag, f.argument?.text]), [['-c', undefined], ['-r', undefined], ['-m', '/var/spool/postfix/var/run/saslauthd'], ['-n', '5']]);
    assert.equal(text.slice(options.flags[2].argument!.span.start, options.flags[2].argument!.span.end), '/var/spool/postfix/var/run/saslauthd');
  });
  test('Red Hat file, grouped switches, unclosed quote and a blank in an unquoted value', () => {
    const doc = parseSaslauthd('SOCKETDIR=/run/saslauthd\nMECH=pam\nFLAGS="-cr"\nX="open\nY=a b\n');
    assert.equal(doc.flavor, 'redhat');
    assert.deepEqual(doc.byName.get('FLAGS')![0].flags.map((f) => f.flag), ['-c', '-r']);
    assert.equal(doc.problems.length, 2);
  });
});

describe('sasl_passwd parser', () => {
  test('key kinds, TAB separation, credentials split at the first colon', () => {
    const text = '[smtp.example.com]:587\tuser:pa:ss\n@example.org  u2:p2\nuser@example.net u3:p3\nrelay.example.com u4\n';
    const doc = parseSaslPasswd(text);
    assert.deepEqual(doc.entries.map((e) => e.keyKind), ['bracketed', 'domain', 'address', 'host']);
    assert.equal(doc.entries[0].password?.text, 'pa:ss');
    assert.equal(text.slice(doc.entries[0].username!.span.start, doc.entries[0].username!.span.end), 'user');
    assert.equal(doc.entries[3].password, undefined);
  });
  test('continuation lines and Jinja keys', () => {
    const doc = parseSaslPasswd('{{ RELAYHOST }} {{ USER }}:{{ PASS }}\nhost\n  user:pw\n');
    assert.equal(doc.entries[0].template, true);
    assert.equal(doc.entries[1].value, 'user:pw');
  });
});

describe('editor features', () => {
  test('completion', () => {
    assert.ok(labels('pw|', 'cyrus-sasl').includes('pwcheck_method'));
    assert.ok(labels('pwcheck_method: |', 'cyrus-sasl').includes('saslauthd'));
    assert.ok(!labels('mech_list: PLAIN |', 'cyrus-sasl').includes('PLAIN'));
    assert.ok(labels('MECHANISMS=|', 'saslauthd').includes('shadow'));
    assert.ok(labels('START=yes\nOPTIONS="-|"', 'saslauthd').includes('-m'));
  });
  test('completion between the CR and LF of a line end replaces nothing past the end of the line', () => {
    for (const text of ['pwcheck_method: saslauthd\r\n', 'pwch\r\nmech_list: PLAIN\r\n']) {
      const file = parseFile('file:///etc/x', 'cyrus-sasl', text);
      const offset = text.indexOf('\r\n') + 1;
      const items = completionItems(fileTypes['cyrus-sasl'].features.complete?.(file, offset, [file]));
      assert.ok(items.length > 0, JSON.stringify(text));
      for (const item of items) {
        const range = item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined;
        assert.deepEqual(range && [range.start, range.end].map((p) => p.character <= file.lines.lineText(p.line).length), [true, true], `${item.label} in ${JSON.stringify(text)}: ${JSON.stringify(range)}`);
      }
    }
  });
  test('hover', () => {
    assert.match(hoverText('mech_|list: PLAIN', 'cyrus-sasl'), /mechanisms offered/);
    assert.match(hoverText('mech_list: CRAM|-MD5', 'cyrus-sasl'), /clear password/);
    assert.match(hoverText('OPTIONS="-|r"', 'saslauthd'), /user@realm/);
    assert.match(hoverText('[smtp.example.com]|:587 u:p', 'postfix-sasl-passwd'), /brackets/);
  });
  test('symbols and folding', () => {
    const { file, features } = at('|# a\n# b\nSTART=yes\nMECH=pam\n', 'saslauthd');
    assert.deepEqual(features.symbols?.(file).map((s) => s.name), ['START', 'MECH']);
    assert.deepEqual(features.folding?.(file), [{ startLine: 0, endLine: 1, kind: 'comment' }]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

describe('corpus robustness', () => {
  const root = '/work/shared/corpus';
  let files: string[];
  try {
    files = walk(root);
  } catch {
    files = [];
  }
  const ours = files.map((p) => ({ p, lang: detectLanguage(p) })).filter((f) => f.lang === 'cyrus-sasl' || f.lang === 'saslauthd' || f.lang === 'postfix-sasl-passwd');
  test('every corpus file of our types parses, with spans inside the text', { skip: ours.length === 0 }, () => {
    for (const { p, lang } of ours) {
      const text = readFileSync(p, 'utf8');
      const file = parseFile(`file://${p}`, lang!, text);
      const features = fileTypes[lang!].features;
      for (const s of features.symbols?.(file) ?? []) assert.ok(s.range.end.line < file.lines.lineCount, p);
      for (let o = 0; o <= text.length; o += 7) {
        features.hover?.(file, o, [file]);
        features.complete?.(file, o, [file]);
      }
    }
  });
  test('parsers survive arbitrary bytes', () => {
    const junk = '\u0000:\r\n"\'=[]{{%}}#\t -m\n'.repeat(50);
    parseCyrusSasl(junk);
    parseSaslauthd(junk);
    parseSaslPasswd(junk);
  });
});
