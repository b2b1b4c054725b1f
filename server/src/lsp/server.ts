// LSP wiring only: capabilities, document sync, settings, and each request handed to the language service.
// Runs over IPC inside VS Code and over stdio (`node dist/server.js --stdio`) in any other editor.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isKustomizePatch } from '../workspace/kustomize';
import { ANALYSIS_TIME_BUDGET_MS, AnalysisCache, AnalysisOptions } from '../engine/analyze';
import { localeOf, Locale } from '../l10n/locale';
import { FIX_ALL_KIND, isIncomplete, KubeGracefulService, LIFECYCLE_COMMAND } from '../features/service';
import { ObjectIndex } from '../engine/object-index';
import { DEFAULT_SETTINGS, normalizeSettings, Settings, SettingsCache, toAnalysisOptions } from '../workspace/settings';
import { pathOf, readTextSync, Workspace } from '../workspace/workspace';
import { isConfigFile, settingsForFile } from '../workspace/config-file';
import { CrdSchema, crdSchemasInText } from '../k8s/crd';
import { ChunkCache } from '../yaml/documents';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { RULES } from '../rules';
import type { Problem } from '../engine/analyze';
import { parseVersion, NEWEST } from '../k8s/versions';
import { Renderer, RenderSettings, Unit } from '../render/renderer';
import { isInside } from '../render/helm';
import { combine, RenderedView, unitsOfFile, viewOf } from '../features/rendered';
import { uriOf } from '../workspace/workspace';

// The heap may grow to 2.5 times what survived the last full collection, not V8's default of up to four: the server
// runs beside the editor for hours, and on a large file every keystroke leaves a copy of the whole text behind for
// the next full collection. Peak memory on the 2,000-document uniform bench 298-324 -> 269-277 MiB; keystroke p95 on
// the realistic 2,000-document file 89-95 -> ~100 ms (target 120), p50 unchanged.
setFlagsFromString('--heap-growing-percent=150');

const connection = createConnection(ProposedFeatures.all);
/** The server's version, as the extension's package says. */
const SERVER_VERSION = '0.1.0';
const documents = new TextDocuments(TextDocument);
const service = new KubeGracefulService(
  undefined,
  (message) => connection.console.error(message),
  (uri) => documents.get(uri),
);
const caches = new Map<string, AnalysisCache>();
const timers = new Map<string, NodeJS.Timeout>();
/** Debounce between a change and its analysis: short, because an analysis re-reads only the changed documents. */
const DEBOUNCE_MS = 15;
/** Pause before continuing an analysis that ran out of time (other documents and requests are served meanwhile). */
const CONTINUE_MS = 20;

let pullConfiguration = false;
let progressSupported = false;
let dynamicWatchers = false;
let foldersSupported = false;
let folderUris: string[] = [];
/** The workspace model while `kubeGraceful.workspace.enable` is on and the editor has folders. */
let workspace: Workspace | undefined;
/** The index the open documents and the workspace share; without a workspace each file has its own. */
const index = new ObjectIndex();
/** Re-analysis of the other open documents after a change of the objects they read, coalesced. */
const DEPENDENTS_DELAY_MS = 100;
/** The least time between two partial publishes of one document (results of an analysis cut short by its budget). */
const PARTIAL_EVERY_MS = 1000;
/** When each document's diagnostics were last published. */
const lastPublished = new Map<string, number>();
let inlayHintRefresh = false;
/**
 * Whether the editor trusts the workspace (VS Code's workspace trust, sent by the client). Rendering runs a binary on
 * the workspace's files, so it waits for trust; editors without the notion start the server in a folder they trust.
 */
let trusted = true;
let locale: Locale = 'en';
/** Settings pushed by clients without workspace/configuration (initializationOptions, didChangeConfiguration). */
let pushed: Settings = DEFAULT_SETTINGS;
const settings = new SettingsCache((uri) =>
  pullConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubeGraceful' }) : Promise.resolve(pushed),
);

