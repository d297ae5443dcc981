// Every snippet is offered by completion where a line starts with its prefix, and, inserted into an
// empty file of its language, raises no warning or error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/service/analyze';
import type { LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { snippetFiles } from '../../server/src/service/snippets';
import { completionItems } from '../../server/src/service/features';
import { applyCompletion, expandSnippet } from '../helpers/cursor';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

const fileNames: Partial<Record<LanguageId, string>> = { 'postfix-main': 'main.cf', 'postfix-master': 'master.cf', 'cyrus-sasl': 'sasl/smtpd.conf', saslauthd: 'default/saslauthd', 'postfix-sasl-passwd': 'sasl_passwd' };

describe('snippets raise no warning in an empty file', () => {
  for (const [language, snippets] of Object.entries(snippetFiles) as Array<[LanguageId, (typeof snippetFiles)[LanguageId]]>) {
    for (const [name, snippet] of Object.entries(snippets ?? {})) {
      for (const eol of ['\n', '\r\n']) {
        it(`${language}: ${snippet.prefix} (${name}, ${JSON.stringify(eol)})`, () => {
          const body = snippet.body.join(eol);
          const text = expandSnippet(body) + eol;
          const { findings } = analyze(`file:///etc/postfix/${fileNames[language] ?? 'x'}`, language, text, defaultSettings);
          const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
          assert.deepEqual(loud.map((f) => `${f.code}: ${f.message}`), []);
        });
      }
    }
  }
});

describe('snippets are offered where a line starts with their prefix', () => {
  for (const [language, snippets] of Object.entries(snippetFiles) as Array<[LanguageId, (typeof snippetFiles)[LanguageId]]>) {
    for (const snippet of Object.values(snippets ?? {})) {
      for (const eol of ['\n', '\r\n']) {
        it(`${language}: ${snippet.prefix} (${JSON.stringify(eol)})`, () => {
          const before = `# first line${eol}`;
          const text = before + snippet.prefix.slice(0, 4);
          const file = parseFile(`file:///etc/postfix/${fileNames[language]}`, language, text);
          const item = completionItems(fileTypes[language].features.complete?.(file, text.length, [file])).find((i) => i.label === snippet.prefix);
          assert.ok(item, `${snippet.prefix} offered`);
          assert.equal(applyCompletion(text, text.length, item), before + expandSnippet(snippet.body.join(eol)));
        });
      }
    }
  }
});
