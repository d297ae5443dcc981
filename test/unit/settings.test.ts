// Settings as a client or a --config file sends them: what is kept, and what is named as left out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings, readSettingsChecked } from '../../server/src/service/settings';

const cases: Array<{ name: string; severity: Record<string, unknown>; kept: Record<string, string>; problems: string[] }> = [
  { name: 'a known code and severity', severity: { 'invalid-boolean': 'off' }, kept: { 'invalid-boolean': 'off' }, problems: [] },
  { name: 'a misspelt code, with the code it is near', severity: { 'unknown-paramter': 'off', 'invalid-boolean': 'hint' }, kept: { 'invalid-boolean': 'hint' }, problems: ['"unknown-paramter" is not a rule code (did you mean "unknown-parameter"?)'] },
  { name: 'a code near nothing', severity: { 'no-such-thing-at-all': 'error' }, kept: {}, problems: ['"no-such-thing-at-all" is not a rule code'] },
  { name: 'a severity that is not one', severity: { 'open-relay': 'fatal', 'invalid-size': 3 }, kept: {}, problems: ['the severity of "open-relay", "invalid-size" must be one of error, warning, information, hint, off'] },
  { name: 'a code spelt in capitals is not the code', severity: { 'OPEN-RELAY': 'off' }, kept: {}, problems: ['"OPEN-RELAY" is not a rule code'] },
];

describe('severity settings', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { settings, problems } = readSettingsChecked({ diagnostics: { severity: c.severity } });
      assert.deepEqual(settings.severity, c.kept);
      assert.deepEqual(problems, c.problems);
    });
  }

  it('takes null as unset, with nothing to report', () => {
    for (const raw of [null, undefined, { diagnostics: null }, { diagnostics: { severity: null } }, { maxFileSize: null }]) {
      assert.deepEqual(readSettingsChecked(raw), { settings: defaultSettings, problems: [] }, JSON.stringify(raw));
    }
  });

  it('takes a value of the wrong type as the default and names it', () => {
    for (const [raw, problem] of [
      [42, 'the settings must be a JSON object'],
      [[1, 2, 3], 'the settings must be a JSON object'],
      [{ diagnostics: 'x' }, 'diagnostics must be an object'],
      [{ diagnostics: { severity: ['error'] } }, 'diagnostics.severity must be an object'],
      [{ maxFileSize: '2MB' }, 'maxFileSize must be a number'],
      [{ debounceMs: Number.NaN }, 'debounceMs must be a number'],
    ] as const) {
      const read = readSettingsChecked(raw);
      assert.deepEqual(read.settings, defaultSettings, JSON.stringify(raw));
      assert.equal(read.problems.length, 1, JSON.stringify(raw));
      assert.ok(read.problems[0].startsWith(problem), `${JSON.stringify(raw)}: ${read.problems[0]}`);
    }
  });
});
