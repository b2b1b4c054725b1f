// A PodDisruptionBudget without `unhealthyPodEvictionPolicy: AlwaysAllow`: while the budget is exhausted, pods that
// are running but not ready (crash-looping, never ready) can't be evicted either, so node drains hang on them.
import type { Fix, Rule } from '../engine/rule';
import { isBuiltin } from '../k8s/model';
import { editableMap, readIntOrPercent } from '../k8s/rollout';
import { supports } from '../k8s/versions';
import { insertField } from '../yaml/edits';

export const rule: Rule = {
  meta: {
    id: 'pdb-unhealthy-eviction-policy',
    severity: 'hint',
    fixable: true,
    reportsAbsence: true,
    docs: {
      summary: 'A PodDisruptionBudget that does not set `unhealthyPodEvictionPolicy: AlwaysAllow` (Kubernetes 1.27+).',
      why:
        'With the default policy (IfHealthyBudget), a pod that is running but not ready may be evicted only while the budget still allows a ' +
        'disruption. When a bad release leaves pods crash-looping or never ready, the budget is exhausted by those very pods, so every ' +
        'eviction is refused (429) and `kubectl drain`, node upgrades and the cluster autoscaler hang on nodes that run them, until someone ' +
        'deletes the pods by hand. With AlwaysAllow, unready pods can always be evicted (they serve nothing), while ready pods stay protected. ' +
        'The Kubernetes documentation recommends AlwaysAllow; keep the default only for workloads that must not lose an unready member, ' +
        'such as a storage or quorum member that is still recovering.',
      bad: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
      good: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
      appliesTo: 'policy/v1 PodDisruptionBudgets, from Kubernetes 1.27.',
      level: 'A hint: the default only hurts when the selected pods are already unhealthy, and AlwaysAllow is a choice each team makes for its own data.',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy',
      sources: [
        'kubernetes.io tasks/run-application/configure-pdb "Unhealthy Pod Eviction Policy": with IfHealthyBudget, running pods that are not yet healthy can be evicted only if the guarded application is not disrupted; with AlwaysAllow they can be evicted regardless of the budget.',
        'kubernetes.io tasks/administer-cluster/safely-drain-node and concepts/workloads/pods/disruptions: "It is recommended to set AlwaysAllow Unhealthy Pod Eviction Policy to your PodDisruptionBudgets to support eviction of misbehaving applications during a node drain. The default behavior is to wait for the application pods to become healthy before the drain can proceed."',
        'OpenAPI io.k8s.api.policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy: "If no policy is specified, the default behavior will be used, which corresponds to the IfHealthyBudget policy."',
        'kubernetes/enhancements KEP-3017 (PDBUnhealthyPodEvictionPolicy): alpha 1.26, beta and on by default 1.27, GA 1.31. See docs/research/k8s-facts.md section 20.',
      ],
      fixSafety:
        'Adding AlwaysAllow lets drains evict pods that are not ready even when the budget is exhausted. That is what most workloads want, but not ' +
        'a database or quorum member that is unready because it is still catching up: review it, so it is not applied by fix-all.',
    },
    messages: {
      missing:
        'unhealthy pods can block drains (default unhealthyPodEvictionPolicy). With IfHealthyBudget, when the pods crash-loop or never become ready, none of them can be evicted and node drains hang. Set `unhealthyPodEvictionPolicy: AlwaysAllow`.',
    },
  },
  check(obj, ctx) {
    // policy/v1beta1 is not served any more where the field exists; removed-api-version reports it.
    if (!isBuiltin(obj, 'PodDisruptionBudget') || obj.apiVersion !== 'policy/v1' || !supports(ctx.version, 'pdbUnhealthyPodEvictionPolicy')) return;
    const { view } = obj;
    const specField = view.field(obj.root, 'spec');
    const spec = view.map(specField?.value);
    if (!spec || view.field(spec, 'unhealthyPodEvictionPolicy')) return;
    // A budget with no number restricts nothing worth a hint.
    const budget = readIntOrPercent(view, spec, 'minAvailable') ?? readIntOrPercent(view, spec, 'maxUnavailable');
    if (!budget) return;
    const fixes: Fix[] = [];
    const editable = editableMap(view, specField);
    if (editable) {
      const changes = insertField(view, editable, 'unhealthyPodEvictionPolicy', ['AlwaysAllow'], ctx.eol);
      if (changes.length > 0) {
        fixes.push({
          title: ctx.say({ en: 'Add unhealthyPodEvictionPolicy: AlwaysAllow', 'zh-cn': '添加 `unhealthyPodEvictionPolicy: AlwaysAllow`' }),
          changes,
          isPreferred: true,
        });
      }
    }
    ctx.report({ at: budget.field.mergedVia ?? budget.field.key, messageId: 'missing', fixes });
  },
};
