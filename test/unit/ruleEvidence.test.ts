// Every rule's claim is backed (server/src/service/ruleEvidence.ts): a real-daemon test case that
// exists and names the rule's code, or the daemon's own documentation. Findings about our own reading
// of the files may only be information, since they say nothing about what a daemon does.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleEvidence } from '../../server/src/service/ruleEvidence';
import { rules } from '../../server/src/service/rules';

const ROOT = join(__dirname, '..', '..');
/** A manual page with its section, a file a distribution ships, or a web page. */
const DOCUMENTED = /^([a-z0-9_.-]+\([1-8]\)|\/(etc|usr|lib)\/\S+|https:\/\/\S+)/;

describe('rule evidence', () => {
  it('covers exactly the rule table', () => {
    assert.deepEqual(Object.keys(ruleEvidence).sort(), rules.map((r) => r.code).sort());
  });

  for (const rule of rules) {
    const evidence = ruleEvidence[rule.code];
    it(`${rule.code}: ${JSON.stringify(evidence)}`, () => {
      if ('daemon' in evidence) {
        const [file, name, ...rest] = evidence.daemon.split('#');
        assert.ok(/^test\/(oracle\/[\w-]+\.test|relays\/cases)\.ts$/.test(file) && name && rest.length === 0, 'daemon evidence is test/oracle/FILE.test.ts#CASE or test/relays/cases.ts#CASE');
        const path = join(ROOT, file);
        assert.ok(existsSync(path), `${file} does not exist`);
        const text = readFileSync(path, 'utf8');
        assert.ok(text.includes(`'${name}'`), `${file} has no case '${name}'`);
        assert.ok(text.includes(`'${rule.code}'`), `${file} never names '${rule.code}', so it cannot check our severity`);
      } else if ('documented' in evidence) {
        assert.match(evidence.documented, DOCUMENTED);
      } else {
        assert.ok(evidence.tool.length > 0);
        assert.ok(rule.defaultSeverity === 'information' || rule.defaultSeverity === 'hint', 'a finding about our own reading cannot claim that a daemon fails');
      }
    });
  }
});
