// Mail logs (postfix-log): read, not configured. They belong to no instance and have no rules of their
// own; they are explained against the instance the user works on.
import { MAX_LOG_DIAGNOSTICS, logDiagnostics } from './diagnostics';
import { LOG_LANGUAGE_ID, isLogDocument } from './detect';
import { logHover } from './hover';
import { LocationCache } from './locations';
import { recogniseLines } from './recognise';
import { explainLogMarkdown } from './report';
import type { LineIndex } from '../text';

export const logFile = {
  languageId: LOG_LANGUAGE_ID,
  isDocument: isLogDocument,
  analyze: (index: LineIndex) => recogniseLines(index, MAX_LOG_DIAGNOSTICS),
  diagnostics: logDiagnostics,
  hover: logHover,
  explain: explainLogMarkdown,
  locations: (instance: ConstructorParameters<typeof LocationCache>[0]) => new LocationCache(instance),
} as const;
