// The README lists every rule with its current default severity, and package.json's severity setting
// accepts exactly the rule codes (regenerate both: npx tsx scripts/readme-rules.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { withRuleCodes, withRulesTable } from '../../scripts/readme-rules';
import { rules } from '../../server/src/service/rules';

it('the README rule table is the rule table', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  assert.equal(readme, withRulesTable(readme), 'README.md is stale: run npx tsx scripts/readme-rules.ts');
});

it("package.json's severity setting accepts the rule codes and no other", () => {
  const manifest = readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8');
  assert.equal(manifest, withRuleCodes(manifest), 'package.json is stale: run npx tsx scripts/readme-rules.ts');
});

it('rule codes are unique and kebab-case', () => {
  const codes = rules.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});
