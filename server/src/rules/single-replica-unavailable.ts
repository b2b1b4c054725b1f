// A Deployment whose rolling update may stop every pod at once: maxUnavailable resolves to at least the replica count.
import type { Fix, Rule, TextChange } from '../engine/rule';
import { isBuiltin } from '../k8s/model';
import {
  DEPLOYMENT_DEFAULTS,
  deploymentFenceposts,
  editableMap,
  formatRaw,
  IntOrPercent,
  IntOrPercentField,
  readIntOrPercent,
  replicasOf,
  scaled,
  setField,
  strategyOf,
} from '../k8s/rollout';

/** A written value the controller can use: an integer >= 0 or a percentage; undefined for the default. */
function usable(f: IntOrPercentField | undefined): IntOrPercent | undefined | 'invalid' {
  if (!f) return undefined;
  return f.parsed && f.parsed.value >= 0 ? f.parsed : 'invalid';
}

export const rule: Rule = {
  meta: {
    id: 'single-replica-unavailable',
    severity: 'warning',
    fixable: true,
    scope: 'workspace',
    reads: ['autoscalers'],
    docs: {
      summary: "A Deployment's rolling update allows as many unavailable pods as it has replicas, so an update can take every pod down at once.",
      why:
        'The Deployment controller scales old pods down while at least `replicas - maxUnavailable` pods stay available, rounding a ' +
        'percentage maxUnavailable down and maxSurge up. When maxUnavailable resolves to the replica count (maxUnavailable 1 with 1 ' +
        'replica, 100% with any count) nothing has to stay up: every old pod is stopped before any new pod is ready, and the service is ' +
        'down for as long as the new pods take to start. A subtler case: with maxSurge 0 and a percentage that rounds to 0 (25% of 1), ' +
        'the controller allows 1 unavailable pod anyway, which for a single replica is all of them. ' +
        'The defaults (25% / 25%) keep one replica up: 0 unavailable, 1 surge pod.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 1
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
  replicas: 1
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      appliesTo: 'apps/v1 Deployments only.',
      level: 'A warning: every rollout is then an outage of the whole workload until the new pod is ready.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable',
      sources: [
        'kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go ResolveFenceposts (surge rounded up, unavailable rounded down, both 0 → unavailable 1) and MaxUnavailable.',
        'kubernetes/kubernetes pkg/controller/deployment/rolling.go reconcileOldReplicaSets: old pods are scaled down to keep `replicas - maxUnavailable` available, so with maxUnavailable >= replicas all of them may go at once.',
        'OpenAPI RollingUpdateDeployment: maxSurge and maxUnavailable default to 25%; DeploymentSpec.replicas defaults to 1. See docs/research/k8s-facts.md section 9.',
      ],
      fixSafety:
        'maxSurge 1 / maxUnavailable 0 starts each new pod before it stops an old one: updates keep serving, but the cluster needs room (CPU, memory, quota) for one extra pod during the update.',
    },
    messages: {
      allDown:
        'maxUnavailable {value} lets a rollout stop every pod at once. It allows {unavailable} of {replicas} replica(s) to be unavailable, before any new pod is ready.',
      bumped:
        'a rollout stops the only pod before its replacement is ready. maxSurge {surge} and maxUnavailable {value} both come to 0 for {replicas} replica, so the Deployment controller allows 1 unavailable pod.',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'Deployment') || obj.apiVersion !== 'apps/v1') return;
    const { view } = obj;
    const strategy = strategyOf(obj, 'strategy');
    if (!strategy || strategy.type !== 'RollingUpdate') return;
    const replicas = replicasOf(obj);
    if (!replicas || replicas.count === 0) return;
    // Without `replicas`, a template may supply it, or an autoscaler sets the real count: the default 1 is not certain.
    if (!replicas.field && (obj.incomplete || ctx.workspace.autoscalersOf(obj).length > 0)) return;
    const surgeF = readIntOrPercent(view, strategy.rollingUpdate, 'maxSurge');
    const unavailableF = readIntOrPercent(view, strategy.rollingUpdate, 'maxUnavailable');
    const surgeV = usable(surgeF);
    const unavailableV = usable(unavailableF);
    // Values the API server rejects (rolling-update-invalid-value reports them) say nothing about a real rollout.
    if (surgeV === 'invalid' || unavailableV === 'invalid') return;
    if (unavailableV?.kind === 'percent' && unavailableV.value > 100) return;
    if ((surgeF && surgeF.raw === undefined) || (unavailableF && unavailableF.raw === undefined)) return;
    const surge = surgeV ?? DEPLOYMENT_DEFAULTS.maxSurge;
    const unavailable = unavailableV ?? DEPLOYMENT_DEFAULTS.maxUnavailable;
    // Both written as 0 is rejected by the API server: rolling-update-zero-surge-and-unavailable reports that.
    if (surge.value === 0 && unavailable.value === 0) return;
    const count = replicas.count;
    const resolved = deploymentFenceposts(surge, unavailable, count);
    if (resolved.unavailable < count) return;
    const bumped = scaled(surge, count, true) === 0 && scaled(unavailable, count, false) === 0;
    const at = unavailableF?.node ?? surgeF?.node;
    if (!at) return;
    const data = {
      value: unavailableF?.raw !== undefined ? formatRaw(unavailableF.raw) : ctx.say({ en: '25% (the default)', 'zh-cn': '25%（默认值）' }),
      surge: surgeF?.raw !== undefined ? formatRaw(surgeF.raw) : ctx.say({ en: '25% (the default)', 'zh-cn': '25%（默认值）' }),
      unavailable: resolved.unavailable,
      replicas: replicas.field ? String(count) : ctx.say({ en: `${count} (replicas not set)`, 'zh-cn': `${count}（未设置 \`replicas\`）` }),
    };
    const fixes: Fix[] = [];
    const ru = editableMap(view, strategy.rollingUpdateField);
    if (ru) {
      const surgeChange = setField(view, ru, 'maxSurge', '1', ctx.eol, unavailableF?.field);
      const unavailableChange = setField(view, ru, 'maxUnavailable', '0', ctx.eol, surgeF?.field);
      // At least one of the two keys is written whenever this fires (the defaults never do), so the edits never collide.
      if (surgeChange && unavailableChange) {
        const changes: TextChange[] = [...surgeChange, ...unavailableChange];
        fixes.push({
          title: ctx.say({
            en: 'Set maxSurge: 1 and maxUnavailable: 0 (start each new pod before stopping an old one)',
            'zh-cn': '将 `maxSurge` 设为 1、`maxUnavailable` 设为 0（每个新 Pod 都先启动，再停止旧 Pod）',
          }),
          changes,
          isPreferred: true,
        });
      }
    }
    ctx.report({ at, messageId: bumped ? 'bumped' : 'allDown', data, fixes });
  },
};
