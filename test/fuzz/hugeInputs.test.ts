// Long lines, many lines and deep nesting, for every file type: a pattern repeated to 100,000
// characters (or lines) must be parsed, checked and answered without throwing and in linear time,
// so a hostile file cannot freeze the editor. The long run (npm run fuzz) adds random patterns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/service/analyze';
import { languageIds, type LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { anyText, LONG, runs } from './arbitraries';
import { checkLspResult, checkParse } from './invariants';
import { fileTypes } from '../../server/src/service/fileTypes';

/** The smoke run in npm test uses shorter texts; the quadratic cases only show in the long run. */
const SIZE = LONG ? 100_000 : 10_000;
/** Generous for a busy machine: the quadratic cases this guards against took 5 s to minutes. */
const BUDGET_MS = 1_500;

/** Patterns that once made a scanner go quadratic or recurse once per repetition. */
const patterns = ['{{', '<%', '{%', '{#', '%{', '@@A', '${a?', '${a?{', '$(a:', '${', '$(', '{', '}', '${{', '$x', 'a ', ',', '#', '\r', '\n', '\r\n', ' x\n', 'a = b\n', '-o x=y ', '-o { a = b } ', 'smtp inet n - n - - smtpd\n', 'k u:p\n', 'a: b\n', 'A=b\n', '"', "'", '\\\n', '\ud800'];
const prefixes = ['', 'a = ', 'smtp inet n - n - - smtpd -o a=', 'mech_list: ', 'OPTIONS="', '[h]:25 u:'];

/** Parses, checks and asks every feature; only this is timed, the invariant checks come after. */
function exercise(languageId: LanguageId, text: string, label: string): void {
  const start = performance.now();
  const { file } = analyze(`file:///huge/${languageId}`, languageId, text, defaultSettings);
  const f = fileTypes[languageId].features;
  const results: Array<[string, unknown]> = [];
  for (const at of [0, file.text.length >> 1, file.text.length]) {
    const offset = file.lines.offsetAt(file.lines.positionAt(at));
    results.push(['hover', f.hover?.(file, offset, [])], ['completion', f.complete?.(file, offset, [])], ['definition', f.definition?.(file, offset)]);
    results.push(['references', f.references?.(file, offset, true)], ['rename', f.rename?.(file, offset, 'x')]);
  }
  results.push(['symbols', f.symbols?.(file)], ['folding', f.folding?.(file)]);
  const ms = performance.now() - start;
  assert.ok(ms < BUDGET_MS, `${label} took ${Math.round(ms)} ms`);
  for (const [what, result] of results) checkLspResult(result, file, what);
  if (LONG) checkParse(file);
}

describe('fuzz: huge and deeply nested inputs for every file type', () => {
  for (const languageId of languageIds) {
    it(`${languageId}: every pattern repeated to ${SIZE.toLocaleString('en')} characters, after every prefix, in time`, () => {
      for (const prefix of prefixes) {
        for (const pattern of patterns) {
          const text = prefix + pattern.repeat(Math.ceil(SIZE / pattern.length));
          exercise(languageId, text, `${languageId} ${JSON.stringify(prefix + pattern)} x ${Math.ceil(SIZE / pattern.length)}`);
        }
      }
    });

    it(`${languageId}: nesting closed as deep as it opens`, () => {
      for (const [open, close] of [['${a?', '}'], ['$(a:', ')'], ['${a?{', '}}'], ['{', '}'], ['${{$a} == {', '} ? {x} : {y}}'], ['s {\n', '}\n']]) {
        const depth = Math.ceil(100_000 / (open.length + close.length)); // deep enough to overflow a recursive scanner
        exercise(languageId, 'a = ' + open.repeat(depth) + close.repeat(depth), `${languageId} ${JSON.stringify(open)} nested ${depth} deep`);
      }
    });

    it(`${languageId}: a random piece of text repeated to a long line and to many lines`, () => {
      fc.assert(
        fc.property(anyText.filter((t) => t.length > 0), fc.boolean(), (piece, manyLines) => {
          const unit = manyLines ? `${piece}\n` : piece;
          exercise(languageId, unit.repeat(Math.ceil(SIZE / unit.length)), `${languageId} ${JSON.stringify(unit.slice(0, 60))} repeated`);
        }),
        { numRuns: runs(200, 5) },
      );
    });
  }
});
