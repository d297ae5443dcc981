// The language server: adapts LSP requests to the pure service. Every handler finds the parsed
// document and calls the service; parses are cached by URI and version.
import './heapTuning';
import { fileURLToPath } from 'node:url';
import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkParsed, parseText, type Analysis, type ParsedText } from './service/analyze';
import type { ResolvedFinding } from './service/findings';
import { codeActions } from './service/codeActions';
import { resolveCompletion } from './service/completionDocs';
import type { ParsedFile } from './service/documents';
import { featuresFor } from './service/features';
import { DocumentLanguages } from './service/resolveLanguage';
import { defaultSettings, readSettingsChecked, type Settings } from './service/settings';
import { toDiagnostic } from './service/toLsp';
import { diskFacts } from './diskFacts';
import { InstanceFiles } from './instanceFiles';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const instances = new InstanceFiles();
/**
 * Parses by URI, keyed by version and text (a client may repeat a version number with new text).
 * Findings are computed on demand, so a hover never waits for them.
 */
const cache = new Map<string, { version: number; text: string; parsed: ParsedText; findings?: ResolvedFinding[] }>();
const timers = new Map<string, NodeJS.Timeout>();
let settings: Settings = defaultSettings;
let pullConfiguration = false;

// A warning, so that clients logging only warnings and errors by default (Neovim) keep it.
const languages = new DocumentLanguages((line) => connection.console.warn(line));

/** Open documents of our languages, parsed; used as context for each other. */
function openFiles(except?: string): ParsedFile[] {
  const out: ParsedFile[] = [];
  for (const doc of documents.all()) {
    if (doc.uri === except) continue;
    const cached = cache.get(doc.uri);
    if (cached) out.push(cached.parsed.file);
  }
  return out;
}

function entryOf(doc: TextDocument) {
  const text = doc.getText();
  const languageId = languages.of({ uri: doc.uri, languageId: doc.languageId, text });
  if (!languageId) return undefined;
  let entry = cache.get(doc.uri);
  if (!entry || entry.version !== doc.version || entry.text !== text) {
    entry = { version: doc.version, text, parsed: parseText(doc.uri, languageId, text, settings) };
    if (languageId === 'postfix-sasl-passwd' && doc.uri.startsWith('file:')) entry.parsed.file.disk = diskFacts(fileURLToPath(doc.uri));
    cache.set(doc.uri, entry);
  }
  return entry;
}

function parsedOf(doc: TextDocument): ParsedFile | undefined {
  return entryOf(doc)?.parsed.file;
}

function analysisOf(doc: TextDocument): Analysis | undefined {
  const entry = entryOf(doc);
  if (!entry) return undefined;
  entry.findings ??= checkParsed(entry.parsed, settings, instances.siblings(doc.uri, openFiles(doc.uri), settings));
  return { file: entry.parsed.file, findings: entry.findings };
}

/** More than this many diagnostics help nobody and cost seconds to send; the rest is summarised. */
const MAX_PUBLISHED = 1000;

function publish(doc: TextDocument): void {
  const entry = cache.get(doc.uri);
  if (entry) entry.findings = undefined; // the instance may have changed even if this text did not
  const analysis = analysisOf(doc);
  if (!analysis) return;
  const shown = analysis.findings.slice(0, MAX_PUBLISHED);
  const diagnostics = shown.map((f) => toDiagnostic(analysis.file, f));
  if (analysis.findings.length > MAX_PUBLISHED) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3,
      source: 'postfix-sasl',
      message: `${analysis.findings.length - MAX_PUBLISHED} more findings are not shown; run postfix-sasl check on this file to see them all.`,
    });
  }
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

/** Debounced per document; files of the same instance are re-checked too. */
function schedule(doc: TextDocument): void {
  const root = InstanceFiles.rootOf(doc.uri);
  const affected = documents.all().filter((d) => d.uri === doc.uri || (root !== undefined && InstanceFiles.rootOf(d.uri) === root));
  for (const target of affected) {
    clearTimeout(timers.get(target.uri));
    const run = () => {
      timers.delete(target.uri);
      const current = documents.get(target.uri);
      if (current) guarded(() => publish(current), undefined);
    };
    // Even with no debounce, a timer lets requests already queued (a hover) go first.
    timers.set(target.uri, setTimeout(run, settings.debounceMs));
  }
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
    },
    serverInfo: { name: 'postfix-sasl-language-server' },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postfixSasl' }).catch(() => undefined);
    void refreshSettings().then(() => documents.all().forEach(schedule));
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (pullConfiguration) await refreshSettings();
  else settings = settingsFrom((change.settings as { postfixSasl?: unknown } | undefined)?.postfixSasl);
  cache.clear();
  documents.all().forEach(schedule);
});

documents.onDidOpen((e) => schedule(e.document));
// Saving changes what is on disk (permissions, postmap freshness) without changing the text.
documents.onDidSave((e) => {
  cache.delete(e.document.uri);
  schedule(e.document);
});
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  timers.delete(e.document.uri);
  cache.delete(e.document.uri);
  languages.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => featuresFor(file.languageId).complete?.(file, doc.offsetAt(p.position), openFiles(doc.uri)) ?? []));
connection.onCompletionResolve((item) => guarded(() => resolveCompletion(item), item));
connection.onHover((p) => withFile(p.textDocument.uri, null, ({ file }, doc) => featuresFor(file.languageId).hover?.(file, doc.offsetAt(p.position), openFiles(doc.uri)) ?? null));
connection.onDocumentSymbol((p) => withFile(p.textDocument.uri, [], ({ file }) => featuresFor(file.languageId).symbols?.(file) ?? []));
connection.onFoldingRanges((p) => withFile(p.textDocument.uri, [], ({ file }) => featuresFor(file.languageId).folding?.(file) ?? []));
connection.onDefinition((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => featuresFor(file.languageId).definition?.(file, doc.offsetAt(p.position)) ?? []));
connection.onReferences((p) => withFile(p.textDocument.uri, [], ({ file }, doc) => featuresFor(file.languageId).references?.(file, doc.offsetAt(p.position), p.context.includeDeclaration) ?? []));
connection.onPrepareRename((p) =>
  withFile(p.textDocument.uri, null, ({ file }, doc) => {
    const span = featuresFor(file.languageId).prepareRename?.(file, doc.offsetAt(p.position));
    return span ? file.lines.rangeOf(span) : null;
  }),
);
connection.onRenameRequest((p) => withFile(p.textDocument.uri, null, ({ file }, doc) => featuresFor(file.languageId).rename?.(file, doc.offsetAt(p.position), p.newName) ?? null));
connection.onCodeAction((p) =>
  withFile(p.textDocument.uri, [], ({ file, findings }, doc) => {
    const span = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
    return codeActions(file, findings, span, (f) => toDiagnostic(file, f), p.context.only);
  }),
);

documents.listen(connection);
connection.listen();
