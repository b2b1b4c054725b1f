// A plain init container whose command never finishes: the app containers never start.
import { containerLabel } from '../k8s/model';
import { insertField } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';
import { argvOf, neverExits } from '../k8s/shell';
import { supports } from '../k8s/versions';

export const rule: Rule = {
  meta: {
    id: 'init-container-never-exits',
    severity: 'warning',
    fixable: true,
    docs: {
      summary: 'A plain init container runs a command that never exits (`sleep infinity`, `tail -f`, an endless `while true` loop).',
      why:
        'Init containers run one after another and each must finish before the next one (and then the app) starts. One that never exits keeps the pod in ' +
        '`Init:0/1` forever and a rolling update never progresses. If it is meant to run beside the app, make it a native sidecar with `restartPolicy: Always` (Kubernetes 1.29+).',
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
      initContainers:
        - name: log-shipper
          image: busybox:1.36
          command: ["sh", "-c", "tail -F /var/log/app/app.log"]
      containers:
        - name: app
          image: example/app:1.0
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
      initContainers:
        - name: log-shipper
          image: busybox:1.36
          restartPolicy: Always
          command: ["sh", "-c", "tail -F /var/log/app/app.log"]
      containers:
        - name: app
          image: example/app:1.0
`,
      level:
        'A warning, not an error: the pod then never becomes ready, but "never exits" is read from the command (tail -f, sleep infinity, a server), which can be wrong.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#understanding-init-containers',
      sources: [
        'kubernetes.io/docs/concepts/workloads/pods/init-containers: "Init containers always run to completion. Each init container must complete successfully before the next one starts."',
        'kubernetes.io/docs/concepts/workloads/pods/sidecar-containers: native sidecars are init containers with restartPolicy: Always.',
      ],
      fixSafety: 'Making the container a native sidecar changes the pod: it keeps running beside the app and is stopped after it. Review before applying.',
    },
    messages: {
      neverExits:
        'init container never exits ({reason}). Init containers must finish before the app starts, so this pod never becomes ready. Make it a native sidecar (restartPolicy: Always) if it should run beside the app.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (c.role !== 'init' || c.isSidecar) continue;
      const argv = argvOf(c);
      const found = argv && neverExits(argv);
      if (!found) continue;
      const fixes: Fix[] = [];
      if (supports(ctx.version, 'nativeSidecars') && !view.field(c.map, 'restartPolicy')) {
        const changes = insertField(view, c.map, 'restartPolicy', ['Always'], ctx.eol, c.nameField);
        if (changes.length > 0)
          fixes.push({
            title: ctx.say({
              en: `Make "${containerLabel(c)}" a native sidecar (restartPolicy: Always)`,
              'zh-cn': `将 "${containerLabel(c)}" 改为原生边车容器（\`restartPolicy: Always\`）`,
            }),
            changes,
            isPreferred: true,
          });
      }
      ctx.report({ at: found.node, messageId: 'neverExits', data: { container: containerLabel(c), reason: found.reason }, fixes });
    }
  },
};
