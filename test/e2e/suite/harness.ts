// A tiny sequential test harness for the extension host (where a test runner such as node:test cannot
// own the process). Each test has a timeout; results go to the caller as data.

export interface TestResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped' | 'todo';
  ms: number;
  error?: string;
}

interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
  skip?: string | false;
  /** A known bug: the test runs and reports, but its failure does not fail the suite. */
  todo?: string;
}

const cases: TestCase[] = [];

export function test(name: string, fn: TestCase['fn'], options: { timeoutMs?: number; skip?: string | false; todo?: string } = {}): void {
  cases.push({ name, fn, timeoutMs: options.timeoutMs ?? 60_000, skip: options.skip, todo: options.todo });
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`test "${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the registered tests in order; `bail` stops at the first failure (the negative control). */
export async function runTests(options: { bail?: boolean; log?: (line: string) => void } = {}): Promise<TestResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const results: TestResult[] = [];
  let stop = false;
  for (const c of cases) {
    const started = Date.now();
    if (stop || c.skip) {
      results.push({ name: c.name, status: 'skipped', ms: 0, error: stop ? 'after a failure (bail)' : c.skip || undefined });
      log(`- ${c.name} # SKIP ${stop ? 'bail' : c.skip}`);
      continue;
    }
    try {
      await withTimeout(Promise.resolve().then(c.fn), c.timeoutMs, c.name);
      results.push({ name: c.name, status: 'passed', ms: Date.now() - started });
      log(`✔ ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (c.todo) {
        results.push({ name: c.name, status: 'todo', ms: Date.now() - started, error });
        log(`- ${c.name} # TODO ${c.todo}\n  ${error.split('\n')[0]}`);
        continue;
      }
      results.push({ name: c.name, status: 'failed', ms: Date.now() - started, error });
      log(`✖ ${c.name} (${Date.now() - started} ms)\n  ${error.replace(/\n/g, '\n  ')}`);
      if (options.bail) stop = true;
    }
  }
  return results;
}

export function summary(results: TestResult[]): string {
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  return `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('todo')} todo`;
}