/** The LSP lifecycle: requests before `initialize` and after `shutdown` get the errors the protocol names. */
let lifecycle: 'new' | 'running' | 'shutdown' = 'new';

/** Throws the protocol's error for a request that arrives outside the running state. */
function requireRunning(): void {
  if (lifecycle === 'new') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'kube-graceful: the server is not initialized yet');
  if (lifecycle === 'shutdown') throw new ResponseError(ErrorCodes.InvalidRequest, 'kube-graceful: the server is shutting down');
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  lifecycle = 'running';
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  progressSupported = params.capabilities.window?.workDoneProgress === true;
  dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  foldersSupported = params.capabilities.workspace?.workspaceFolders === true;
  folderUris = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (folderUris.length === 0 && params.rootUri) folderUris = [params.rootUri];
  inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  locale = localeOf(params.locale);
  if (params.initializationOptions !== undefined) pushed = normalizeSettings(params.initializationOptions);
  const init = params.initializationOptions as { workspaceTrusted?: unknown } | undefined | null;
  if (init && typeof init === 'object' && init.workspaceTrusted === false) trusted = false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
    },
    serverInfo: { name: 'kube-graceful', version: SERVER_VERSION },
  };
});

connection.onShutdown(() => {
  lifecycle = 'shutdown';
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
});

/** The client says the workspace became trusted (or not): rendering starts or stops. */
connection.onNotification('kubeGraceful/workspaceTrust', (params: { trusted?: unknown }) => {
  trusted = params.trusted !== false;
  renderer.clear();
  for (const doc of documents.all()) schedule(doc.uri, 0);
});

/** A cheap request the VS Code client's watchdog sends: an answer means the server is not stuck. */
connection.onRequest('kubeGraceful/ping', () => {
  requireRunning();
  return 'pong';
});

connection.onInitialized(() => {
  if (pullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeGraceful' }).catch(() => undefined);
  }
  if (dynamicWatchers) {
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/Kustomization' }] })
      .catch(() => undefined);
  }
  if (foldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folderUris = [...folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
      void startWorkspace();
    });
  }
  void startWorkspace();
});

connection.onDidChangeConfiguration((change) => {
  if (!pullConfiguration && change.settings !== undefined && change.settings !== null) pushed = normalizeSettings(change.settings);
  settings.clear();
  // New settings may name another binary, other values files, or turn rendering off.
  renderer.clear();
  void startWorkspace(true);
  for (const doc of documents.all()) schedule(doc.uri, 0);
  // Inlay hints may have been switched on or off.
  if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
});

/**
 * The workspace-wide settings (not per file): the user's (or the pushed ones), with the `.kube-graceful.yaml` at the
 * root of the first folder laid over them, so that a team's `workspace: {enable, maxFiles}` governs the index too.
 */
async function workspaceSettings(): Promise<Settings> {
  let user: Settings;
  if (!pullConfiguration) user = pushed;
  else {
    try {
      user = normalizeSettings(await connection.workspace.getConfiguration({ section: 'kubeGraceful' }));
    } catch {
      user = DEFAULT_SETTINGS;
    }
  }
  const folder = folderUris.map(pathOf).find((p): p is string => p !== undefined);
  if (folder === undefined) return user;
  // A file at the folder's root finds the config file there (and none above the folder).
  return settingsForFile(join(folder, 'kube-graceful-workspace.yaml'), user, [folder]).settings;
}

let workspaceKey = '';
let settingsLine = '';

