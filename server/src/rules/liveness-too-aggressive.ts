// A livenessProbe that restarts the container after only a few seconds of failed checks.
import { containerLabel } from '../k8s/model';
import { keyNode, probeOf, probesAllowed, timingKnown } from '../k8s/probes';
import type { Rule } from '../engine/rule';

const DEFAULT_MIN_SECONDS = 10;

export const rule: Rule = {
  meta: {
    id: 'liveness-too-aggressive',
    severity: 'warning',
    docs: {
      summary:
        'A livenessProbe restarts the container after less than 10 s of failing checks (failureThreshold × periodSeconds, defaults applied; option `minSeconds`).',
      why:
        'A liveness failure kills the container and throws away its in-flight requests and warm state. With `periodSeconds: 1` and `failureThreshold: 3` a garbage-collection ' +
        'pause, a CPU-throttled burst or a slow dependency that lasts 3 s is enough to restart a healthy process, and under load all replicas can hit it together. ' +
        'The defaults (3 failures, 10 s apart) give 30 s.',
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
            periodSeconds: 1
            failureThreshold: 3
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
            periodSeconds: 5
            failureThreshold: 3
`,
      level:
        'A warning: a restart after a few seconds of failures turns GC pauses and load bursts into restarts of healthy containers, often of every replica at once.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes',
      sources: [
        'Probe.failureThreshold: "After a probe fails failureThreshold times in a row, Kubernetes considers that the overall check has failed"; for liveness the kubelet then restarts the container (configure-liveness-readiness-startup-probes).',
        'Probe defaults (periodSeconds 10, failureThreshold 3; a written 0 takes the default): docs/research/k8s-facts.md section 8.',
      ],
    },
    messages: {
      aggressive:
        'liveness probe restarts after about {window} s of failures. That is failureThreshold {failures} × periodSeconds {period} s: a GC pause or a burst of load that long kills a healthy container. Allow at least {min} s.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const option = ctx.options['minSeconds'];
    const min = typeof option === 'number' && Number.isFinite(option) && option >= 0 ? option : DEFAULT_MIN_SECONDS;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const p = probeOf(c, 'livenessProbe');
      if (!p?.map) continue;
      const { periodSeconds: period, failureThreshold: failures } = p.timings;
      if (!timingKnown(view, period) || !timingKnown(view, failures)) continue;
      const window = period.value * failures.value;
      if (window >= min) continue;
      ctx.report({
        at: keyNode(p.field),
        messageId: 'aggressive',
        data: { container: containerLabel(c), failures: failures.value, period: period.value, window, min },
      });
    }
  },
};
