// A PodDisruptionBudget that allows no disruption at all: every node drain that meets one of its pods hangs.
import type { Indexed, Relation } from '../engine/object-index';
import type { Fix, RelatedReport, Rule, RuleContext } from '../engine/rule';
import { factsOf, objectLabel, ObjectFacts } from '../k8s/facts';
import { isBuiltin, K8sObject } from '../k8s/model';
import type { Scalar } from 'yaml';
import { formatIntOrPercent, IntOrPercentField, readIntOrPercent, scaled } from '../k8s/rollout';
import { definesAnchor } from '../yaml/edits';

export const rule: Rule = {
  meta: {
    id: 'pdb-blocks-eviction',
    severity: 'warning',
    fixable: true,
    scope: 'workspace',
    reads: ['workloads', 'autoscalers', 'budgets'],
    docs: {
      summary:
        'A PodDisruptionBudget that allows 0 disruptions: maxUnavailable 0, minAvailable 100%, or a minAvailable that reaches the replica count of the workloads it selects anywhere in the workspace (the HPA minimum when an autoscaler scales them).',
      why:
        'The eviction API lets a pod go only while the budget allows at least one disruption, and answers 429 Too Many Requests ' +
        'otherwise. With maxUnavailable 0, minAvailable 100%, or minAvailable equal to the replica count (minAvailable 1 on a single ' +
        'replica is the classic), it never does. On every node that runs one of these pods, `kubectl drain` retries until its `--timeout` ' +
        '(none by default), so the drain never completes; the cluster autoscaler leaves the node alone instead of scaling it down; managed ' +
        'node upgrades stall, and most of them force the drain after their own timeout, taking the pods down without the budget. ' +
        'Percentages of minAvailable are rounded up (90% of 3 is 3). When an HorizontalPodAutoscaler scales the ' +
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
      appliesTo:
        'PodDisruptionBudgets. The pods they select may belong to any long-running workload with a replica count: Deployments, StatefulSets, ReplicaSets, Argo Rollouts, OpenKruise CloneSets and Advanced StatefulSets, and `kubeGraceful.customWorkloads` kinds with a `replicas` path.',
      level: 'A warning: the API accepts the budget and running pods are not affected, but every node drain and managed upgrade stalls on it.',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget',
      sources: [
        'kubernetes.io/docs/tasks/run-application/configure-pdb: with a budget that allows no disruption, "the drain never completes"; kubectl drain --timeout defaults to 0 (wait forever).',
        'kubernetes.io tasks/run-application/configure-pdb: "If you set maxUnavailable to 0% or 0, or you set minAvailable to 100% or the number of replicas, you are requiring zero voluntary evictions. When you set zero voluntary evictions for a workload object such as ReplicaSet, then you cannot successfully drain a Node running one of those Pods."; percentages are rounded up.',
        'kubernetes/kubernetes pkg/controller/disruption/disruption.go getExpectedPodCount: desiredHealthy = minAvailable (an integer), ceil(minAvailable% × scale), or expected − ceil(maxUnavailable% × scale); disruptionsAllowed = currentHealthy − desiredHealthy.',
        'kubernetes.io concepts/scheduling-eviction/api-eviction: the API server answers 429 Too Many Requests when the eviction would violate the budget. See docs/research/k8s-facts.md section 13.',
      ],
      fixSafety:
        "Not applied by fix-all: the fixes change how many pods a drain may take down (maxUnavailable: 1, or minAvailable one below the replica count), which is the owner's availability decision.",
    },
    messages: {
      blocks:
        'allows 0 disruptions, so node drains never complete. For {target} ({replicas}, {setting}), kubectl drain waits forever on a node running one of these pods (the eviction API answers 429).',
      blocksAtMin:
        "allows 0 disruptions at the autoscaler's minimum, so drains may never complete. For {target} at the minimum of {replicas} ({setting}), kubectl drain waits forever on a node running one of these pods (the eviction API answers 429).",
      blockedBy:
        '{budget} in another file allows 0 disruptions for this workload. With {setting}, kubectl drain never completes on a node running one of its pods (the eviction API answers 429).',
      blocksAll:
        '{setting} allows 0 disruptions for every selected pod. kubectl drain never completes on a node running one of them (the eviction API answers 429).',
    },
  },
  check(obj, ctx) {
    if (isBuiltin(obj, 'PodDisruptionBudget')) {
      const { view } = obj;
      const spec = view.field(obj.root, 'spec')?.value;
      const f = readIntOrPercent(view, spec, 'minAvailable') ?? readIntOrPercent(view, spec, 'maxUnavailable');
      const verdict = f ? judge(factsOf(obj), ctx.workspace.selectedBy(obj), ctx) : undefined;
      if (f && verdict)
        ctx.report({ at: f.node, messageId: verdict.messageId, data: verdict.data, related: verdict.related, fixes: budgetFixes(f, verdict.count, ctx) });
      return;
    }
    // The workload's side, for budgets in other files: their own finding sits in a file that may not be open.
    if (!obj.podSpec?.longRunning || !obj.podSpec.template) return;
    for (const { other, selects } of ctx.workspace.budgetsFor(obj)) {
      if (selects !== true || ctx.workspace.sameFile(other)) continue;
      const verdict = judge(other.facts, ctx.workspace.selectedBy(other), ctx);
      if (!verdict) continue;
      ctx.report({
        // On the replica count the budget blocks, where the workload writes it (an overlay's patch that scales it
        // down then shows the finding on its own line); on the kind when an autoscaler's minimum counts instead.
        at: (verdict.messageId === 'blocks' ? ownReplicas(obj) : undefined) ?? obj.kindField.rawValue ?? obj.kindField.key,
        messageId: 'blockedBy',
        data: { budget: objectLabel(other.facts), setting: verdict.data['setting'] ?? '' },
        related: [
          {
            at: other,
            message: ctx.say({
              en: `${objectLabel(other.facts)}: the budget that allows 0 disruptions`,
              'zh-cn': `${objectLabel(other.facts)}：允许中断数为 0 的 PDB`,
            }),
          },
          ...verdict.related.filter((r) => r.at.facts.kind !== obj.kind || r.at.facts.name !== obj.name),
        ],
      });
    }
  },
};

