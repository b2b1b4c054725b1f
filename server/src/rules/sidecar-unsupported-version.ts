// A native sidecar while the target Kubernetes version does not run them by default.
import { containerLabel } from '../k8s/model';
import type { Rule } from '../engine/rule';
import { FEATURES, supports } from '../k8s/versions';

export const rule: Rule = {
  meta: {
    id: 'sidecar-unsupported-version',
    severity: 'warning',
    docs: {
      summary: 'An init container with `restartPolicy: Always` (a native sidecar) while the target Kubernetes version is below 1.29.',
      why:
        'Native sidecars come with the SidecarContainers feature: alpha and off by default in 1.28, on by default from 1.29 (beta), GA in 1.33. ' +
        'On an older cluster the API server silently drops the field (pkg/api/pod/util.go dropDisabledFields), so the sidecar runs as a plain init container: if it never exits, the pod never starts.',
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
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
      sources: [
        'kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/SidecarContainers.md and pkg/features/kube_features.go: alpha 1.28 (off), beta 1.29 (on), GA 1.33.',
        'kubernetes/kubernetes pkg/api/pod/util.go: with SidecarContainers off, "Drop the RestartPolicy field of init containers".',
      ],
    },
    messages: {
      unsupported: 'Init container "{container}" is a native sidecar (restartPolicy: Always), which needs Kubernetes 1.{since}; on the target {version} the API server drops restartPolicy and it runs as a plain init container, which must exit before the app starts.',
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
      ctx.report({
        at: f.mergedVia ?? f.rawValue ?? f.key,
        messageId: 'unsupported',
        data: { container: containerLabel(c), since: FEATURES.nativeSidecars, version: `1.${ctx.version.minor}` },
      });
    }
  },
};
