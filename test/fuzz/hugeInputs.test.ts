// Long lines, many lines and deep nesting, for every file type: a pattern repeated to 100,000
// characters (or lines) must be parsed, checked and answered without throwing and in linear time,
// so a hostile file cannot freeze the editor. The long run (npm run fuzz) adds random patterns.
// Linear is asserted as growth, not as a figure: four times the input may cost about four times the
// CPU time, never the sixteen of a quadratic step. CPU time of this process, not wall time, so that
// other processes on a busy machine do not count (the figures themselves are the benchmark's).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/service/analyze';
import { languageIds, type LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { anyText, LONG, runs } from './arbitraries';
import { checkLspResult, checkParse } from './invariants';
import type { ParsedFile } from '../../server/src/service/documents';
import { fileTypes } from '../../server/src/service/fileTypes';

/** The smoke run in npm test uses shorter texts; the quadratic cases only show in the long run. */
const SIZE = LONG ? 100_000 : 10_000;
/** Four times the input costing more than this many times the time is not linear. */
const MAX_GROWTH = 10;
/** Below this the timer and the collector decide the ratio, not the code: a quadratic step at SIZE takes far longer. */
const NOISE_MS = 100;

/** Patterns that once made a scanner go quadratic or recurse once per repetition. */
const patterns = ['{{', '<%', '{%', '{#', '%{', '@@A', '${a?', '${a?{', '$(a:', '${', '$(', '{', '}', '${{', '$x', 'a ', ',', '#', '\r', '\n', '\r\n', ' x\n', 'a = b\n', '-o x=y ', '-o { a = b } ', 'smtp inet n - n - - smtpd\n', 'k u:p\n', 'a: b\n', 'A=b\n', '"', "'", '\\\n', '\ud800'];
const prefixes = ['', 'a = ', 'smtp inet n - n - - smtpd -o a=', 'mech_list: ', 'OPTIONS="', '[h]:25 u:'];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Parses, checks and asks every feature; returns the CPU time that took and the results to check. */
function work(languageId: LanguageId, text: string): { ms: number; file: ParsedFile; results: Array<[string, unknown]> } {
  const start = cpuMs();
  const { file } = analyze(`file:///huge/${languageId}`, languageId, text, defaultSettings);
  const f = fileTypes[languageId].features;
  const results: Array<[string, unknown]> = [];
  for (const at of [0, file.text.length >> 1, file.text.length]) {
    const offset = file.lines.offsetAt(file.lines.positionAt(at));
    results.push(['hover', f.hover?.(file, offset, [])], ['completion', f.complete?.(file, offset, [])], ['definition', f.definition?.(file, offset)]);
    results.push(['references', f.references?.(file, offset, true)], ['rename', f.rename?.(file, offset, 'x')]);
  }
  results.push(['symbols', f.symbols?.(file)], ['folding', f.folding?.(file)]);
  return { ms: cpuMs() - start, file, results };
}

/**
 * `make(n)` is the input at scale n. The full-size run's results are checked; it must cost no more than
 * MAX_GROWTH times the quarter-size run, measured twice (the faster of each) before it counts as a failure.
 */
function exercise(languageId: LanguageId, make: (scale: number) => string, label: string): void {
  const big = work(languageId, make(1));
  for (const [what, result] of big.results) checkLspResult(result, big.file, what);
  if (LONG) checkParse(big.file);
  if (big.ms < NOISE_MS) return;
  const quarter = Math.min(work(languageId, make(0.25)).ms, work(languageId, make(0.25)).ms);
  const full = Math.min(big.ms, work(languageId, make(1)).ms);
  const growth = full / Math.max(quarter, NOISE_MS / MAX_GROWTH);
  assert.ok(full < NOISE_MS || growth <= MAX_GROWTH, `${label}: four times the input took ${growth.toFixed(1)} times as long (${Math.round(quarter)} ms, then ${Math.round(full)} ms)`);
}

describe('fuzz: huge and deeply nested inputs for every file type', () => {
  for (const languageId of languageIds) {
    it(`${languageId}: every pattern repeated to ${SIZE.toLocaleString('en')} characters, after every prefix, in time`, () => {
      for (const prefix of prefixes) {
        for (const pattern of patterns) {
          const make = (scale: number) => prefix + pattern.repeat(Math.ceil((SIZE * scale) / pattern.length));
          exercise(languageId, make, `${languageId} ${JSON.stringify(prefix + pattern)} x ${Math.ceil(SIZE / pattern.length)}`);
        }
      }
    });

    it(`${languageId}: nesting closed as deep as it opens`, () => {
      for (const [open, close] of [['${a?', '}'], ['$(a:', ')'], ['${a?{', '}}'], ['{', '}'], ['${{$a} == {', '} ? {x} : {y}}'], ['s {\n', '}\n']]) {
        const depth = (scale: number) => Math.ceil((100_000 * scale) / (open.length + close.length)); // deep enough to overflow a recursive scanner
        exercise(languageId, (scale) => 'a = ' + open.repeat(depth(scale)) + close.repeat(depth(scale)), `${languageId} ${JSON.stringify(open)} nested ${depth(1)} deep`);
      }
    });

    it(`${languageId}: a random piece of text repeated to a long line and to many lines`, () => {
      fc.assert(
        fc.property(anyText.filter((t) => t.length > 0), fc.boolean(), (piece, manyLines) => {
          const unit = manyLines ? `${piece}\n` : piece;
          exercise(languageId, (scale) => unit.repeat(Math.ceil((SIZE * scale) / unit.length)), `${languageId} ${JSON.stringify(unit.slice(0, 60))} repeated`);
        }),
        { numRuns: runs(200, 5) },
      );
    });
  }
});
