// A PodDisruptionBudget that allows no disruption at all: every node drain that meets one of its pods hangs.
import type { Indexed } from '../engine/object-index';
import type { Rule, RuleContext } from '../engine/rule';
import type { ObjectFacts } from '../k8s/facts';
import { isBuiltin, K8sObject } from '../k8s/model';
import { formatIntOrPercent, readIntOrPercent, readLabelSelector, scaled } from '../k8s/rollout';

export const rule: Rule = {
  meta: {
    id: 'pdb-blocks-eviction',
    severity: 'warning',
    scope: 'workspace',
    reads: ['workloads', 'autoscalers'],
    docs: {
      summary:
        'A PodDisruptionBudget that allows 0 disruptions: maxUnavailable 0, minAvailable 100%, or a minAvailable that reaches the replica count of the workloads it selects anywhere in the workspace (the HPA minimum when an autoscaler scales them).',
      why:
        'The eviction API lets a pod go only while the budget allows at least one disruption, and answers 429 Too Many Requests ' +
        'otherwise. With maxUnavailable 0, minAvailable 100%, or minAvailable equal to the replica count (minAvailable 1 on a single ' +
        'replica is the classic), it never does: `kubectl drain`, node upgrades and the cluster autoscaler retry forever on every node ' +
        'that runs one of these pods. Percentages of minAvailable are rounded up (90% of 3 is 3). When an HorizontalPodAutoscaler scales the ' +
        'workload, the count that matters is its minReplicas: a budget with minAvailable 3 over an HPA with minReplicas 3 blocks every drain ' +
        'while the autoscaler sits at its minimum, which is exactly when the cluster is quiet and nodes get drained.',
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector:
    matchLabels: {app: web}
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
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
`,
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget',
      sources: [
        'kubernetes.io tasks/run-application/configure-pdb: "If you set maxUnavailable to 0% or 0, or you set minAvailable to 100% or the number of replicas, you are requiring zero voluntary evictions. When you set zero voluntary evictions for a workload object such as ReplicaSet, then you cannot successfully drain a Node running one of those Pods."; percentages are rounded up.',
        'kubernetes/kubernetes pkg/controller/disruption/disruption.go getExpectedPodCount: desiredHealthy = minAvailable (an integer), ceil(minAvailable% × scale), or expected − ceil(maxUnavailable% × scale); disruptionsAllowed = currentHealthy − desiredHealthy.',
        'kubernetes.io concepts/scheduling-eviction/api-eviction: the API server answers 429 Too Many Requests when the eviction would violate the budget. See docs/research/k8s-facts.md section 13.',
      ],
    },
    messages: {
      blocks:
        'This budget allows 0 disruptions for {target} ({replicas}, {setting}): kubectl drain never completes on a node running one of these pods (the eviction API answers 429).',
      blocksAtMin:
        'This budget allows 0 disruptions for {target} at the autoscaler\'s minimum of {replicas} ({setting}): while the HPA sits at its minimum, kubectl drain never completes on a node running one of these pods (the eviction API answers 429).',
      blocksAll:
        '{setting} allows 0 disruptions for every pod this budget selects: kubectl drain never completes on a node running one of them (the eviction API answers 429).',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'PodDisruptionBudget')) return;
    const { view } = obj;
    const spec = view.field(obj.root, 'spec')?.value;
    const minF = readIntOrPercent(view, spec, 'minAvailable');
    const maxF = readIntOrPercent(view, spec, 'maxUnavailable');
    const f = minF ?? maxF;
    // Both set is rejected by the API server; neither set means the budget allows everything.
    if (!f || (minF && maxF)) return;
    const value = f.parsed;
    if (!value || value.value < 0 || (value.kind === 'percent' && value.value > 100)) return;
    // A missing selector selects no pods; so does an empty one in policy/v1beta1.
    const selector = view.field(spec, 'selector');
    if (!selector || view.isEmpty(selector.value)) return;
    const requirements = readLabelSelector(view, selector.value);
    if (requirements && requirements.length === 0 && obj.apiVersion !== 'policy/v1') return;

    const setting = `${minF ? 'minAvailable' : 'maxUnavailable'} ${formatIntOrPercent(value)}`;
    const alwaysZero = minF ? value.kind === 'percent' && value.value === 100 : value.value === 0;
    const workloads = selectedWorkloads(obj, ctx);
    if (workloads && workloads.targets.length > 0 && workloads.replicas !== undefined) {
      const count = workloads.replicas;
      if (count === 0) return;
      const healthy = minF ? scaled(value, count, true) : count - scaled(value, count, true);
      if (healthy < count) return;
      const shown = minF && value.kind === 'percent' && value.value !== 100 ? `${setting} = ${healthy}` : setting;
      const target = workloads.targets.map((t) => describe(t.facts)).join(ctx.say({ en: ' and ', 'zh-cn': ' 和 ' }));
      const replicas = ctx.say({ en: count === 1 ? '1 replica' : `${count} replicas`, 'zh-cn': `${count} 个副本` });
      const related = [
        ...workloads.targets.map((t) => ({ at: t, message: ctx.say({ en: `${describe(t.facts)}: the workload this budget selects`, 'zh-cn': `${describe(t.facts)}：这个 PDB 选中的工作负载` }) })),
        ...workloads.autoscalers.map((a) => ({ at: a, message: ctx.say({ en: `${describe(a.facts)}: the autoscaler whose minimum counts`, 'zh-cn': `${describe(a.facts)}：按其最小副本数计算的自动扩缩器` }) })),
      ];
      ctx.report({ at: f.node, messageId: workloads.autoscalers.length > 0 ? 'blocksAtMin' : 'blocks', data: { target, replicas, setting: shown }, related });
      return;
    }
    if (alwaysZero) ctx.report({ at: f.node, messageId: 'blocksAll', data: { setting } });
  },
};

function describe(o: ObjectFacts): string {
  return o.name ? `${o.kind} ${o.name}` : o.kind;
}

/**
 * The long-running workloads of the workspace whose pods the budget selects, with their total replica count: the
 * autoscaler's minReplicas where an HPA scales one, undefined when a count is not known (a DaemonSet, a templated
 * count, an autoscaler without a known minimum). Undefined as a whole when it is not known whether some workload is
 * selected.
 */
function selectedWorkloads(pdb: K8sObject, ctx: RuleContext): { targets: Indexed[]; autoscalers: Indexed[]; replicas: number | undefined } | undefined {
  const related = ctx.workspace.selectedBy(pdb);
  if (related === 'unknown') return undefined;
  const targets: Indexed[] = [];
  const autoscalers: Indexed[] = [];
  let replicas: number | undefined = 0;
  for (const { other, selects } of related) {
    if (!other.facts.workload) continue;
    if (selects === undefined) return undefined;
    targets.push(other);
    const scalers = ctx.workspace.autoscalersOf(other);
    let count: number | undefined;
    if (scalers.length > 0) {
      // The HPA's minReplicas defaults to 1 (autoscaling/v2); a KEDA ScaledObject's minReplicaCount to 0.
      const mins = scalers.map((a) => a.facts.minReplicas ?? (a.facts.kind === 'ScaledObject' ? 0 : 1));
      count = scalers.length === 1 ? mins[0] : undefined;
      autoscalers.push(...scalers);
    } else if (other.facts.replicas && (other.facts.replicas.written || !other.facts.incomplete)) {
      count = other.facts.replicas.count;
    }
    replicas = count !== undefined && replicas !== undefined ? replicas + count : undefined;
  }
  return { targets, autoscalers, replicas };
}
