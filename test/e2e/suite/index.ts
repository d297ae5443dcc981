// The vscode-API end-to-end suite. `run()` is the entry point that @vscode/test-electron expects
// (extensionTestsPath); inside code-server the runner extension (test/e2e/runner) calls it.
import { runTests, summary, TestResult } from './harness';
import './mainCf.e2e';
import './authTest.e2e';
import './logLanguage.e2e';

export async function run(options: { bail?: boolean; log?: (line: string) => void } = {}): Promise<TestResult[]> {
  const results = await runTests(options);
  const line = summary(results);
  (options.log ?? console.log)(line);
  if (results.some((r) => r.status === 'failed')) throw Object.assign(new Error(`e2e suite: ${line}`), { results });
  return results;
}
