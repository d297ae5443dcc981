// Which documents are mail logs: by name (the manifest's filenames and patterns say the same), or by a
// first line that is journalctl's header or a Postfix, saslauthd or Dovecot line (the manifest's
// firstLine, for logs saved under any name).

export const LOG_LANGUAGE_ID = 'postfix-log';

/** Mirrors package.json: mail.log, maillog, mail.err, mail.warn, mail.info, and *.log under a mail/ folder. */
export function isLogPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /^(?:mail\.(?:log|err|warn|info)|maillog)$/.test(base) || /(?:^|\/)mail\/[^/]+\.log$/.test(p);
}

/** The same text as the manifest's `firstLine` (a test keeps the two equal). */
export const LOG_FIRST_LINE =
  String.raw`^(?:-- (?:Logs begin at|Journal begins at) |(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) \S+ (?:postfix[\w.-]*/[\w/.-]+|saslauthd|dovecot)(?:\[\d+\])?: )`;

const FIRST_LINE = new RegExp(LOG_FIRST_LINE);

/** Language ids other clients give a log file (Neovim: messages, log; many: plaintext). */
const GENERIC_IDS = new Set(['log', 'plaintext', 'text', 'messages', 'syslog', '']);

/** A document to treat as a mail log: our id, a log's name, or a generic id with a log's first line. */
export function isLogDocument(doc: { uri: string; languageId: string; text: string }, path: string | undefined): boolean {
  if (doc.languageId === LOG_LANGUAGE_ID) return true;
  if (!GENERIC_IDS.has(doc.languageId)) return false;
  if (path !== undefined && isLogPath(path)) return true;
  const end = doc.text.indexOf('\n');
  return FIRST_LINE.test(end < 0 ? doc.text.slice(0, 2000) : doc.text.slice(0, Math.min(end, 2000)));
}
