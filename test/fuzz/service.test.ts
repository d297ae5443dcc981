// Property-based tests over every file type and every registered feature: for any text, at any
// offset, nothing throws, every span and range lies inside the document, and parsing is deterministic.
// `npm run fuzz` runs 10,000 cases per property and file type; `npm test` a smoke run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/service/analyze';
import { codeActions, fixAllAction } from '../../server/src/service/codeActions';
import { type ParsedFile } from '../../server/src/service/documents';
import { languageIds, type LanguageId } from '../../server/src/service/languages';
import { defaultSettings } from '../../server/src/service/settings';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { documentText, offsets, runs, toOffset } from './arbitraries';
import { checkLspResult, checkParse } from './invariants';
import { fileTypes, parseFile } from '../../server/src/service/fileTypes';

const numRuns = runs(10_000, 200);
/** Inputs the long run once failed on, tried first in every run. */
const parseExamples: Array<[string]> = [['MECHANISMS="pam"\\MECHANISMS="pam"']];
const uriOf = (languageId: LanguageId) => `file:///fuzz/${languageId}`;

/** Every feature the file type registers, at `offset`; returns what each gave, by name. */
function runFeatures(file: ParsedFile, offset: number, instance: readonly ParsedFile[], newName: string): Record<string, unknown> {
  const f = fileTypes[file.languageId].features;
  const out: Record<string, unknown> = {};
  if (f.complete) out.complete = f.complete(file, offset, instance);
  if (f.hover) out.hover = f.hover(file, offset, instance);
  if (f.symbols) out.symbols = f.symbols(file);
  if (f.folding) out.folding = f.folding(file);
  if (f.definition) out.definition = f.definition(file, offset);
  if (f.references) out.references = [f.references(file, offset, true), f.references(file, offset, false)];
  if (f.prepareRename) {
    const span = f.prepareRename(file, offset);
    if (span) {
      assert.ok(span.start >= 0 && span.start <= span.end && span.end <= file.text.length, `prepareRename span ${span.start}..${span.end} outside 0..${file.text.length}`);
      assert.ok(offset >= span.start && offset <= span.end, `prepareRename at ${offset} gave ${span.start}..${span.end}, which does not hold the cursor`);
    }
  }
  if (f.rename) out.rename = f.rename(file, offset, newName);
  return out;
}

/** Findings, their diagnostics and their quick fixes all stay inside the (possibly cut) document. */
function checkAnalysis(text: string, languageId: LanguageId, others: readonly ParsedFile[], spans: Array<[number, number]>): ParsedFile {
  const { file, findings } = analyze(uriOf(languageId), languageId, text, defaultSettings, others);
  checkParse(file);
  for (const finding of findings) {
    const where = `${finding.code} ${JSON.stringify(finding.span)}`;
    assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= file.text.length, `finding ${where} outside 0..${file.text.length}`);
    for (const r of finding.related ?? []) if (!r.uri) assert.ok(r.span.start >= 0 && r.span.start <= r.span.end && r.span.end <= file.text.length, `${where}: related span outside the document`);
    if (finding.fix?.kind === 'replace') assert.ok(finding.fix.span.start >= 0 && finding.fix.span.start <= finding.fix.span.end && finding.fix.span.end <= file.text.length, `${where}: fix span outside the document`);
    if (finding.fix?.kind === 'delete-lines') assert.ok(finding.fix.firstLine >= 0 && finding.fix.firstLine <= finding.fix.lastLine && finding.fix.lastLine < file.lines.lineCount, `${where}: fix lines outside the document`);
    const diagnostic = toDiagnostic(file, finding);
    checkLspResult({ range: diagnostic.range }, file, `diagnostic ${finding.code}`);
  }
  for (const [a, b] of spans) {
    const span = { start: Math.min(a, b), end: Math.max(a, b) };
    checkLspResult(codeActions(file, findings, span, (f) => toDiagnostic(file, f)), file, 'code actions');
  }
  checkFixAll(file, findings);
  return file;
}

/** "Fix all" stays in the document, and its edits come in order without overlapping (LSP forbids it). */
function checkFixAll(file: ParsedFile, findings: Parameters<typeof fixAllAction>[1]): void {
  const action = fixAllAction(file, findings);
  checkLspResult(action, file, 'fix all');
  const spans = (action?.edit?.changes?.[file.uri] ?? []).map((e) => [file.lines.offsetAt(e.range.start), file.lines.offsetAt(e.range.end)]);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1][1] <= spans[i][0], `fix all: edits ${JSON.stringify(spans[i - 1])} and ${JSON.stringify(spans[i])} overlap or are out of order`);
}

/** A parse with every lazily computed part forced, so two parses can be compared whole. */
function settled(file: ParsedFile): unknown {
  const seen = new WeakSet<object>(); // parsers may keep parent links: an object is written once
  return JSON.parse(
    JSON.stringify(file, (_key, value: unknown) => {
      if (!value || typeof value !== 'object') return value;
      if (seen.has(value)) return '[seen]';
      seen.add(value);
      return value instanceof Map ? [...value] : value;
    }),
  );
}

describe('fuzz: parsers and features for every file type', () => {
  for (const languageId of languageIds) {
    describe(languageId, () => {
      it('parses any text deterministically, with every span inside the text and matching it', () => {
        fc.assert(
          fc.property(documentText, (text) => {
            const first = parseFile(uriOf(languageId), languageId, text);
            assert.deepEqual(settled(parseFile(uriOf(languageId), languageId, text)), settled(first));
            checkParse(first);
          }),
          { numRuns, examples: parseExamples },
        );
      });

      it('diagnoses, offers code actions and answers every feature at any offset without throwing or leaving the document', () => {
        const otherTypes = languageIds.filter((l) => l !== languageId);
        fc.assert(
          fc.property(documentText, documentText, offsets(4), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }), fc.oneof(fc.constant('new_name'), fc.string({ maxLength: 8 })), (text, otherText, fractions, rawSpans, newName) => {
            const others = otherTypes.map((l) => parseFile(uriOf(l), l, otherText));
            const spans = rawSpans.map(([a, b]) => [a % (text.length + 1), b % (text.length + 1)] as [number, number]);
            const file = checkAnalysis(text, languageId, others, spans);
            for (const fraction of fractions) {
              // As the server computes it from a position: never between the CR and LF of a line end.
              const offset = file.lines.offsetAt(file.lines.positionAt(toOffset(fraction, file.text.length)));
              const results = runFeatures(file, offset, others, newName);
              for (const [name, result] of Object.entries(results)) checkLspResult(result, file, `${name} at ${offset}: `);
            }
          }),
          { numRuns },
        );
      });
    });
  }
});
