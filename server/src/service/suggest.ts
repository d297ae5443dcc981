// "Did you mean" for misspelled names: the closest candidate by edit distance, if close enough.

// Three rows of the distance table, reused across calls (did-you-mean runs thousands of them).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  let [prevPrev, prev, row] = rows;
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prevPrev[j - 2] + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[b.length];
}

/** How far a candidate may be: a typo or two, more for long names. */
function maxDistance(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 10 ? 2 : 3;
}

/** The best candidate within a distance that grows with the word's length, or undefined. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const max = maxDistance(word);
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate, Math.min(max, bestDistance));
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= max ? best : undefined;
}

/**
 * Did-you-mean over one fixed set of candidates, for a whole file: candidates are grouped by length
 * (only lengths within reach are compared), answers are remembered per word, and the work has a
 * budget, counted in table cells (candidates times the word's length squared). Past it, words get no
 * suggestion: a file with thousands of misspelt names still gets its findings in linear time, only
 * without guesses (a long file of `pN = $qN` was quadratic).
 */
/** Candidates grouped by length, built once for a fixed list (Postfix's names) and shared by many Suggesters. */
export class CandidateIndex {
  readonly byLength = new Map<number, string[]>();
  readonly all: ReadonlySet<string>;

  constructor(candidates: Iterable<string>, except: readonly CandidateIndex[] = []) {
    this.all = new Set([...candidates].filter((c) => !except.some((e) => e.all.has(c))));
    for (const c of this.all) {
      const list = this.byLength.get(c.length);
      if (list) list.push(c);
      else this.byLength.set(c.length, [c]);
    }
  }
}

export class Suggester {
  private readonly indexes: CandidateIndex[];
  private readonly answers = new Map<string, string | undefined>();
  private budget: number;

  /** `shared` indexes (built once) join the candidates, so a file's own Suggester costs only its own names. */
  constructor(candidates: Iterable<string>, budget = 10_000_000, shared: readonly CandidateIndex[] = []) {
    this.budget = budget;
    this.indexes = [...shared, new CandidateIndex(candidates, shared)];
  }

  suggest(word: string): string | undefined {
    if (this.answers.has(word)) return this.answers.get(word);
    const max = maxDistance(word);
    const near: string[][] = [];
    let count = 0;
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const index of this.indexes) {
        const list = index.byLength.get(length);
        if (list) near.push(list);
        count += list?.length ?? 0;
      }
    }
    const cost = count * (word.length + 1) ** 2;
    if (cost > this.budget) return undefined;
    this.budget -= cost;
    const answer = closestMatch(word, near.flat());
    this.answers.set(word, answer);
    return answer;
  }
}
