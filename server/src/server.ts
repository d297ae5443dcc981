// The language server: adapts LSP requests to the pure service. Every handler finds the parsed
// document and calls the service; parses are cached by URI and version.
import './heapTuning';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, ErrorCodes, DidChangeWatchedFilesNotification, LSPErrorCodes, Message, ResponseError, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-types';
import type { Analysis } from './service/analyze';
import type { ResolvedFinding } from './service/findings';
import { codeActions } from './service/codeActions';
import { resolveCompletion } from './service/completionDocs';
import type { ParsedFile } from './service/documents';
import { fileTypes } from './service/fileTypes';
import type { LanguageId } from './service/languages';
import { DocumentLanguages } from './service/resolveLanguage';
import { defaultSettings, readSettingsChecked, type Settings } from './service/settings';
import { toDiagnostic } from './service/toLsp';
import { InstanceHost, type CheckedInstance } from './instanceHost';
import { resolvedFileHover } from './service/instance/hover';
import { serviceHover } from './service/smtpd/serviceHover';
import { restrictionHover } from './service/smtpd/restrictions/hover';
import type { Instance } from './service/instance/instance';
import { LogDocuments } from './logDocuments';
import { createServerConnection } from './protocol/transport';

// A request cancelled while it still waits in the queue (behind a long check) is answered with the
// cancellation error at once instead of being computed for nobody.
const connection: Connection = createServerConnection({
  cancelUndispatched: (message) => (Message.isRequest(message) ? { jsonrpc: '2.0', id: message.id, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.').toJson() } : undefined),
});
const documents = new TextDocuments(TextDocument);
const host: InstanceHost = new InstanceHost((uri) => {
  const doc = documents.get(uri);
  return doc ? { uri, version: doc.version, text: doc.getText(), languageId: languageOf(doc) } : undefined;
}, () => settings);
const timers = new Map<string, NodeJS.Timeout>();
/** URIs we published diagnostics for, open or not, so a file that leaves every instance is cleared. */
const published = new Set<string>();
let settings: Settings = defaultSettings;
let pullConfiguration = false;
let watchFiles = false;
let folderChanges = false;

// A warning, so that clients logging only warnings and errors by default (Neovim) keep it.
const languages = new DocumentLanguages((line) => connection.console.warn(line));
const logs: LogDocuments = new LogDocuments(host, () => settings, () => documents.all(), (uri) => documents.get(uri), (doc) => languageOf(doc) === 'postfix-main');

/** Our language for a configuration document: its id, a known alias, its file name or its content. A mail log has none. */
function languageOf(doc: TextDocument): LanguageId | undefined {
  if (logs.is(doc)) return undefined;
  return languages.of({ uri: doc.uri, languageId: doc.languageId, text: doc.getText() });
}

function parsedOf(doc: TextDocument): ParsedFile | undefined {
  const languageId = languageOf(doc);
  return languageId ? host.parsedOf({ uri: doc.uri, version: doc.version, text: doc.getText(), languageId }) : undefined;
}

function analysisOf(doc: TextDocument): Analysis | undefined {
  if (!languageOf(doc)) return undefined;
  return host.findingsOf(doc.uri);
}

/** The files of the document's instance, for features that look across files (completion, hover). */
function instanceFiles(doc: TextDocument): ParsedFile[] {
  return host.instancesOf(doc.uri).flatMap((c) => [...c.instance.files]);
}

/** Adds to a hover what the instance model says there: a service's AUTH and verdicts, the files a parameter resolved to, what a restriction list does. */
function withResolvedFiles(hover: Hover | null, instance: Instance | undefined, file: ParsedFile, offset: number): Hover | null {
  const note = instance && [serviceHover(instance, file, offset), resolvedFileHover(instance, file, offset), restrictionHover(instance, file, offset)].filter(Boolean).join('\n\n---\n\n');
  if (!note) return hover;
  if (!hover) return { contents: { kind: 'markdown', value: note } };
  const value = typeof hover.contents === 'object' && 'kind' in hover.contents ? hover.contents.value : '';
  return { ...hover, contents: { kind: 'markdown', value: `${value}\n\n---\n\n${note}` } };
}

/** More than this many diagnostics help nobody and cost seconds to send; the rest is summarised. */
const MAX_PUBLISHED = 1000;

function diagnosticsOf(file: ParsedFile, findings: readonly ResolvedFinding[]) {
  const diagnostics = findings.slice(0, MAX_PUBLISHED).map((f) => toDiagnostic(file, f));
  if (findings.length > MAX_PUBLISHED) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3,
      source: 'postfix-sasl',
      message: `${findings.length - MAX_PUBLISHED} more findings are not shown; run postfix-sasl check on this file to see them all.`,
    });
  }
  return diagnostics;
}

