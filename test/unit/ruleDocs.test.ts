// Every rule has a page in docs/rules/, the pages are what the generator writes now, and each page's
// examples tell the truth: the bad set-up raises the rule, the fixed one does not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_DOCS_DIR, rulePages } from '../../scripts/rule-docs';
import { checkParsed, parseText } from '../../server/src/service/analyze';
import { detectLanguage } from '../../server/src/service/languages';
import { ruleDocs, type ExampleDisk, type ExampleFiles } from '../../server/src/service/ruleDocs';
import { ruleDocUrl } from '../../server/src/service/ruleLinks';
import { rules, type RuleCode } from '../../server/src/service/rules';
import { defaultSettings } from '../../server/src/service/settings';
import { toDiagnostic } from '../../server/src/service/toLsp';
import { analyze } from '../../server/src/service/analyze';

/** Where `code` fires in a set-up (`path:line`, 0-based): each file checked with the others as its instance. */
function firings(files: ExampleFiles, disk: Readonly<Record<string, ExampleDisk>> | undefined, code: RuleCode, maxFileSize?: number, postfixVersion?: string): string[] {
  const settings = { ...defaultSettings, ...(maxFileSize ? { maxFileSize } : {}), ...(postfixVersion ? { postfixVersion } : {}) };
  const parsed = Object.entries(files).map(([path, text]) => {
    const result = parseText(`file:///etc/${path}`, detectLanguage(`/etc/${path}`)!, text, settings);
    const facts = disk?.[path];
    if (facts) result.file.disk = { path: `/etc/${path}`, mode: facts.mode, mtimeMs: 2000, compiled: [{ path: `/etc/${path}.db`, mtimeMs: facts.staleTable ? 1000 : 3000 }] };
    return { path, result };
  });
  const instance = parsed.map((p) => p.result.file);
  return parsed.flatMap(({ path, result }) => checkParsed(result, settings, instance).filter((f) => f.code === code).map((f) => `${path}:${result.file.lines.positionAt(f.span.start).line}`));
}

describe('rule pages', () => {
  it('one page per rule, and each is current', () => {
    const pages = rulePages();
    assert.deepEqual(readdirSync(RULE_DOCS_DIR).sort(), [...pages.keys()].sort(), 'docs/rules/ is stale: run npx tsx scripts/readme-rules.ts');
    for (const [name, text] of pages) assert.equal(readFileSync(join(RULE_DOCS_DIR, name), 'utf8'), text, `docs/rules/${name} is stale: run npx tsx scripts/readme-rules.ts`);
    assert.deepEqual(Object.keys(ruleDocs).sort(), rules.map((r) => r.code).sort());
  });

  for (const rule of rules) {
    const doc = ruleDocs[rule.code];
    it(`${rule.code}: the bad example raises it, the fixed one does not`, () => {
      assert.notDeepEqual(firings(doc.bad, doc.disk?.bad, rule.code, doc.maxFileSize, doc.postfixVersion), [], 'the bad example');
      assert.deepEqual(firings({ ...doc.bad, ...doc.good }, doc.disk?.good, rule.code, doc.maxFileSize, doc.postfixVersion), [], 'the fixed example');
    });
    if (!doc.wholeFile) {
      it(`${rule.code}: the ignore comment the page shows silences it`, () => {
        const [at] = firings(doc.bad, doc.disk?.bad, rule.code, doc.maxFileSize, doc.postfixVersion);
        const [path, line] = at.split(':');
        const lines = doc.bad[path].split('\n');
        lines.splice(Number(line), 0, `# postfix-sasl: ignore ${rule.code}`);
        const files = { ...doc.bad, [path]: lines.join('\n') };
        assert.deepEqual(firings(files, doc.disk?.bad, rule.code, doc.maxFileSize, doc.postfixVersion), []);
      });
    }
  }

  it('every diagnostic links to its page in the repository that package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository: { url: string } };
    const repository = pkg.repository.url.replace(/\.git$/, '');
    const { file, findings } = analyze('file:///etc/postfix/main.cf', 'postfix-main', 'biff = maybe\nmyorigin = $mydomian\n', defaultSettings);
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const href = toDiagnostic(file, finding).codeDescription?.href;
      assert.equal(href, `${repository}/blob/main/docs/rules/${finding.code}.md`);
      assert.equal(href, ruleDocUrl(finding.code));
    }
  });
});
