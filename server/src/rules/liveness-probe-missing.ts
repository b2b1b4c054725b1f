// A serving container (long-running workload, declares ports) without a livenessProbe.
import { containerAnchor, containerLabel, isServing } from '../k8s/model';
import { declaredPorts } from '../k8s/probes';
import type { Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'liveness-probe-missing',
    severity: 'hint',
    reportsAbsence: true,
    docs: {
      summary: 'An app container of a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController declares ports but has no livenessProbe.',
      why:
        'The kubelet restarts a container on its own only when its process exits. A server that deadlocks or stops accepting connections without exiting ' +
        'stays in place for good: without a readinessProbe it keeps receiving its share of the traffic (one in four requests with 4 replicas) and fails it; ' +
        'with one it drops out of the Service and the workload runs one replica short until someone deletes the pod.',
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
            httpGet: {path: /ready, port: http}
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
          livenessProbe:
            httpGet: {path: /healthz, port: http}
`,
      level:
        'A hint: the Kubernetes docs say a container that crashes on its own when it is unhealthy does not need a liveness probe, and a badly tuned one does more harm than none; the hint is for apps that can hang without exiting.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command',
      sources: [
        'kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#when-should-you-use-a-liveness-probe: "If the process in your container is able to crash on its own whenever it encounters an issue or becomes unhealthy, you do not necessarily need a liveness probe; the kubelet will automatically perform the correct action in accordance with the Pod\'s restartPolicy."',
        'kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes: "If a container does not provide a liveness probe, the default state is Success."',
      ],
    },
    messages: {
      missing: 'serves port {port} but has no livenessProbe. If it hangs without exiting, the kubelet never restarts it.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!isServing(c)) continue;
      const existing = view.field(c.map, 'livenessProbe');
      // `livenessProbe:` with no value is read as null, which the API treats as no probe at all.
      if (existing && !view.isEmpty(existing.value)) continue;
      const first = declaredPorts(c)?.[0];
      const port = first?.name ?? (first?.number !== undefined ? String(first.number) : ctx.say({ en: '(declared)', 'zh-cn': '（已声明的端口）' }));
      ctx.report({ at: containerAnchor(c), messageId: 'missing', data: { container: containerLabel(c), port } });
    }
  },
};
