// The server's side of mail logs (postfix-log): which open documents are logs, their recognised lines
// per version, the instance they are explained against, and their diagnostics, hovers and reports.
// The instance is the one the user configured (postfixSasl.logInstance), else the workspace's, else
// that of an open main.cf: the live /etc/postfix is read only when one of these names it.
import { isAbsolute, join } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { logFile } from './service/fileTypes';
import type { Instance } from './service/instance/instance';
import type { LocationCache } from './service/logFile/locations';
import type { LogAnalysis } from './service/logFile/recognise';
import type { Settings } from './service/settings';
import { LineIndex } from './service/text';
import { localPathOf, type InstanceHost } from './instanceHost';

/** Text given to the explain request past this size is refused with a note (a log that big belongs to the CLI). */
export const MAX_EXPLAIN_CHARS = 16 * 1024 * 1024;

/** One version of an open log; `previous` is the last analysed one, until this one is analysed. */
interface LogVersion {
  version: number;
  index: LineIndex;
  analysis?: LogAnalysis;
  previous?: { index: LineIndex; analysis: LogAnalysis };
}

/**
 * The lines the two versions share from the start, when the new one only added text after the old one's
 * last complete line (a log growing); 0 otherwise. startsWith compares natively: no line-by-line loop.
 */
function unchangedLines(before: LineIndex, after: LineIndex): number {
  const last = before.lineCount - 1;
  const stable = before.lineStarts[last];
  return after.text.length >= stable && after.text.startsWith(before.text.slice(0, stable)) ? last : 0;
}

export class LogDocuments {
  /** Judged once per open document, so an edit of its first line does not flip it. */
  private readonly isLog = new Map<string, boolean>();
  private readonly logs = new Set<string>();
  private readonly analyses = new Map<string, LogVersion>();
  private workspaceFolders: string[] = [];
  /** Where each kind of log line points in an instance, kept as long as that instance is (a change builds a new one). */
  private readonly located = new WeakMap<Instance, LocationCache>();
  private readonly locatedNowhere = logFile.locations(undefined);
  /** The workspace folders as the client named them. */
  folderUris: string[] = [];

  constructor(
    private readonly host: InstanceHost,
    private readonly settings: () => Settings,
    private readonly openDocuments: () => readonly TextDocument[],
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly isMainCf: (doc: TextDocument) => boolean,
  ) {}

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folderUris = [...uris];
    this.workspaceFolders = uris.flatMap((u) => localPathOf(u) ?? []);
  }

  is(doc: TextDocument): boolean {
    let known = this.isLog.get(doc.uri);
    if (known === undefined) {
      known = logFile.isDocument({ uri: doc.uri, languageId: doc.languageId, text: doc.getText() }, localPathOf(doc.uri));
      this.isLog.set(doc.uri, known);
      if (known) this.logs.add(doc.uri);
    }
    return known;
  }

  forget(uri: string): void {
    this.isLog.delete(uri);
    this.logs.delete(uri);
    this.analyses.delete(uri);
  }

  /** The logs open now (kept apart, so a change of a configuration file does not walk 5,000 open documents). */
  open(): TextDocument[] {
    return [...this.logs].flatMap((uri) => this.openDocument(uri) ?? []);
  }

  /** The instance logs are explained against (see the head of this file). */
  instance(): Instance | undefined {
    const configured = this.settings().logInstance.trim();
    if (configured) {
      const folder = isAbsolute(configured) || !this.workspaceFolders.length ? configured : join(this.workspaceFolders[0], configured);
      return this.host.instanceOfFolder(folder)?.instance;
    }
    for (const folder of this.workspaceFolders) {
      const found = this.host.instanceOfFolder(folder);
      if (found) return found.instance;
    }
    const main = this.openDocuments().find((d) => !this.is(d) && this.isMainCf(d));
    return main ? this.host.instancesOf(main.uri)[0]?.instance : undefined;
  }

  private indexOf(doc: TextDocument): LogVersion {
    let cached = this.analyses.get(doc.uri);
    if (!cached || cached.version !== doc.version) {
      const previous = cached?.analysis ? { index: cached.index, analysis: cached.analysis } : cached?.previous;
      cached = { version: doc.version, index: new LineIndex(doc.getText()), previous };
      this.analyses.set(doc.uri, cached);
    }
    return cached;
  }

  private locations(): LocationCache {
    const instance = this.instance();
    if (!instance) return this.locatedNowhere;
    let found = this.located.get(instance);
    if (!found) this.located.set(instance, (found = logFile.locations(instance)));
    return found;
  }

  diagnostics(doc: TextDocument): Diagnostic[] {
    const cached = this.indexOf(doc);
    if (!cached.analysis) {
      cached.analysis = logFile.analyze(cached.index, cached.previous && { previous: cached.previous.analysis, unchanged: unchangedLines(cached.previous.index, cached.index) });
      cached.previous = undefined;
    }
    return logFile.diagnostics(cached.index, cached.analysis, this.locations());
  }

  hover(doc: TextDocument, position: Position): Hover | null {
    return logFile.hover(this.indexOf(doc).index, position, this.locations());
  }

  async explain(text: string): Promise<string> {
    if (text.length > MAX_EXPLAIN_CHARS) return `# Not explained\n\nThe text has ${text.length} characters, more than the ${MAX_EXPLAIN_CHARS} this command reads. Run postfix-sasl explain on the log file instead: it reads logs of any size.\n`;
    return logFile.explain(text, this.instance());
  }
}
