// The workspace model over the real protocol: a spawned server with workspace folders made of several files on disk,
// opened and changed as an editor would. Each fixture is the common layout the rule has to see through.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Client, codesOf, startServer } from '../support/lsp-client';

const deployment = (name: string, replicas: number, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1.0
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}
          lifecycle:
            preStop:
              sleep: {seconds: 5}
${extra}`;

const pdb = (name: string, budget: string, namespace?: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  ${budget}
  selector:
    matchLabels: {app: ${name}}
`;

let root: string;
const write = (rel: string, text: string): string => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return pathToFileURL(file).href;
};
/** A diagnostic message as text (LSP 3.18 also allows Markdown content). */
const text = (m: string | { value: string } | undefined): string => (typeof m === 'string' ? m : (m?.value ?? ''));
const uriOf = (rel: string): string => pathToFileURL(join(root, rel)).href;

function open(client: Client, uri: string, text: string, version = 1): void {
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

/** Waits for the index to finish, then for the document's diagnostics to satisfy the predicate. */
async function settled(client: Client, uri: string, predicate: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  await client.waitForLog('kube-graceful: indexed');
  return client.waitFor(uri, predicate, 8000);
}

describe('workspace index over the protocol', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kg-ws-'));
    // 1. A budget in a sibling file that is never opened.
    write('app/deployment.yaml', deployment('web', 3));
    write('app/pdb.yaml', pdb('web', 'maxUnavailable: 1'));
    // 2. No budget anywhere.
    write('lonely/deployment.yaml', deployment('lonely', 3));
    // 3. A kustomization sets the namespace of the Deployment; the budget names it explicitly.
    write('kz/base/deployment.yaml', deployment('api', 2));
    write(
      'kz/base/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n  - deployment.yaml\n  - pdb.yaml\n',
    );
    write('kz/base/pdb.yaml', pdb('api', 'minAvailable: 2', 'prod'));
    // 4. An HPA in its own file.
    write('hpa/deployment.yaml', deployment('cart', 4));
    write(
      'hpa/hpa.yaml',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: cart}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}\n  minReplicas: 2\n  maxReplicas: 8\n',
    );
    write('hpa/pdb.yaml', pdb('cart', 'maxUnavailable: 1'));
    // 5. A Service whose targetPort no container declares.
    write('svc/deployment.yaml', deployment('shop', 2));
    write('svc/pdb.yaml', pdb('shop', 'maxUnavailable: 1'));
    write(
      'svc/service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: shop}\nspec:\n  selector: {app: shop}\n  ports:\n    - {port: 80, targetPort: web}\n',
    );
    // 6. A Helm chart: its templates are not indexed, so its budget covers nothing.
    write('chart/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    write('chart/templates/pdb.yaml', pdb('charted', 'maxUnavailable: 1'));
    write('charted/deployment.yaml', deployment('charted', 3));
    // 7. A symlink that leaves the workspace: the budget behind it is not read.
    const outside = mkdtempSync(join(tmpdir(), 'kg-outside-'));
    writeFileSync(join(outside, 'pdb.yaml'), pdb('linked', 'maxUnavailable: 1'));
    mkdirSync(join(root, 'linked'), { recursive: true });
    symlinkSync(join(outside, 'pdb.yaml'), join(root, 'linked', 'pdb.yaml'));
    symlinkSync(outside, join(root, 'linked', 'outside-dir'));
    write('linked/deployment.yaml', deployment('linked', 3));
    // 8. A CustomResourceDefinition in a file that is never opened, and a custom resource against it.
    write(
      'crd/widget-crd.yaml',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: integer}\n',
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  let client: Client;
  before(async () => {
    client = await startServer({ workspaceFolders: [pathToFileURL(root).href] });
  });
  after(async () => {
    await client.stop();
  });

  it('indexes the folder with progress, registers file watchers, and logs the figures', async () => {
    const log = await client.waitForLog('kube-graceful: indexed');
    assert.match(log, /indexed 1[0-9] YAML files/);
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), JSON.stringify(client.registrations));
    assert.deepEqual(
      client.progress.filter((p) => p.kind !== 'report').map((p) => p.kind),
      ['begin', 'end'],
    );
    assert.equal(client.progress[0]?.title, 'Indexing Kubernetes manifests');
  });

  it('a budget in a sibling file that is never opened: no pdb-missing', async () => {
    const uri = uriOf('app/deployment.yaml');
    open(client, uri, readFileSync(join(root, 'app/deployment.yaml'), 'utf8'));
    const p = await settled(client, uri, (d) => d.version === 1);
    assert.deepEqual(codesOf(p), []);
  });

  it('with no budget anywhere, pdb-missing stays', async () => {
    const uri = uriOf('lonely/deployment.yaml');
    open(client, uri, readFileSync(join(root, 'lonely/deployment.yaml'), 'utf8'));
    const p = await settled(client, uri, (d) => codesOf(d).includes('pdb-missing'));
    assert.match(text(p.diagnostics[0]?.message), /^Deployment lonely: 3 replicas and no PodDisruptionBudget\. No budget in the workspace selects the pods/);
  });

  it('a change on disk re-publishes the open file, with related information pointing into the closed file', async () => {
    const uri = uriOf('app/deployment.yaml');
    await settled(client, uri, (d) => codesOf(d).length === 0);
    const pdbUri = write('app/pdb.yaml', pdb('web', 'minAvailable: 3'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pdbUri, type: 2 }] });
    const p = await client.waitFor(uri, (d) => codesOf(d).includes('pdb-blocks-eviction'), 8000);
    const d = p.diagnostics.find((x) => x.code === 'pdb-blocks-eviction');
    assert.match(text(d?.message), /^Deployment web: PodDisruptionBudget web in another file allows 0 disruptions for this workload\. With minAvailable 3,/);
    // On the replica count the budget blocks (`replicas:` of the Deployment).
    assert.deepEqual(d?.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });
    const related = d?.relatedInformation?.[0];
    assert.equal(related?.location.uri, pdbUri);
    assert.deepEqual(related?.location.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 25 } });
    // Deleting the budget brings pdb-missing back.
    rmSync(join(root, 'app/pdb.yaml'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pdbUri, type: 3 }] });
    await client.waitFor(uri, (x) => codesOf(x).join() === 'pdb-missing', 8000);
  });

  it('the kustomization namespace relates a Deployment without a namespace to a budget in that namespace', async () => {
    const uri = uriOf('kz/base/deployment.yaml');
    open(client, uri, readFileSync(join(root, 'kz/base/deployment.yaml'), 'utf8'));
    // minAvailable 2 of 2 replicas blocks: found only because the kustomization puts the Deployment in "prod".
    const p = await settled(client, uri, (d) => codesOf(d).includes('pdb-blocks-eviction'));
    assert.ok(!codesOf(p).includes('pdb-missing'));
  });

  it('an HPA in another file: hpa-replicas-conflict on replicas, and the budget counts the HPA minimum', async () => {
    const uri = uriOf('hpa/deployment.yaml');
    open(client, uri, readFileSync(join(root, 'hpa/deployment.yaml'), 'utf8'));
    const p = await settled(client, uri, (d) => codesOf(d).includes('hpa-replicas-conflict'));
    const d = p.diagnostics.find((x) => x.code === 'hpa-replicas-conflict');
    assert.equal(d?.range.start.line, 5);
    assert.equal(d?.relatedInformation?.[0]?.location.uri, uriOf('hpa/hpa.yaml'));
    // The quick-fix removes the line.
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d?.range,
      context: { diagnostics: [d] },
    })) as { title: string; edit?: { changes: Record<string, { newText: string; range: { start: { line: number } } }[]> } }[];
    const fix = actions.find((a) => a.title.startsWith('Remove spec.replicas'));
    assert.equal(fix?.edit?.changes[uri]?.[0]?.range.start.line, 5);
    // Opening the budget: minAvailable 2 over the HPA minimum of 2 blocks every drain at the minimum.
    const pdbUri = uriOf('hpa/pdb.yaml');
    open(client, pdbUri, pdb('cart', 'minAvailable: 2'));
    const q = await client.waitFor(pdbUri, (x) => codesOf(x).includes('pdb-blocks-eviction'), 8000);
    assert.match(
      text(q.diagnostics.find((x) => x.code === 'pdb-blocks-eviction')?.message),
      /^PodDisruptionBudget cart: allows 0 disruptions at the autoscaler's minimum, so drains may never complete\. For Deployment cart at the minimum of 2 replicas/,
    );
  });

  it('a Service whose targetPort no matched container declares', async () => {
    const uri = uriOf('svc/service.yaml');
    open(client, uri, readFileSync(join(root, 'svc/service.yaml'), 'utf8'));
    const p = await settled(client, uri, (d) => codesOf(d).includes('service-port-mismatch'));
    const d = p.diagnostics[0];
    assert.match(
      text(d?.message),
      /^Service shop: target port "web" \(TCP\) is not declared by any selected container\. No container of Deployment shop declares it/,
    );
    assert.equal(d?.relatedInformation?.[0]?.location.uri, uriOf('svc/deployment.yaml'));
    // Typing the right name in the open Service clears it.
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: readFileSync(join(root, 'svc/service.yaml'), 'utf8').replace('targetPort: web', 'targetPort: http') }],
    });
    await client.waitFor(uri, (x) => x.version === 2 && codesOf(x).length === 0);
  });

  it('typing in an open file updates another open file', async () => {
    const depUri = uriOf('svc/deployment.yaml');
    const svcUri = uriOf('svc/service.yaml');
    const original = readFileSync(join(root, 'svc/deployment.yaml'), 'utf8');
    open(client, depUri, original);
    await client.waitFor(depUri, (d) => d.version === 1);
    // Renaming the container port breaks the Service, which is open with targetPort http.
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: depUri, version: 2 },
      contentChanges: [{ text: original.replaceAll('name: http', 'name: web-http').replaceAll('port: http', 'port: web-http') }],
    });
    const p = await client.waitFor(svcUri, (d) => codesOf(d).includes('service-port-mismatch'), 8000);
    assert.match(text(p.diagnostics[0]?.message), /Declared: web-http/);
  });

  it("a budget's hover finds its workload in another file", async () => {
    const uri = uriOf('svc/pdb.yaml');
    open(client, uri, readFileSync(join(root, 'svc/pdb.yaml'), 'utf8'));
    await client.waitFor(uri, (d) => d.version === 1);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } })) as {
      contents: { value: string };
    } | null;
    assert.match(hover?.contents.value ?? '', /Deployment shop/);
  });

  it('a CRD in a file that is never opened validates a custom resource', async () => {
    const uri = uriOf('crd/widget.yaml');
    open(client, uri, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: big\n  colour: red\n');
    const p = await settled(client, uri, (d) => codesOf(d).includes('schema'));
    assert.deepEqual(
      p.diagnostics.map((d) => d.range.start.line),
      [4, 5],
    );
  });

  it('a Helm chart stays silent and its budget is not indexed', async () => {
    const tplUri = uriOf('chart/templates/pdb.yaml');
    const deployUri = uriOf('charted/deployment.yaml');
    open(client, deployUri, readFileSync(join(root, 'charted/deployment.yaml'), 'utf8'));
    const p = await settled(client, deployUri, (d) => d.version === 1);
    assert.deepEqual(codesOf(p), ['pdb-missing']);
    assert.ok(!client.published.some((x) => x.uri === tplUri));
  });

  it('a symlink out of the workspace is not followed', async () => {
    const uri = uriOf('linked/deployment.yaml');
    open(client, uri, readFileSync(join(root, 'linked/deployment.yaml'), 'utf8'));
    const p = await settled(client, uri, (d) => d.version === 1);
    assert.deepEqual(codesOf(p), ['pdb-missing']);
  });
});

