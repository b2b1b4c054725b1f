// A long pod terminationGracePeriodSeconds and a livenessProbe without its own grace period: a hung container is
// killed only after the whole (long) pod grace period.
import type { Fix, Rule } from '../engine/rule';
import { containerLabel } from '../k8s/model';
import { keyNode, probeOf, probesAllowed } from '../k8s/probes';
import { editableMap } from '../k8s/rollout';
import { gracePeriod } from '../k8s/termination';
import { insertField } from '../yaml/edits';

const DEFAULT_MAX_SECONDS = 60;
/** ProbeTerminationGracePeriod: alpha 1.21, beta 1.22 (off), on by default from 1.25, GA 1.28. */
const PROBE_GRACE_SINCE = 25;
/** The probe-level grace period the fix writes: the pod default, enough for most processes to exit on SIGTERM. */
const FIX_SECONDS = 30;

export const rule: Rule = {
  meta: {
    id: 'liveness-kill-grace-long',
    severity: 'info',
    fixable: true,
    docs: {
      summary:
        "The pod's terminationGracePeriodSeconds is long (over 60 s; option `maxSeconds`) and a livenessProbe sets no probe-level terminationGracePeriodSeconds.",
      why:
        'When a livenessProbe fails, the kubelet kills the container with the same grace period as a pod deletion: the preStop hook, SIGTERM, ' +
        'and SIGKILL only when the grace period is over. A long pod grace period is usually there for a clean shutdown (a database flushing, ' +
        'workers finishing jobs), but a container that fails its liveness checks is typically hung and ignores SIGTERM, so it sits dead for the ' +
        'whole period before it is restarted. A probe-level `terminationGracePeriodSeconds` (Kubernetes 1.25+, GA in 1.28) applies only to ' +
        'kills by that probe and keeps the long grace period for deletions and rollouts.',
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
      terminationGracePeriodSeconds: 300
      containers:
        - name: db
          image: example/db:1.0
          livenessProbe:
            tcpSocket: {port: 5432}
            periodSeconds: 10
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
      terminationGracePeriodSeconds: 300
      containers:
        - name: db
          image: example/db:1.0
          livenessProbe:
            tcpSocket: {port: 5432}
            periodSeconds: 10
            terminationGracePeriodSeconds: 30
`,
      level: 'An info: the hung container is still restarted, only late, and a long pod grace period is usually there on purpose for a clean shutdown.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds',
      sources: [
        'kubernetes.io tasks/configure-pod-container/configure-liveness-readiness-startup-probes "Probe-level terminationGracePeriodSeconds": before it, "the time for a liveness or startup probe failure to kill the container was the pod-level terminationGracePeriodSeconds"; the probe-level value "is used when the kubelet restarts the container after a liveness or startup probe failure".',
        "kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer: for a container killed because of a failed liveness or startup probe, a set probe-level terminationGracePeriodSeconds replaces the pod's grace period.",
        'pkg/features/kube_features.go ProbeTerminationGracePeriod: alpha 1.21, beta 1.22 (off), on by default from 1.25, GA 1.28; with the gate off the field is dropped (pkg/api/pod/util.go dropDisabledFields). See docs/research/k8s-facts.md section 18.',
      ],
      fixSafety:
        "Adds `terminationGracePeriodSeconds: 30` to the livenessProbe. Kills by that probe then get 30 s for the preStop hook and SIGTERM; deletions and rollouts keep the pod's grace period. Review it when the container needs longer to stop safely even when it is unhealthy.",
    },
    messages: {
      long: "a failed liveness probe kills only after {grace} s. The pod's grace period is {grace} s and the livenessProbe sets no terminationGracePeriodSeconds, so a hung container is killed only after {grace} s. Give the probe its own, shorter grace period.",
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || ctx.version.minor < PROBE_GRACE_SINCE) return;
    // A platform that sets the grace period itself (Knative) leaves nothing to say about the pod's value.
    if (spec.workload?.traits?.managedPodFields?.includes('terminationGracePeriodSeconds')) return;
    const option = ctx.options['maxSeconds'];
    const max = typeof option === 'number' && Number.isFinite(option) && option >= 0 ? option : DEFAULT_MAX_SECONDS;
    const grace = gracePeriod(spec);
    if (!grace.explicit || grace.seconds <= max) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const p = probeOf(c, 'livenessProbe');
      if (!p?.map || p.handlers.length === 0 || view.field(p.map, 'terminationGracePeriodSeconds')) continue;
      // Never more than the threshold itself, so the fixed probe is clearly shorter than what the rule calls long.
      const seconds = Math.min(FIX_SECONDS, Math.max(1, Math.floor(max)));
      const fixes: Fix[] = [];
      const editable = editableMap(view, p.field);
      if (editable) {
        const changes = insertField(view, editable, 'terminationGracePeriodSeconds', [String(seconds)], ctx.eol);
        if (changes.length > 0) {
          fixes.push({
            title: ctx.say({
              en: `Add terminationGracePeriodSeconds: ${seconds} to the livenessProbe`,
              'zh-cn': `为存活探针添加 \`terminationGracePeriodSeconds: ${seconds}\``,
            }),
            changes,
            isPreferred: true,
          });
        }
      }
      ctx.report({ at: keyNode(p.field), messageId: 'long', data: { grace: grace.seconds, container: containerLabel(c) }, fixes });
    }
  },
};
