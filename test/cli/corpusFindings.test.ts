// The findings on the shared real-world corpus are kept as an expected list, so any change in them
// is seen and judged. Refresh after a deliberate change: UPDATE_CORPUS_FINDINGS=1 node scripts/run-tests.mjs test/cli/corpusFindings.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { checkPaths } from '../../server/src/cli/check';
import { defaultSettings } from '../../server/src/service/settings';
import { corpusDir, corpusSkip } from '../helpers/corpus';

const expectedPath = join(__dirname, '..', 'fixtures', 'corpus-findings.txt');

it('the corpus findings are the expected ones', { skip: corpusSkip }, () => {
  const lines = checkPaths([corpusDir!], { ...defaultSettings, maxFileSize: 256 * 1024 * 1024 })
    .map((f) => `${relative(corpusDir!, f.file)}:${f.line}:${f.column} ${f.severity} ${f.code}`)
    .sort();
  const actual = lines.join('\n') + '\n';
  if (process.env.UPDATE_CORPUS_FINDINGS) writeFileSync(expectedPath, actual);
  assert.equal(actual, readFileSync(expectedPath, 'utf8'));
});
