// A probe whose timeoutSeconds is longer than its periodSeconds (after defaults).
import { containerLabel } from '../k8s/model';
import { keyNode, probesAllowed, probesOf, timingKnown, valueNode } from '../k8s/probes';
import type { Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'probe-timeout-exceeds-period',
    severity: 'warning',
    docs: {
      summary: 'A probe waits longer for an answer (timeoutSeconds) than the time between two checks (periodSeconds), defaults applied.',
      why:
        'The kubelet runs one check of a probe at a time: it starts the next one on the first tick of its periodSeconds timer after the previous check has ended. ' +
        'A check that hangs until a timeout longer than the period therefore pushes every following check back, and the probe runs every timeoutSeconds instead: ' +
        'with periodSeconds 5, timeoutSeconds 20 and failureThreshold 3, a hung server is noticed after about 60 s rather than 15 s. ' +
        'A timeout equal to the period is not reported: the next check then starts on time.',
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
            periodSeconds: 5
            timeoutSeconds: 20
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
            periodSeconds: 5
            timeoutSeconds: 3
`,
      level: 'A warning: the probe still works, but failures are detected several times more slowly than the settings suggest.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes',
      sources: [
        'kubernetes/kubernetes pkg/kubelet/prober/worker.go run(): `probeTicker := time.NewTicker(period)`; `for w.doProbe(ctx) { select { … case <-probeTicker.C: … } }` — checks run one after another, and a Go ticker drops the ticks a slow receiver misses.',
        'Probe defaults (timeoutSeconds 1, periodSeconds 10; a written 0 takes the default): docs/research/k8s-facts.md section 8.',
      ],
    },
    messages: {
      longer:
        '{probe} timeout {timeout} s exceeds its period {period} s. A hanging check delays the next one, so {failures} failures take about {slow} s to count instead of {fast} s.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      for (const p of probesOf(c)) {
        if (!p.map) continue;
        const { timeoutSeconds: timeout, periodSeconds: period, failureThreshold: failures } = p.timings;
        if (!timingKnown(view, timeout) || !timingKnown(view, period) || !timingKnown(view, failures)) continue;
        if (timeout.value <= period.value) continue;
        const at = timeout.explicit && timeout.field ? valueNode(timeout.field) : keyNode(p.field);
        ctx.report({
          at,
          messageId: 'longer',
          data: {
            probe: p.kind,
            container: containerLabel(c),
            timeout: timeout.value,
            period: period.value,
            failures: failures.value,
            slow: failures.value * timeout.value,
            fast: failures.value * period.value,
          },
        });
      }
    }
  },
};
