// The recognised lines of a log held in memory (an editor buffer): each line's header is read and its
// message matched with the same table and the same matcher as `postfix-sasl explain`.
import { parseHeader, type LogRecord } from '../log/header';
import { defaultLineLimits } from '../log/lines';
import { LOG_MESSAGES, type LogMessage } from '../log/messages';
import { matchMessage, unfoldRepeat } from '../log/summary';
import type { LineIndex } from '../text';

export interface RecognisedLine {
  /** 0-based line of the document. */
  line: number;
  record: LogRecord;
  message: LogMessage;
  /** The value of the message's key group (a socket path, a parameter), '' when it has none. */
  key: string;
  /** More than one for rsyslog's "message repeated N times". */
  times: number;
}

/** The line's message, when it is one we explain. */
export function recogniseLine(text: string, line = 0): RecognisedLine | undefined {
  // explain skips such lines too: no log line of a daemon is this long.
  if (text.length > defaultLineLimits.maxLineBytes) return undefined;
  const header = parseHeader(text);
  if (header.kind !== 'record') return undefined;
  const { record, times } = unfoldRepeat(header.record);
  const found = matchMessage(record);
  if (!found) return undefined;
  const key = found.message.key ? (found.match.groups?.[found.message.key] ?? '') : '';
  return { line, record, message: found.message, key, times };
}

export interface LogAnalysis {
  /** The first `limit` recognised lines, in order. */
  lines: RecognisedLine[];
  /** How many lines were recognised in all (counting repeats once per line). */
  total: number;
  /** The line number of every recognised line (4 bytes each), so a later version can reuse a prefix. */
  numbers: number[];
}

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every text a recognised line must contain, in one pattern: lines without any are never read further. */
const CANDIDATE = new RegExp([...new Set([...LOG_MESSAGES.map((m) => m.contains), 'message repeated'])].map(escape).join('|'), 'g');

/**
 * Only the lines that contain one of the messages' literals are parsed (one scan of the whole text finds
 * them; most lines of a real log are other traffic); only the first `limit` recognised ones are kept.
 * With `reuse`, the lines before `reuse.line` are taken from an earlier analysis of the same text (a log
 * that grew at its end is read only from where it grew).
 */
export function recogniseLines(index: LineIndex, limit: number, reuse?: { line: number; analysis: LogAnalysis }): LogAnalysis {
  const from = reuse ? Math.min(reuse.line, index.lineCount) : 0;
  const kept = reuse ? reuse.analysis.numbers.filter((n) => n < from) : [];
  const numbers = kept;
  const lines = reuse ? reuse.analysis.lines.filter((l) => l.line < from) : [];
  const text = index.text;
  const starts = index.lineStarts;
  const candidate = new RegExp(CANDIDATE.source, 'g');
  candidate.lastIndex = from < starts.length ? starts[from] : text.length;
  let line = from;
  for (let hit = candidate.exec(text); hit; hit = candidate.exec(text)) {
    while (line + 1 < starts.length && starts[line + 1] <= hit.index) line++;
    const end = index.lineEnd(line);
    candidate.lastIndex = Math.max(end, hit.index + 1);
    const found = recogniseLine(text.slice(starts[line], end), line);
    if (!found) continue;
    numbers.push(line);
    if (lines.length < limit) lines.push(found);
  }
  return { lines, total: numbers.length, numbers };
}
