// In-process measurements of the pure service: parse + full diagnostics, completion, hover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diskReader } from '../server/src/diskReader';
import { analyze, parseForContext, parseText } from '../server/src/service/analyze';
import { checkInstance } from '../server/src/service/instance/check';
import { buildInstance } from '../server/src/service/instance/instance';
import { locateLayouts } from '../server/src/service/instance/locate';
import { completionItems } from '../server/src/service/features';
import { defaultSettings, type Settings } from '../server/src/service/settings';
import type { Inputs } from './generate';
import { row, timeSync, type Row } from './stats';
import { fileTypes } from '../server/src/service/fileTypes';

/** Large enough for the 100,000-line file, so every size gets the full check. */
const settings: Settings = { ...defaultSettings, maxFileSize: 256 * 1024 * 1024 };

/** Each case runs unmeasured this long first, so the figures are for optimized code. */
const WARM_MS = 1000;

export interface Opened {
  uri: string;
  text: string;
  masterUri: string;
  masterText: string;
}

export function openDir(dir: string): Opened {
  return {
    uri: pathToFileURL(join(dir, 'main.cf')).toString(),
    text: readFileSync(join(dir, 'main.cf'), 'utf8'),
    masterUri: pathToFileURL(join(dir, 'master.cf')).toString(),
    masterText: readFileSync(join(dir, 'master.cf'), 'utf8'),
  };
}

/** Where completion and hover are asked: a parameter name typed on a new last line, and the last line's name. */
export function endPositions(text: string): { completeText: string; completeOffset: number; hoverOffset: number } {
  const completeText = `${text}smtpd_sasl_`;
  const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
  return { completeText, completeOffset: completeText.length, hoverOffset: lastLine + 2 };
}

export function measureService(inputs: Inputs, runs: number, rows: Row[]): void {
  const S = 'service (in-process, warm)';
  const budgets: Record<string, { max: number; label: string } | undefined> = { typical: { max: 2, label: '≤ 2 ms' }, large20k: { max: 25, label: '≤ 25 ms' } };
  for (const key of ['one', 'typical', 'large20k', 'large100k'] as const) {
    const o = openDir(inputs.dirs[key]);
    const master = parseForContext(o.masterUri, 'postfix-master', o.masterText, settings);
    let findings = 0;
    const samples = timeSync(() => {
      findings = analyze(o.uri, 'postfix-main', o.text, settings, [master]).findings.length;
    }, key === 'large100k' ? Math.max(3, runs >> 1) : runs, 3, WARM_MS);
    rows.push(row(S, `parse + diagnostics, main.cf ${inputs.lines[key]} lines`, samples, budgets[key], key === 'large20k' ? `${findings} findings` : undefined));
  }

  const masterText = readFileSync(inputs.master200, 'utf8');
  const mainBeside = parseForContext('file:///bench/master200/main.cf', 'postfix-main', readFileSync(join(inputs.master200, '..', 'main.cf'), 'utf8'), settings);
  rows.push(row(S, 'parse + diagnostics, master.cf 200 services', timeSync(() => void analyze('file:///bench/master200/master.cf', 'postfix-master', masterText, settings, [mainBeside]), runs, 3, WARM_MS)));

  let built = 0;
  rows.push(row(S, `instances of the ${inputs.instances}-instance workspace found, read, parsed and built`, timeSync(() => void (built = buildWorkspace(inputs.workspace).length), Math.max(3, runs >> 1), 1), { max: 50, label: '≤ 50 ms' }, `${built} instances`));
  rows.push(row(S, `parse + diagnostics, workspace of ${inputs.instances} instances`, timeSync(() => void buildWorkspace(inputs.workspace).forEach((i) => checkInstance(i, settings)), Math.max(3, runs >> 1), 1)));

  const o = openDir(inputs.dirs.large20k);
  const master = parseForContext(o.masterUri, 'postfix-master', o.masterText, settings);
  const at = endPositions(o.text);
  const main = fileTypes['postfix-main'].features;
  const forCompletion = analyze(o.uri, 'postfix-main', at.completeText, settings, [master]).file;
  const forHover = analyze(o.uri, 'postfix-main', o.text, settings, [master]).file;
  let items = 0;
  const complete = timeSync(() => {
    items = completionItems(main.complete?.(forCompletion, at.completeOffset, [master])).length;
  }, runs * 4, 10, WARM_MS);
  rows.push(row(S, `completion at the end of the ${inputs.lines.large20k}-line file`, complete, { max: 2, label: '≤ 2 ms' }, items === 0 ? 'no completion items: does the main.cf descriptor complete?' : undefined));
  let hovered = false;
  const hover = timeSync(() => {
    hovered = !!main.hover?.(forHover, at.hoverOffset, [master]);
  }, runs * 4, 10, WARM_MS);
  rows.push(row(S, `hover at the end of the ${inputs.lines.large20k}-line file`, hover, { max: 2, label: '≤ 2 ms' }, hovered ? undefined : 'no hover: is main.cf hover registered?'));

  // The middle of the file is inside one of the long lists: a position there needs the list laid out.
  const middle = middleOffset(o.text);
  const completeMiddle = timeSync(() => void main.complete?.(forHover, middle, [master]), runs * 4, 10, WARM_MS);
  rows.push(row(S, `completion in the middle of the ${inputs.lines.large20k}-line file (inside a long list)`, completeMiddle, { max: 2, label: '≤ 2 ms' }));
  const hoverMiddle = timeSync(() => void main.hover?.(forHover, middle, [master]), runs * 4, 10, WARM_MS);
  rows.push(row(S, `hover in the middle of the ${inputs.lines.large20k}-line file (inside a long list)`, hoverMiddle, { max: 2, label: '≤ 2 ms' }));

  // Name completion with nothing typed yet: the longest list a main.cf completion gives.
  for (const [where, offset] of [['at the end (empty last line)', o.text.length], ['in the middle (start of a line)', middleLineStart(o.text)]] as const) {
    let bytes = 0;
    const names = timeSync(() => {
      bytes = JSON.stringify(main.complete?.(forHover, offset, [master])).length;
    }, runs * 4, 10, WARM_MS);
    rows.push(row(S, `name completion ${where} of the ${inputs.lines.large20k}-line file`, names, { max: 2, label: '≤ 2 ms' }));
    rows.push({ section: S, name: `name completion ${where}: response size`, unit: 'KB', median: bytes / 1024, budget: { max: 40, label: '≤ 40 KB' } });
  }
}

/** Column 0 of the first line that starts a parameter at or after the file's middle line. */
export function middleLineStart(text: string): number {
  for (let at = text.lastIndexOf('\n', text.length >> 1) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
    if (/[A-Za-z0-9_]/.test(text[at])) return at;
  }
  return text.length;
}

/** A few characters into the line that holds the file's middle character. */
export function middleOffset(text: string): number {
  return text.lastIndexOf('\n', text.length >> 1) + 7;
}

/** The instances of a folder as `check DIR` finds them: the model over the real disk. */
function buildWorkspace(root: string) {
  return locateLayouts([root], { reader: diskReader, parse: (path, languageId, text) => parseText(path, languageId, text, settings) }).map((layout) => buildInstance(layout));
}