interface Verdict {
  readonly messageId: 'blocks' | 'blocksAtMin' | 'blocksAll';
  /** The replica count the budget was judged against, when known. */
  readonly count?: number;
  readonly data: Record<string, string>;
  readonly related: RelatedReport[];
}

/**
 * Whether a budget allows 0 disruptions for the workloads it selects: always (maxUnavailable 0, minAvailable 100%),
 * or because minAvailable reaches their replica count (the autoscaler's minimum where one scales them).
 */
function judge(facts: ObjectFacts, selection: Relation[] | 'unknown', ctx: RuleContext): Verdict | undefined {
  const budget = facts.budget;
  // Neither or both set, a value the API rejects, or one that can't be read: nothing to say here.
  if (!budget || budget === 'unknown' || facts.selector?.state === 'none') return undefined;
  const { field, value } = budget;
  const setting = `${field} ${formatIntOrPercent(value)}`;
  const alwaysZero = field === 'minAvailable' ? value.kind === 'percent' && value.value === 100 : value.value === 0;
  const workloads = selectedWorkloads(selection, ctx);
  if (workloads && workloads.targets.length > 0 && workloads.replicas !== undefined) {
    const count = workloads.replicas;
    if (count === 0) return undefined;
    const healthy = field === 'minAvailable' ? scaled(value, count, true) : count - scaled(value, count, true);
    if (healthy < count) return undefined;
    const shown = field === 'minAvailable' && value.kind === 'percent' && value.value !== 100 ? `${setting} = ${healthy}` : setting;
    const target = workloads.targets.map((t) => objectLabel(t.facts)).join(ctx.say({ en: ' and ', 'zh-cn': ' 和 ' }));
    const replicas = ctx.say({ en: count === 1 ? '1 replica' : `${count} replicas`, 'zh-cn': `${count} 个副本` });
    const related = [
      ...workloads.targets.map((t) => ({
        at: t,
        message: ctx.say({ en: `${objectLabel(t.facts)}: the workload this budget selects`, 'zh-cn': `${objectLabel(t.facts)}：这个 PDB 选中的工作负载` }),
      })),
      ...workloads.autoscalers.map((a) => ({
        at: a,
        message: ctx.say({
          en: `${objectLabel(a.facts)}: the autoscaler whose minimum counts`,
          'zh-cn': `${objectLabel(a.facts)}：按其最小副本数计算的自动扩缩器`,
        }),
      })),
    ];
    return { messageId: workloads.autoscalers.length > 0 ? 'blocksAtMin' : 'blocks', count, data: { target, replicas, setting: shown }, related };
  }
  return alwaysZero ? { messageId: 'blocksAll', data: { setting }, related: [] } : undefined;
}

