// A Deployment whose progressDeadlineSeconds is not greater than its minReadySeconds: the API server rejects it.
import type { Fix, Rule } from '../engine/rule';
import { insertField } from '../yaml/edits';
import { isBuiltin } from '../k8s/model';
import { DEPLOYMENT_DEFAULTS, editableMap, setField } from '../k8s/rollout';
import type { Field } from '../yaml/view';

export const rule: Rule = {
  meta: {
    id: 'progress-deadline-not-greater',
    severity: 'error',
    fixable: true,
    docs: {
      summary: "A Deployment's progressDeadlineSeconds (default 600) is not greater than its minReadySeconds.",
      why:
        'A new pod counts as available only after it has been ready for minReadySeconds, and the Deployment is marked as failed ' +
        '(ProgressDeadlineExceeded) when it makes no progress for progressDeadlineSeconds. A deadline that is not longer than the ' +
        'minimum ready time could never be met, so the API server rejects the Deployment ("must be greater than minReadySeconds"). ' +
        'The deadline defaults to 600 s, so a minReadySeconds of 600 or more alone is enough to be rejected.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  minReadySeconds: 120
  progressDeadlineSeconds: 60
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  minReadySeconds: 120
  progressDeadlineSeconds: 720
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      appliesTo:
        "apps/v1 Deployments, and Argo Rollouts `Rollout` (same check and default in its controller's ValidateRolloutSpec; the Rollout is marked InvalidSpec instead of being rejected).",
      level: 'An error: the API server (or the Argo Rollouts controller) rejects the spec, so nothing rolls out.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#progress-deadline-seconds',
      sources: [
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: `if *spec.ProgressDeadlineSeconds <= spec.MinReadySeconds` → "spec.progressDeadlineSeconds: Invalid value: …: must be greater than minReadySeconds".',
        'kubernetes/kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_Deployment: progressDeadlineSeconds defaults to 600; minReadySeconds defaults to 0 (docs/research/k8s-facts.md section 9).',
        'kubernetes.io concepts/workloads/controllers/deployment "Progress Deadline Seconds": "If specified, this field needs to be greater than .spec.minReadySeconds."',
      ],
      fixSafety: 'Setting the deadline to minReadySeconds + 600 s only changes when a stuck rollout is reported as failed; it never stops or slows a rollout.',
    },
    messages: {
      notGreater:
        'progressDeadlineSeconds {deadline} is not greater than minReadySeconds {minReady}. The API server rejects the Deployment ("must be greater than minReadySeconds").',
      defaultDeadline:
        'minReadySeconds {minReady} is not less than the default progressDeadlineSeconds (600). The API server rejects the Deployment ("must be greater than minReadySeconds"). Set progressDeadlineSeconds above {minReady}.',
      rolloutNotGreater:
        'progressDeadlineSeconds {deadline} is not greater than minReadySeconds {minReady}. Argo Rollouts marks the Rollout InvalidSpec and does not roll it out ("must be greater than minReadySeconds").',
      rolloutDefaultDeadline:
        'minReadySeconds {minReady} is not less than the default progressDeadlineSeconds (600). Argo Rollouts marks the Rollout InvalidSpec and does not roll it out ("must be greater than minReadySeconds"). Set progressDeadlineSeconds above {minReady}.',
    },
  },
  check(obj, ctx) {
    // extensions/v1beta1 and apps/v1beta1 left the deadline unset (no deadline); only apps/v1 defaults it to 600.
    // An Argo Rollout is validated the same way by its controller (ValidateRolloutSpec), with the same default.
    const rollout = obj.workload?.progressDeadline === true;
    if (!rollout && (!isBuiltin(obj, 'Deployment') || obj.apiVersion !== 'apps/v1')) return;
    const { view } = obj;
    const specField = view.field(obj.root, 'spec');
    const spec = view.map(specField?.value);
    if (!spec) return;
    // A key written empty is defaulted like a missing one.
    const present = (f: Field | undefined): Field | undefined => (f && !view.isEmpty(f.value) ? f : undefined);
    const deadlineF = present(view.field(spec, 'progressDeadlineSeconds'));
    const minReadyF = present(view.field(spec, 'minReadySeconds'));
    const deadline = deadlineF ? integer(view.num(deadlineF.value)) : DEPLOYMENT_DEFAULTS.progressDeadlineSeconds;
    const minReady = minReadyF ? integer(view.num(minReadyF.value)) : DEPLOYMENT_DEFAULTS.minReadySeconds;
    if (deadline === undefined || minReady === undefined || deadline > minReady) return;
    const target = String(Math.max(minReady, 0) + 600);
    const fixes: Fix[] = [];
    const editable = editableMap(view, specField);
    if (deadlineF) {
      // A value merged in with `<<` is overridden by a key written in the mapping itself.
      const changes =
        editable &&
        (deadlineF.mergedVia
          ? insertField(view, editable, 'progressDeadlineSeconds', [target], ctx.eol)
          : setField(view, editable, 'progressDeadlineSeconds', target, ctx.eol));
      if (changes && changes.length > 0)
        fixes.push({
          title: ctx.say({ en: `Set progressDeadlineSeconds: ${target}`, 'zh-cn': `将 \`progressDeadlineSeconds\` 设为 ${target}` }),
          changes,
          isPreferred: true,
          safe: true,
        });
      ctx.report({
        at: deadlineF.mergedVia ?? deadlineF.rawValue ?? deadlineF.key,
        messageId: rollout ? 'rolloutNotGreater' : 'notGreater',
        data: { deadline, minReady },
        fixes,
      });
      return;
    }
    // The deadline is defaulted: only trusted where no template expression could have written it.
    if (!minReadyF || obj.incomplete) return;
    if (editable) {
      const changes = insertField(view, editable, 'progressDeadlineSeconds', [target], ctx.eol, minReadyF.mergedVia ? undefined : minReadyF);
      if (changes.length > 0)
        fixes.push({
          title: ctx.say({ en: `Add progressDeadlineSeconds: ${target}`, 'zh-cn': `添加 \`progressDeadlineSeconds: ${target}\`` }),
          changes,
          isPreferred: true,
          safe: true,
        });
    }
    ctx.report({
      at: minReadyF.mergedVia ?? minReadyF.rawValue ?? minReadyF.key,
      messageId: rollout ? 'rolloutDefaultDeadline' : 'defaultDeadline',
      data: { minReady },
      fixes,
    });
  },
};

function integer(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}
