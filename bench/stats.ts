// Timing helpers and the row type every measurement reports.

export interface Summary {
  median: number;
  p95: number;
  n: number;
}

/** Median and 95th percentile (nearest rank) of the samples. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return { median: NaN, p95: NaN, n: 0 };
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
  return { median, p95, n: s.length };
}

export function now(): number {
  return performance.now();
}

/**
 * Runs `work` unmeasured at least `warmup` times and for at least `warmupMs` (so the JIT has
 * optimized it: "warm"), then `runs` times measured; milliseconds.
 */
export function timeSync(work: () => void, runs: number, warmup = 0, warmupMs = 0): number[] {
  const warmStart = now();
  for (let i = 0; i < warmup || now() - warmStart < warmupMs; i++) work();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    work();
    out.push(now() - t);
  }
  return out;
}

export async function timeAsync(work: () => Promise<void>, runs: number, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    await work();
    out.push(now() - t);
  }
  return out;
}

/** A budget: the median must be at most `max` (in the row's unit). */
export interface Budget {
  max: number;
  /** How the budget reads in the table, e.g. "≤ 25 ms". */
  label: string;
}

export interface Row {
  section: string;
  name: string;
  unit: 'ms' | 'MB' | 'KB' | 'µs/line' | 'ratio' | 'lines';
  /** A single figure (sizes, ratios) has only a median. */
  median: number;
  p95?: number;
  n?: number;
  budget?: Budget;
  note?: string;
}

export function row(section: string, name: string, samples: readonly number[], budget?: Budget, note?: string): Row {
  const s = summarize(samples);
  return { section, name, unit: 'ms', median: s.median, p95: s.p95, n: s.n, budget, note };
}

export function passes(r: Row): boolean | undefined {
  if (!r.budget || Number.isNaN(r.median)) return undefined;
  return Number.isFinite(r.median) && r.median <= r.budget.max;
}