/** Publishes every member of the instance, open or not; an instance with no open member is cleared. */
function publishInstance(checked: CheckedInstance): void {
  const anyOpen = checked.uris.some((u) => documents.get(u) && languageOf(documents.get(u)!));
  if (!anyOpen) host.release(checked);
  for (const { path, file, findings } of checked.results) {
    // A note about a file we could not read carries its path: publish it under that file's URI.
    const uri = file.uri.startsWith('file:') || !path.startsWith('/') ? file.uri : pathToFileURL(path).toString();
    const doc = documents.get(uri);
    if (!anyOpen) {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      continue;
    }
    published.add(uri);
    void connection.sendDiagnostics({ uri, ...(doc ? { version: doc.version } : {}), diagnostics: diagnosticsOf(file, findings) });
  }
}

/** A log's own lines, explained against the instance of the moment. */
function publishLog(doc: TextDocument): void {
  published.add(doc.uri);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: logs.diagnostics(doc) });
}

/** Re-checks the instances `uri` belongs to, and those it used to belong to; clears files that left them all. */
function recheck(uri: string): void {
  const doc = documents.get(uri);
  if (doc && logs.is(doc)) {
    publishLog(doc);
    return;
  }
  const before = host.invalidate(uri);
  // A file that is open, and the first member (main.cf) of each instance the change touched.
  const starts = new Set([...(documents.get(uri) ? [uri] : []), ...before.flatMap((c) => c.uris.slice(0, 1))]);
  const now = new Map<string, CheckedInstance>();
  for (const start of starts) {
    for (const c of host.instancesOf(start)) now.set(c.uris.join('|'), c);
  }
  const still = new Set([...now.values()].flatMap((c) => c.uris));
  for (const c of before) for (const u of c.uris) if (!still.has(u) && published.delete(u)) void connection.sendDiagnostics({ uri: u, diagnostics: [] });
  let left = now.size;
  // The lines a log points at may have moved.
  const publishLogs = () => {
    if (--left <= 0) for (const log of logs.open()) publishLog(log);
  };
  if (!left) publishLogs();
  for (const c of now.values()) checkInSteps(c, () => publishInstance(c), publishLogs);
}

/**
 * Runs an instance's check one step per turn of the event loop, so a request that arrives meanwhile (a
 * hover) is answered between two steps instead of after the whole check; a check that a newer version
 * made stale is dropped (that version's own check publishes). `after` runs either way.
 */
function checkInSteps(c: CheckedInstance, publish: () => void, after: () => void): void {
  const step = () => {
    const done = c.stale || guarded(() => c.step(), true);
    if (!done) return void setImmediate(step);
    if (!c.stale) guarded(publish, undefined);
    guarded(after, undefined);
  };
  setImmediate(step);
}

/** Debounced per document; every member of its instance is re-checked with it. */
function schedule(uri: string): void {
  clearTimeout(timers.get(uri));
  // Even with no debounce, a timer lets requests already queued (a hover) go first.
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    guarded(() => recheck(uri), undefined);
  }, settings.debounceMs));
}

