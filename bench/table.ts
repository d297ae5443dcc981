// Renders the rows as one plain-text table, or as JSON for machines.
import { passes, type Row } from './stats';

function fmt(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (unit === 'KB' || unit === 'lines') return `${Math.round(value)}`;
  if (unit === 'µs/line') return value.toFixed(3);
  if (unit === 'ratio') return value.toFixed(2);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['measurement', 'median', 'p95', 'unit', 'n', 'budget', ''];
  const body = rows.map((r) => {
    const ok = passes(r);
    return [`${r.section}: ${r.name}`, fmt(r.median, r.unit), fmt(r.p95, r.unit), r.unit, r.n ? String(r.n) : '', r.budget?.label ?? '', ok === undefined ? (r.budget ? 'n/a' : '') : ok ? 'PASS' : 'FAIL'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (let i = 0; i < rows.length; i++) out.push(line(body[i]));
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.section}: ${r.name}: ${r.note}`);
  if (notes.length) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}

export function renderJson(rows: readonly Row[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, rows: rows.map((r) => ({ ...r, pass: passes(r) })) }, null, 2);
}
