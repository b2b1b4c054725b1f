// A probe or lifecycle hook that targets a port its container does not declare: a name the kubelet cannot resolve,
// or a number outside the container's declared ports.
import { isScalar, isSeq, YAMLSeq } from 'yaml';
import { Container, containerLabel } from '../k8s/model';
import { definesAnchor, ownField, replaceScalar } from '../yaml/edits';
import { declaredPorts, HandlerPort, handlerPorts, portNameProblems, probesAllowed, valueNode } from '../k8s/probes';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import type { DocView } from '../yaml/view';

// The kubelet throws away the result of a probe that errors (worker.doProbe: "Prober error, throw away the result"), and a
// port name it cannot resolve is an error, not a failure. So each probe keeps its initial result: liveness Success
// (it never restarts anything), startup Unknown (the container is never started), readiness Failure (never ready).
const CONSEQUENCE: Record<HandlerPort['owner'], { readonly en: string; readonly 'zh-cn': string }> = {
  livenessProbe: {
    en: 'every check errors and the kubelet throws the result away: the probe never restarts the container, even when the app hangs',
    'zh-cn': '每次检查都会出错，kubelet 会丢弃结果：即使应用卡死，这个探针也永远不会重启容器',
  },
  startupProbe: {
    en: 'every check errors and the kubelet throws the result away: the container is never marked started, its readiness and liveness probes never run and the pod stays unready, so a rollout stalls (nothing restarts it: no CrashLoopBackOff)',
    'zh-cn':
      '每次检查都会出错，kubelet 会丢弃结果：容器永远不会被标记为已启动，就绪探针和存活探针都不会执行，Pod 一直未就绪，滚动更新会卡住（也不会重启，没有 CrashLoopBackOff）',
  },
  readinessProbe: { en: 'every check errors and the pod never becomes ready', 'zh-cn': '每次检查都会出错，Pod 永远无法就绪' },
  postStart: { en: 'the hook fails and the kubelet kills the container', 'zh-cn': '钩子执行失败，kubelet 会杀掉容器' },
  preStop: { en: 'the hook fails and the container is stopped without it', 'zh-cn': '钩子执行失败，容器会在没有执行它的情况下被停止' },
};

