// Mail logs (postfix-log): read, not configured. They belong to no instance and have no rules of their
// own; they are explained against the instance the user works on.
import { MAX_LOG_DIAGNOSTICS, logDiagnostics } from './diagnostics';
import { LOG_LANGUAGE_ID, isLogDocument } from './detect';
import { logHover } from './hover';
import { LocationCache } from './locations';
import { recogniseLines, type LogAnalysis } from './recognise';
import { explainLogMarkdown } from './report';
import type { LineIndex } from '../text';

export const logFile = {
  languageId: LOG_LANGUAGE_ID,
  isDocument: isLogDocument,
  /** `unchanged`: the lines before it are as in `previous` (a log that grew), and are not read again. */
  analyze: (index: LineIndex, reuse?: { previous: LogAnalysis; unchanged: number }) => recogniseLines(index, MAX_LOG_DIAGNOSTICS, reuse && { line: reuse.unchanged, analysis: reuse.previous }),
  diagnostics: logDiagnostics,
  hover: logHover,
  explain: explainLogMarkdown,
  locations: (instance: ConstructorParameters<typeof LocationCache>[0]) => new LocationCache(instance),
} as const;
