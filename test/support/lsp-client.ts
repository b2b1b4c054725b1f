// A small LSP client for tests: spawns `node dist/server.js --stdio` and talks JSON-RPC to it over pipes.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
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
  waitFor(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export async function startServer(options: { pullConfiguration?: boolean; initializationOptions?: unknown; locale?: string } = {}): Promise<Client> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: (() => void)[] = [];
  const client: Client = {
    connection,
    process: child,
    published: [],
    configuration: {},
    configurationRequests: 0,
    logs: [],
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
        const timer = setTimeout(() => reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(this.published.filter((p) => p.uri === uri).at(-1))}`)), timeoutMs);
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
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    client.configurationRequests++;
    return params.items.map(() => client.configuration);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: options.locale,
    capabilities: {
      workspace: { configuration: options.pullConfiguration !== false, didChangeConfiguration: { dynamicRegistration: true } },
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