export const rule: Rule = {
  meta: {
    id: 'probe-port-not-declared',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'A probe or lifecycle hook names a port the container does not declare (error), or checks a port number that is not among the ports the container declares (warning).',
      why:
        "The kubelet resolves a named port in the container's own `ports` list. When the name is not there, every probe check ends in an error, " +
        'and the kubelet throws errored results away ("Prober error, throw away the result"), so the probe keeps its initial state: ' +
        'a readinessProbe never passes, so the pod never receives Service traffic and a rollout stalls until its progress deadline (600 s by default); ' +
        'a startupProbe never completes, so the container is never marked started, its other probes never run and the pod stays unready; ' +
        'a livenessProbe never fires, so a hung app is never restarted. Nothing restarts the container and there is no CrashLoopBackOff: only ' +
        '"probe errored" events show the problem. An httpGet postStart hook on such a port fails and the container is killed. ' +
        'A number that the container does not declare often means the probe checks a stale or mistyped port.',
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
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: web}
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
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: http}
`,
      level:
        'An error for a port name the container does not declare: the probe can never succeed. A warning for an undeclared number, since declaring ports is optional and the process may well listen there.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port',
      sources: [
        "kubernetes/kubernetes pkg/probe/util.go ResolveContainerPort: a string port is looked up by name in the probed container's ports; when it is missing (and is not a number) the probe returns an error.",
        'kubernetes/kubernetes pkg/kubelet/prober/worker.go doProbe: "if err != nil { // Prober error, throw away the result" (the result cache keeps its initial value: Success for liveness, Unknown for startup, Failure for readiness); open issues kubernetes#106682 and #122591 ("Liveness probe with an error doesn\'t trigger container restart").',
        'kubernetes/kubernetes pkg/kubelet/lifecycle/handlers.go resolvePort: the same lookup for httpGet hooks ("couldn\'t find port: … in …"). The kubelet runs only exec, httpGet and sleep hooks (anything else is "invalid handler"), so tcpSocket hooks are not checked here.',
        'kubernetes.io/docs/concepts/containers/container-lifecycle-hooks: "If a PostStart hook fails, it kills the Container."',
        'Ports are shared by all containers of a pod, so a number that another container of the pod declares is not reported; an httpGet with a `host` targets another machine and is not reported either.',
      ],
      fixSafety:
        'Using the only port the container declares is the likely intent but changes what is checked: review it. Declaring a port number only documents it (and lets it be named); ' +
        'it is not offered with hostNetwork, where declared ports become host ports.',
    },
    messages: {
      name: '{what} uses port "{port}", which the container does not declare. The kubelet cannot resolve the name ({declared}), so {consequence}.',
      number: '{what} checks port {port}, which the container does not declare. Make sure the process listens there ({declared}).',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    // Containers of a pod share one network namespace: a port any of them declares is a port of the pod.
    const podPorts = new Set<number>();
    for (const c of spec.containers) for (const p of declaredPorts(c) ?? []) if (p.number !== undefined) podPorts.add(p.number);
    const hostNetwork = view.field(spec.map, 'hostNetwork');
    const onHostNetwork = hostNetwork === undefined ? false : view.str(hostNetwork.value) !== 'false';
    // Knative sets the probe ports of its serving container (the one with ports, or the only one) to the serving port.
    const apps = spec.containers.filter((c) => c.role === 'app');
    const knativeServing = (c: Container): boolean =>
      spec.workload?.traits?.fillsProbePort === true && c.role === 'app' && ((declaredPorts(c)?.length ?? 0) > 0 || apps.length === 1);
    for (const c of spec.containers) {
      if (!probesAllowed(c) || knativeServing(c)) continue;
      const ports = declaredPorts(c);
      if (!ports) continue;
      const names = ports.map((p) => p.name).filter((n): n is string => n !== undefined);
      const declared =
        ports.length === 0
          ? ctx.say({ en: 'it declares none', 'zh-cn': '它没有声明任何端口' })
          : ctx.say({
              en: `it declares ${ports.map((p) => (p.name ? `${p.name} (${p.number ?? '?'})` : String(p.number ?? '?'))).join(', ')}`,
              'zh-cn': `它声明的端口：${ports.map((p) => (p.name ? `${p.name}（${p.number ?? '?'}）` : String(p.number ?? '?'))).join('、')}`,
            });
      for (const hp of handlerPorts(c)) {
        // The kubelet never runs a tcpSocket hook, so its port is never resolved.
        if (hp.handler === 'tcpSocket' && (hp.owner === 'postStart' || hp.owner === 'preStop')) continue;
        const what = hp.owner === 'postStart' || hp.owner === 'preStop' ? `lifecycle.${hp.owner}` : hp.owner;
        const data = { what, container: containerLabel(c), port: String(hp.value), declared, consequence: ctx.say(CONSEQUENCE[hp.owner]) };
        if (typeof hp.value === 'string') {
          // grpc.port is an int32: a string there fails to decode, which is not a port lookup problem.
          if (hp.handler === 'grpc') continue;
          // Invalid names are invalid-port-name's finding; a name that may be templated in the list is not known.
          if (portNameProblems(hp.value).length > 0 || names.includes(hp.value)) continue;
          if (ports.some((p) => p.nameField && p.name === undefined)) continue;
          ctx.report({ at: valueNode(hp.field), messageId: 'name', data, fixes: useOnlyPort(view, c, hp, ctx) });
        } else if (typeof hp.value === 'number' && ports.length > 0) {
          if (ports.some((p) => p.number === undefined) || podPorts.has(hp.value)) continue;
          const host = hp.handler === 'httpGet' ? view.field(hp.handlerMap, 'host') : undefined;
          if (host && !view.isEmpty(host.value)) continue;
          const fixes = onHostNetwork ? [] : declarePort(view, c, hp.value, ctx);
          ctx.report({ at: valueNode(hp.field), messageId: 'number', severity: 'warning', data, fixes });
        }
      }
    }
  },
};

/** When the container declares exactly one port, point the handler at it. */
function useOnlyPort(view: DocView, c: Container, hp: HandlerPort, ctx: RuleContext): Fix[] {
  const only = declaredPorts(c);
  const port = only?.length === 1 ? only[0] : undefined;
  const raw = hp.field.rawValue;
  if (!port || hp.field.mergedVia || !raw || !isScalar(raw) || definesAnchor(raw) || port.protocol !== 'TCP') return [];
  const name = port.name !== undefined && portNameProblems(port.name).length === 0 ? port.name : undefined;
  let changes: TextChange[];
  if (name !== undefined) {
    changes = replaceScalar(view, raw, name);
  } else if (port.number !== undefined && raw.range && !raw.tag) {
    // A number is written bare: a quoted "8080" would be a (bad) port name.
    changes = [{ start: raw.range[0], end: raw.range[1], newText: String(port.number) }];
  } else {
    return [];
  }
  const target = name !== undefined ? `"${name}"` : String(port.number);
  const title = ctx.say({
    en: `Use port ${target}, the only port "${containerLabel(c)}" declares`,
    'zh-cn': `改用端口 ${target}（"${containerLabel(c)}" 声明的唯一端口）`,
  });
  return [{ title, changes, isPreferred: true }];
}

/** Appends `- containerPort: N` to the container's own `ports` list, in its style. */
function declarePort(view: DocView, c: Container, port: number, ctx: RuleContext): Fix[] {
  const { eol } = ctx;
  const f = ownField(view, c.map, 'ports');
  const seq = f?.rawValue;
  if (!f || !isSeq(seq) || definesAnchor(seq) || seq.items.length === 0 || !seq.range) return [];
  const changes = appendItem(view.chunk.text, seq, `containerPort: ${port}`, eol);
  if (changes.length === 0) return [];
  return [
    {
      title: ctx.say({
        en: `Declare port ${port} in the ports of "${containerLabel(c)}"`,
        'zh-cn': `在 "${containerLabel(c)}" 的 \`ports\` 中声明端口 ${port}`,
      }),
      changes,
    },
  ];
}

function appendItem(text: string, seq: YAMLSeq, entry: string, eol: string): TextChange[] {
  const range = seq.range;
  if (!range) return [];
  if (seq.flow) {
    // Right after the last item, never before the closing bracket: a comment may stand between the two.
    const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | null | undefined;
    const after = last?.range?.[1];
    if (after === undefined || after < range[0]) return [];
    return [{ start: after, end: after, newText: `, {${entry}}` }];
  }
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  if (text.slice(lineStart, range[0]).trim() !== '') return [];
  const indent = text.slice(lineStart, range[0]);
  const lastEnd = Math.max(range[1] - 1, range[0]);
  const nl = text.indexOf('\n', lastEnd);
  let at = nl < 0 ? text.length : nl;
  if (text.charCodeAt(at - 1) === 13) at--;
  return [{ start: at, end: at, newText: `${eol}${indent}- ${entry}` }];
}
