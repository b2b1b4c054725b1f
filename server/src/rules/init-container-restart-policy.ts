// A container-level restartPolicy that the API server rejects (before 1.34) or silently drops (1.34) for the target version.
import { Container, containerLabel } from '../k8s/model';
import { ownField, removeField, replaceScalar } from '../yaml/edits';
import type { Fix, Rule } from '../engine/rule';
import { argvOf, neverExits } from '../k8s/shell';
import { FEATURES, supports } from '../k8s/versions';

const POLICIES = ['Always', 'OnFailure', 'Never'];

export const rule: Rule = {
  meta: {
    id: 'init-container-restart-policy',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        "An init container's `restartPolicy` is not `Always`, or an app container sets `restartPolicy` where the target Kubernetes version does not allow one.",
      why:
        'Before container restart rules (ContainerRestartRules, on by default from 1.35), the only value an init container accepts is `Always`, ' +
        'which turns it into a native sidecar; app containers may not set the field at all. Up to 1.33 the API server rejects the pod. ' +
        'In 1.34 the gate exists but is off, and the API server silently drops those values instead: the pod is accepted and the container ' +
        "follows the pod's restartPolicy, so the policy written here never applies.",
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: example/migrate:1.0
      restartPolicy: OnFailure
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
      exampleVersion: '1.33',
      level:
        'An error where the API server rejects the value; where it silently drops it, still an error, because the container then behaves unlike what is written.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-policy',
      sources: [
        "kubernetes/kubernetes pkg/api/pod/util.go dropContainerRestartRules: with ContainerRestartRules off (1.34), an init container's restartPolicy other than Always and every app container's restartPolicy are dropped before validation.",
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateInitContainers / validateContainers (container restartPolicy).',
        'kubernetes/website feature-gates/ContainerRestartRules.md and SidecarContainers.md for the versions.',
        'API description of Container.restartPolicy in v1.29-v1.33: "This field may only be set for init containers, and the only allowed value is \\"Always\\"".',
        'Before 1.34 the API server answers "Unsupported value: \\"OnFailure\\": supported values: \\"Always\\"" (init) and "Forbidden: may not be set for non-init containers" (app); in 1.34, with ContainerRestartRules off by default, it silently drops the field. See docs/research/k8s-facts.md section 2.',
      ],
      fixSafety:
        'Removing the field keeps the pod-level restart behaviour and is safe. Setting `Always` makes the container a native sidecar: it then runs for the life of the pod.',
    },
    messages: {
      initOnlyAlways:
        'init container restartPolicy "{value}" is rejected by Kubernetes {version}. It accepts only "Always" here (a native sidecar); other container restart policies need 1.{since}.',
      invalidValue: 'restartPolicy "{value}" is not one of Always, OnFailure, Never. The API server rejects the pod.',
      appNotAllowed:
        "restartPolicy on an app container is rejected by Kubernetes {version}. Container restart rules need 1.{since}. Set the pod's restartPolicy instead.",
      initDropped:
        'init container restartPolicy "{value}" is silently dropped. Container restart rules are off by default in Kubernetes {version} (on from 1.{since}), so the init container follows the pod\'s restartPolicy.',
      appDropped:
        "restartPolicy on an app container is silently dropped. Container restart rules are off by default in Kubernetes {version} (on from 1.{since}), so the container follows the pod's restartPolicy. Set the pod's restartPolicy instead.",
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const version = `1.${ctx.version.minor}`;
    const since = FEATURES.containerRestartRules;
    const rulesOn = supports(ctx.version, 'containerRestartRules');
    // 1.34 has the ContainerRestartRules gate, off: dropContainerRestartRules (pkg/api/pod/util.go) removes the values
    // instead of validation rejecting them.
    const dropped = ctx.version.minor === since - 1;
    for (const c of spec.containers) {
      if (c.role === 'ephemeral') continue;
      const f = view.field(c.map, 'restartPolicy');
      if (!f) continue;
      const value = view.str(f.value);
      if (value === undefined) continue;
      const at = f.mergedVia ?? f.rawValue ?? f.key;
      const data = { container: containerLabel(c), value, version, since };
      if (!POLICIES.includes(value)) {
        ctx.report({ at, messageId: 'invalidValue', data, fixes: fixesFor(c, f.value, value, true) });
      } else if (c.role === 'init' && value !== 'Always' && !rulesOn) {
        ctx.report({ at, messageId: dropped ? 'initDropped' : 'initOnlyAlways', data, fixes: fixesFor(c, f.value, value, true) });
      } else if (c.role === 'app' && !rulesOn) {
        ctx.report({ at, messageId: dropped ? 'appDropped' : 'appNotAllowed', data, fixes: fixesFor(c, f.value, value, false) });
      }
    }

    function fixesFor(c: Container, valueNode: unknown, value: string, offerAlways: boolean): Fix[] {
      const fixes: Fix[] = [];
      const own = ownField(view, c.map, 'restartPolicy');
      if (!own) return fixes;
      const argv = argvOf(c);
      const looksLikeSidecar = c.role === 'init' && argv !== undefined && neverExits(argv) !== undefined;
      fixes.push({
        title: ctx.say({ en: `Remove restartPolicy from "${containerLabel(c)}"`, 'zh-cn': `删除 "${containerLabel(c)}" 的 \`restartPolicy\`` }),
        changes: removeField(view, c.map, own),
        isPreferred: !looksLikeSidecar,
        safe: !looksLikeSidecar,
      });
      if (offerAlways && c.role === 'init' && value !== 'Always' && own.value && valueNode === own.value) {
        fixes.push({
          title: ctx.say({
            en: `Set restartPolicy: Always (make "${containerLabel(c)}" a native sidecar)`,
            'zh-cn': `将 \`restartPolicy\` 设为 Always（把 "${containerLabel(c)}" 改为原生边车容器）`,
          }),
          changes: replaceScalar(view, own.value, 'Always'),
          isPreferred: looksLikeSidecar,
        });
      }
      return fixes;
    }
  },
};