/** Starts, restarts or stops the workspace index to match the folders and settings. */
async function startWorkspace(onlyIfChanged = false): Promise<void> {
  const s = await workspaceSettings();
  // The output channel says what the server runs with, once at start and again when the settings change.
  const line = `target Kubernetes ${s.kubernetesVersion}, ${Object.keys(s.rules).length} rule levels set, syntax errors ${s.syntaxErrors}, workspace index ${s.workspace.enable ? 'on' : 'off'}`;
  if (line !== settingsLine) {
    connection.console.info(
      settingsLine === ''
        ? `kube-graceful ${SERVER_VERSION} started (node ${process.version}, ${locale}): ${line}.`
        : `kube-graceful: settings changed: ${line}.`,
    );
    settingsLine = line;
  }
  const enabled = s.enable && s.workspace.enable && folderUris.length > 0;
  const key = JSON.stringify([enabled, s.workspace.maxFiles, s.maxFileSize, s.customWorkloads, folderUris]);
  if (onlyIfChanged && key === workspaceKey) return;
  workspaceKey = key;
  if (!enabled) {
    void connection.sendNotification('kubeGraceful/indexStatus', { state: 'off' });
    if (workspace) {
      workspace.clear();
      workspace = undefined;
      connection.console.info('kube-graceful: the workspace index is off; every file is analysed alone.');
      for (const doc of documents.all()) schedule(doc.uri, 0);
    }
    return;
  }
  // New settings (maxFiles, maxFileSize) mean a new model; the old one's entries leave the index first.
  workspace?.clear();
  workspace = new Workspace(index, {
    maxFiles: s.workspace.maxFiles,
    maxFileSize: s.maxFileSize,
    isOpen: (uri) => documents.get(uri) !== undefined,
    log: (message) => connection.console.info(message),
    customWorkloads: toAnalysisOptions(s, locale).customWorkloads ?? [],
    // A CRD changed on disk: the custom resources of the open documents are validated again.
    onCrdChange: () => {
      for (const doc of documents.all()) schedule(doc.uri, DEPENDENTS_DELAY_MS, true);
    },
  });
  const progress = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Indexing Kubernetes manifests', 0, '', false);
  void connection.sendNotification('kubeGraceful/indexStatus', { state: 'indexing', done: 0, total: 0 });
  const summary = await workspace.reindex(folderUris, ({ done, total }) => {
    progress?.report(Math.floor((done * 100) / Math.max(1, total)), `${done}/${total}`);
    void connection.sendNotification('kubeGraceful/indexStatus', { state: 'indexing', done, total });
  });
  progress?.done();
  if (summary) {
    connection.console.info(
      `kube-graceful: indexed ${summary.files} YAML files (${summary.objects} related objects, ${summary.kustomizations} kustomizations) in ${summary.milliseconds} ms.`,
    );
    void connection.sendNotification('kubeGraceful/indexStatus', {
      state: 'ready',
      files: summary.files,
      objects: summary.objects,
      milliseconds: summary.milliseconds,
      truncated: summary.truncated,
    });
  }
}

// Another file's objects changed (typed in an open document, or changed on disk): the open documents that read them
// are analysed again. Findings that did not depend on the change come from the caches.
index.onChange((_categories, source) => {
  for (const doc of documents.all()) if (doc.uri !== source) schedule(doc.uri, DEPENDENTS_DELAY_MS, true);
});

connection.onDidChangeWatchedFiles((params) => {
  // A changed config file may change every open document's settings.
  if (params.changes.some((c) => isConfigFile(c.uri))) {
    for (const doc of documents.all()) schedule(doc.uri, 0);
    // Its `workspace` settings may start, stop or resize the index.
    void startWorkspace(true);
  }
  // A file a render read changed on disk (a base of an overlay, a values file not open): render again.
  for (const change of params.changes) {
    const path = pathOf(change.uri);
    if (path !== undefined) for (const unit of renderer.unitsReading(path)) renderer.request(unit, RENDER_DELAY_MS);
  }
  if (!workspace) return;
  const ws = workspace;
  void (async () => {
    for (const change of params.changes) await ws.fileChanged(change.uri, change.type === FileChangeType.Deleted);
  })();
});

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => {
  schedule(e.document.uri, DEBOUNCE_MS);
  // A changed CRD changes what its custom resources are validated against in the other open documents.
  const before = openCrds.get(e.document.uri)?.schemas.size ?? 0;
  if (before > 0 || /^kind:[ \t]*CustomResourceDefinition\b/m.test(e.document.getText())) {
    crdGeneration++;
    for (const doc of documents.all()) if (doc.uri !== e.document.uri) schedule(doc.uri, DEPENDENTS_DELAY_MS, true);
  }
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  caches.delete(uri);
  openCrds.delete(uri);
  rendered.delete(uri);
  unitsOfOpen.delete(uri);
  lastPublished.delete(uri);
  settings.delete(uri);
  // What is on disk counts again for the other files (the editor may have dropped unsaved changes).
  if (workspace) void workspace.documentClosed(uri);
  else index.removeFile(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

/**
 * Analyses a document after `delay`. A re-analysis for another file's sake (`weak`) never postpones one that a
 * keystroke already asked for sooner.
 */
function schedule(uri: string, delay: number, weak = false): void {
  if (weak && timers.has(uri)) return;
  // Nothing is analysed or published before `initialize` or after `shutdown`.
  if (lifecycle !== 'running') return;
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay),
  );
}

