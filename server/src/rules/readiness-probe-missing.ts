// A serving container (long-running workload, declares ports) without a readinessProbe.
import { Container, containerAnchor, containerLabel, isServing } from '../k8s/model';
import { indentUnit, insertField, isBlockMap } from '../yaml/edits';
import { declaredPorts, portNameProblems, probeOf } from '../k8s/probes';
import type { Fix, Rule, RuleContext } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'readiness-probe-missing',
    severity: 'warning',
    fixable: true,
    reportsAbsence: true,
    docs: {
      summary: 'An app container of a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController declares ports but has no readinessProbe.',
      why:
        'Without a readinessProbe a container counts as ready the moment its process starts. A rolling update then moves on as soon as each new pod is running ' +
        '(with the default maxUnavailable 25% and maxSurge 25%, a 4-replica Deployment replaces every pod within seconds), and Services send requests to pods ' +
        'that are still loading caches or opening connections, which answer with connection refused or 503 until they are up.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
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
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
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
            httpGet:
              path: /
              port: http
          livenessProbe:
            tcpSocket:
              port: http
          lifecycle:
            preStop:
              sleep:
                seconds: 5
`,
      level:
        'A warning: without a readiness probe a rolling update counts pods available the moment they start, so maxUnavailable protects nothing and Services send traffic to pods that cannot answer yet.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes',
      sources: [
        'kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes: "If a container does not provide a readiness probe, the default state is Success."',
        'kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment: a rolling update counts a new pod as available once it is ready (for minReadySeconds).',
        'Defaults of RollingUpdateDeployment (maxSurge 25%, maxUnavailable 25%): docs/research/k8s-facts.md section 9.',
      ],
      fixSafety:
        'The inserted probe checks the first declared port: an HTTP GET of / on a port named http… (HTTPS for a port named https…), otherwise a TCP connect. ' +
        'It is a starting point, not a guaranteed match: if / answers with an error status the pods never become ready, so review the path before applying it.',
    },
    messages: {
      missing:
        'serves port {port} but has no readinessProbe. It counts as ready as soon as it starts, so a rolling update moves on and Services send it traffic before it can answer.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    // Knative gives a container without a readiness probe a TCP probe on its serving port.
    if (!spec || spec.workload?.traits?.defaultReadinessProbe) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!isServing(c)) continue;
      const existing = view.field(c.map, 'readinessProbe');
      // `readinessProbe:` with no value is read as null, which the API treats as no probe at all.
      if (existing && !view.isEmpty(existing.value)) continue;
      const ports = declaredPorts(c);
      const first = ports?.[0];
      const port = first?.name ?? (first?.number !== undefined ? String(first.number) : ctx.say({ en: '(declared)', 'zh-cn': '（已声明的端口）' }));
      ctx.report({
        at: containerAnchor(c),
        messageId: 'missing',
        data: { container: containerLabel(c), port },
        fixes: existing ? [] : fixFor(c, ctx.eol, ctx.say),
      });
    }
  },
};

/** The probe the fix inserts, built from the container's first declared port. */
function fixFor(c: Container, eol: string, say: RuleContext['say']): Fix[] {
  const { view } = c.spec.owner;
  const first = declaredPorts(c)?.[0];
  if (!first || first.protocol !== 'TCP') return [];
  // A port with an invalid name would carry that error into the new probe: refer to it by number then.
  const name = first.name !== undefined && portNameProblems(first.name).length === 0 ? first.name : undefined;
  const port = name ?? first.number;
  if (port === undefined) return [];
  const step = ' '.repeat(indentUnit(view.chunk.text));
  let handler: string;
  let body: string[];
  let title: string;
  if (name !== undefined && name.startsWith('http')) {
    const https = /^https(-|$)/.test(name);
    handler = 'httpGet';
    body = ['path: /', `port: ${port}`, ...(https ? ['scheme: HTTPS'] : [])];
    title = say({
      en: `Add a readinessProbe: HTTP${https ? 'S' : ''} GET / on port ${port}`,
      'zh-cn': `添加就绪探针：对端口 ${port} 发送 HTTP${https ? 'S' : ''} GET /`,
    });
  } else {
    handler = 'tcpSocket';
    body = [`port: ${port}`];
    title = say({ en: `Add a readinessProbe: TCP connect to port ${port}`, 'zh-cn': `添加就绪探针：TCP 连接端口 ${port}` });
  }
  // A readinessProbe identical to an existing livenessProbe would trade this finding for liveness-equals-readiness:
  // in that case the new probe checks twice as often as the liveness probe.
  const liveness = probeOf(c, 'livenessProbe');
  const timings = liveness && liveness.timings.periodSeconds.value === 10 ? ['periodSeconds: 5'] : [];
  const ports = view.field(c.map, 'ports');
  const changes = isBlockMap(c.map)
    ? insertField(view, c.map, 'readinessProbe', [`${handler}:`, ...body.map((l) => `${step}${l}`), ...timings], eol, ports)
    : insertField(view, c.map, 'readinessProbe', [`{${handler}: {${body.join(', ')}}${timings.map((t) => `, ${t}`).join('')}}`], eol, ports);
  if (changes.length === 0) return [];
  return [{ title, changes, isPreferred: true }];
}
