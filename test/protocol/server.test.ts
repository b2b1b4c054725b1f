// The server over the real protocol: a spawned `node dist/server.js --stdio`, JSON-RPC over its pipes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { Client, codesOf, startServer } from '../support/lsp-client';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - {name: app, image: a}
`;

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('language server over stdio', () => {
  let client: Client;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics on open, with version, code, source, link and exact range', async () => {
    const uri = 'file:///work/open.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    const p = await client.waitFor(uri, (x) => x.version === 1);
    assert.equal(p.diagnostics.length, 1);
    const d = p.diagnostics[0];
    assert.equal(d.code, 'init-container-probe');
    assert.equal(d.source, 'kube-graceful');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 7, character: 6 }, end: { line: 7, character: 20 } });
    assert.match(d.codeDescription?.href ?? '', /^https:\/\/kubernetes\.io\/docs\//);
    assert.deepEqual(d.data, { ruleId: 'init-container-probe' });
  });

  it('re-analyses incremental changes and never publishes an older version last', async () => {
    const uri = 'file:///work/change.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    await client.waitFor(uri, (x) => x.version === 1);
    // Type `restartPolicy: Always` character by character after the image line, as an editor would send it.
    const insert = '\n      restartPolicy: Always';
    for (let i = 0; i < insert.length; i++) {
      const line = 6 + (i === 0 ? 0 : 1);
      const character = i === 0 ? 14 : i - 1;
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 + i },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert[i] }],
      });
    }
    const last = 1 + insert.length;
    const p = await client.waitFor(uri, (x) => x.version === last);
    assert.deepEqual(codesOf(p), []);
    const versions = client.published.filter((x) => x.uri === uri).map((x) => x.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions are published in order',
    );
  });

  it('applies a rule level from workspace/configuration after didChangeConfiguration', async () => {
    const uri = 'file:///work/settings.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    await client.waitFor(uri, (x) => codesOf(x).includes('init-container-probe'));
    client.configuration = { rules: { 'init-container-probe': 'warning' } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const warned = await client.waitFor(uri, (x) => x.diagnostics[0]?.severity === 2);
    assert.deepEqual(codesOf(warned), ['init-container-probe']);
    client.configuration = { rules: { 'init-container-probe': 'off' } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(uri, (x) => x.diagnostics.length === 0);
    client.configuration = { kubernetesVersion: '1.33' };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(uri, (x) => x.diagnostics.length === 1);
    client.configuration = { enable: false };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(uri, (x) => x.diagnostics.length === 0);
    client.configuration = {};
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(uri, (x) => x.diagnostics.length === 1);
  });

  it('honours suppression comments', async () => {
    const uri = 'file:///work/suppress.yaml';
    const text = POD.replace('      readinessProbe', '      # kube-graceful-disable-next-line init-container-probe\n      readinessProbe');
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const p = await client.waitFor(uri, (x) => x.version === 1);
    assert.deepEqual(codesOf(p), []);
  });

  it('answers code actions with an edit that removes the diagnostic when applied', async () => {
    const uri = 'file:///work/fix.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    const p = await client.waitFor(uri, (x) => x.version === 1);
    const diagnostic = p.diagnostics[0];
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Remove readinessProbe from init container "migrate"',
        'Show documentation for init-container-probe',
        'Disable init-container-probe for this line',
        'Disable init-container-probe for this object',
      ],
    );
    const fix = actions[0];
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    const edits = fix.edit?.changes?.[uri] ?? [];
    const fixed = applyEdits(POD, edits);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitFor(uri, (x) => x.version === 2);
    assert.deepEqual(codesOf(after), []);
    const disable = applyEdits(POD, actions[2].edit?.changes?.[uri] ?? []);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: disable }] });
    assert.deepEqual(codesOf(await client.waitFor(uri, (x) => x.version === 3)), []);
  });

  it('answers hover with computed figures in Markdown', async () => {
    const uri = 'file:///work/hover.yaml';
    const text = POD.replace(
      '    - {name: app, image: a}',
      '    - name: app\n      image: a\n      startupProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2, failureThreshold: 15}',
    );
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await client.waitFor(uri, (x) => x.version === 1);
    const hover: { contents: { kind: string; value: string }; range: unknown } = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 11, character: 10 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /0 \+ 15 × 2 = \*\*30 s\*\*/);
    assert.deepEqual(hover.range, { start: { line: 11, character: 6 }, end: { line: 11, character: 18 } });
    const plain = 'file:///work/plain.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: plain, languageId: 'yaml', version: 1, text: 'name: CI\non: push\n' } });
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: plain }, position: { line: 0, character: 2 } });
    assert.equal(none, null);
  });

  it('offers fix-all when asked for source.fixAll.kube-graceful, and documentation by request', async () => {
    const uri = 'file:///work/fixall.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    await client.waitFor(uri, (x) => x.version === 1);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.kube-graceful'] },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.kube-graceful'],
    );
    const fixed = applyEdits(POD, actions[0].edit?.changes?.[uri] ?? []);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual(codesOf(await client.waitFor(uri, (x) => x.version === 2)), []);
    const docs: string = await client.connection.sendRequest('kubeGraceful/ruleDocumentation', { ruleId: 'init-container-probe' });
    assert.match(docs, /^# init-container-probe/);
  });

  it('treats files that a kustomization lists as patches as incomplete objects', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'kg-kustomize-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [base.yaml]\npatches:\n  - path: replicas.yaml\n');
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n';
    for (const name of ['replicas.yaml', 'other.yaml']) writeFileSync(join(dir, name), patch);
    const listed = pathToFileURL(join(dir, 'replicas.yaml')).toString();
    const unlisted = pathToFileURL(join(dir, 'other.yaml')).toString();
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: listed, languageId: 'yaml', version: 1, text: patch } });
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: unlisted, languageId: 'yaml', version: 1, text: patch } });
    assert.deepEqual(codesOf(await client.waitFor(listed, (x) => x.version === 1)), []);
    assert.deepEqual(codesOf(await client.waitFor(unlisted, (x) => x.version === 1)), ['schema']);
  });

  it('clears diagnostics on close', async () => {
    const uri = 'file:///work/close.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
    await client.waitFor(uri, (x) => x.diagnostics.length === 1);
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor(uri, (x) => x.diagnostics.length === 0 && x.version === undefined);
  });

  it('keeps serving after garbage input', async () => {
    const uri = 'file:///work/garbage.yaml';
    const text = 'apiVersion: v1\nkind: Pod\n' + '\u0000\t[{{{: : :\n'.repeat(50) + '*x\n&&& ---\n';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await client.waitFor(uri, (x) => x.version === 1);
    const ok = 'file:///work/after-garbage.yaml';
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: ok, languageId: 'yaml', version: 1, text: POD } });
    assert.deepEqual(codesOf(await client.waitFor(ok, (x) => x.version === 1)), ['init-container-probe']);
  });
});

describe('language server without workspace/configuration (other editors)', () => {
  it('takes settings from initializationOptions and didChangeConfiguration', async () => {
    const client = await startServer({ pullConfiguration: false, initializationOptions: { kubeGraceful: { rules: { 'init-container-probe': 'info' } } } });
    try {
      const uri = 'file:///work/push.yaml';
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POD } });
      const p = await client.waitFor(uri, (x) => x.version === 1);
      assert.equal(p.diagnostics[0]?.severity, 3);
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kubeGraceful: { rules: { 'init-container-probe': 'off' } } } });
      await client.waitFor(uri, (x) => x.diagnostics.length === 0);
      assert.equal(client.configurationRequests, 0);
    } finally {
      await client.stop();
    }
  });
});

describe('language server in Chinese (initialize.locale zh-cn)', () => {
  it('publishes Chinese messages and Chinese hovers with the same figures', async () => {
    const client = await startServer({ locale: 'zh-cn' });
    try {
      const uri = 'file:///work/zh.yaml';
      const text = POD.replace(
        '    - {name: app, image: a}',
        '    - name: app\n      image: a\n      startupProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2, failureThreshold: 15}',
      );
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const p = await client.waitFor(uri, (x) => x.version === 1);
      const message = p.diagnostics[0]?.message;
      assert.match(typeof message === 'string' ? message : (message?.value ?? ''), /[\u4e00-\u9fff]/);
      const hover: { contents: { value: string } } = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 11, character: 10 },
      });
      assert.match(hover.contents.value, /[\u4e00-\u9fff]/);
      assert.match(hover.contents.value, /0 \+ 15 × 2 = \*\*30 秒\*\*/);
    } finally {
      await client.stop();
    }
  });
});