/**
 * A document's settings: the user's, with the nearest .kube-graceful.yaml laid over them (the file wins, so the
 * editor and CI agree). A file the config's `ignore` names is treated as disabled.
 */
async function settingsOf(uri: string): Promise<Settings> {
  const user = await settings.get(uri);
  const path = pathOf(uri);
  if (path === undefined) return user;
  const own = settingsForFile(
    path,
    user,
    folderUris.map(pathOf).filter((p): p is string => p !== undefined),
  );
  return own.ignored ? { ...own.settings, enable: false } : own.settings;
}

/** The analysis options for a document: its settings, the client's language, and whether it is a kustomize patch. */
function optionsFor(uri: string, s: Settings): AnalysisOptions {
  reportSettingsProblems(s);
  const patch = workspace?.isPatch(uri) === true || isKustomizePatch(uri);
  // Within the time budget the server stays responsive; an analysis cut short is continued (see validate).
  return {
    ...toAnalysisOptions(s, locale),
    patch,
    uri,
    ...(workspace ? { index } : {}),
    crdSchema: crdFor,
    crdStamp: `${crdGeneration}.${workspace?.crdGeneration ?? 0}`,
    timeBudgetMs: ANALYSIS_TIME_BUDGET_MS,
  };
}

/** Counts changes to the CRDs of open documents, so results validated against an older CRD are not reused. */
let crdGeneration = 0;

/** Settings problems already reported: each is logged and shown once per server run, not on every analysis. */
const reportedProblems = new Set<string>();

function reportSettingsProblems(s: Settings): void {
  for (const problem of s.problems) {
    if (reportedProblems.has(problem)) continue;
    reportedProblems.add(problem);
    connection.console.warn(`kube-graceful: ${problem}`);
    void connection.window.showWarningMessage(`Kube Graceful: ${problem}`);
  }
}

/** A CRD schema from an open document, else from a closed file of the workspace. */
function crdFor(group: string, version: string, kind: string): CrdSchema | undefined {
  return openDocumentCrd(group, version, kind) ?? workspace?.crdSchema(group, version, kind);
}

/** The CRD schemas of each open document, by the document version they were read from. */
const openCrds = new Map<string, { version: number; schemas: Map<string, CrdSchema>; chunks: ChunkCache }>();

/**
 * A CRD schema from any open document (issue 15); files that are not open are answered by the workspace model.
 */
