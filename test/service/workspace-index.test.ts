// The object index and the kustomize graph without the protocol: scopes, namespaces set by kustomizations (outer
// wins), patches at any depth, and objects of other files that can't be known.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { ObjectIndex } from '../../server/src/engine/object-index';
import { RULES } from '../../server/src/rules';
import { KustomizeGraph, readKustomization } from '../../server/src/workspace/kustomize-graph';
import { inputsOf } from '../../server/src/workspace/workspace';

const deployment = (name: string, replicas: number, labels = `{app: ${name}}`): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: ${labels}\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers: [{name: app, image: example/app:1}]\n`;
const pdb = (name: string, budget: string): string =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${name}}\nspec:\n  ${budget}\n  selector:\n    matchLabels: {app: ${name}}\n`;

/** The cross-object findings (pdb-unhealthy-eviction-policy reads only the budget itself, so it is left out). */
function codes(text: string, uri: string, index: ObjectIndex): string[] {
  return analyse(text, RULES, { ...DEFAULT_OPTIONS, uri, index })
    .map((p) => p.code)
    .filter((c) => (c.startsWith('pdb') || c.startsWith('hpa')) && c !== 'pdb-unhealthy-eviction-policy');
}

describe('object index', () => {
  it('a templated Deployment in another file does not silence a budget that blocks a known one', () => {
    const index = new ObjectIndex();
    // Another file's Deployment whose labels come from a template: it may or may not carry app: web.
    index.setFile('file:///w/chart.yaml', inputsOf(deployment('other', 2, '{app: "{{ .Values.app }}"}')));
    assert.deepEqual(codes(deployment('web', 3) + '---\n' + pdb('web', 'minAvailable: 3'), 'file:///w/app.yaml', index), ['pdb-blocks-eviction']);
  });

  it('in its own file a templated workload still makes the budget unknowable', () => {
    const index = new ObjectIndex();
    const text = deployment('web', 3) + '---\n' + deployment('tpl', 2, '{app: "{{ .Values.app }}"}') + '---\n' + pdb('web', 'minAvailable: 3');
    assert.deepEqual(codes(text, 'file:///w/app.yaml', index), []);
  });

  it('prestop-missing is an info for several replicas behind a Service in another file, a hint without one', () => {
    const serving = (replicas: number): string =>
      deployment('web', replicas).replace(
        'containers: [{name: app, image: example/app:1}]',
        'containers: [{name: app, image: example/app:1, ports: [{containerPort: 8080}]}]',
      );
    const level = (text: string, index: ObjectIndex): string | undefined =>
      analyse(text, RULES, { ...DEFAULT_OPTIONS, uri: 'file:///w/web.yaml', index }).find((p) => p.code === 'prestop-missing')?.severity;
    const index = new ObjectIndex();
    assert.equal(level(serving(3), index), 'hint');
    index.setFile(
      'file:///w/svc.yaml',
      inputsOf('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n'),
    );
    assert.equal(level(serving(3), index), 'info');
    assert.equal(level(serving(1), index), 'hint');
  });

  it('counts replicas across files: two Deployments selected by one budget', () => {
    const index = new ObjectIndex();
    index.setFile('file:///w/a.yaml', inputsOf(deployment('web', 2)));
    index.setFile('file:///w/b.yaml', inputsOf(deployment('web2', 1, '{app: web}').replace('name: web2', 'name: web-canary')));
    // minAvailable 3 of 2 + 1 replicas allows no disruption.
    const findings = analyse(pdb('web', 'minAvailable: 3'), RULES, { ...DEFAULT_OPTIONS, uri: 'file:///w/pdb.yaml', index });
    const d = findings.find((p) => p.code === 'pdb-blocks-eviction');
    assert.match(
      d?.message ?? '',
      /^PodDisruptionBudget web: allows 0 disruptions, so node drains never complete\. For Deployment web and Deployment web-canary \(3 replicas, minAvailable 3\)/,
    );
    assert.deepEqual(
      d?.related?.map((r) => r.uri),
      ['file:///w/a.yaml', 'file:///w/b.yaml'],
    );
  });

  it("an Argo Rollout's workloadRef: its pods carry the referenced Deployment's labels", () => {
    const index = new ObjectIndex();
    const rollout = (replicas: number): string =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web-rollout}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  strategy:\n    canary: {maxSurge: 1, maxUnavailable: 0}\n`;
    // The Deployment only holds the template (scaled to 0, as Argo's docs suggest).
    index.setFile('file:///w/deployment.yaml', inputsOf(deployment('web', 0)));
    // Without a budget, the Rollout's 3 replicas get pdb-missing (its labels come from the Deployment).
    assert.deepEqual(codes(rollout(3), 'file:///w/rollout.yaml', index), ['pdb-missing']);
    index.setFile('file:///w/rollout.yaml', inputsOf(rollout(3)));
    const findings = analyse(pdb('web', 'minAvailable: 3'), RULES, { ...DEFAULT_OPTIONS, uri: 'file:///w/pdb.yaml', index });
    assert.match(
      findings.find((p) => p.code === 'pdb-blocks-eviction')?.message ?? '',
      /^PodDisruptionBudget web: allows 0 disruptions, so node drains never complete\. For Deployment web and Rollout web-rollout \(3 replicas, minAvailable 3\)/,
    );
    // With the budget in the index, the Rollout has one.
    index.setFile('file:///w/pdb.yaml', inputsOf(pdb('web', 'maxUnavailable: 1')));
    assert.deepEqual(codes(rollout(3), 'file:///w/rollout.yaml', index), []);
    // A reference to a Deployment that is not in the workspace: nothing is said either way.
    const lone = new ObjectIndex();
    assert.deepEqual(codes(rollout(3), 'file:///w/rollout.yaml', lone), []);
  });

  it('tells listeners which categories changed, and nothing when only positions moved', () => {
    const index = new ObjectIndex();
    const seen: string[][] = [];
    index.onChange((c) => seen.push([...c].sort()));
    index.setFile('file:///w/a.yaml', inputsOf(pdb('web', 'maxUnavailable: 1')));
    index.setFile('file:///w/a.yaml', inputsOf('# a comment moves it\n' + pdb('web', 'maxUnavailable: 1')));
    index.setFile('file:///w/a.yaml', inputsOf(pdb('web', 'maxUnavailable: 2')));
    index.removeFile('file:///w/a.yaml');
    assert.deepEqual(seen, [['budgets'], ['budgets'], ['budgets']]);
  });
});

describe('kustomize graph', () => {
  const k = (file: string, text: string) => readKustomization(file, text);

  it('gives each root its namespace, the outer kustomization winning, and finds patches at any depth', () => {
    const graph = new KustomizeGraph([
      k('/r/base/kustomization.yaml', 'namespace: base-ns\nresources: [deploy.yaml, svc.yaml]\n'),
      k('/r/overlays/prod/kustomization.yaml', 'namespace: prod\nresources: [../../base]\npatches:\n  - path: patches/replicas.yaml\n'),
      k(
        '/r/overlays/dev/kustomization.yaml',
        'resources:\n  - ../../base\n  - https://github.com/example/remote//base?ref=v1\npatchesStrategicMerge: [../../shared/probe-patch.yaml]\n',
      ),
    ]);
    assert.deepEqual(graph.unitsOf('/r/base/deploy.yaml'), [
      { root: '/r/overlays/prod/kustomization.yaml', namespace: 'prod' },
      { root: '/r/overlays/dev/kustomization.yaml', namespace: 'base-ns' },
    ]);
    assert.ok(graph.isPatch('/r/overlays/prod/patches/replicas.yaml'));
    assert.ok(graph.isPatch('/r/shared/probe-patch.yaml'));
    assert.ok(!graph.isPatch('/r/base/deploy.yaml'));
    assert.deepEqual(graph.unitsOf('/r/elsewhere.yaml'), []);
  });

  it('survives cycles and unreadable kustomizations', () => {
    const graph = new KustomizeGraph([
      k('/c/a/kustomization.yaml', 'resources: [../b, x.yaml]\n'),
      k('/c/b/kustomization.yaml', 'resources: [../a, y.yaml]\n'),
      k('/c/d/kustomization.yaml', 'resources: [: broken\n'),
    ]);
    // a and b include each other: neither is a root, so their files belong to no unit, and nothing hangs.
    assert.deepEqual(graph.unitsOf('/c/a/x.yaml'), []);
    assert.equal(graph.size, 3);
  });
});
