// Lifecycle hooks on a plain init container: the API server rejects the pod.
import { containerLabel } from '../k8s/model';
import { ownField, removeField } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'init-container-lifecycle',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A plain init container (no `restartPolicy: Always`) declares `lifecycle` hooks.',
      why:
        'A plain init container runs to completion before the app starts: it is never stopped by the kubelet while running, so a preStop hook could not run, ' +
        'and the API server rejects the pod ("may not be set for init containers without restartPolicy=Always"). Native sidecars may have lifecycle hooks.',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: example/migrate:1.0
      lifecycle:
        preStop:
          exec:
            command: ["sleep", "5"]
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
    - name: migrate
      image: example/migrate:1.0
  containers:
    - name: app
      image: example/app:1.0
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#differences-from-regular-containers',
      sources: [
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateInitContainers, "may not be set for init containers without restartPolicy=Always".',
        'kubernetes.io/docs/concepts/workloads/pods/init-containers: regular init containers do not support lifecycle.',
      ],
      fixSafety: 'Safe: the API server would not accept the hook.',
    },
    messages: {
      lifecycle:
        '`lifecycle` is not allowed on an init container. Only native sidecars (`restartPolicy: Always`) may have hooks, and the API server rejects this pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (c.role !== 'init' || c.isSidecar) continue;
      const f = view.field(c.map, 'lifecycle');
      if (!f) continue;
      const own = ownField(view, c.map, 'lifecycle');
      const fixes: Fix[] = own
        ? [
            {
              title: ctx.say({
                en: `Remove lifecycle from init container "${containerLabel(c)}"`,
                'zh-cn': `删除 Init 容器 "${containerLabel(c)}" 的 \`lifecycle\``,
              }),
              changes: removeField(view, c.map, own),
              isPreferred: true,
              safe: true,
            },
          ]
        : [];
      ctx.report({ at: f.mergedVia ?? f.key, messageId: 'lifecycle', data: { container: containerLabel(c) }, fixes });
    }
  },
};
