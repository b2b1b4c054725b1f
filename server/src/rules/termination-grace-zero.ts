// terminationGracePeriodSeconds: 0: every deletion becomes a forced one and the app gets no time to shut down.
import { hasAnchor, ownField, removeField, replaceScalar } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';
import { DEFAULT_GRACE_SECONDS, gracePeriod } from '../k8s/termination';

export const rule: Rule = {
  meta: {
    id: 'termination-grace-zero',
    severity: 'warning',
    fixable: true,
    docs: {
      summary: 'A pod template sets `terminationGracePeriodSeconds: 0` (an error for StatefulSets).',
      why:
        'With a grace period of 0, a plain `kubectl delete`, a rollout or a drain removes the pod from the API server at once, exactly like ' +
        '`--force --grace-period=0`: nothing waits for the kubelet, and a replacement can start at once. On the node the kubelet raises the ' +
        "grace period to 1 s: a preStop hook gets at most that second, then SIGTERM and, 2 s later (the kubelet's minimum), SIGKILL, so the " +
        'containers are gone in about 3 s instead of 30 s and the app cannot drain connections or flush data. ' +
        'For a StatefulSet this breaks its at-most-one guarantee: the name is freed while the old process may still run, so the controller ' +
        'starts a replacement with the same identity and volumes next to it. The Kubernetes docs call this "unsafe and strongly discouraged".',
      bad: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      terminationGracePeriodSeconds: 0
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
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: db
          image: example/db:1.0
`,
      level:
        'A warning: the API accepts it, but every shutdown is a kill; an error for a StatefulSet, where two pods with the same identity can write the same data.',
      url: 'https://kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/',
      sources: [
        'kubernetes/kubernetes pkg/kubelet/pod_workers.go calculateEffectiveGracePeriod raises a grace period below 1 s to 1 s; pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer runs preStop within it and then gives SIGTERM at least minimumGracePeriodInSeconds (2 s).',
        'kubernetes/kubernetes pkg/registry/core/pod/strategy.go CheckGracefulDelete: a delete without a grace period uses pod.Spec.TerminationGracePeriodSeconds ("use the default value if set, or deletes the pod immediately (0)").',
        'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go: a graceful delete whose grace period is 0 deletes the object from storage immediately ("we are intentionally delete gracelessly").',
        'OpenAPI PodSpec.terminationGracePeriodSeconds: "The value zero indicates stop immediately via the kill signal (no opportunity to shut down)."',
        'kubernetes.io pod-lifecycle #pod-termination-flow: the kubelet runs preStop only "if ... the terminationGracePeriodSeconds in the Pod spec is not set to 0". The kubelet code (pod_workers.go calculateEffectiveGracePeriod) still passes a grace period of at least 1 s, so a hook may start but is cut off within a second.',
        'kubernetes.io concepts/workloads/controllers/statefulset "Deployment and Scaling Guarantees": "The StatefulSet should not specify a pod.Spec.TerminationGracePeriodSeconds of 0. This practice is unsafe and strongly discouraged."',
        'kubernetes.io tasks/run-application/force-delete-stateful-set-pod: force deletion "will immediately free up the name from the apiserver", letting the StatefulSet controller create a replacement with the same identity, which "can lead to the duplication of a still-running Pod" and violate the at most one semantics.',
      ],
      fixSafety:
        'Setting 30 s (the default) is safe: it is an upper bound, and a pod whose app exits promptly on SIGTERM stops as fast as before. Pods whose process ignores SIGTERM now take up to 30 s to stop.',
    },
    messages: {
      zero: 'terminationGracePeriodSeconds 0 leaves no time to shut down. A deleted pod is removed from the API at once, as if force-deleted; on the node its preStop hooks get at most 1 s and its containers are killed about 2 s after SIGTERM.',
      statefulSet:
        'terminationGracePeriodSeconds 0 risks two pods with the same identity. A deleted pod of StatefulSet "{name}" is removed from the API at once, as if force-deleted, so a replacement with the same identity and volumes can start while the old process is still running. The API server accepts this: the error is for the data at risk.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || spec.workload?.traits?.managedPodFields?.includes('terminationGracePeriodSeconds')) return;
    const { view } = obj;
    const grace = gracePeriod(spec);
    const f = grace.field;
    if (!f || !grace.explicit || grace.seconds !== 0) return;
    const fixes: Fix[] = [];
    const own = ownField(view, spec.map, 'terminationGracePeriodSeconds');
    // A value shared through an anchor or merge key may serve other pods too: only a value written here is edited.
    if (own && own.value && own.rawValue === own.value && !hasAnchor(own.value)) {
      fixes.push({
        title: ctx.say({
          en: `Set terminationGracePeriodSeconds to ${DEFAULT_GRACE_SECONDS} (the default)`,
          'zh-cn': `将 \`terminationGracePeriodSeconds\` 设为 ${DEFAULT_GRACE_SECONDS}（默认值）`,
        }),
        changes: replaceScalar(view, own.value, String(DEFAULT_GRACE_SECONDS)),
        isPreferred: true,
        safe: true,
      });
      fixes.push({
        title: ctx.say({
          en: `Remove terminationGracePeriodSeconds (the default is ${DEFAULT_GRACE_SECONDS} s)`,
          'zh-cn': `删除 \`terminationGracePeriodSeconds\`（默认为 ${DEFAULT_GRACE_SECONDS} 秒）`,
        }),
        changes: removeField(view, spec.map, own),
      });
    }
    const at = f.mergedVia ?? f.rawValue ?? f.key;
    if (spec.workloadKind === 'StatefulSet') {
      ctx.report({ at, messageId: 'statefulSet', severity: 'error', data: { name: obj.name ?? ctx.say({ en: '(unnamed)', 'zh-cn': '（未命名）' }) }, fixes });
    } else {
      ctx.report({ at, messageId: 'zero', fixes });
    }
  },
};