/**
 * The repairs of a budget that allows no disruption: `maxUnavailable: 1` (one pod at a time, whatever the scale), or
 * for an integer minAvailable, one below the replica count. Only where the field is written in place (not merged in,
 * not an alias, no anchor whose other users would change too). Never applied by fix-all: how many pods may go is
 * the owner's call.
 */
function budgetFixes(f: IntOrPercentField, count: number | undefined, ctx: RuleContext): Fix[] {
  const { field } = f;
  const value = field.rawValue;
  if (field.mergedVia || field.value !== value || !value?.range || !field.key.range || definesAnchor(value)) return [];
  const key = String(field.key.value);
  const fixes: Fix[] = [];
  if (key === 'minAvailable') {
    const pair = { start: field.key.range[0], end: value.range[1] };
    fixes.push({
      title: ctx.say({ en: 'Replace with maxUnavailable: 1 (drains evict one pod at a time)', 'zh-cn': '改为 `maxUnavailable: 1`（排空时每次驱逐一个 Pod）' }),
      changes: [{ start: pair.start, end: pair.end, newText: 'maxUnavailable: 1' }],
      isPreferred: true,
    });
    if (count !== undefined && count >= 2 && f.parsed?.kind === 'int') {
      fixes.push({
        title: ctx.say({
          en: `Set minAvailable to ${count - 1} (one below the ${count} replicas)`,
          'zh-cn': `将 \`minAvailable\` 设为 ${count - 1}（比 ${count} 个副本少一个）`,
        }),
        changes: [{ start: value.range[0], end: value.range[1], newText: String(count - 1) }],
      });
    }
  } else {
    // Written plain: a quoted "1" would be a string without '%', which the API server rejects.
    fixes.push({
      title: ctx.say({ en: 'Set maxUnavailable to 1', 'zh-cn': '将 `maxUnavailable` 设为 1' }),
      changes: [{ start: value.range[0], end: value.range[1], newText: '1' }],
      isPreferred: true,
    });
  }
  return fixes;
}

/**
 * The long-running workloads of the workspace whose pods the budget selects, with their total replica count: the
 * autoscaler's minReplicas where an HPA scales one, undefined when a count is not known (a DaemonSet, a templated
 * count, an autoscaler without a known minimum). Undefined as a whole when it is not known whether some workload is
 * selected.
 */
function selectedWorkloads(
  related: Relation[] | 'unknown',
  ctx: RuleContext,
): { targets: Indexed[]; autoscalers: Indexed[]; replicas: number | undefined } | undefined {
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

/** The key of a workload's own `spec.replicas`, when it writes one. */
function ownReplicas(obj: K8sObject): Scalar | undefined {
  const spec = obj.view.field(obj.root, 'spec')?.value;
  return spec ? obj.view.field(spec, 'replicas')?.key : undefined;
}