describe('workspace index turned off', () => {
  let dir: string;
  let client: Client;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-ws-off-'));
    writeFileSync(join(dir, 'deployment.yaml'), deployment('web', 3));
    writeFileSync(join(dir, 'pdb.yaml'), pdb('web', 'maxUnavailable: 1'));
    client = await startServer({ workspaceFolders: [pathToFileURL(dir).href], configuration: { workspace: { enable: false } } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyses every file alone: the sibling budget is not seen', async () => {
    const uri = pathToFileURL(join(dir, 'deployment.yaml')).href;
    open(client, uri, readFileSync(join(dir, 'deployment.yaml'), 'utf8'));
    const p = await client.waitFor(uri, (d) => d.version === 1);
    assert.deepEqual(codesOf(p), ['pdb-missing']);
    assert.ok(!client.logs.some((l) => l.includes('kube-graceful: indexed')));
  });
});

describe("the workspace index follows the folder's .kube-graceful.yaml", () => {
  let dir: string;
  let client: Client;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-ws-config-'));
    writeFileSync(join(dir, 'deployment.yaml'), deployment('web', 3));
    writeFileSync(join(dir, 'pdb.yaml'), pdb('web', 'maxUnavailable: 1'));
    writeFileSync(join(dir, '.kube-graceful.yaml'), 'workspace:\n  enable: false\n');
    client = await startServer({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('off in the config file: every file alone; switched on there: the sibling budget counts', async () => {
    const uri = pathToFileURL(join(dir, 'deployment.yaml')).href;
    open(client, uri, readFileSync(join(dir, 'deployment.yaml'), 'utf8'));
    const p = await client.waitFor(uri, (d) => d.version === 1);
    assert.deepEqual(codesOf(p), ['pdb-missing']);
    assert.ok(!client.logs.some((l) => l.includes('kube-graceful: indexed')));
    const config = join(dir, '.kube-graceful.yaml');
    writeFileSync(config, 'workspace:\n  enable: true\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    await client.waitForLog('kube-graceful: indexed');
    await client.waitFor(uri, (d) => !codesOf(d).includes('pdb-missing'), 8000);
  });
});
