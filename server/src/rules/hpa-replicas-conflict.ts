// A Deployment or StatefulSet that writes spec.replicas while an autoscaler scales it: every apply resets the scale.
import type { Rule } from '../engine/rule';
import { objectLabel } from '../k8s/facts';
import { isBuiltin } from '../k8s/model';
import { replicasOf } from '../k8s/rollout';
import { removeField } from '../yaml/edits';

export const rule: Rule = {
  meta: {
    id: 'hpa-replicas-conflict',
    severity: 'warning',
    fixable: true,
    scope: 'workspace',
    reads: ['autoscalers'],
    docs: {
      summary:
        'A Deployment or StatefulSet (or a CRD workload with a replica count, such as an Argo Rollout) writes `spec.replicas` while a HorizontalPodAutoscaler (or a KEDA ScaledObject) in the workspace scales it.',
      why:
        'The autoscaler owns the replica count: it raises it under load and lowers it when quiet. A manifest that also writes ' +
        '`spec.replicas` sets the count back to that number on every `kubectl apply` (or GitOps sync) of the workload, for example when ' +
        'only the image changes. A Deployment that the HPA scaled out to 12 pods in the middle of the day drops to 3 at once, the ' +
        'dropped pods take their connections with them, and the HPA needs a few sync periods to scale out again. The Kubernetes docs ' +
        'recommend removing `spec.replicas` from the manifest of every autoscaled workload.',
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
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 20
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
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
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 20
`,
      appliesTo: 'Built-in Deployments and StatefulSets, scaled by a HorizontalPodAutoscaler or a KEDA ScaledObject.',
      level:
        'A warning: every apply cuts a scaled-out workload back to the written count, a real loss of capacity under load, but the API accepts it and the autoscaler scales back up.',
      url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
      sources: [
        'kubernetes.io tasks/run-application/horizontal-pod-autoscale, "Migrating Deployments and StatefulSets to horizontal autoscaling": when an HPA is enabled, remove spec.replicas from the manifests; otherwise any change applied to the object (kubectl apply -f deployment.yaml) scales the current number of pods to the value of spec.replicas.',
        'The same section: removing spec.replicas may cause a one-time drop to the default of 1 replica on the next client-side apply, because the last-applied configuration still holds the field; remove it first with `kubectl apply edit-last-applied`, or follow the server-side apply field-management guide.',
        'KEDA docs, ScaledObject spec: KEDA creates and manages an HPA for the scaleTargetRef (default kind Deployment); minReplicaCount defaults to 0. See docs/research/k8s-facts.md section 22.',
      ],
      fixSafety:
        'Not applied by fix-all: with client-side apply, the first apply after removing the field drops the workload to 1 replica unless ' +
        '`spec.replicas` is first removed from the last-applied configuration (`kubectl apply edit-last-applied`). With server-side apply or a ' +
        'fresh object it is safe.',
    },
    messages: {
      conflict:
        'replicas: {replicas} conflicts with {autoscaler}. The autoscaler scales {kind} "{name}", so every apply resets the scale to {replicas}, cutting a scaled-out workload in the middle of traffic.',
    },
  },
  check(obj, ctx) {
    // Built-in Deployments and StatefulSets, and CRD workloads with a replica count (Argo Rollout, CloneSet, ...).
    if (!isBuiltin(obj, 'Deployment') && !isBuiltin(obj, 'StatefulSet') && !obj.workload?.replicas) return;
    const { view } = obj;
    const field = replicasOf(obj)?.field;
    const path = obj.workload?.replicas ?? ['spec', 'replicas'];
    const spec = view.map(path.length > 1 ? view.at(obj.root, ...path.slice(0, -1)) : obj.root);
    if (!spec || !field || view.isEmpty(field.value)) return;
    // Only autoscalers that name this workload for sure: a templated target may point anywhere.
    const scalers = ctx.workspace
      .autoscalersOf(obj)
      .filter((a) => a.facts.scaleTarget?.kind === obj.kind && a.facts.scaleTarget.name !== undefined && a.facts.scaleTarget.name === obj.name);
    const first = scalers[0];
    if (!first) return;
    const autoscaler = objectLabel(first.facts);
    const replicas = view.str(field.value) ?? String(view.num(field.value) ?? '');
    const fixes =
      field.mergedVia || !spec.items.includes(field.pair)
        ? []
        : [
            {
              title: ctx.say({ en: 'Remove spec.replicas (the autoscaler sets the count)', 'zh-cn': '删除 `spec.replicas`（副本数由自动扩缩器设置）' }),
              changes: removeField(view, spec, field),
              isPreferred: true,
            },
          ];
    ctx.report({
      at: field.mergedVia ?? field.key,
      messageId: 'conflict',
      data: { autoscaler, kind: obj.kind, name: obj.name ?? '', replicas },
      fixes,
      related: scalers.map((a) => ({
        at: a,
        message: ctx.say({
          en: `${a.facts.kind} ${a.facts.name ?? ''}: the autoscaler of this workload`,
          'zh-cn': `${a.facts.kind} ${a.facts.name ?? ''}：这个工作负载的自动扩缩器`,
        }),
      })),
    });
  },
};
