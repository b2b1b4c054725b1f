// Probes on a plain init container: the API server rejects the pod.
import { containerLabel } from '../k8s/model';
import { insertField, ownField, removeField } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';
import { neverExits, argvOf } from '../k8s/shell';
import { supports } from '../k8s/versions';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const rule: Rule = {
  meta: {
    id: 'init-container-probe',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'A plain init container (no `restartPolicy: Always`) declares a livenessProbe, readinessProbe or startupProbe.',
      why:
        'Plain init containers run to completion one after another before the app starts, so there is nothing to probe. ' +
        'The API server rejects the whole pod (or the Deployment that templates it) with "Forbidden: may not be set for init containers without restartPolicy=Always" ' +
        '(before 1.28: "must not be set for init containers"). A StatefulSet\'s template is only checked from 1.34: before, the StatefulSet is accepted and the controller fails to create its pods. ' +
        'Only native sidecars (init containers with `restartPolicy: Always`, Kubernetes 1.29+) may have probes.',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: example/migrate:1.0
      readinessProbe:
        exec:
          command: ["true"]
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
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateInitContainers rejects lifecycle, livenessProbe, readinessProbe and startupProbe on init containers whose restartPolicy is not Always ("may not be set for init containers without restartPolicy=Always").',
        'kubernetes.io/docs/concepts/workloads/pods/init-containers: "Regular init containers ... do not support the lifecycle, livenessProbe, readinessProbe, or startupProbe fields."',
      ],
      fixSafety:
        'Removing the probe is safe: the API server would not accept it anyway. Making the container a native sidecar changes how the pod starts and is offered only where the container looks like one (it never exits).',
    },
    messages: {
      probe:
        '`{probe}` is not allowed on an init container. Only native sidecars (`restartPolicy: Always`) may have probes, and the API server rejects this pod.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (c.role !== 'init' || c.isSidecar) continue;
      for (const probe of PROBES) {
        const f = view.field(c.map, probe);
        if (!f) continue;
        const fixes: Fix[] = [];
        const own = ownField(view, c.map, probe);
        if (own)
          fixes.push({
            title: ctx.say({
              en: `Remove ${probe} from init container "${containerLabel(c)}"`,
              'zh-cn': `删除 Init 容器 "${containerLabel(c)}" 的 \`${probe}\``,
            }),
            changes: removeField(view, c.map, own),
            isPreferred: true,
            safe: true,
          });
        const argv = argvOf(c);
        const restart = view.field(c.map, 'restartPolicy');
        if (supports(ctx.version, 'nativeSidecars') && !restart && argv && neverExits(argv)) {
          const changes = insertField(view, c.map, 'restartPolicy', ['Always'], ctx.eol, c.nameField);
          if (changes.length > 0)
            fixes.push({
              title: ctx.say({
                en: `Make "${containerLabel(c)}" a native sidecar (restartPolicy: Always)`,
                'zh-cn': `将 "${containerLabel(c)}" 改为原生边车容器（\`restartPolicy: Always\`）`,
              }),
              changes,
            });
        }
        ctx.report({ at: f.mergedVia ?? f.key, messageId: 'probe', data: { probe, container: containerLabel(c) }, fixes });
      }
    }
  },
};
