// A pod template restartPolicy its controller rejects: not Always for long-running workloads, Always (or unset) for Jobs.
import type { Fix, Rule } from '../engine/rule';
import { definesAnchor, insertField } from '../yaml/edits';
import { podSpecPath } from '../k8s/model';
import type { Field } from '../yaml/view';

/** JobPodFailurePolicy: alpha 1.25 (off), beta 1.26 (on), GA 1.31. Before 1.26 a podFailurePolicy is dropped. */
const POD_FAILURE_POLICY_SINCE = 26;

export const rule: Rule = {
  meta: {
    id: 'template-restart-policy',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        "A pod template's restartPolicy that its controller rejects: anything but Always in a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController; Always (or none, which defaults to Always) in a Job or CronJob.",
      why:
        'Controllers that keep pods running replace a pod only when it is gone, so their pods must restart their containers in place: ' +
        'the API server accepts only `restartPolicy: Always` in their templates ("Unsupported value: \\"OnFailure\\": supported values: ' +
        '\\"Always\\""). A Job\'s pods are meant to finish, so a Job (and a CronJob\'s job template) accepts only OnFailure or Never; ' +
        'a template without restartPolicy is defaulted to Always and rejected too. With a podFailurePolicy only Never is accepted.',
      bad: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: example/migrate:1.0
`,
      good: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: migrate
          image: example/migrate:1.0
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
      sources: [
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go: ValidatePodTemplateSpecForReplicaSet (Deployment, ReplicaSet), ValidateStatefulSetSpec and ValidateDaemonSetSpec reject a template restartPolicy other than Always (field.NotSupported, supported values "Always").',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidatePodTemplateSpecForRC: the same for ReplicationControllers.',
        'kubernetes/kubernetes pkg/apis/batch/validation/validation.go validateJobSpec: Always or empty (defaulted to Always by SetDefaults_PodSpec) → "Required value: valid values: \\"OnFailure\\", \\"Never\\"" (older releases: Unsupported value); other values → Unsupported value; with podFailurePolicy: "only \\"Never\\" is supported when podFailurePolicy is specified". CronJobs validate their jobTemplate the same way.',
        'JobPodFailurePolicy feature gate: alpha 1.25, beta (on) 1.26, GA 1.31 (kubernetes/website feature-gates/JobPodFailurePolicy.md). See docs/research/k8s-facts.md section 9.',
      ],
      fixSafety:
        'Always is the only value a long-running controller accepts, so that fix is safe. For a Job, OnFailure restarts a failed container in the same pod while Never creates a new pod each time; both count towards backoffLimit, so choose the one that suits the task.',
    },
    messages: {
      notAlways:
        'restartPolicy "{value}" is rejected in a {kind} pod template. {kind} pod templates must restart containers in place: the API server supports only "Always".',
      job: 'restartPolicy "{value}" is rejected in a {kind} pod template. A Job accepts only "OnFailure" or "Never".',
      jobMissing: 'the pod template sets no restartPolicy, and the default "Always" is rejected. A {kind} accepts only "OnFailure" or "Never".',
      podFailurePolicy: 'restartPolicy "{value}" is rejected with a podFailurePolicy. Only "Never" is supported when podFailurePolicy is specified.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    // A platform that sets restartPolicy itself (Knative) rejects it in the template: not this rule's finding.
    if (!spec || spec.workload?.traits?.managedPodFields?.includes('restartPolicy')) return;
    const { view } = obj;
    const kind = spec.workloadKind;
    const f = view.field(spec.map, 'restartPolicy');
    const written = f && !view.isEmpty(f.value);
    const value = written ? view.str(f.value) : '';
    if (value === undefined) return;
    const at = f ? (f.mergedVia ?? f.rawValue ?? f.key) : spec.key;

    if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'ReplicaSet' || kind === 'ReplicationController') {
      // An empty or missing value is defaulted to Always.
      if (value === '' || value === 'Always') return;
      const fixes = replaceFix(f, 'Always', true);
      ctx.report({ at, messageId: 'notAlways', data: { kind: spec.workload ? obj.kind : kind, value }, fixes });
      return;
    }
    if (kind !== 'Job' && kind !== 'CronJob') return;
    const failurePolicy = view.at(obj.root, ...podSpecPath(kind).slice(0, -2), 'podFailurePolicy');
    const hasFailurePolicy = failurePolicy !== null && !view.isEmpty(failurePolicy) && ctx.version.minor >= POD_FAILURE_POLICY_SINCE;
    const preferred = hasFailurePolicy ? 'Never' : 'OnFailure';
    if (value === '') {
      // A missing key: a template expression may supply it.
      if (obj.incomplete) return;
      const fixes: Fix[] = [];
      const specField = view.field(spec.template, 'spec');
      if (specField && !specField.mergedVia && specField.rawValue === specField.value && !definesAnchor(spec.map)) {
        const changes = f ? replaceChanges(f, preferred) : insertField(view, spec.map, 'restartPolicy', [preferred], ctx.eol);
        if (changes && changes.length > 0)
          fixes.push({
            title: ctx.say({ en: `Set restartPolicy: ${preferred}`, 'zh-cn': `将 \`restartPolicy\` 设为 ${preferred}` }),
            changes,
            isPreferred: true,
          });
      }
      ctx.report({ at, messageId: 'jobMissing', data: { kind }, fixes });
      return;
    }
    if (value !== 'OnFailure' && value !== 'Never') {
      const fixes = [...replaceFix(f, preferred, true), ...(hasFailurePolicy ? [] : replaceFix(f, 'Never', false))];
      ctx.report({ at, messageId: 'job', data: { kind, value }, fixes });
    } else if (value === 'OnFailure' && hasFailurePolicy) {
      ctx.report({ at, messageId: 'podFailurePolicy', data: { value }, fixes: replaceFix(f, 'Never', true) });
    }

    function replaceFix(field: Field | undefined, to: string, isPreferred: boolean): Fix[] {
      const changes = field && replaceChanges(field, to);
      return changes
        ? [{ title: ctx.say({ en: `Set restartPolicy: ${to}`, 'zh-cn': `将 \`restartPolicy\` 设为 ${to}` }), changes, isPreferred, safe: to === 'Always' }]
        : [];
    }
  },
};

/** Replaces a value written in its own mapping (not merged in, not an anchor others use); undefined otherwise. */
function replaceChanges(f: Field, to: string): { start: number; end: number; newText: string }[] | undefined {
  const node = f.rawValue;
  if (f.mergedVia || !node?.range || definesAnchor(node)) return undefined;
  if (f.value === null || node.range[0] === node.range[1]) return undefined;
  return [{ start: node.range[0], end: node.range[1], newText: to }];
}