function openDocumentCrd(group: string, version: string, kind: string): CrdSchema | undefined {
  for (const doc of documents.all()) {
    let entry = openCrds.get(doc.uri);
    if (!entry || entry.version !== doc.version) {
      const chunks = entry?.chunks ?? new ChunkCache();
      entry = { version: doc.version, schemas: crdSchemasInText(doc.getText(), chunks), chunks };
      openCrds.set(doc.uri, entry);
    }
    const found = entry.schemas.get(`${group}/${version}/${kind}`);
    if (found) return found;
  }
  return undefined;
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
  if (!before || lifecycle !== 'running') return;
  const s = await settingsOf(uri);
  // Analyse the newest text; a change that arrived while settings were fetched is included, not lost.
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const view = s.enable && !isConfigFile(uri) ? await renderedView(uri, document.getText(), s) : undefined;
  if (documents.get(uri)?.version !== version) return;
  if (view?.wait === true) {
    // A render of the document's chart is on its way: its findings replace the ones shown now when it lands.
    sendStatus(uri, version, s, view.status);
    return;
  }
  rendered.set(uri, { version, problems: view?.problems ?? [], replaceOwn: view?.replaceOwn === true });
  const diagnostics = isConfigFile(uri)
    ? service.configDiagnostics(document, locale)
    : s.enable
      ? view?.replaceOwn === true
        ? service.toDiagnostics(document, view.problems)
        : view !== undefined && view.problems.length > 0
          ? service.toDiagnostics(document, combine(service.analyse(document, optionsFor(uri, s), cacheFor(uri)), view.problems))
          : service.doValidation(document, optionsFor(uri, s), cacheFor(uri))
      : [];
  // Never publish results for a version older than the document has now: a newer analysis is on its way.
  if (documents.get(uri)?.version !== version) return;
  const incomplete = isIncomplete(diagnostics);
  // A result cut short by the time budget is shown at most once a second: the slices of a large file then cost no
  // more than the analysis itself, and a long one still shows progress.
  const now = Date.now();
  if (incomplete && now - (lastPublished.get(uri) ?? 0) < PARTIAL_EVERY_MS) {
    schedule(uri, CONTINUE_MS);
    return;
  }
  lastPublished.set(uri, now);
  await connection.sendDiagnostics({ uri, version, diagnostics });
  sendStatus(uri, version, s, view?.status);
  // An analysis that ran out of time left documents unread: continue shortly, letting other requests in between.
  if (incomplete) schedule(uri, CONTINUE_MS);
}

/** For the editor's status items: whether the file holds Kubernetes objects, the target version, and its render. */
function sendStatus(uri: string, version: number, s: Settings, render: { text: string; ok: boolean } | undefined): void {
  void connection.sendNotification('kubeGraceful/documentStatus', {
    uri,
    version,
    objects: s.enable ? cacheFor(uri).objectCount : 0,
    kubernetesVersion: s.kubernetesVersion,
    ...(render !== undefined ? { render: render.text, renderOk: render.ok } : {}),
  });
}

// ---- Rendering (issue 18): Helm charts and kustomize overlays, analysed as rendered, mapped back onto the files. ----

/** Pause after a keystroke in a chart before rendering it again. */
const RENDER_DELAY_MS = 250;
/** Files larger than this are not read from disk for a render (charts and overlays are small). */
const MAX_RENDER_READ = 4 * 1024 * 1024;

function openDocumentAt(path: string): TextDocument | undefined {
  const direct = documents.get(uriOf(path));
  if (direct) return direct;
  return documents.all().find((d) => pathOf(d.uri) === path);
}

/** The last findings a render gave each open document, for its code actions. */
const rendered = new Map<string, { version: number; problems: readonly Problem[]; replaceOwn: boolean }>();

function renderSettingsOf(s: Settings): RenderSettings {
  return {
    enable: s.render.enable,
    trusted,
    helmPath: s.render.helmPath,
    kustomizePath: s.render.kustomizePath,
    valuesFiles: s.render.valuesFiles,
    version: parseVersion(s.kubernetesVersion) ?? NEWEST,
    options: toAnalysisOptions(s, locale),
  };
}

const renderer = new Renderer({
  rules: RULES,
  // Charts and overlays are rendered with the editor's unsaved text (staged in a temporary folder).
  read: (path) => openDocumentAt(path)?.getText() ?? readTextSync(path, MAX_RENDER_READ),
  uriOf: (path) => openDocumentAt(path)?.uri ?? uriOf(path),
  log: (message) => connection.console.error(message),
  settings: async (unit) => renderSettingsOf(await settingsOf(uriOf(`${unit.dir}/${unit.kind === 'helm' ? 'values.yaml' : 'kustomization.yaml'}`))),
  onResult: (result) => {
    connection.console.info(`kube-graceful: ${result.status} in ${result.milliseconds} ms (${result.unit.dir}).`);
    for (const doc of documents.all()) {
      const path = pathOf(doc.uri);
      if (path !== undefined && (result.texts.has(path) || unitsOfOpen.get(doc.uri)?.some((u) => u.dir === result.unit.dir))) schedule(doc.uri, 0);
    }
  },
});

