// A Deployment or StatefulSet with several replicas and no PodDisruptionBudget in the file that covers its pods.
import type { Fix, Rule, RuleContext } from '../engine/rule';
import { indentUnit } from '../yaml/edits';
import { isBuiltin, K8sObject } from '../k8s/model';
import { namespaceOf, replicasOf, templateLabels, yamlString } from '../k8s/rollout';
import { KubeVersion, supports } from '../k8s/versions';

/** policy/v1 PodDisruptionBudget: served from 1.21 (policy/v1beta1 until 1.25). */
const POLICY_V1_SINCE = 21;

export const rule: Rule = {
  meta: {
    id: 'pdb-missing',
    severity: 'info',
    fixable: true,
    reportsAbsence: true,
    scope: 'workspace',
    reads: ['budgets'],
    docs: {
      summary: 'A Deployment or StatefulSet runs more than one replica, but no PodDisruptionBudget in the workspace selects its pods.',
      why:
        'Node drains (cluster upgrades, node pool rotations, the cluster autoscaler removing a node) evict pods through the eviction API, ' +
        'which only holds back when a PodDisruptionBudget says so. Without one, draining the nodes that host the replicas evicts all of ' +
        'them at once, and the service is down until the replacements are scheduled, pulled and ready. A budget with maxUnavailable: 1 ' +
        'makes drains take the replicas one at a time. Budgets in every file of the workspace count, in the namespace the workload is applied in ' +
        '(its own, or the one its kustomization sets).',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
      appliesTo: 'apps/v1 Deployments and StatefulSets, Argo Rollouts `Rollout`, OpenKruise `CloneSet` and Advanced `StatefulSet`.',
      level:
        'An info: several replicas with no budget lose availability only during voluntary disruptions (drains, upgrades), and many clusters drain slowly enough anyway.',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
      sources: [
        'kubernetes.io concepts/workloads/pods/disruptions: a PDB "limits the number of Pods of a replicated application that are down simultaneously from voluntary disruptions"; drains use the Eviction API, which respects PDBs.',
        'kubernetes.io tasks/run-application/configure-pdb: maxUnavailable and percentages need a workload with a scale (Deployment, StatefulSet, ReplicaSet, ReplicationController).',
        'OpenAPI policy/v1 PodDisruptionBudgetSpec.selector: "A null selector selects no pods. An empty selector ({}) also selects no pods, which differs from standard behavior of selecting all pods. In policy/v1, an empty selector will select all pods in the namespace."',
      ],
      fixSafety:
        "The added budget (maxUnavailable: 1, the workload's matchLabels) only slows voluntary evictions down to one pod at a time; it never blocks a drain while the other replicas are healthy.",
    },
    messages: {
      missing:
        '{replicas} replicas and no PodDisruptionBudget. No budget in the workspace selects the pods of {kind} "{name}": a node drain or upgrade may evict all of them at once.',
    },
  },
  check(obj, ctx) {
    // Argo Rollouts, CloneSets and Advanced StatefulSets keep replicas, a selector and pod labels where a Deployment does.
    const crd = obj.workload !== undefined && !obj.workload.custom && obj.workload.replicas !== undefined;
    if (!crd && (obj.apiVersion !== 'apps/v1' || (!isBuiltin(obj, 'Deployment') && !isBuiltin(obj, 'StatefulSet')))) return;
    const replicas = replicasOf(obj);
    if (!replicas?.field || replicas.count <= 1) return;
    // A Rollout with `workloadRef` has no template of its own: its pods carry the referenced Deployment's labels.
    if (!templateLabels(obj) && !ctx.workspace.podLabelsOf(obj)) return;
    // A budget whose selector can't be read (templated, malformed) may well cover the workload: say nothing then.
    if (ctx.workspace.budgetsFor(obj).length > 0) return;
    const fixes = appendBudget(obj, ctx.version, ctx.eol, ctx.say);
    ctx.report({
      at: obj.kindField.rawValue ?? obj.kindField.key,
      messageId: 'missing',
      data: { kind: obj.kind, name: obj.name ?? '', replicas: replicas.count },
      fixes,
    });
  },
};

/** Appends a PodDisruptionBudget document (maxUnavailable: 1, the workload's matchLabels) after this document. */
function appendBudget(obj: K8sObject, version: KubeVersion, eol: string, say: RuleContext['say']): Fix[] {
  const { view } = obj;
  const selector = view.at(obj.root, 'spec', 'selector');
  const expressions = view.at(selector, 'matchExpressions');
  if (!obj.name || (expressions !== null && !view.isEmpty(expressions))) return [];
  const matchLabels: string[] = [];
  for (const f of view.fields(view.at(selector, 'matchLabels'))) {
    const key = String(f.key.value);
    const value = view.isEmpty(f.value) ? '' : view.str(f.value);
    if (value === undefined || yamlString(key) !== key) return [];
    matchLabels.push(`${key}: ${yamlString(value)}`);
  }
  if (matchLabels.length === 0) return [];
  // The budget selects with the workload's matchLabels: if the pod template does not carry them all, the budget
  // would not cover the pods, the finding would stay, and each application would add another budget of that name.
  const podLabels = templateLabels(obj);
  for (const f of view.fields(view.at(selector, 'matchLabels'))) {
    const value = view.isEmpty(f.value) ? '' : view.str(f.value);
    if (podLabels?.get(String(f.key.value)) !== value) return [];
  }
  const text = view.chunk.text;
  const step = ' '.repeat(indentUnit(text));
  const namespace = namespaceOf(obj);
  const name = `${obj.name}-pdb`;
  const lines = [
    '---',
    `apiVersion: ${version.minor >= POLICY_V1_SINCE ? 'policy/v1' : 'policy/v1beta1'}`,
    'kind: PodDisruptionBudget',
    'metadata:',
    `${step}name: ${yamlString(name)}`,
    ...(namespace !== undefined ? [`${step}namespace: ${yamlString(namespace)}`] : []),
    'spec:',
    `${step}maxUnavailable: 1`,
    `${step}selector:`,
    `${step}${step}matchLabels:`,
    ...matchLabels.map((l) => `${step}${step}${step}${l}`),
    // So the new budget doesn't hang drains on crash-looping pods (pdb-unhealthy-eviction-policy).
    ...(supports(version, 'pdbUnhealthyPodEvictionPolicy') ? [`${step}unhealthyPodEvictionPolicy: AlwaysAllow`] : []),
  ];
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  const title = say({ en: `Add PodDisruptionBudget "${name}" (maxUnavailable: 1)`, 'zh-cn': `添加 PodDisruptionBudget "${name}"（\`maxUnavailable: 1\`）` });
  return [{ title, changes: [{ start: text.length, end: text.length, newText: lead + lines.join(eol) + eol }], isPreferred: true }];
}
