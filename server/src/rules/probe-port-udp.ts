// A tcpSocket, httpGet or grpc probe aimed at a port its container declares only with `protocol: UDP`: those probes
// speak TCP, so nothing answers and the probe can never succeed.
import type { Rule } from '../engine/rule';
import { containerLabel } from '../k8s/model';
import { declaredPorts, handlerPorts, probesAllowed, valueNode } from '../k8s/probes';
import type { ProbeKind } from '../k8s/probes';

const CONSEQUENCE: Record<ProbeKind, { readonly en: string; readonly 'zh-cn': string }> = {
  livenessProbe: {
    en: 'every check fails and the kubelet restarts the container again and again',
    'zh-cn': '每次检查都会失败，kubelet 会反复重启容器',
  },
  startupProbe: {
    en: 'the container never counts as started and is restarted after every failureThreshold checks',
    'zh-cn': '容器永远不会被视为已启动，每失败 `failureThreshold` 次就会被重启',
  },
  readinessProbe: { en: 'the pod never becomes ready and the rollout stalls', 'zh-cn': '这个 Pod 永远无法就绪，滚动更新会卡住' },
};

export const rule: Rule = {
  meta: {
    id: 'probe-port-udp',
    severity: 'error',
    docs: {
      summary: 'A tcpSocket, httpGet or grpc probe checks a port that its container declares with `protocol: UDP` (by name or by number).',
      why:
        'tcpSocket probes open a TCP connection, and httpGet and grpc probes send their request over TCP. A process that listens on a UDP port ' +
        '(DNS, syslog, StatsD, QUIC) does not accept TCP connections there, so every check fails: a livenessProbe restarts the container ' +
        'forever, a startupProbe never lets it start, and a readinessProbe keeps the pod out of its Services and stalls the rollout. ' +
        'A UDP service needs an exec probe (or a TCP health port of its own).',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns
spec:
  selector:
    matchLabels: {app: dns}
  template:
    metadata:
      labels: {app: dns}
    spec:
      containers:
        - name: dns
          image: example/dns:1.0
          ports:
            - {name: dns, containerPort: 53, protocol: UDP}
          readinessProbe:
            tcpSocket: {port: dns}
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns
spec:
  selector:
    matchLabels: {app: dns}
  template:
    metadata:
      labels: {app: dns}
    spec:
      containers:
        - name: dns
          image: example/dns:1.0
          ports:
            - {name: dns, containerPort: 53, protocol: UDP}
            - {name: health, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: health}
`,
      level: 'An error: a TCP check on a UDP-only port can never succeed, so the probe always fails.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-tcp-liveness-probe',
      sources: [
        'kubernetes/kubernetes pkg/probe/tcp/tcp.go DoTCPProbe dials the address over "tcp"; a refused connection is a Failure. pkg/probe/http/request.go and pkg/probe/grpc/grpc.go speak HTTP and gRPC over TCP.',
        "kubernetes/kubernetes pkg/probe/util.go ResolveContainerPort: a named port is looked up in the probed container's ports and resolves to its containerPort, whatever its protocol.",
        'OpenAPI io.k8s.api.core.v1.ContainerPort.protocol: "Protocol for port. Must be UDP, TCP, or SCTP. Defaults to TCP" (quoted without its inner quotes).',
        'See docs/research/k8s-facts.md section 17. A number that any container of the pod also declares with TCP (a DNS server on 53/TCP and 53/UDP) is not reported; neither is an httpGet with a `host`.',
      ],
    },
    messages: {
      udp: '{what} checks port {port} over TCP. The container declares it as UDP only: nothing accepts the connection, so {consequence}.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    // Knative rewrites every probe's port to its serving port: the port written is not the one probed.
    if (!spec || spec.workload?.traits?.fillsProbePort) return;
    const { view } = obj;
    // Port numbers any container of the pod declares for TCP (or without a protocol, which is TCP).
    const tcp = new Set<number>();
    for (const c of spec.containers) {
      for (const p of declaredPorts(c) ?? []) if (p.number !== undefined && p.protocol !== 'UDP') tcp.add(p.number);
    }
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      const ports = declaredPorts(c);
      if (!ports || ports.length === 0) continue;
      for (const hp of handlerPorts(c)) {
        if (hp.owner !== 'livenessProbe' && hp.owner !== 'readinessProbe' && hp.owner !== 'startupProbe') continue;
        if (hp.value === undefined) continue;
        const host = hp.handler === 'httpGet' ? view.field(hp.handlerMap, 'host') : undefined;
        if (host && !view.isEmpty(host.value)) continue;
        const matching = typeof hp.value === 'string' ? ports.filter((p) => p.name === hp.value) : ports.filter((p) => p.number === hp.value);
        // Only a port declared, with a known protocol, as UDP and nothing else.
        if (matching.length === 0 || !matching.every((p) => p.protocol === 'UDP')) continue;
        const number = typeof hp.value === 'number' ? hp.value : matching[0]?.number;
        if (number === undefined || tcp.has(number)) continue;
        const port = typeof hp.value === 'string' ? ctx.say({ en: `"${hp.value}" (${number}/UDP)`, 'zh-cn': `"${hp.value}"（${number}/UDP）` }) : `${number}`;
        const data = { what: hp.owner, container: containerLabel(c), port, consequence: ctx.say(CONSEQUENCE[hp.owner]) };
        ctx.report({ at: valueNode(hp.field), messageId: 'udp', data });
      }
    }
  },
};
