// A Deployment with `strategy: Recreate`: every update stops all pods before the new ones start.
import type { Rule } from '../engine/rule';
import { isBuiltin } from '../k8s/model';
import { replicasOf, strategyOf } from '../k8s/rollout';

export const rule: Rule = {
  meta: {
    id: 'recreate-strategy',
    severity: 'info',
    docs: {
      summary: 'A Deployment uses the `Recreate` strategy, so every update is an outage.',
      why:
        'With `type: Recreate` the Deployment controller scales the old ReplicaSet to 0 and waits until all of its pods have terminated ' +
        'before it creates a single new pod. For the whole shutdown (up to terminationGracePeriodSeconds, 30 s by default) plus the new ' +
        "pods' image pull, start-up and readiness time, no pod serves. That is sometimes wanted (a ReadWriteOnce volume, an app that " +
        'cannot run two versions side by side); otherwise the default RollingUpdate strategy keeps serving during updates.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  strategy:
    type: Recreate
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
  strategy:
    type: RollingUpdate
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
      appliesTo: "Built-in Deployments only. An OpenKruise CloneSet's `ReCreate` update type still replaces pods within maxUnavailable and is not reported.",
      level: 'An info: Recreate is often chosen on purpose (a ReadWriteOnce volume, a single writer), and the outage on each update is the known price.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#recreate-deployment',
      sources: [
        'kubernetes.io concepts/workloads/controllers/deployment "Recreate Deployment": "All existing Pods are killed before new ones are created when .spec.strategy.type==Recreate."',
        'kubernetes/kubernetes pkg/controller/deployment/recreate.go rolloutRecreate: scale down old ReplicaSets, wait until no old pods are running, then scale up the new ReplicaSet.',
      ],
    },
    messages: {
      recreate:
        'strategy Recreate makes every update an outage. It stops all {replicas} pod(s) before it creates any new one, and serves nothing until the new pods are ready.',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'Deployment')) return;
    const strategy = strategyOf(obj, 'strategy');
    if (!strategy || strategy.type !== 'Recreate' || !strategy.typeField) return;
    const replicas = replicasOf(obj);
    if (replicas?.count === 0) return;
    const f = strategy.typeField;
    const count = replicas === undefined ? 'the' : replicas.field ? String(replicas.count) : `${replicas.count} (replicas not set)`;
    ctx.report({ at: f.mergedVia ?? f.rawValue ?? f.key, messageId: 'recreate', data: { replicas: count } });
  },
};
