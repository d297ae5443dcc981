// The log reader: byte chunks in (a file, standard input, a decompressed stream, a string in a test),
// a summary out. Pure: the caller opens whatever the chunks come from.
import { parseHeader } from './header';
import { readLineBatches, type LineLimits, type SkipCounts } from './lines';
import { LogSummarizer, type LogSummary } from './summary';

export interface LogReading {
  summary: LogSummary;
  skipped: SkipCounts;
}

export async function readLog(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, limits?: LineLimits): Promise<LogReading> {
  const skipped: SkipCounts = { long: 0, binary: 0, unterminated: false };
  const summarizer = new LogSummarizer();
  for await (const batch of readLineBatches(chunks, skipped, limits)) {
    for (const line of batch) {
      if (line === '') continue;
      const header = parseHeader(line);
      if (header.kind === 'record') summarizer.add(header.record);
      else if (header.kind === 'meta') summarizer.noteMeta();
      else summarizer.noteUnreadable();
    }
  }
  return { summary: summarizer.summary, skipped };
}

/** For text already in memory (the editor, tests). */
export function readLogText(text: string): Promise<LogReading> {
  return readLog([text]);
}
