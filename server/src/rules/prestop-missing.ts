// A serving container of a rolling-updated workload with no preStop hook: it gets SIGTERM while still in the endpoints.
import { isMap } from 'yaml';
import { Container, containerAnchor, containerLabel, isServing, K8sObject } from '../k8s/model';
import { hasAnchor, indentUnit, insertField, ownField } from '../yaml/edits';
import type { Fix, Rule, RuleContext, Severity, TextChange } from '../engine/rule';
import { gracePeriod } from '../k8s/termination';
import { replicasOf } from '../k8s/rollout';
import { supports } from '../k8s/versions';

/** How long the suggested hook sleeps: enough for endpoint updates to reach kube-proxy and most ingress controllers. */
const SLEEP_SECONDS = 5;
/** The smallest grace period for which the fix is offered: the sleep must leave the app time to shut down. */
const MIN_GRACE_FOR_FIX = 10;

export const rule: Rule = {
  meta: {
    id: 'prestop-missing',
    // A hint by default; an info when the workload runs several replicas behind a Service of the workspace (`levelOf`).
    severity: 'hint',
    fixable: true,
    reportsAbsence: true,
    scope: 'workspace',
    reads: ['services', 'autoscalers'],
    docs: {
      summary: 'A serving container (one with ports, in a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController) has no preStop hook.',
      why:
        'When a pod is deleted (rollout, scale-down, drain), two things start at the same moment: the kubelet sends SIGTERM to the containers, and the ' +
        "control plane removes the pod from the Service's EndpointSlices. kube-proxy on every node, ingress controllers and service meshes learn about the " +
        'removal asynchronously, often a second or more later, and keep sending new connections to the pod meanwhile. An app that stops accepting ' +
        'connections on SIGTERM answers them with connection refused or resets: errors on every rollout. A preStop hook that sleeps a few seconds keeps ' +
        'the app serving until the endpoint removal has propagated; SIGTERM follows when the hook ends. The fix adds a 5 s sleep (the `sleep` action from ' +
        'Kubernetes 1.30, otherwise `exec` of `sleep`), which stays well inside the default 30 s grace period.',
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
              sleep:
                seconds: 5
`,
      level:
        'A hint by default, and an info when the workload runs several pods (replicas above 1, an autoscaler, or a DaemonSet) behind a Service of the workspace: dropped connections during a rollout only matter for served traffic, and most serving containers without a hook lose nothing a user sees.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
      sources: [
        'kubernetes.io pod-lifecycle #pod-termination-flow: while the kubelet starts the graceful shutdown (preStop, then TERM), "the control plane evaluates whether to remove that shutting-down Pod from EndpointSlice"; the two proceed independently.',
        'kubernetes.io concepts/services-networking/endpoint-slices: kube-proxy and other consumers watch EndpointSlices and update asynchronously.',
        'OpenAPI Lifecycle.preStop: the hook runs before the container is terminated, within the grace period.',
        'Sleep action availability: PodLifecycleSleepAction beta (on by default) from 1.30 (docs/research/k8s-facts.md section 7).',
      ],
      fixSafety:
        'Not applied blind: the hook delays every pod shutdown by 5 s (rollouts take longer), and before 1.30 the `exec` form needs a `sleep` binary in the image (distroless and scratch images have none). The fix is not offered when the grace period is under 10 s.',
    },
    messages: {
      missing:
        'serving container has no preStop hook. It gets SIGTERM at the same moment the pod starts leaving the Service endpoints, and kube-proxy and ingress controllers, which update asynchronously, keep sending it new requests for a few seconds while it shuts down.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    // Knative drains requests through its queue-proxy before the app gets SIGTERM, and rejects `lifecycle`.
    if (!spec || spec.workload?.traits?.drainsOnShutdown) return;
    const { view } = obj;
    const grace = gracePeriod(spec);
    // With a grace period of 0 no hook runs at all (termination-grace-zero reports that).
    if (grace.explicit && grace.seconds <= 0) return;
    let level: Severity | undefined;
    for (const c of spec.containers) {
      if (!isServing(c)) continue;
      const lifecycle = view.field(c.map, 'lifecycle');
      // A lifecycle that is not a known mapping (a template, an alias to something else) may well hold a hook.
      if (lifecycle && !view.isEmpty(lifecycle.value) && !view.map(lifecycle.value)) continue;
      if (lifecycle && view.field(lifecycle.value, 'preStop')) continue;
      const fixes = grace.explicit || !grace.field ? addHook(c, grace.seconds, ctx) : [];
      ctx.report({ at: containerAnchor(c), messageId: 'missing', data: { container: containerLabel(c) }, fixes, severity: (level ??= levelOf(obj, ctx)) });
    }
  },
};

/**
 * Info when connections are really dropped: the workload runs several pods (replicas above 1, an autoscaler, or a
 * DaemonSet's pod per node) and a Service of the workspace surely selects them, so clients reach the pods through
 * endpoints that lag behind the shutdown. Otherwise a hint: a single pod or one no Service fronts (a worker, a
 * metrics port) loses nothing a user sees, or goes down for the whole rollout anyway.
 */
function levelOf(obj: K8sObject, ctx: RuleContext): Severity {
  const several =
    obj.podSpec?.workloadKind === 'DaemonSet' ||
    (replicasOf(obj)?.count ?? 1) > 1 ||
    ctx.workspace.autoscalersOf(obj).some((a) => a.facts.scaleTarget?.name === obj.name);
  return several && ctx.workspace.servicesFor(obj).some((r) => r.selects === true) ? 'info' : 'hint';
}

/** Adds a preStop hook that sleeps SLEEP_SECONDS, as a `sleep` action where the version has it, else as exec of sleep. */
function addHook(c: Container, grace: number, ctx: RuleContext): Fix[] {
  if (grace < MIN_GRACE_FOR_FIX) return [];
  const { view } = c.spec.owner;
  const step = ' '.repeat(indentUnit(view.chunk.text));
  const action = supports(ctx.version, 'sleepAction');
  const handlerFlow = action ? `{sleep: {seconds: ${SLEEP_SECONDS}}}` : `{exec: {command: ["sleep", "${SLEEP_SECONDS}"]}}`;
  const handlerBlock = action ? ['sleep:', `${step}seconds: ${SLEEP_SECONDS}`] : ['exec:', `${step}command: ["sleep", "${SLEEP_SECONDS}"]`];
  let changes: TextChange[] = [];
  const lifecycle = view.field(c.map, 'lifecycle');
  if (!lifecycle) {
    changes = c.map.flow
      ? insertField(view, c.map, 'lifecycle', [`{preStop: ${handlerFlow}}`], ctx.eol)
      : insertField(view, c.map, 'lifecycle', ['preStop:', ...handlerBlock.map((l) => `${step}${l}`)], ctx.eol);
  } else {
    const own = ownField(view, c.map, 'lifecycle');
    // Only a lifecycle mapping written in this container is edited; a shared (anchored or merged) one serves others too.
    if (!own || own.rawValue !== own.value || !isMap(own.value) || hasAnchor(own.value)) return [];
    const map = own.value;
    changes =
      map.flow || map.items.length === 0 ? insertField(view, map, 'preStop', [handlerFlow], ctx.eol) : insertField(view, map, 'preStop', handlerBlock, ctx.eol);
  }
  if (changes.length === 0) return [];
  const title = action
    ? ctx.say({
        en: `Add a preStop hook that sleeps ${SLEEP_SECONDS} s to "${containerLabel(c)}"`,
        'zh-cn': `为 "${containerLabel(c)}" 添加休眠 ${SLEEP_SECONDS} 秒的 preStop 钩子`,
      })
    : ctx.say({
        en: `Add a preStop hook that runs \`sleep ${SLEEP_SECONDS}\` in "${containerLabel(c)}" (needs a sleep binary in the image)`,
        'zh-cn': `为 "${containerLabel(c)}" 添加执行 \`sleep ${SLEEP_SECONDS}\` 的 preStop 钩子（镜像中需要有 sleep 命令）`,
      });
  return [{ title, changes, isPreferred: true }];
}
