// Settings as a client or a --config file sends them: what is kept, and what is named as left out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettingsChecked } from '../../server/src/service/settings';

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

  it('takes anything malformed as the defaults, with nothing to report', () => {
    for (const raw of [null, 42, 'x', { diagnostics: 'x' }, { diagnostics: { severity: null } }]) {
      assert.deepEqual(readSettingsChecked(raw).problems, [], JSON.stringify(raw));
    }
  });
});
