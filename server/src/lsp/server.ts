// LSP wiring only: capabilities, document sync, settings, and each request handed to the language service.
// Runs over IPC inside VS Code and over stdio (`node dist/server.js --stdio`) in any other editor.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isKustomizePatch } from '../workspace/kustomize';
import { AnalysisCache, AnalysisOptions } from '../engine/analyze';
import { localeOf, Locale } from '../l10n/locale';
import { FIX_ALL_KIND, KubeGracefulService } from '../features/service';
import { DEFAULT_SETTINGS, normalizeSettings, Settings, SettingsCache, toAnalysisOptions } from '../workspace/settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new KubeGracefulService(undefined, (message) => connection.console.error(message));
const caches = new Map<string, AnalysisCache>();
const timers = new Map<string, NodeJS.Timeout>();
/** Debounce between a change and its analysis: short, because an analysis re-reads only the changed documents. */
const DEBOUNCE_MS = 15;

let pullConfiguration = false;
let locale: Locale = 'en';
/** Settings pushed by clients without workspace/configuration (initializationOptions, didChangeConfiguration). */
let pushed: Settings = DEFAULT_SETTINGS;
const settings = new SettingsCache((uri) =>
  pullConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubeGraceful' }) : Promise.resolve(pushed),
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  locale = localeOf(params.locale);
  if (params.initializationOptions !== undefined) pushed = normalizeSettings(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
    },
    serverInfo: { name: 'kube-graceful', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeGraceful' }).catch(() => undefined);
  }
});

connection.onDidChangeConfiguration((change) => {
  if (!pullConfiguration && change.settings !== undefined && change.settings !== null) pushed = normalizeSettings(change.settings);
  settings.clear();
  for (const doc of documents.all()) schedule(doc.uri, 0);
});

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  caches.delete(uri);
  settings.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

function schedule(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay),
  );
}

/** The analysis options for a document: its settings, the client's language, and whether it is a kustomize patch. */
function optionsFor(uri: string, s: Settings): AnalysisOptions {
  return { ...toAnalysisOptions(s, locale), patch: isKustomizePatch(uri) };
}

/** The document's analysis cache, created on first use and dropped when the document closes. */
function cacheFor(uri: string): AnalysisCache {
  let cache = caches.get(uri);
  if (!cache) {
    cache = new AnalysisCache();
    caches.set(uri, cache);
  }
  return cache;
}

async function validate(uri: string): Promise<void> {
  const before = documents.get(uri);
  if (!before) return;
  const s = await settings.get(uri);
  // Analyse the newest text; a change that arrived while settings were fetched is included, not lost.
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const diagnostics = s.enable ? service.doValidation(document, optionsFor(uri, s), cacheFor(uri)) : [];
  // Never publish results for a version older than the document has now: a newer analysis is on its way.
  if (documents.get(uri)?.version !== version) return;
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settings.get(document.uri);
  if (!s.enable) return [];
  const options = optionsFor(document.uri, s);
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions = wants(CodeActionKind.QuickFix) ? service.getCodeActions(document, params.range, params.context.diagnostics, options, cacheFor(document.uri)) : [];
  // Fix-all is offered when asked for by kind (codeActionsOnSave, the "Fix all" command), not in every light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const fixAll = service.getFixAllAction(document, options);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
});

connection.onRequest('kubeGraceful/ruleDocumentation', (params: { ruleId: string }) => service.ruleDocumentation(params.ruleId, locale) ?? null);

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const s = await settings.get(document.uri);
  if (!s.enable) return null;
  return service.doHover(document, params.position, toAnalysisOptions(s, locale), cacheFor(document.uri)) ?? null;
});

process.on('uncaughtException', (e) => connection.console.error(`kube-graceful: uncaught exception: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`kube-graceful: unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
