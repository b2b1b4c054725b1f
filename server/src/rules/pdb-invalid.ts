// A PodDisruptionBudget the API server rejects: minAvailable and maxUnavailable both set, a negative number, a
// percentage over 100%, or a string that is not a percentage.
import type { Rule } from '../engine/rule';
import { isBuiltin } from '../k8s/model';
import { keyNode } from '../k8s/probes';
import { formatRaw, readIntOrPercent } from '../k8s/rollout';

export const rule: Rule = {
  meta: {
    id: 'pdb-invalid',
    severity: 'error',
    docs: {
      summary:
        'A PodDisruptionBudget that sets both minAvailable and maxUnavailable, a negative value, a percentage over 100%, or a string that is not a percentage.',
      why:
        'A budget states either how many selected pods must stay available (minAvailable) or how many may be unavailable (maxUnavailable), ' +
        'never both. Each takes a non-negative integer or a percentage of at most 100%. The API server rejects anything else, so the apply ' +
        'fails and the pods it should protect are left without a budget: a node drain may then take all of them at once.',
      bad: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
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
      appliesTo: 'PodDisruptionBudgets (policy/v1 and policy/v1beta1, which are validated alike).',
      level: 'An error: the API server rejects the budget, so the apply fails.',
      url: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget',
      sources: [
        'kubernetes/kubernetes pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec: both set → "spec: Invalid value: …: minAvailable and maxUnavailable cannot be both set"; each value goes through apps validation ValidatePositiveIntOrPercent (an integer must be ≥ 0: "must be greater than or equal to 0"; a string must match "[0-9]+%") and IsNotMoreThan100Percent ("must not be greater than 100%").',
        'kubernetes.io tasks/run-application/configure-pdb: "You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudget." See docs/research/k8s-facts.md section 13.',
      ],
    },
    messages: {
      both: 'sets both minAvailable and maxUnavailable. The API server rejects the budget ("minAvailable and maxUnavailable cannot be both set"). Keep one of them.',
      negative: '{field} {value} is negative. The API server rejects the budget ("must be greater than or equal to 0").',
      over100: '{field} {value} is over 100%. The API server rejects the budget ("must not be greater than 100%").',
      notPercent:
        '{field} {value} is neither an integer nor a percentage. The API server rejects the budget ("a valid percent string must be a numeric string followed by an ending \'%\'").',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'PodDisruptionBudget')) return;
    const { view } = obj;
    const spec = view.field(obj.root, 'spec')?.value;
    const min = readIntOrPercent(view, spec, 'minAvailable');
    const max = readIntOrPercent(view, spec, 'maxUnavailable');
    if (min && max) {
      // Point at the one written second: it is the one most likely added by mistake.
      const second = (min.field.key.range?.[0] ?? 0) > (max.field.key.range?.[0] ?? 0) ? min : max;
      ctx.report({ at: keyNode(second.field), messageId: 'both' });
    }
    for (const [name, f] of [
      ['minAvailable', min],
      ['maxUnavailable', max],
    ] as const) {
      if (!f || f.raw === undefined) continue;
      const data = { field: name, value: formatRaw(f.raw) };
      if (typeof f.raw === 'number') {
        if (f.raw < 0) ctx.report({ at: f.node, messageId: 'negative', data });
      } else if (!f.parsed) {
        ctx.report({ at: f.node, messageId: 'notPercent', data });
      } else if (f.parsed.value > 100) {
        ctx.report({ at: f.node, messageId: 'over100', data });
      }
    }
  },
};
