// A native sidecar while the target Kubernetes version does not run them by default.
import { containerLabel } from '../k8s/model';
import type { Rule } from '../engine/rule';
import { argvOf, neverExits } from '../k8s/shell';
import { FEATURES, supports } from '../k8s/versions';

/** Fields a plain init container may not have: the API server rejects the pod once restartPolicy is gone. */
const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const rule: Rule = {
  meta: {
    id: 'sidecar-unsupported-version',
    severity: 'warning',
    docs: {
      summary:
        'An init container with `restartPolicy: Always` (a native sidecar) while the target Kubernetes version is below 1.29: an error when it never exits or has probes or hooks.',
      why:
        'Native sidecars come with the SidecarContainers feature: alpha and off by default in 1.28, on by default from 1.29 (beta), GA in 1.33. ' +
        "On 1.28 the API server silently drops the field (pkg/api/pod/util.go dropDisabledFields). Before 1.28 the field is unknown: kubectl's " +
        'strict field validation (its default) rejects the object ("unknown field"), and a client that does not validate has it dropped. Once ' +
        'dropped, the sidecar runs as a plain init container: if it never exits the pod never starts, and if it has probes or lifecycle hooks ' +
        'the API server rejects the pod, since plain init containers may not have them.',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: example/proxy:1.0
      restartPolicy: Always
  containers:
    - name: app
      image: example/app:1.0
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: proxy
      image: example/proxy:1.0
    - name: app
      image: example/app:1.0
`,
      exampleVersion: '1.28',
      level:
        'A warning: the pod still runs, with the sidecar as a plain init container that must exit first; an error where that makes the pod rejected or stuck.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
      sources: [
        'kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/SidecarContainers.md and pkg/features/kube_features.go: alpha 1.28 (off), beta 1.29 (on), GA 1.33.',
        'kubernetes/kubernetes pkg/api/pod/util.go: with SidecarContainers off, "Drop the RestartPolicy field of init containers".',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateInitContainers: lifecycle and probes on an init container without restartPolicy Always are rejected ("must not be set for init containers" before 1.28, "may not be set for init containers without restartPolicy=Always" since).',
        'kubernetes.io/docs/reference/using-api/api-concepts/#field-validation: kubectl uses strict field validation by default (an unknown field is an error).',
      ],
    },
    messages: {
      unsupported:
        'native sidecars need Kubernetes 1.{since}; on {version} this is a plain init container. The API server drops restartPolicy: Always, and a plain init container must exit before the app starts.',
      unknown:
        'native sidecars need Kubernetes 1.{since}; {version} does not know restartPolicy here. kubectl\'s strict field validation rejects it ("unknown field"), and a client that does not validate drops it, so it runs as a plain init container, which must exit before the app starts.',
      neverExits:
        'native sidecars need Kubernetes 1.{since}; on {version} this init container never exits. restartPolicy is dropped (or rejected as unknown), so it runs as a plain init container, but it never exits ({reason}): the app containers never start.',
      sidecarOnly:
        'native sidecars need Kubernetes 1.{since}; on {version} `{field}` is rejected here. restartPolicy is dropped (or rejected as unknown), and a plain init container may not have `{field}`, so the API server rejects the pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || supports(ctx.version, 'nativeSidecars')) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!c.isSidecar) continue;
      const f = view.field(c.map, 'restartPolicy');
      if (!f) continue;
      const data = { container: containerLabel(c), since: FEATURES.nativeSidecars, version: `1.${ctx.version.minor}` };
      const at = f.mergedVia ?? f.rawValue ?? f.key;
      // Once restartPolicy is gone, probes and hooks make the pod invalid and a never-ending command blocks it for good.
      const field = SIDECAR_ONLY.find((name) => view.field(c.map, name) !== undefined);
      const argv = argvOf(c);
      const endless = argv && neverExits(argv);
      if (field) ctx.report({ at, messageId: 'sidecarOnly', severity: 'error', data: { ...data, field } });
      else if (endless) ctx.report({ at, messageId: 'neverExits', severity: 'error', data: { ...data, reason: endless.reason } });
      // 1.28 knows the field and drops it with the gate off; older versions do not know it at all.
      else ctx.report({ at, messageId: ctx.version.minor >= FEATURES.nativeSidecars - 1 ? 'unsupported' : 'unknown', data });
    }
  },
};
