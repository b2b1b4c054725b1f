// Two containers of one pod with the same name: the API server rejects the pod.
import type { Node } from 'yaml';
import { replaceScalar } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';

export const rule: Rule = {
  meta: {
    id: 'duplicate-container-name',
    severity: 'error',
    fixable: true,
    docs: {
      summary: 'Two containers of a pod share a name, across initContainers, containers and ephemeralContainers.',
      why:
        'Container names identify containers for the kubelet, logs, `kubectl exec -c` and status. They must be unique within the pod across all three lists; ' +
        'the API server rejects a duplicate with "Duplicate value".',
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: app
      image: example/migrate:1.0
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
      url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#containers',
      sources: [
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateContainers / validateInitContainers check names against allNames (field.Duplicate).',
      ],
      fixSafety:
        'Renaming is safe for the API server, but anything that refers to the container by name (kubectl -c, log pipelines, a Service mesh annotation) must follow: review before applying.',
    },
    messages: {
      duplicate: 'container name "{name}" is already used by {first}. Names must be unique across initContainers, containers and ephemeralContainers.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const taken = new Set(spec.containers.map((c) => c.name).filter((n): n is string => n !== undefined));
    const seen = new Map<string, string>();
    const firstName = new Map<string, Node>();
    const lists = { init: 'initContainers', app: 'containers', ephemeral: 'ephemeralContainers' } as const;
    for (const c of spec.containers) {
      if (c.name === undefined || !c.nameField) continue;
      const first = seen.get(c.name);
      if (first !== undefined) {
        const fixes: Fix[] = [];
        const value = c.nameField.rawValue;
        // Rename the later container to the first free `<name>-2`, `<name>-3`, ...; not through an alias or merge key.
        if (value && value === c.nameField.value && !c.nameField.mergedVia && !view.isTemplated(value)) {
          let n = 2;
          while (taken.has(`${c.name}-${n}`)) n++;
          const fresh = `${c.name}-${n}`.slice(0, 63);
          taken.add(fresh);
          fixes.push({
            title: ctx.say({ en: `Rename this container to "${fresh}"`, 'zh-cn': `将这个容器重命名为 "${fresh}"` }),
            changes: replaceScalar(view, value, fresh),
            isPreferred: true,
          });
        }
        // The container that holds the name first: shown beside the finding.
        const other = firstName.get(c.name);
        const relatedAt = other
          ? [{ at: other, message: ctx.say({ en: `the first container named "${c.name}"`, 'zh-cn': `第一个名为 "${c.name}" 的容器` }) }]
          : [];
        ctx.report({ at: value ?? c.nameField.key, messageId: 'duplicate', data: { name: c.name, first }, fixes, relatedAt });
      } else {
        seen.set(c.name, `${lists[c.role]}[${c.index}]`);
        firstName.set(c.name, c.nameField.rawValue ?? c.nameField.key);
      }
    }
  },
};
