// Test-only extension, installed next to the packaged postfix-sasl in code-server: once the workbench has
// started it runs the vscode-API suite and writes the results as JSON to $POSTFIX_SASL_E2E_RESULTS (the
// workbench offers no other way to run extension tests against an installed .vsix). Bundled by
// test/e2e/codeserver/apiSuite.mjs.
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { run } from '../suite/index';
import type { TestResult } from '../suite/harness';

export async function activate(): Promise<void> {
  const out = process.env.POSTFIX_SASL_E2E_RESULTS;
  if (!out) return;
  const log = (line: string) => appendFileSync(`${out}.log`, `${line}\n`);
  let results: TestResult[];
  let error: string | undefined;
  try {
    results = await run({ bail: process.env.POSTFIX_SASL_E2E_BAIL === '1', log });
  } catch (e) {
    const withResults = e as { results?: TestResult[]; message?: string };
    results = withResults.results ?? [];
    error = withResults.results ? undefined : String(withResults.message ?? e);
  }
  // Written whole, then renamed: the driver never reads half a file.
  writeFileSync(`${out}.tmp`, JSON.stringify({ results, error }, null, 2));
  renameSync(`${out}.tmp`, out);
}

export function deactivate(): void {}
