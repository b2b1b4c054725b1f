// The VS Code side: starts the language server over IPC, restarts it when it crashes, and says so clearly.
// No analysis happens here.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Message,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

import { LifecyclePanels, rendered } from './lifecycle-panel';
import { fixAll, RuleDocsProvider, StatusItems } from './status';
import type { LifecycleView } from '../../server/src/features/lifecycle';

let client: LanguageClient | undefined;

/** How often the watchdog asks the server whether it is alive, and how long an answer may take. */
const PING_EVERY_MS = 5_000;
const PING_TIMEOUT_MS = 10_000;

/**
 * Restarts a server that stops answering: a process that is alive but stuck (an endless analysis) never exits, so
 * the crash handler alone would leave every open file without diagnostics. Says so once per session.
 */
function startWatchdog(output: vscode.OutputChannel): vscode.Disposable {
  let inFlight = false;
  let told = false;
  const timer = setInterval(() => {
    const c = client;
    if (!c || inFlight || c.state !== State.Running) return;
    inFlight = true;
    let answered = false;
    const deadline = setTimeout(() => {
      if (answered || client !== c || c.state !== State.Running) return;
      output.appendLine(`[${new Date().toISOString()}] The kube-graceful server did not answer for ${PING_TIMEOUT_MS / 1000} s; restarting it.`);
      if (!told) {
        told = true;
        void vscode.window.showWarningMessage(vscode.l10n.t('The Kube Graceful language server stopped responding and was restarted.'));
      }
      void c
        .restart()
        .catch((e: unknown) => output.appendLine(`Restart failed: ${String(e)}`))
        .finally(() => (inFlight = false));
    }, PING_TIMEOUT_MS);
    c.sendRequest<string>('kubeGraceful/ping').then(
      () => {
        answered = true;
        clearTimeout(deadline);
        inFlight = false;
      },
      () => {
        // An error answer (for example while the server shuts down) is still an answer.
        answered = true;
        clearTimeout(deadline);
        inFlight = false;
      },
    );
  }, PING_EVERY_MS);
  return { dispose: () => clearInterval(timer) };
}

/** Restarts the server after a crash, up to a few times in a short window, then tells the user and stops. */
class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(private readonly output: vscode.OutputChannel) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > 3 * 60 * 1000) this.restarts.shift();
    if (this.restarts.length <= 4) {
      this.output.appendLine(`[${new Date(now).toISOString()}] The kube-graceful server stopped; restarting it.`);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = vscode.l10n.t('The Kube Graceful language server crashed 5 times in 3 minutes and will not be restarted. See the output for details.');
    void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Output'), vscode.l10n.t('Restart Server')).then((choice) => {
      if (choice === vscode.l10n.t('Show Output')) this.output.show(true);
      if (choice === vscode.l10n.t('Restart Server')) void vscode.commands.executeCommand('kubeGraceful.restartServer');
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

/** What the extension exports, for its end-to-end tests: the drawings its lifecycle panels show, by panel title. */
export interface KubeGracefulApi {
  readonly lifecycleDrawings: () => { title: string; svg: string; version: number }[];
  /** What the language status items show now. */
  readonly statusText: () => string;
}

/** True when the Red Hat YAML extension is installed and validates YAML: it reports syntax errors itself. */
function redHatYamlValidates(): boolean {
  return (
    vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined && vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false
  );
}

/** `kubeGraceful.syntaxErrors: auto` as the server should read it: off when the Red Hat YAML extension reports them. */
function resolveSyntaxErrors(section: unknown): unknown {
  if (typeof section !== 'object' || section === null) return section;
  const s = section as Record<string, unknown>;
  if ((s['syntaxErrors'] ?? 'auto') !== 'auto') return section;
  return { ...s, syntaxErrors: redHatYamlValidates() ? 'off' : 'on' };
}

export async function activate(context: vscode.ExtensionContext): Promise<KubeGracefulApi> {
  const output = vscode.window.createOutputChannel('Kube Graceful', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'kubeGraceful' },
    // Rendering Helm charts and overlays runs a binary on the workspace's files: only once the workspace is trusted.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value: unknown, i: number) => (params.items[i]?.section === 'kubeGraceful' ? resolveSyntaxErrors(value) : value));
        },
      },
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(output),
    initializationFailedHandler: (error) => {
      output.appendLine(`Initialisation failed: ${String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Kube Graceful could not start its language server: {0}', String(error)));
      return false;
    },
  };
  client = new LanguageClient('kubeGraceful', 'Kube Graceful', serverOptions, clientOptions);
  const status = new StatusItems();
  status.attach(client);
  context.subscriptions.push(
    status,
    vscode.workspace.registerTextDocumentContentProvider(RuleDocsProvider.scheme, new RuleDocsProvider(() => client)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification('kubeGraceful/workspaceTrust', { trusted: true });
    }),
    // Installing or removing the Red Hat YAML extension changes what `syntaxErrors: auto` means.
    vscode.extensions.onDidChange(() => {
      if (client?.isRunning()) void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );
  const panels = new LifecyclePanels(async ({ uri, position, kind, name }) =>
    client
      ? ((await client.sendRequest<LifecycleView | null>('kubeGraceful/lifecycle', {
          uri,
          position: { line: position.line, character: position.character },
          kind,
          name,
        })) ?? null)
      : null,
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('kubeGraceful.restartServer', async () => {
      if (client) await client.restart();
    }),
    vscode.commands.registerCommand('kubeGraceful.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('kubeGraceful.fixAll', () => fixAll()),
    panels,
    vscode.commands.registerCommand('kubeGraceful.showLifecycle', async (uri?: unknown, position?: unknown, kind?: unknown, name?: unknown) => {
      // From a CodeLens: the workload's uri and `kind:` position; from the command palette: the cursor.
      const editor = vscode.window.activeTextEditor;
      const target = typeof uri === 'string' ? uri : editor?.document.uri.toString();
      const p = position as { line?: unknown; character?: unknown } | undefined;
      const at = typeof p?.line === 'number' && typeof p.character === 'number' ? new vscode.Position(p.line, p.character) : editor?.selection.active;
      if (!target || !at) return;
      await panels.show(target, at, typeof kind === 'string' ? kind : undefined, typeof name === 'string' ? name : undefined);
    }),
    vscode.commands.registerCommand('kubeGraceful.showRuleDocumentation', async (ruleId: unknown) => {
      // Rendered by the server from the rule's own docs (offline), in a read-only view: nothing asks to be saved.
      if (typeof ruleId === 'string' && /^[a-z0-9-]+$/.test(ruleId)) await RuleDocsProvider.show(ruleId);
    }),
  );

  try {
    await client.start();
    context.subscriptions.push(startWatchdog(output));
  } catch (e) {
    output.appendLine(`Could not start the server: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Kube Graceful could not start its language server: {0}', e instanceof Error ? e.message : String(e)));
  }
  return { lifecycleDrawings: () => [...rendered].map(([title, r]) => ({ title, ...r })), statusText: () => status.lastText };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
