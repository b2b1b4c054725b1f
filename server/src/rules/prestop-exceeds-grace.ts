// A preStop hook that sleeps as long as the pod's grace period or longer: SIGTERM comes only when time is up.
import { Container, containerLabel, PodSpec } from '../k8s/model';
import { hasAnchor, insertField, ownField, replaceScalar } from '../yaml/edits';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import { gracePeriod, graceText, preStopSleep } from '../k8s/termination';
import { supports } from '../k8s/versions';

/** Time the fix leaves the app for its own shutdown after the hook's sleep. */
const SHUTDOWN_ALLOWANCE = 15;

export const rule: Rule = {
  meta: {
    id: 'prestop-exceeds-grace',
    severity: 'warning',
    fixable: true,
    docs: {
      summary:
        "A container's preStop hook sleeps (`sleep` action, `sleep N`, or `sleep N` inside `sh -c`) for at least the pod's terminationGracePeriodSeconds (default 30 s).",
      why:
        'The grace period counts from the moment termination starts, and the preStop hook runs inside it. A hook that sleeps 40 s in a pod with the default 30 s ' +
        'grace period is cut off after 30 s; only then does the container get SIGTERM, and the kubelet allows just one extra 2 s before SIGKILL. ' +
        'The app never gets the time it needs to drain connections and flush state. A `sleep` action longer than the grace period is worse: ' +
        'the API server rejects the pod outright ("must be non-negative and less than terminationGracePeriodSeconds"). ' +
        'The fix raises terminationGracePeriodSeconds to the sleep plus 15 s, a common budget for an app to finish in-flight requests after SIGTERM; adjust it to your app.',
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
          image: example/app:1.0
          ports:
            - containerPort: 8080
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "40"]
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
          image: example/app:1.0
          ports:
            - containerPort: 8080
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "40"]
      terminationGracePeriodSeconds: 55
`,
      level:
        'A warning: SIGTERM then arrives only as the grace period ends, so the app gets no time to shut down; an error where a `sleep` action that long is rejected.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
      sources: [
        'OpenAPI Lifecycle.preStop: "The Pod\'s termination grace period countdown begins before the PreStop hook is executed."',
        'kubernetes.io pod-lifecycle #pod-termination-flow: "If the preStop hook is still running after the grace period expires, the kubelet requests a small, one-off grace period extension of 2 seconds"; "If the preStop hook needs longer to complete than the default grace period allows, you must modify terminationGracePeriodSeconds to suit this."',
        'kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer: the hook runs with the grace period as its timeout, the time it took is subtracted, and what remains is raised to minimumGracePeriodInSeconds (2) before StopContainer sends SIGTERM.',
        "kubernetes/kubernetes pkg/apis/core/validation/validation.go validateSleepAction: a sleep action whose seconds exceed the pod's terminationGracePeriodSeconds is rejected (docs/research/k8s-facts.md section 7).",
      ],
      fixSafety:
        'Raising terminationGracePeriodSeconds is safe: it is only an upper bound, and a pod whose app exits promptly after SIGTERM stops just as fast. Pods that ignore SIGTERM take longer to stop, which slows rollouts and node drains.',
    },
    messages: {
      exceeds:
        'preStop sleeps {sleep}, longer than the grace period {grace}. The countdown includes the hook, so the container gets SIGTERM only when the grace period has run out and SIGKILL 2 s later.',
      rejected:
        'preStop sleeps {sleep}, longer than the grace period {grace}. A `sleep` action may not last longer than terminationGracePeriodSeconds, so the API server rejects the pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const grace = gracePeriod(spec);
    // A grace period that is written but not known (a template, a string) gives nothing to compare with.
    if (grace.field && !grace.explicit) return;
    // Negative values are treated as 1 s by the API server; that is a different mistake.
    if (grace.seconds < 0) return;
    for (const c of spec.containers) {
      // Plain init containers may not have hooks at all (init-container-lifecycle) and ephemeral containers neither.
      if (c.role !== 'app' && !c.isSidecar) continue;
      checkContainer(c, spec, grace.seconds, grace.explicit, ctx);
    }
  },
};

function checkContainer(c: Container, spec: PodSpec, grace: number, explicit: boolean, ctx: RuleContext): void {
  const sleep = preStopSleep(c);
  if (!sleep) return;
  const action = sleep.via === 'sleep-action';
  // Without the feature the API server drops the sleep action (sleep-action-unsupported reports that).
  if (action && !supports(ctx.version, 'sleepAction')) return;
  const data = {
    container: containerLabel(c),
    sleep: Number.isFinite(sleep.seconds)
      ? ctx.say({ en: `${sleep.seconds} s`, 'zh-cn': `${sleep.seconds} 秒` })
      : ctx.say({ en: 'forever', 'zh-cn': '无限期' }),
    grace: graceText({ seconds: grace, explicit }, ctx.say),
  };
  // The grace period the sleep is measured against, when it is written: shown beside the finding.
  const field = explicit ? gracePeriod(spec).field : undefined;
  const relatedAt = field ? [{ at: field.mergedVia ?? field.key, message: ctx.say({ en: 'the grace period', 'zh-cn': '宽限期' }) }] : [];
  if (action && sleep.seconds > grace) {
    ctx.report({ at: sleep.node, messageId: 'rejected', severity: 'error', data, fixes: raiseGrace(spec, sleep.seconds, ctx), relatedAt });
    return;
  }
  // With a grace period of 0 the hook is not run at all; termination-grace-zero reports that.
  if (grace === 0 || sleep.seconds < grace) return;
  ctx.report({ at: sleep.node, messageId: 'exceeds', data, fixes: raiseGrace(spec, sleep.seconds, ctx), relatedAt });
}

/** Sets terminationGracePeriodSeconds to the sleep plus the shutdown allowance, in place or as a new key. */
function raiseGrace(spec: PodSpec, sleepSeconds: number, ctx: RuleContext): Fix[] {
  if (!Number.isFinite(sleepSeconds)) return [];
  const { view } = spec.owner;
  const target = Math.ceil(sleepSeconds) + SHUTDOWN_ALLOWANCE;
  const title = ctx.say({
    en: `Set terminationGracePeriodSeconds to ${target} (the preStop sleep plus ${SHUTDOWN_ALLOWANCE} s to shut down)`,
    'zh-cn': `将 \`terminationGracePeriodSeconds\` 设为 ${target}（preStop 休眠时长加 ${SHUTDOWN_ALLOWANCE} 秒退出时间）`,
  });
  const existing = view.field(spec.map, 'terminationGracePeriodSeconds');
  let changes: TextChange[];
  if (existing) {
    const own = ownField(view, spec.map, 'terminationGracePeriodSeconds');
    // A value shared through an anchor or merge key may serve other pods too: leave it to the user.
    if (!own || !own.value || own.rawValue !== own.value || hasAnchor(own.value)) return [];
    changes = replaceScalar(view, own.value, String(target));
  } else {
    changes = insertField(view, spec.map, 'terminationGracePeriodSeconds', [String(target)], ctx.eol);
  }
  return changes.length > 0 ? [{ title, changes, isPreferred: true, safe: true }] : [];
}
