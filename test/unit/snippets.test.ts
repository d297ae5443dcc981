// Every snippet, inserted into an empty file of its language, must raise no warning or error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import type { LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { expandSnippet } from '../helpers/cursor';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: Array<{ language: LanguageId; path: string }> } };
const fileNames: Partial<Record<LanguageId, string>> = { 'postfix-main': 'main.cf', 'postfix-master': 'master.cf', 'cyrus-sasl': 'sasl/smtpd.conf', saslauthd: 'default/saslauthd', 'postfix-sasl-passwd': 'sasl_passwd' };

describe('snippets raise no warning in an empty file', () => {
  for (const { language, path } of manifest.contributes.snippets) {
    const snippets = JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, { prefix: string; body: string | string[] }>;
    for (const [name, snippet] of Object.entries(snippets)) {
      for (const eol of ['\n', '\r\n']) {
        it(`${language}: ${snippet.prefix} (${name}, ${JSON.stringify(eol)})`, () => {
          const body = Array.isArray(snippet.body) ? snippet.body.join(eol) : snippet.body.replace(/\n/g, eol);
          const text = expandSnippet(body) + eol;
          const { findings } = analyze(`file:///etc/postfix/${fileNames[language] ?? 'x'}`, language, text, defaultSettings);
          const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
          assert.deepEqual(loud.map((f) => `${f.code}: ${f.message}`), []);
        });
      }
    }
  }
});
