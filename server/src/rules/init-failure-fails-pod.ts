// An init container that is not retried when it fails: one failure fails the whole pod.
import { containerAnchor, containerLabel } from '../k8s/model';
import type { Rule } from '../engine/rule';
import { supports } from '../k8s/versions';

export const rule: Rule = {
  meta: {
    id: 'init-failure-fails-pod',
    severity: 'info',
    docs: {
      summary:
        "The pod's `restartPolicy` is `Never` (or, from Kubernetes 1.35, the init container's own `restartPolicy` is `Never`) and it has plain init containers.",
      why:
        'A failed init container is normally restarted (with back-off) until it succeeds. With `restartPolicy: Never` Kubernetes instead treats the whole pod as failed: ' +
        'one transient error in a migration or a wait-for script ends the pod, and a Job has to create a new one (counting against backoffLimit).',
      bad: `apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: ["sh", "-c", "until nc -z db 5432; do sleep 2; done"]
      containers:
        - name: report
          image: example/report:1.0
`,
      good: `apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: OnFailure
      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: ["sh", "-c", "until nc -z db 5432; do sleep 2; done"]
      containers:
        - name: report
          image: example/report:1.0
`,
      level: 'An info: failing the whole pod on the first init failure is often what a Job wants; it is worth knowing, not a mistake.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#understanding-init-containers',
      sources: [
        'kubernetes.io/docs/concepts/workloads/pods/init-containers: "If a Pod\'s init container fails, the kubelet repeatedly restarts that init container until it succeeds. However, if the Pod has a restartPolicy of Never, and an init container fails during startup of that Pod, Kubernetes treats the overall Pod as failed."',
        'kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-restart-rules (1.35+): an init container with restartPolicy Never in a restartPolicy Always pod: "If the init container fails, the Pod fails".',
      ],
    },
    messages: {
      failsPod: "one failure of this init container fails the whole pod. The pod's restartPolicy is Never, so the init container is not retried.",
      containerNever: 'one failure of this init container fails the whole pod. Its restartPolicy is Never, so it is not retried.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const podNever = view.str(view.field(spec.map, 'restartPolicy')?.value) === 'Never';
    const containerPolicies = supports(ctx.version, 'containerRestartRules');
    for (const c of spec.containers) {
      if (c.role !== 'init' || c.isSidecar) continue;
      const own = containerPolicies ? view.str(view.field(c.map, 'restartPolicy')?.value) : undefined;
      if (own === 'Never') {
        ctx.report({ at: containerAnchor(c), messageId: 'containerNever', data: { container: containerLabel(c) } });
      } else if (podNever && own === undefined) {
        ctx.report({ at: containerAnchor(c), messageId: 'failsPod', data: { container: containerLabel(c) } });
      }
    }
  },
};
