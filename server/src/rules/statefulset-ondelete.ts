// A StatefulSet or DaemonSet with `updateStrategy: OnDelete`: template changes never reach running pods by themselves.
import type { Rule } from '../engine/rule';
import { isBuiltin } from '../k8s/model';
import { strategyOf } from '../k8s/rollout';

export const rule: Rule = {
  meta: {
    id: 'statefulset-ondelete',
    severity: 'info',
    docs: {
      summary: 'A StatefulSet or DaemonSet uses `updateStrategy: OnDelete`, so changing its pod template does not update running pods.',
      why:
        'With OnDelete the controller creates pods from the new template only when an old pod is deleted, by hand or by an eviction. ' +
        'A `kubectl apply` with a new image reports success, yet every running pod keeps the old spec, possibly for months, until ' +
        'someone deletes the pods one by one. The default RollingUpdate strategy replaces them automatically, one at a time (or up to ' +
        'maxUnavailable), waiting for each new pod to be ready.',
      bad: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: example/db:1.0
`,
      good: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  updateStrategy:
    type: RollingUpdate
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: example/db:1.0
`,
      appliesTo: 'Built-in StatefulSets and DaemonSets only.',
      level: 'An info: OnDelete is a deliberate choice for hand-driven upgrades; the info is for whoever expects a template change to roll out.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies',
      sources: [
        'kubernetes.io concepts/workloads/controllers/statefulset "Update strategies": with OnDelete "the StatefulSet controller will not automatically update the Pods in a StatefulSet. Users must manually delete Pods to cause the controller to create new Pods".',
        'kubernetes.io tasks/manage-daemon/update-daemon-set: "OnDelete: With OnDelete update strategy, after you update a DaemonSet template, new DaemonSet pods will only be created when you manually delete old DaemonSet pods."',
      ],
    },
    messages: {
      onDelete:
        'updateStrategy OnDelete: template changes wait for manual pod deletion. A new pod template reaches running pods of this {kind} only when each pod is deleted by hand; until then they keep the old spec.',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'StatefulSet') && !isBuiltin(obj, 'DaemonSet')) return;
    const strategy = strategyOf(obj, 'updateStrategy');
    if (!strategy || strategy.type !== 'OnDelete' || !strategy.typeField) return;
    const f = strategy.typeField;
    ctx.report({ at: f.mergedVia ?? f.rawValue ?? f.key, messageId: 'onDelete', data: { kind: obj.kind } });
  },
};
