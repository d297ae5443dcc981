// Issue 19: every edit we hand a client is valid LSP. A completion item's edit is one line holding the
// cursor (LSP requires it; a client applying a multi-line one deleted master.cf's -o lines); every
// additional edit and every code-action edit lies inside the document. Master.cf's `{ ... }` values
// and a leading BOM are mixed in, where both once went wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompletionItem, Range, TextEdit } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/service/analyze';
import { codeActions } from '../../server/src/service/codeActions';
import type { ParsedFile } from '../../server/src/service/documents';
import { fileTypes } from '../../server/src/service/fileTypes';
import { languageIds } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { documentText, offsets, runs, toOffset } from './arbitraries';

const numRuns = runs(5_000, 150);

const MASTER_BRACES = fc.constantFrom(
  'submission inet n - y - - smtpd\n  -o { smtpd_sasl_auth_enable = yes }\n  -o {smtpd_recipient_restrictions =\n     permit_sasl_authenticated, reject }\n',
  'smtp unix - - y - - smtp\n  -o { smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd',
  'relay unix - - n - - smtp -o {',
  '  -o { ',
);
const text = fc.tuple(fc.boolean(), fc.oneof(documentText, MASTER_BRACES, fc.tuple(MASTER_BRACES, documentText).map(([a, b]) => a + b))).map(([bom, t]) => (bom ? `\ufeff${t}` : t));

function inside(range: Range, file: ParsedFile, what: string): void {
  const { lines } = file;
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    assert.ok(p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStarts[p.line], `${what}: character ${p.character} past the end of line ${p.line}`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: range ends before it starts`);
}

function checkCompletion(item: CompletionItem, file: ParsedFile, cursor: { line: number; character: number }): void {
  const what = `completion "${item.label}" at ${cursor.line}:${cursor.character}`;
  const edit = item.textEdit;
  const ranges = !edit ? [] : 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
  for (const range of ranges) {
    inside(range, file, what);
    assert.equal(range.start.line, cursor.line, `${what}: the edit starts on line ${range.start.line}, not the cursor's`);
    assert.equal(range.end.line, cursor.line, `${what}: the edit ends on line ${range.end.line}, not the cursor's`);
    assert.ok(range.start.character <= cursor.character && cursor.character <= range.end.character, `${what}: the edit ${range.start.character}..${range.end.character} does not hold the cursor`);
  }
  for (const extra of item.additionalTextEdits ?? []) inside(extra.range, file, `${what}, additional edit`);
}

describe('completion edits at every offset of the texts that once went wrong', () => {
  const cases: Array<[(typeof languageIds)[number], string]> = [
    ['postfix-master', 'submission inet n - y - - smtpd\n  -o { smtpd_sasl_auth_enable = yes }\n  -o {smtpd_recipient_restrictions =\n     permit_sasl_authenticated, reject }\n'],
    ['postfix-master', 'smtp unix - - y - - smtp\n  -o {\n  -o smtpd_tls_security_level=encrypt\n'],
    ['postfix-master', '\ufeffsmtp unix - - y - - smtp\n'],
    ['postfix-main', '\ufeffsmtpd_sa'],
    ['postfix-main', '\ufeff'],
  ];
  for (const [languageId, t] of cases) {
    it(`${languageId}: ${JSON.stringify(t.slice(0, 40))}`, () => {
      const { file } = analyze(`file:///fixed/${languageId}`, languageId, t, defaultSettings);
      for (let offset = 0; offset <= t.length; offset++) {
        const result = fileTypes[languageId].features.complete?.(file, offset, []) ?? [];
        for (const item of Array.isArray(result) ? result : result.items) checkCompletion(item, file, file.lines.positionAt(offset));
      }
    });
  }
});

describe('fuzz: every completion and code-action edit is valid LSP', () => {
  for (const languageId of languageIds) {
    it(languageId, () => {
      fc.assert(
        fc.property(text, offsets(4), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }), (t, fractions, rawSpans) => {
          const { file, findings } = analyze(`file:///fuzz/${languageId}`, languageId, t, defaultSettings);
          for (const fraction of fractions) {
            const offset = file.lines.offsetAt(file.lines.positionAt(toOffset(fraction, file.text.length)));
            const cursor = file.lines.positionAt(offset);
            const result = fileTypes[languageId].features.complete?.(file, offset, []) ?? [];
            for (const item of Array.isArray(result) ? result : result.items) checkCompletion(item, file, cursor);
          }
          for (const [a, b] of rawSpans) {
            const span = { start: Math.min(a, b) % (t.length + 1), end: Math.max(a, b) % (t.length + 1) };
            for (const action of codeActions(file, findings, { start: Math.min(span.start, span.end), end: Math.max(span.start, span.end) }, (f) => toDiagnostic(file, f))) {
              for (const edits of Object.values(action.edit?.changes ?? {})) for (const e of edits as TextEdit[]) inside(e.range, file, `code action "${action.title}"`);
            }
          }
        }),
        { numRuns },
      );
    });
  }
});
