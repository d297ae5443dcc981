// The recognised lines of a log held in memory (an editor buffer): each line's header is read and its
// message matched with the same table and the same matcher as `postfix-sasl explain`.
import { parseHeader, type LogRecord } from '../log/header';
import { defaultLineLimits } from '../log/lines';
import type { LogMessage } from '../log/messages';
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
}

/** Every line is looked at; only the first `limit` recognised ones are kept, so memory stays bounded. */
export function recogniseLines(index: LineIndex, limit: number): LogAnalysis {
  const lines: RecognisedLine[] = [];
  let total = 0;
  const text = index.text;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStarts[line];
    const end = index.lineEnd(line);
    // An empty line has no header.
    if (end === start) continue;
    const found = recogniseLine(text.slice(start, end), line);
    if (!found) continue;
    total++;
    if (lines.length < limit) lines.push(found);
  }
  return { lines, total };
}