/** A bug in one feature must not take the server down: log it and answer with nothing. */
function guarded<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    connection.console.error(`postfix-sasl: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

/** Runs `work` on the parsed document; code actions also ask for its findings. */
function withFile<T>(uri: string, fallback: T, work: (analysis: { file: ParsedFile; readonly findings: ResolvedFinding[] }, doc: TextDocument) => T): T {
  const doc = documents.get(uri);
  if (!doc) return fallback;
  return guarded(() => {
    const file = parsedOf(doc);
    if (!file) return fallback;
    return work({ file, get findings() { return analysisOf(doc)?.findings ?? []; } }, doc);
  }, fallback);
}

let reportedSettingsProblems = '';

/** Reads the settings; entries it cannot use are ignored and named once in the log (again only when they change). */
function settingsFrom(raw: unknown): Settings {
  const { settings: read, problems } = readSettingsChecked(raw);
  const report = problems.join('; ');
  if (report && report !== reportedSettingsProblems) connection.console.warn(`postfix-sasl: postfixSasl.diagnostics.severity: ignored ${report}`);
  reportedSettingsProblems = report;
  return read;
}

async function refreshSettings(): Promise<void> {
  if (!pullConfiguration) return;
  try {
    const section: unknown = await connection.workspace.getConfiguration('postfixSasl');
    settings = settingsFrom(section);
  } catch {
    settings = defaultSettings;
  }
}

connection.onInitialize((params) => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  folderChanges = params.capabilities.workspace?.workspaceFolders === true;
  logs.setWorkspaceFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) settings = settingsFrom(init.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: ['$', '{', '=', ' ', ',', ':', '-'], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.postfix-sasl'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'postfix-sasl-language-server' },
  };
});

/** Files whose change on disk can change an instance (members, and the places the search looks in). */
const WATCHED = ['**/main.cf', '**/master.cf', '**/*.conf', '**/*.conf.ext', '**/saslauthd', '**/sasl_passwd*', '**/*.db', '**/*.lmdb', '**/*.cdb'];

// One handler: onInitialized keeps only the last one given.
connection.onInitialized(() => {
  if (folderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      logs.setWorkspaceFolders([...logs.folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)]);
      for (const log of logs.open()) schedule(log.uri);
    });
  }
  if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
  if (pullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postfixSasl' }).catch(() => undefined);
    void refreshSettings().then(() => documents.all().forEach((d) => schedule(d.uri)));
  }
});

connection.onDidChangeWatchedFiles((change) => {
  for (const c of change.changes) schedule(c.uri);
});

connection.onDidChangeConfiguration(async (change) => {
  if (pullConfiguration) await refreshSettings();
  else settings = settingsFrom((change.settings as { postfixSasl?: unknown } | undefined)?.postfixSasl);
  host.clear();
  documents.all().forEach((d) => schedule(d.uri));
});

documents.onDidOpen((e) => schedule(e.document.uri));
// Saving changes what is on disk (permissions, postmap freshness) without changing the text.
documents.onDidSave((e) => schedule(e.document.uri));
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.onDidClose((e) => {
  if (logs.is(e.document)) {
    logs.forget(e.document.uri);
    if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    return;
  }
  logs.forget(e.document.uri);
  host.forget(e.document.uri);
  languages.forget(e.document.uri);
  // The file is read from disk again; its instance is cleared when no member stays open.
  if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  schedule(e.document.uri);
});

connection.onCompletion((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => fileTypes[file.languageId].features.complete?.(file, doc.offsetAt(p.position), instanceFiles(doc)) ?? []));
connection.onCompletionResolve((item) => guarded(() => resolveCompletion(item), item));
connection.onHover((p) => {
  const doc = documents.get(p.textDocument.uri);
  if (doc && logs.is(doc)) return guarded(() => logs.hover(doc, p.position), null);
  return withFile(p.textDocument.uri, null, ({ file }, doc) => {
    const offset = doc.offsetAt(p.position);
    const instance = host.instancesOf(doc.uri)[0]?.instance;
    const hover = fileTypes[file.languageId].features.hover?.(file, offset, instanceFiles(doc), instance?.postfixVersion) ?? null;
    return withResolvedFiles(hover, instance, file, offset);
  });
});
// "Explain the selected log lines": any text, from any document or none.
connection.onRequest('postfixSasl/explainLog', async (p: { text?: unknown }) => {
  if (typeof p?.text !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'postfixSasl/explainLog needs { text: string }.');
  try {
    return { markdown: await logs.explain(p.text) };
  } catch (error) {
    connection.console.error(`postfix-sasl: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw new ResponseError(ErrorCodes.InternalError, 'The log could not be explained; the server log says why.');
  }
});
connection.onDocumentSymbol((p) => withFile(p.textDocument.uri, [], ({ file }) => fileTypes[file.languageId].features.symbols?.(file) ?? []));
connection.onFoldingRanges((p) => withFile(p.textDocument.uri, [], ({ file }) => fileTypes[file.languageId].features.folding?.(file) ?? []));
connection.onDefinition((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => fileTypes[file.languageId].features.definition?.(file, doc.offsetAt(p.position)) ?? []));
connection.onReferences((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => fileTypes[file.languageId].features.references?.(file, doc.offsetAt(p.position), p.context.includeDeclaration) ?? []));
connection.onPrepareRename((p) =>
  withFile(p.textDocument.uri, null, ({ file }, doc) => {
    const span = fileTypes[file.languageId].features.prepareRename?.(file, doc.offsetAt(p.position));
    return span ? file.lines.rangeOf(span) : null;
  }),
);
connection.onRenameRequest((p) => withFile(p.textDocument.uri, null, ({ file }, doc) => fileTypes[file.languageId].features.rename?.(file, doc.offsetAt(p.position), p.newName) ?? null));
connection.onCodeAction((p) =>
  withFile(p.textDocument.uri, [], ({ file, findings }, doc) => {
    const span = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
    return codeActions(file, findings, span, (f) => toDiagnostic(file, f), p.context.only);
  }),
);

documents.listen(connection);
connection.listen();
