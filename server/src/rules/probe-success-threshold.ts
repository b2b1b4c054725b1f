// A livenessProbe or startupProbe with a successThreshold other than 1.
import { containerLabel } from '../k8s/model';
import { replaceScalar } from '../yaml/edits';
import { probesAllowed, valueNode } from '../k8s/probes';
import type { Fix, Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'probe-success-threshold',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A livenessProbe or startupProbe sets successThreshold to something other than 1.',
      why:
        'Liveness and startup probes act on the first success (the container is alive, or has started), so the API only accepts successThreshold 1 for them ' +
        'and rejects the pod with "must be 1". Only a readinessProbe may require several successes in a row before the pod gets traffic again. ' +
        'A written 0 is defaulted to 1 and is accepted.',
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            successThreshold: 2
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            successThreshold: 1
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes',
      sources: [
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateLivenessProbe / validateStartupProbe: `if probe.SuccessThreshold != 1` → "successThreshold: Invalid value: …: must be 1".',
        'SetDefaults_Probe (pkg/apis/core/v1/defaults.go) turns a 0 into 1 before validation: docs/research/k8s-facts.md section 8.',
        'Probe.successThreshold API description: "Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1."',
      ],
      fixSafety: 'Setting 1 is what the API server requires; a liveness or startup probe acts on the first success anyway. Safe.',
    },
    messages: {
      notOne: '{probe} has successThreshold {value}, but it must be 1. Liveness and startup probes need 1: the API server rejects the pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      for (const probe of ['livenessProbe', 'startupProbe'] as const) {
        const f = view.field(view.field(c.map, probe)?.value, 'successThreshold');
        if (!f) continue;
        const value = view.num(f.value);
        if (value === undefined || value === 0 || value === 1) continue;
        const fixes: Fix[] = [];
        // A value merged in from an anchor, or one that defines an anchor, may be shared with other probes: leave it to the user.
        if (!f.mergedVia && f.rawValue && !f.rawValue.anchor) {
          fixes.push({
            title: ctx.say({ en: `Set ${probe}.successThreshold to 1`, 'zh-cn': `将 \`${probe}.successThreshold\` 设为 1` }),
            changes: replaceScalar(view, f.rawValue, '1'),
            isPreferred: true,
            safe: true,
          });
        }
        ctx.report({ at: valueNode(f), messageId: 'notOne', data: { probe, container: containerLabel(c), value }, fixes });
      }
    }
  },
};
