// A lifecycle `sleep` action the API server drops (1.29) or rejects: before 1.29, with 0 seconds before 1.33, or (postStart) longer than the grace period.
import { isMap } from 'yaml';
import { Container, containerLabel } from '../k8s/model';
import { hasAnchor, ownField, removeField, replaceScalar } from '../yaml/edits';
import type { Fix, Rule, RuleContext } from '../engine/rule';
import { gracePeriod, graceText } from '../k8s/termination';
import type { Field } from '../yaml/view';
import { FEATURES, formatVersion, supports } from '../k8s/versions';

const HOOKS = ['postStart', 'preStop'] as const;
type Hook = (typeof HOOKS)[number];
/** Handler types besides `sleep`; a hook that has one of them is a different mistake (more than one handler). */
const OTHER_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];

export const rule: Rule = {
  meta: {
    id: 'sleep-action-unsupported',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'A postStart or preStop hook uses the `sleep` action where the target Kubernetes version drops or rejects it: before 1.30, with `seconds: 0` before 1.33, or (postStart) for longer than the grace period.',
      why:
        'The `sleep` handler (PodLifecycleSleepAction) is on by default from 1.30. On 1.29 the gate is off and the API server silently drops the ' +
        'whole hook (and `lifecycle` when no hook is left) and accepts the pod: it runs with no preStop at all, so every rollout sends SIGTERM ' +
        'while Services still route to the pod and in-flight requests fail. Older versions do not know the field: strict field validation ' +
        "(kubectl's default) rejects it as unknown, and a client that drops it leaves a hook with no handler, which the API server rejects " +
        '("must specify a handler type"). Until 1.33 (PodLifecycleSleepActionAllowZero) the seconds must be greater than 0, and in every version ' +
        "they may not exceed the pod's terminationGracePeriodSeconds; the API server rejects those pods, or the Deployment, DaemonSet or Job that " +
        "templates them (a StatefulSet's template is only checked from 1.34: before, the StatefulSet is accepted and its pods fail to be created).",
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
          lifecycle:
            preStop:
              sleep:
                seconds: 5
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
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "5"]
`,
      exampleVersion: '1.29',
      level: 'An error: the API server rejects the pod, or silently drops the hook so the pod runs without it.',
      url: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations',
      sources: [
        'kubernetes/kubernetes pkg/features/kube_features.go: PodLifecycleSleepAction alpha 1.29 (off), beta 1.30 (on), GA 1.34; PodLifecycleSleepActionAllowZero alpha 1.32 (off), beta 1.33 (on), GA 1.34.',
        'kubernetes/kubernetes pkg/api/pod/util.go dropPodLifecycleSleepAction: with the gate off the sleep handler is set to nil, and a hook with no exec, httpGet or tcpSocket left is removed (PostStart/PreStop = nil, and Lifecycle = nil when both are gone), so the pod is accepted without it.',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateHandler: a hook with no handler at all (a field an older API server does not know, dropped by a non-strict client) is rejected with "must specify a handler type".',
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForStatefulSet: the pod spec of a StatefulSet template is validated only from 1.34 (kubernetes#131790).',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateSleepAction: "must be greater than 0 and less than terminationGracePeriodSeconds" without AllowZero, "must be non-negative and less than terminationGracePeriodSeconds" with it (a value equal to the grace period passes). It applies to postStart and preStop alike.',
        'docs/research/k8s-facts.md section 7.',
      ],
      fixSafety:
        'Replacing the `sleep` action with `exec` of `sleep N` is not safe blind: it needs a `sleep` binary in the image (distroless and scratch images have none, and the hook then fails). Removing a zero-second hook is safe: it did nothing.',
    },
    messages: {
      unsupported: '`{hook}` uses the `sleep` action, which Kubernetes {version} does not support. It needs 1.{since}, so the API server rejects the pod.',
      dropped:
        '`{hook}` uses the `sleep` action, which Kubernetes {version} silently drops. It is off by default there (on from 1.{since}): the API server drops the whole hook and accepts the pod, so it runs with no {hook} at all.',
      zero: '`{hook}` sleeps 0 s, which Kubernetes {version} rejects. The `sleep` action must last more than 0 s there (0 is allowed from 1.{since}), so the API server rejects the pod.',
      postStartTooLong:
        '`postStart` sleeps {seconds} s, longer than the grace period {grace}. A `sleep` action may not last longer than terminationGracePeriodSeconds, so the API server rejects the pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const version = formatVersion(ctx.version);
    const grace = gracePeriod(spec);
    for (const c of spec.containers) {
      // Plain init containers may not have hooks at all (init-container-lifecycle) and ephemeral containers neither.
      if (c.role !== 'app' && !c.isSidecar) continue;
      const lifecycle = view.field(c.map, 'lifecycle');
      if (!lifecycle) continue;
      for (const hook of HOOKS) {
        const handler = view.field(lifecycle.value, hook);
        const sleep = view.field(handler?.value, 'sleep');
        if (!handler || !sleep) continue;
        if (OTHER_HANDLERS.some((h) => view.field(handler.value, h))) continue;
        const container = containerLabel(c);
        if (!supports(ctx.version, 'sleepAction')) {
          // 1.29 knows the field but its gate is off: dropPodLifecycleSleepAction removes the hook and the pod is accepted.
          // Older versions do not know the field, and a hook left with no handler is rejected.
          ctx.report({
            at: sleep.mergedVia ?? sleep.key,
            messageId: ctx.version.minor === FEATURES.sleepAction - 1 ? 'dropped' : 'unsupported',
            data: { hook, container, version, since: FEATURES.sleepAction },
            fixes: toExec(c, handler, sleep, ctx),
          });
          continue;
        }
        const seconds = view.field(sleep.value, 'seconds');
        const n = seconds ? view.num(seconds.value) : undefined;
        if (!seconds || n === undefined) continue;
        const at = seconds.mergedVia ?? seconds.rawValue ?? seconds.key;
        if (n === 0 && !supports(ctx.version, 'sleepActionZero')) {
          ctx.report({ at, messageId: 'zero', data: { hook, container, version, since: FEATURES.sleepActionZero }, fixes: removeHook(c, hook, ctx) });
        } else if (hook === 'postStart' && (grace.explicit || !grace.field) && grace.seconds >= 0 && n > grace.seconds) {
          // preStop sleeps longer than the grace period are reported by prestop-exceeds-grace.
          ctx.report({ at, messageId: 'postStartTooLong', data: { container, seconds: n, grace: graceText(grace, ctx.say) } });
        }
      }
    }
  },
};

/** Rewrites `sleep: {seconds: N}` as `exec: {command: ["sleep", "N"]}` in place, keeping the mapping's style. */
function toExec(c: Container, handler: Field, sleep: Field, ctx: RuleContext): Fix[] {
  const { view } = c.spec.owner;
  // Only text written for this hook is edited: a sleep mapping reached through an anchor or merge key may serve others.
  if (sleep.mergedVia || sleep.rawValue !== sleep.value || !isMap(sleep.value) || sleep.value.items.length !== 1 || hasAnchor(sleep.value)) return [];
  if (!isMap(handler.value) || !handler.value.items.includes(sleep.pair)) return [];
  const seconds = ownField(view, sleep.value, 'seconds');
  const n = seconds ? view.num(seconds.value) : undefined;
  if (!seconds || !seconds.value || seconds.rawValue !== seconds.value || hasAnchor(seconds.value) || n === undefined || !Number.isInteger(n) || n < 0)
    return [];
  const range = seconds.value.range;
  if (!range) return [];
  const changes = [
    ...replaceScalar(view, sleep.key, 'exec'),
    ...replaceScalar(view, seconds.key, 'command'),
    { start: range[0], end: range[1], newText: `["sleep", "${n}"]` },
  ];
  const title = ctx.say({
    en: `Replace the sleep action of "${containerLabel(c)}" with exec of \`sleep ${n}\` (needs a sleep binary in the image)`,
    'zh-cn': `将 "${containerLabel(c)}" 的 \`sleep\` 动作改为 exec 执行 \`sleep ${n}\`（镜像中需要有 sleep 命令）`,
  });
  return [{ title, changes, isPreferred: true }];
}

/** Removes a hook that sleeps 0 s (it does nothing), and `lifecycle` with it when that was its only hook. */
function removeHook(c: Container, hook: Hook, ctx: RuleContext): Fix[] {
  const { view } = c.spec.owner;
  const lifecycle = ownField(view, c.map, 'lifecycle');
  if (!lifecycle || lifecycle.rawValue !== lifecycle.value || !isMap(lifecycle.value) || hasAnchor(lifecycle.value)) return [];
  const own = ownField(view, lifecycle.value, hook);
  if (!own || hasAnchor(own.value)) return [];
  const changes = lifecycle.value.items.length === 1 ? removeField(view, c.map, lifecycle) : removeField(view, lifecycle.value, own);
  const title = ctx.say({
    en: `Remove the zero-second ${hook} hook of "${containerLabel(c)}"`,
    'zh-cn': `删除 "${containerLabel(c)}" 中休眠 0 秒的 \`${hook}\` 钩子`,
  });
  return [{ title, changes, isPreferred: true, safe: true }];
}
