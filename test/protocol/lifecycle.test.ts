// The lifecycle over the real protocol (issue #16): textDocument/codeLens, textDocument/inlayHint and the custom
// kubeGraceful/lifecycle request, answered by a spawned `node dist/server.js --stdio`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { Client, startServer } from '../support/lsp-client';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 10
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: a
          startupProbe:
            httpGet: {path: /, port: 80}
            initialDelaySeconds: 10
            failureThreshold: 30
          lifecycle:
            preStop:
              sleep: {seconds: 45}
`;

interface LifecycleAnswer {
  kind: string;
  name: string;
  lens: string;
  range: unknown;
  startup: { bound: number; lanes: { name: string; bars: { kind: string; field: { path: string } | null }[] }[] };
  shutdown: { bound: number };
  rollout: { maxTotal: number; steps: unknown[] };
}

describe('lifecycle over stdio', () => {
  let client: Client;
  let zh: Client | undefined;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
    await zh?.stop();
  });

  const open = async (c: Client, uri: string, text: string): Promise<void> => {
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await c.waitFor(uri, (x) => x.version === 1);
  };

  it('answers codeLens with the start, stop and rollout bounds above kind:, and the command that opens the panel', async () => {
    const uri = 'file:///work/lens.yaml';
    await open(client, uri, DEPLOYMENT);
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    const lens = lenses[0];
    assert.deepEqual(lens.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.equal(lens.command?.title, 'Start ≤ 5 min 10 s · Stop ≤ 47 s · Rollout 13 pods max');
    assert.equal(lens.command?.command, 'kubeGraceful.showLifecycle');
    assert.deepEqual(lens.command?.arguments, [uri, { line: 1, character: 0 }, 'Deployment', 'web']);
  });

  it('answers inlayHint after failureThreshold, terminationGracePeriodSeconds and the preStop sleep', async () => {
    const uri = 'file:///work/hints.yaml';
    await open(client, uri, DEPLOYMENT);
    const hints: InlayHint[] = await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => [h.position, h.label]),
      [
        [{ line: 9, character: 39 }, '⟶ SIGKILL at 47 s (2 s floor)'],
        [{ line: 16, character: 32 }, '⟶ restart after 310 s'],
        [{ line: 19, character: 33 }, '⟶ SIGTERM at 45 s'],
      ],
    );
    assert.equal(hints[1]?.tooltip, 'spec.template.spec.containers[0].startupProbe.failureThreshold');
  });

  it('answers no inlay hints when kubeGraceful.inlayHints.enable is false', async () => {
    const uri = 'file:///work/hints-off.yaml';
    client.configuration = { inlayHints: { enable: false } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await open(client, uri, DEPLOYMENT);
    const hints: InlayHint[] = await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
    });
    assert.deepEqual(hints, []);
    client.configuration = {};
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('answers kubeGraceful/lifecycle with the model as JSON, and null where there is no workload', async () => {
    const uri = 'file:///work/model.yaml';
    await open(client, uri, DEPLOYMENT);
    const model: LifecycleAnswer = await client.connection.sendRequest('kubeGraceful/lifecycle', { uri, position: { line: 14, character: 12 } });
    assert.equal(model.kind, 'Deployment');
    assert.equal(model.name, 'web');
    assert.equal(model.startup.bound, 310);
    assert.equal(model.shutdown.bound, 47);
    assert.equal(model.rollout.maxTotal, 13);
    assert.equal(model.rollout.steps.length, 13);
    assert.equal(model.startup.lanes[0]?.bars[0]?.field?.path, 'spec.template.spec.containers[0].startupProbe.failureThreshold');
    const plain = 'file:///work/not-k8s.yaml';
    await open(client, plain, 'name: CI\non: push\n');
    assert.equal(await client.connection.sendRequest('kubeGraceful/lifecycle', { uri: plain, position: { line: 0, character: 0 } }), null);
  });

  it('speaks the client language (zh-cn)', async () => {
    zh = await startServer({ locale: 'zh-cn' });
    const uri = 'file:///work/zh.yaml';
    await open(zh, uri, DEPLOYMENT);
    const lenses: CodeLens[] = await zh.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0]?.command?.title, '启动 ≤ 5 分 10 秒 · 停止 ≤ 47 秒 · 滚动更新最多 13 个 Pod');
    const model: { startup: { heading: string } } = await zh.connection.sendRequest('kubeGraceful/lifecycle', { uri, position: { line: 1, character: 0 } });
    assert.equal(model.startup.heading, '启动');
  });
});