/** The units each open document took part in at its last analysis. */
const unitsOfOpen = new Map<string, Unit[]>();

/** The workspace folder holding a path (charts are looked for up to it). */
function folderOf(path: string): string | undefined {
  for (const uri of folderUris) {
    const folder = pathOf(uri);
    if (folder !== undefined && isInside(path, folder)) return folder;
  }
  return undefined;
}

/** What a document of a chart or an overlay shows (features/rendered.ts decides; this asks with the server's state). */
async function renderedView(uri: string, text: string, s: Settings): Promise<RenderedView | undefined> {
  const path = pathOf(uri);
  if (path === undefined) return undefined;
  const rs = renderSettingsOf(s);
  const units = unitsOfFile(path, rs.valuesFiles, folderOf(path), workspace ? workspace.kustomizeRootsFor(path) : []);
  unitsOfOpen.set(uri, units);
  return viewOf(path, text, units, rs, renderer, RENDER_DELAY_MS, locale);
}

connection.onCodeAction(async (params) => {
  requireRunning();
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settingsOf(document.uri);
  if (!s.enable) return [];
  const options = optionsFor(document.uri, s);
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions = wants(CodeActionKind.QuickFix)
    ? service.getCodeActions(document, params.range, params.context.diagnostics, options, cacheFor(document.uri), renderedFor(document.uri, document.version))
    : [];
  // Fix-all is offered when asked for by kind (codeActionsOnSave, the "Fix all" command), not in every light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const fixAll = service.getFixAllAction(document, options);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
});

/** The mapped findings last published on a document version, for its code actions. */
function renderedFor(uri: string, version: number): { problems: readonly Problem[]; replaceOwn: boolean } | undefined {
  const r = rendered.get(uri);
  return r && r.version === version && (r.replaceOwn || r.problems.length > 0) ? r : undefined;
}

connection.onRequest('kubeGraceful/ruleDocumentation', (params: { ruleId: string }) => {
  requireRunning();
  return service.ruleDocumentation(params.ruleId, locale) ?? null;
});

connection.onHover(async (params) => {
  requireRunning();
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const s = await settingsOf(document.uri);
  if (!s.enable) return null;
  return service.doHover(document, params.position, optionsFor(document.uri, s), cacheFor(document.uri)) ?? null;
});

// The lifecycle of a workload (issue #16): the model for the panel, a CodeLens per workload, inlay hints.
connection.onRequest('kubeGraceful/lifecycle', async (params: { uri: string; position: { line: number; character: number }; kind?: string; name?: string }) => {
  requireRunning();
  const document = documents.get(params.uri);
  if (!document) return null;
  const s = await settingsOf(document.uri);
  return service.lifecycle(document, params.position, optionsFor(document.uri, s), cacheFor(document.uri), { kind: params.kind, name: params.name }) ?? null;
});

connection.onCodeLens(async (params) => {
  requireRunning();
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settingsOf(document.uri);
  if (!s.enable) return [];
  return service.lifecycleLenses(document, optionsFor(document.uri, s), cacheFor(document.uri)).map((l) => ({
    range: l.range,
    command: { title: l.title, command: LIFECYCLE_COMMAND, arguments: [document.uri, l.range.start, l.kind, l.name] },
  }));
});

connection.languages.inlayHint.on(async (params) => {
  requireRunning();
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const s = await settingsOf(document.uri);
  if (!s.enable || !s.inlayHints) return [];
  return service.lifecycleHints(document, params.range, optionsFor(document.uri, s), cacheFor(document.uri)).map((h) => ({
    position: h.position,
    label: h.label,
    paddingLeft: true,
    tooltip: h.path,
  }));
});

process.on('uncaughtException', (e) => connection.console.error(`kube-graceful: uncaught exception: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`kube-graceful: unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
