// An init container's request, not the app's, decides what the scheduler reserves for the pod.
import { containerAnchor, containerLabel } from '../k8s/model';
import { formatResource } from '../k8s/quantity';
import { effectiveRequest, RESOURCES } from '../k8s/resources';
import type { Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'init-resources-dominate',
    severity: 'info',
    docs: {
      summary:
        "An init container's resource request is larger than what the app containers and sidecars request together, so it sets the pod's effective request (unless a pod-level request replaces it).",
      why:
        'The scheduler reserves max(largest init container + the sidecars started before it, sum of app containers + sidecars) for the whole life of the pod. ' +
        'A generous request on a short migration step keeps that capacity reserved long after the step is done, and can leave the pod Pending on a full cluster. ' +
        'A pod-level request (`spec.resources.requests`, PodLevelResources, on by default from 1.34) replaces that aggregate, so such a pod is not reported; ' +
        'a pod `overhead` (set from the RuntimeClass) is added on top either way.',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: example/migrate:1.0
      resources:
        requests:
          memory: 2Gi
  containers:
    - name: app
      image: example/app:1.0
      resources:
        requests:
          memory: 256Mi
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: example/migrate:1.0
      resources:
        requests:
          memory: 256Mi
  containers:
    - name: app
      image: example/app:1.0
      resources:
        requests:
          memory: 256Mi
`,
      level: 'An info: the reservation is a cost, not a failure, and a heavy init step (a migration, a warm-up) may need it.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers',
      sources: [
        "kubernetes.io/docs/concepts/workloads/pods/init-containers#resource-sharing-within-containers: the effective init request is the highest request of any init container; the pod's effective request is the higher of that and the sum of app containers.",
        'kubernetes/kubernetes staging/src/k8s.io/component-helpers/resource/helpers.go: PodRequests adds restartable (sidecar) init containers to the app sum and to every later init container; when pod-level requests are set (IsPodLevelRequestsSet) they replace the aggregate for cpu and memory; then pod.Spec.Overhead is added.',
        "kubernetes/kubernetes pkg/features/kube_features.go: PodLevelResources alpha 1.32 (off), beta 1.34 (on). pkg/apis/core/v1/defaults.go defaultPodRequests: a missing pod-level request defaults to the containers' aggregate, or to the pod-level limit when no container requests the resource.",
      ],
    },
    messages: {
      dominates:
        "init container sets the pod's {resource} request to {init}, not {running}. The app containers and sidecars need {running}, but the scheduler reserves the init request ({init}) for the whole life of the pod.",
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    for (const resource of RESOURCES) {
      const r = effectiveRequest(spec, resource, ctx.version);
      // A pod-level request (1.34+) replaces the containers' aggregate: the init container no longer sets what is reserved.
      if (!r.initContainer || r.init <= r.running || r.podLevel !== undefined) continue;
      const c = r.initContainer.container;
      ctx.report({
        at: r.initContainer.node ?? containerAnchor(c),
        messageId: 'dominates',
        data: { container: containerLabel(c), resource, init: formatResource(resource, r.init), running: formatResource(resource, r.running) },
      });
    }
  },
};
