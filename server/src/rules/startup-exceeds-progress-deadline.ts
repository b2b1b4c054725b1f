// A Deployment whose startupProbe allows a start as long as its progressDeadlineSeconds: a slow but healthy rollout is
// then reported as failed.
import type { Fix, Rule } from '../engine/rule';
import { containerLabel, isBuiltin } from '../k8s/model';
import { keyNode, probeFigures, probeOf, probesAllowed, startupBudget, timingKnown } from '../k8s/probes';
import { DEPLOYMENT_DEFAULTS, editableMap, setField } from '../k8s/rollout';
import type { DocView, Field } from '../yaml/view';

export const rule: Rule = {
  meta: {
    id: 'startup-exceeds-progress-deadline',
    severity: 'warning',
    fixable: true,
    docs: {
      summary: "A Deployment's startupProbe budget (initialDelaySeconds + failureThreshold × periodSeconds) reaches its progressDeadlineSeconds (default 600).",
      why:
        'The startupProbe says how long a container may take to start before it is restarted. A rollout makes no progress while its new pods ' +
        'start: the Deployment controller counts progress when pods are created or removed, or become ready or available, and nothing ' +
        'happens between the creation of a new pod and its first readiness. When a start that the probe allows takes as long as ' +
        'progressDeadlineSeconds, a slow but healthy rollout is marked failed (Progressing=False, reason ProgressDeadlineExceeded), and ' +
        '`kubectl rollout status` exits non-zero, which fails CI pipelines and triggers rollbacks in deployment tools, although the pods would ' +
        'have come up. (minReadySeconds does not add to it: readiness is progress of its own, and the API server already requires the ' +
        'deadline to be longer than minReadySeconds.)',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
spec:
  replicas: 2
  selector:
    matchLabels: {app: search}
  template:
    metadata:
      labels: {app: search}
    spec:
      containers:
        - name: search
          image: example/search:1.0
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 60
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
spec:
  replicas: 2
  progressDeadlineSeconds: 1200
  selector:
    matchLabels: {app: search}
  template:
    metadata:
      labels: {app: search}
    spec:
      containers:
        - name: search
          image: example/search:1.0
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 60
`,
      appliesTo: "apps/v1 Deployments only (an Argo Rollout's progress deadline is kept by its own controller and is not checked).",
      level: 'A warning: only a start as slow as the probe allows fails the rollout, but a failed rollout status breaks deploy pipelines.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#failed-deployment',
      sources: [
        'kubernetes.io concepts/workloads/controllers/deployment "Failed Deployment": after progressDeadlineSeconds without progress the controller adds a Progressing condition with status "False" and reason ProgressDeadlineExceeded, and "kubectl rollout status returns a non-zero exit code if the Deployment has exceeded the progression deadline".',
        'kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go DeploymentProgressing: progress is more updated replicas, fewer old replicas, or more ready or available replicas (ready replicas count since 1.7, kubernetes/kubernetes#46169); DeploymentTimedOut compares the time since the last progress with progressDeadlineSeconds.',
        'kubernetes/kubernetes pkg/apis/apps/v1/defaults.go: progressDeadlineSeconds defaults to 600 in apps/v1. Probe defaults from pkg/apis/core/v1/defaults.go SetDefaults_Probe (periodSeconds 10, failureThreshold 3). See docs/research/k8s-facts.md sections 8, 9 and 21.',
      ],
      fixSafety:
        'Sets progressDeadlineSeconds to the slowest start the probes allow plus 600 s. It only changes when a stuck rollout is reported as failed; it never stops or slows a rollout.',
    },
    messages: {
      reaches:
        "a slow start can fail the rollout (progress deadline). The startupProbe allows {budget} s to start ({formula}), which reaches the Deployment's progressDeadlineSeconds ({deadline}): a slow but healthy rollout is marked failed (ProgressDeadlineExceeded) and `kubectl rollout status` exits non-zero.",
    },
  },
  check(obj, ctx) {
    // Only apps/v1 defaults the deadline to 600 s; the removed beta versions had none.
    if (!isBuiltin(obj, 'Deployment') || obj.apiVersion !== 'apps/v1' || !obj.podSpec) return;
    const { view } = obj;
    const specField = view.field(obj.root, 'spec');
    const spec = view.map(specField?.value);
    if (!spec) return;
    const deadline = readSeconds(view, view.field(spec, 'progressDeadlineSeconds'), DEPLOYMENT_DEFAULTS.progressDeadlineSeconds);
    const minReady = readSeconds(view, view.field(spec, 'minReadySeconds'), DEPLOYMENT_DEFAULTS.minReadySeconds);
    if (!deadline || !minReady) return;
    // A template may write the deadline; a default is trusted only where none could have. A deadline not over
    // minReadySeconds is progress-deadline-not-greater's error.
    if ((!deadline.explicit && obj.incomplete) || deadline.seconds <= minReady.seconds) return;
    const found: { key: Field; container: string; budget: number; formula: string }[] = [];
    for (const c of obj.podSpec.containers) {
      if (!probesAllowed(c)) continue;
      const p = probeOf(c, 'startupProbe');
      if (!p?.map || p.handlers.length === 0) continue;
      const { initialDelaySeconds: delay, periodSeconds: period, failureThreshold: failure } = p.timings;
      if (![delay, period, failure].every((t) => timingKnown(view, t))) continue;
      // The same figure the startupProbe hover shows.
      const figures = probeFigures(c, 'startupProbe');
      if (!figures) continue;
      const budget = startupBudget(figures);
      if (budget < deadline.seconds) continue;
      const formula =
        delay.value > 0
          ? `initialDelaySeconds + failureThreshold × periodSeconds = ${delay.value} + ${failure.value} × ${period.value}`
          : `failureThreshold × periodSeconds = ${failure.value} × ${period.value}`;
      found.push({ key: p.field, container: containerLabel(c), budget, formula });
    }
    if (found.length === 0) return;
    const target = Math.max(...found.map((f) => f.budget)) + 600;
    const fixes: Fix[] = [];
    const editable = editableMap(view, specField);
    const deadlineField = view.field(spec, 'progressDeadlineSeconds');
    const changes =
      editable && (!deadlineField || !deadlineField.mergedVia)
        ? setField(view, editable, 'progressDeadlineSeconds', String(target), ctx.eol, view.field(spec, 'replicas'))
        : undefined;
    if (changes) {
      fixes.push({
        title: ctx.say({ en: `Set progressDeadlineSeconds: ${target}`, 'zh-cn': `将 \`progressDeadlineSeconds\` 设为 ${target}` }),
        changes,
        isPreferred: true,
        safe: true,
      });
    }
    for (const f of found) {
      const deadlineText = deadline.explicit
        ? `${deadline.seconds} s`
        : ctx.say({ en: `${deadline.seconds} s, the default`, 'zh-cn': `${deadline.seconds} 秒，默认值` });
      ctx.report({
        at: keyNode(f.key),
        messageId: 'reaches',
        data: { container: f.container, budget: f.budget, formula: f.formula, deadline: deadlineText },
        fixes,
      });
    }
  },
};

/** A whole number of seconds, the default when not written (or written empty), undefined when not known. */
function readSeconds(view: DocView, f: Field | undefined, fallback: number): { seconds: number; explicit: boolean } | undefined {
  if (!f || view.isEmpty(f.value)) return { seconds: fallback, explicit: false };
  const n = view.num(f.value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? { seconds: n, explicit: true } : undefined;
}
