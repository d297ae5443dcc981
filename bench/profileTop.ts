// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function, and
// self time per source file. Bundles made by esbuild (not minified) are mapped back to their source
// files through the `// path/to/file.ts` section comments esbuild writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const sectionCache = new Map<string, Array<[number, string]>>();

/** The source file of a line of an esbuild bundle, or the URL itself. */
function sourceOf(url: string, line: number): string {
  if (!url.startsWith('file:') || !url.endsWith('.js')) return url.replace(/^.*\/work\/main\//, '');
  let sections = sectionCache.get(url);
  if (!sections) {
    sections = [];
    try {
      readFileSync(fileURLToPath(url), 'utf8').split('\n').forEach((text, i) => {
        const m = /^\/\/ ((?:server|client|node_modules|bench|test)\/\S+)$/.exec(text);
        if (m) sections!.push([i, m[1]]);
      });
    } catch {
      // not readable: keep the URL
    }
    sectionCache.set(url, sections);
  }
  let found = url.replace(/^.*\//, '');
  for (const [start, file] of sections) {
    if (start > line) break;
    found = file;
  }
  return found;
}

export function summarizeProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const where = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${sourceOf(n.callFrame.url, n.callFrame.lineNumber)}`;

  const fnSelf = new Map<string, number>();
  const fnTotal = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    add(fnSelf, where(n), us);
    add(fileSelf, sourceOf(n.callFrame.url, n.callFrame.lineNumber) || n.callFrame.functionName, us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parents.get(cur)) {
      const key = where(byId.get(cur)!);
      if (!seen.has(key)) add(fnTotal, key, us);
      seen.add(key);
    }
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const out = [`total sampled: ${(total / 1000).toFixed(0)} ms`];
  const section = (title: string, m: Map<string, number>) => {
    out.push('', title);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  };
  section('self time by function', fnSelf);
  section('self time by file', fileSelf);
  section('inclusive time by function', fnTotal);
  return out.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  process.stdout.write(summarizeProfile(file, Number(top ?? 25)) + '\n');
}
