// `# postfix-sasl: ignore CODE…` comments in every file type: a code we do not have is pointed at, on the
// word itself (the `|` marks where the finding starts), with the closest code as its fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import type { LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { bothEols, withCursor } from '../helpers/cursor';

interface Case {
  name: string;
  uri: string;
  languageId: LanguageId;
  /** With a `|` before the unknown code, or none when the comment is fine. */
  text: string;
  fix?: string;
}

const MAIN = { uri: 'file:///etc/postfix/main.cf', languageId: 'postfix-main' as const };
const cases: Case[] = [
  { name: 'a misspelt code', ...MAIN, text: '# postfix-sasl: ignore |unknown-paramter\nsmtpd_sasl_auth_enabel = yes\n', fix: 'unknown-parameter' },
  { name: 'the second of two codes, comma-separated', ...MAIN, text: '# postfix-sasl: ignore unknown-parameter, |invalid-bool\nfoo_bar = maybe\n', fix: 'invalid-boolean' },
  { name: 'a word nothing is close to', ...MAIN, text: '# postfix-sasl: ignore |zzzzzzzzzzzz\nfoo_bar = 1\n' },
  { name: 'no code at all silences every code: fine', ...MAIN, text: '# postfix-sasl: ignore\nfoo_bar = 1\n' },
  { name: 'known codes only', ...MAIN, text: '#postfix-sasl:ignore unknown-parameter\nfoo_bar = 1\n' },
  { name: 'an ordinary comment', ...MAIN, text: '# ignore unknown-paramter here\nmyorigin = example.com\n' },
  { name: 'master.cf', uri: 'file:///etc/postfix/master.cf', languageId: 'postfix-master', text: '# postfix-sasl: ignore |master-stray-argumnet\nsmtp inet n - y - - smtpd\n', fix: 'master-stray-argument' },
  { name: 'a Cyrus SASL file', uri: 'file:///etc/postfix/sasl/smtpd.conf', languageId: 'cyrus-sasl', text: 'pwcheck_method: saslauthd\n  # postfix-sasl: ignore |cyrus-unknown-opton\nmech_list: PLAIN\n', fix: 'cyrus-unknown-option' },
];

describe('ignore comments that name no rule', () => {
  for (const c of cases) {
    for (const { eol, text: source } of bothEols(c.text)) {
      it(`${c.name} (${eol})`, () => {
        const marked = source.includes('|');
        const { text, offset } = marked ? withCursor(source) : { text: source, offset: -1 };
        const found = analyze(c.uri, c.languageId, text, defaultSettings).findings.filter((f) => f.code === 'ignore-unknown-code');
        if (!marked) return assert.deepEqual(found, []);
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.equal(found[0].span.start, offset);
        assert.equal(found[0].severity, 'information');
        assert.equal(found[0].fix && 'text' in found[0].fix ? found[0].fix.text : undefined, c.fix);
      });
    }
  }

  it('the misspelt comment does not silence the finding it was written for', () => {
    const { findings } = analyze(MAIN.uri, MAIN.languageId, '# postfix-sasl: ignore unknown-paramter\nsmtpd_sasl_auth_enabel = yes\n', defaultSettings);
    assert.deepEqual(findings.map((f) => f.code).sort(), ['ignore-unknown-code', 'unknown-parameter']);
  });
});
