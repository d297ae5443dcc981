// How `postfix-sasl check` prints its findings: compiler-style lines (coloured on a terminal), the
// summary line, or one JSON array.
import type { JsonFinding } from './check';

/**
 * Colour only on a terminal that has colours, unless the user says otherwise: NO_COLOR (any non-empty
 * value, as no-color.org asks) turns it off, FORCE_COLOR turns it on (off with "0" or "false").
 */
export function wantsColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  const terminal = stream as Partial<NodeJS.WriteStream>;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return terminal.isTTY === true && (terminal.hasColors?.(16, env) ?? false);
}

const SGR = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' } as const;
type Style = keyof typeof SGR;
type Paint = (text: string, ...styles: Style[]) => string;

const paintWith = (color: boolean): Paint => (color ? (text, ...styles) => `\x1b[${styles.map((s) => SGR[s]).join(';')}m${text}\x1b[0m` : (text) => text);

const SEVERITY_STYLE: Record<string, Style[]> = { error: ['bold', 'red'], warning: ['yellow'], information: ['cyan'], hint: ['dim'] };

export function findingLine(f: JsonFinding, paint: Paint): string {
  return `${paint(`${f.file}:${f.line}:${f.column}:`, 'bold')} ${paint(`${f.severity}:`, ...(SEVERITY_STYLE[f.severity] ?? []))} ${f.message} ${paint(`[${f.code}]`, 'dim')}`;
}

/** How each severity is counted in the summary, in the order it is listed. */
const COUNTED: ReadonlyArray<[severity: string, one: string, many: string]> = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['information', 'info', 'info'],
  ['hint', 'hint', 'hints'],
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 errors, 5 warnings in 4 files", or "no problems in 4 files". */
export function summaryLine(findings: readonly JsonFinding[], files: number, paint: Paint = paintWith(false)): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const parts = COUNTED.filter(([severity]) => counts.has(severity)).map(([severity, one, many]) => paint(plural(counts.get(severity)!, one, many), ...(SEVERITY_STYLE[severity] ?? [])));
  const where = `in ${plural(files, 'file', 'files')}`;
  return parts.length ? `${parts.join(', ')} ${where}` : `${paint('no problems', 'green')} ${where}`;
}

export interface ReportIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/**
 * Text: one line per finding on stdout and the summary on stderr, so that stdout holds only findings
 * (for grep, editors' problem matchers, `wc -l`). JSON: the array alone on stdout, no summary.
 */
export function writeReport(findings: readonly JsonFinding[], files: number, format: 'text' | 'json', io: ReportIo): void {
  if (format === 'json') {
    io.stdout.write(JSON.stringify(findings, null, 1) + '\n');
    return;
  }
  const paint = paintWith(wantsColor(io.stdout, io.env));
  // One write: a closed pipe then fails once instead of once per line.
  if (findings.length) io.stdout.write(findings.map((f) => findingLine(f, paint) + '\n').join(''));
  io.stderr.write(summaryLine(findings, files, paintWith(wantsColor(io.stderr, io.env))) + '\n');
}
