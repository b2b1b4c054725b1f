// A readinessProbe that sets terminationGracePeriodSeconds, which the API does not allow on readiness probes.
import { containerLabel } from '../k8s/model';
import { definesAnchor, removeField } from '../yaml/edits';
import { keyNode, probesAllowed } from '../k8s/probes';
import type { Fix, Rule } from '../engine/rule';

/**
 * Probe.terminationGracePeriodSeconds exists from Kubernetes 1.21 (ProbeTerminationGracePeriod, alpha 1.21, beta 1.22,
 * GA 1.28). A 1.20 API server does not know the field and drops it like any unknown field.
 */
const FIELD_SINCE_MINOR = 21;

export const rule: Rule = {
  meta: {
    id: 'readiness-termination-grace',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A readinessProbe sets terminationGracePeriodSeconds.',
      why:
        "A probe-level terminationGracePeriodSeconds replaces the pod's grace period when a failed liveness or startup probe kills the container. " +
        'A readiness probe never kills anything, so the field has no meaning there and the API server rejects the pod with "must not be set for readinessProbes". ' +
        'It usually comes from copying a livenessProbe block.',
      bad: `apiVersion: apps/v1
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
        - name: app
          image: example/web:1.0
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            terminationGracePeriodSeconds: 10
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
        - name: app
          image: example/web:1.0
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds',
      sources: [
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateReadinessProbe: `if probe.TerminationGracePeriodSeconds != nil` → "terminationGracePeriodSeconds: Invalid value: …: must not be set for readinessProbes".',
        'kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes: "Probe-level `terminationGracePeriodSeconds` cannot be set for readiness probes. It will be rejected by the API server."',
        'pkg/api/pod/util.go dropDisabledFields: with ProbeTerminationGracePeriod off only the liveness and startup values are dropped ("cannot be set for readiness probes"), so the readiness value always reaches validation.',
        'pkg/features/kube_features.go: ProbeTerminationGracePeriod alpha 1.21, beta 1.22, GA 1.28; the field does not exist in 1.20, which is not reported. That validation rejects it from 1.21 on with the gate off was inferred from the drop logic above, not tested on a 1.21 cluster.',
      ],
      fixSafety: 'Removing the field is safe: a readiness probe never kills the container, so the value had no use.',
    },
    messages: {
      notAllowed:
        'readinessProbe may not set terminationGracePeriodSeconds. Only liveness and startup probes may (a readiness failure never kills the container): the API server rejects the pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || ctx.version.minor < FIELD_SINCE_MINOR) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const probe = view.map(view.field(c.map, 'readinessProbe')?.value);
      const f = probe ? view.field(probe, 'terminationGracePeriodSeconds') : undefined;
      // A key with no value is null, which the API reads as "not set"; a templated value may render as nothing.
      if (!probe || !f || view.isEmpty(f.value) || view.isTemplated(f.value)) continue;
      const fixes: Fix[] = [];
      if (!f.mergedVia && probe.items.includes(f.pair) && !definesAnchor(f.rawValue)) {
        fixes.push({
          title: ctx.say({ en: 'Remove terminationGracePeriodSeconds from the readinessProbe', 'zh-cn': '删除就绪探针中的 `terminationGracePeriodSeconds`' }),
          changes: removeField(view, probe, f),
          isPreferred: true,
          safe: true,
        });
      }
      ctx.report({ at: keyNode(f), messageId: 'notAllowed', data: { container: containerLabel(c) }, fixes });
    }
  },
};
