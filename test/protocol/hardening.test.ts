// The LSP lifecycle and protocol abuse over the real protocol (issue 19): requests before `initialize` and after
// `shutdown`, a client that never answers workspace/configuration, the watchdog's ping, and a heavy file that must
// not keep a healthy one waiting for long.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codesOf, SERVER, startServer } from '../support/lsp-client';
import { HEALTHY, mergeBomb, unknownKeys } from '../support/hostile';

function spawnRaw(): { connection: ReturnType<typeof createMessageConnection>; stop: () => void; published: PublishDiagnosticsParams[] } {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  return {
    connection,
    published,
    stop: () => {
      connection.dispose();
      child.kill();
    },
  };
}

async function errorCodeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof ResponseError ? e.code : -1;
  }
}

const CAPABILITIES = { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };

describe('LSP lifecycle', () => {
  it('answers ServerNotInitialized before initialize and InvalidRequest after shutdown', async () => {
    const { connection, stop } = spawnRaw();
    try {
      const hover = { textDocument: { uri: 'file:///x.yaml' }, position: { line: 0, character: 0 } };
      assert.equal(await errorCodeOf(connection.sendRequest('textDocument/hover', hover)), -32002);
      assert.equal(await errorCodeOf(connection.sendRequest('kubeGraceful/ping')), -32002);
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: CAPABILITIES });
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
      await connection.sendNotification('initialized', {});
      assert.equal(await connection.sendRequest('kubeGraceful/ping'), 'pong');
      await connection.sendRequest('shutdown');
      assert.equal(await errorCodeOf(connection.sendRequest('textDocument/hover', hover)), -32600);
      assert.equal(await errorCodeOf(connection.sendRequest('kubeGraceful/ping')), -32600);
    } finally {
      stop();
    }
  });

  it('falls back to the default settings when workspace/configuration is never answered', async () => {
    const { connection, stop, published } = spawnRaw();
    try {
      // Registered but never resolved: the client hangs.
      connection.onRequest('workspace/configuration', () => new Promise(() => undefined));
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: CAPABILITIES });
      await connection.sendNotification('initialized', {});
      const uri = 'file:///healthy.yaml';
      const t0 = Date.now();
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: HEALTHY } });
      while (!published.some((p) => p.uri === uri) && Date.now() - t0 < 6000) await new Promise((r) => setTimeout(r, 50));
      const p = published.find((x) => x.uri === uri);
      assert.ok(p, 'no diagnostics without an answer to workspace/configuration');
      assert.ok(Date.now() - t0 < 5000);
      assert.deepEqual(
        p.diagnostics.map((d) => d.code),
        ['pdb-missing'],
      );
    } finally {
      stop();
    }
  });

  it('answers a hostile file within 2 s and a healthy file opened with it soon after', async () => {
    const { connection, stop, published } = spawnRaw();
    try {
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: CAPABILITIES });
      await connection.sendNotification('initialized', {});
      for (const [name, text] of [
        ['bomb', mergeBomb(50_000)],
        ['unknown', unknownKeys(50_000)],
      ] as const) {
        const heavy = `file:///${name}.yaml`;
        const healthy = `file:///healthy-${name}.yaml`;
        const t0 = Date.now();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: heavy, languageId: 'yaml', version: 1, text } });
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: healthy, languageId: 'yaml', version: 1, text: HEALTHY } });
        const seen = new Map<string, number>();
        while (seen.size < 2 && Date.now() - t0 < 10_000) {
          for (const p of published) if (!seen.has(p.uri) && (p.uri === heavy || p.uri === healthy)) seen.set(p.uri, Date.now() - t0);
          await new Promise((r) => setTimeout(r, 10));
        }
        // Generous bounds for a shared 2-core machine; scripts/bench-hostile.mjs reports the real figures.
        assert.ok((seen.get(heavy) ?? Infinity) < 4000, `${name}: ${seen.get(heavy)} ms`);
        assert.ok((seen.get(healthy) ?? Infinity) < 4000, `${name} healthy: ${seen.get(healthy)} ms`);
      }
    } finally {
      stop();
    }
  });
});

describe('a large file analysed in slices', () => {
  it('publishes the findings so far, then goes on until the complete result (never repeating a partial one)', async () => {
    const doc = (i: number): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-${i}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web-${i}}}\n  template:\n    metadata: {labels: {app: web-${i}}}\n    spec:\n      containers:\n        - name: app\n          image: example/app:${i}\n          ports: [{name: http, containerPort: 8080}]\n          livenessProbe: {httpGet: {path: /, port: http}}\n`;
    const text = Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n');
    const client = await startServer();
    try {
      const uri = 'file:///large-sliced.yaml';
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const complete = (p: PublishDiagnosticsParams): boolean => !p.diagnostics.some((d) => d.code === 'analysis-limit');
      const final = await client.waitFor(uri, complete, 60000);
      // Every Deployment: no readiness probe (warning), no preStop (hint), no budget (info).
      assert.equal(codesOf(final).filter((c) => c === 'readiness-probe-missing').length, 3000);
      const partial = client.published.filter((p) => p.uri === uri && !complete(p));
      // A partial result is never published twice with the same findings: each slice goes on where the last stopped.
      const seen = new Set(partial.map((p) => p.diagnostics.length));
      assert.equal(seen.size, partial.length, `partial publishes: ${partial.map((p) => p.diagnostics.length).join(', ')}`);
    } finally {
      await client.stop();
    }
  });
});
