// A small LSP client for tests: spawns `node dist/server.js --stdio` and talks JSON-RPC to it over pipes.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface Client {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  /** The configuration the fake editor answers to workspace/configuration. */
  configuration: unknown;
  configurationRequests: number;
  readonly logs: string[];
  /** Capabilities the server registered dynamically (method names). */
  readonly registrations: string[];
  /** The server's own notifications (`kubeGraceful/documentStatus`, `kubeGraceful/indexStatus`), in order. */
  readonly notifications: { method: string; params: unknown }[];
  /** `$/progress` values the server sent (begin, report, end). */
  readonly progress: { kind: string; title?: string; message?: string }[];
  /** Resolves when a log message contains the text. */
  waitForLog(text: string, timeoutMs?: number): Promise<string>;
  waitFor(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export interface StartOptions {
  pullConfiguration?: boolean;
  initializationOptions?: unknown;
  locale?: string;
  /** Workspace folder URIs; the client then also offers progress, file watchers and folder changes, as VS Code does. */
  workspaceFolders?: string[];
  /** What the fake editor answers to workspace/configuration from the start. */
  configuration?: unknown;
}

export async function startServer(options: StartOptions = {}): Promise<Client> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: (() => void)[] = [];
  const logWaiters: (() => void)[] = [];
  const client: Client = {
    connection,
    process: child,
    published: [],
    configuration: options.configuration ?? {},
    configurationRequests: 0,
    logs: [],
    registrations: [],
    notifications: [],
    progress: [],
    waitForLog(text, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const hit = (): string | undefined => this.logs.find((l) => l.includes(text));
        const found = hit();
        if (found !== undefined) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`timed out waiting for a log with "${text}"; logs: ${JSON.stringify(this.logs)}`)), timeoutMs);
        const waiter = (): void => {
          const h = hit();
          if (h !== undefined) {
            clearTimeout(timer);
            logWaiters.splice(logWaiters.indexOf(waiter), 1);
            resolve(h);
          }
        };
        logWaiters.push(waiter);
      });
    },
    waitFor(uri, predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = [...this.published].reverse().find((p) => p.uri === uri);
          if (hit && predicate(hit)) {
            resolve(hit);
            return true;
          }
          return false;
        };
        if (check()) return;
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(this.published.filter((p) => p.uri === uri).at(-1))}`)),
          timeoutMs,
        );
        const waiter = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(waiter), 1);
          }
        };
        waiters.push(waiter);
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            child.kill();
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    client.published.push(p);
    [...waiters].forEach((w) => w());
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
    [...logWaiters].forEach((w) => w());
  });
  for (const method of ['kubeGraceful/documentStatus', 'kubeGraceful/indexStatus']) {
    connection.onNotification(method, (params: unknown) => {
      client.notifications.push({ method, params });
    });
  }
  connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => {
    client.progress.push(p.value);
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    client.configurationRequests++;
    return params.items.map(() => client.configuration);
  });
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
    client.registrations.push(...p.registrations.map((r) => r.method));
    return null;
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: options.locale,
    workspaceFolders: options.workspaceFolders ? options.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
    capabilities: {
      window: { workDoneProgress: options.workspaceFolders !== undefined },
      workspace: {
        configuration: options.pullConfiguration !== false,
        didChangeConfiguration: { dynamicRegistration: true },
        ...(options.workspaceFolders ? { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
      },
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return client;
}

export function codesOf(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d: Diagnostic) => String(d.code));
}
