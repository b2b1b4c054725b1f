// A native sidecar that serves ports but has no startupProbe: the app may start before the sidecar is ready.
import { containerAnchor, containerLabel } from '../k8s/model';
import type { Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'sidecar-no-startup-probe',
    severity: 'info',
    reportsAbsence: true,
    docs: {
      summary: 'A native sidecar declares ports but no startupProbe.',
      why:
        'The kubelet starts the next init container (and finally the app containers) as soon as a native sidecar has started, or, when it has a startupProbe, ' +
        'once that probe succeeds. Without one, the app may start and send requests through a proxy or to a local service that is not listening yet.',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: example/proxy:1.0
      restartPolicy: Always
      ports:
        - containerPort: 15001
  containers:
    - name: app
      image: example/app:1.0
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: example/proxy:1.0
      restartPolicy: Always
      ports:
        - containerPort: 15001
      startupProbe:
        tcpSocket:
          port: 15001
        periodSeconds: 1
        failureThreshold: 30
  containers:
    - name: app
      image: example/app:1.0
`,
      level: 'An info: the race only matters if the app needs the sidecar at its first request, and many apps retry.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#sidecar-containers-and-pod-lifecycle',
      sources: [
        'Container.restartPolicy API description: "the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed."',
      ],
    },
    messages: {
      noStartupProbe:
        'native sidecar serves port {port} but has no startupProbe. The containers after it start as soon as it has started, possibly before it listens.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!c.isSidecar || view.field(c.map, 'startupProbe')) continue;
      const ports = view.seq(view.field(c.map, 'ports')?.value);
      if (!ports || ports.items.length === 0) continue;
      const first = view.at(ports, 0, 'containerPort');
      const port = view.str(first) ?? ctx.say({ en: '(declared)', 'zh-cn': '（已声明的端口）' });
      ctx.report({ at: containerAnchor(c), messageId: 'noStartupProbe', data: { container: containerLabel(c), port } });
    }
  },
};
