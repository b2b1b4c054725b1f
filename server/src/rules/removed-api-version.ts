// An apiVersion the target Kubernetes version no longer serves for a built-in kind (extensions/v1beta1 Deployment,
// policy/v1beta1 PodDisruptionBudget, ...): the API server answers "no matches for kind", so the apply fails.
import type { Fix, Rule } from '../engine/rule';
import type { K8sObject } from '../k8s/model';
import { readLabelSelector } from '../k8s/rollout';
import { formatVersion, KubeVersion } from '../k8s/versions';
import { definesAnchor, replaceScalar } from '../yaml/edits';

interface Removal {
  /** The minor version that stopped serving it. */
  readonly removedIn: number;
  /** The served apiVersion to move to; undefined when the kind itself is gone (at the target version). */
  readonly replacement: string | undefined | ((version: KubeVersion) => string | undefined);
  /**
   * When only the apiVersion must change: 'same' always; a function for versions whose schema or defaults differ,
   * which says whether this object is already written in a way the new version reads the same.
   */
  readonly rename: 'same' | 'never' | ((obj: K8sObject) => boolean);
  /** What else must change, for the message (English and Chinese), when the fix can't just rename. */
  readonly note?: { readonly en: string; readonly 'zh-cn': string };
  /** What still changes when the fix renames (defaults), so the rename needs a review. */
  readonly renameNote?: { readonly en: string; readonly 'zh-cn': string };
}

const SELECTOR_NOTE = {
  en: '`spec.selector` is required there and must match the template labels',
  'zh-cn': '新版本要求设置 `spec.selector` 并与模板标签一致',
};
const DEPLOYMENT_NOTE = {
  en: '`spec.selector` is required there and must match the template labels, `rollbackTo` is gone, and the rollout defaults change',
  'zh-cn': '新版本要求设置 `spec.selector` 并与模板标签一致，没有 `rollbackTo` 字段，滚动更新的默认值也不同',
};
const DEFAULTS_NOTE = {
  en: 'the rollout defaults change there (maxSurge and maxUnavailable 25%, progressDeadlineSeconds 600, revisionHistoryLimit 10)',
  'zh-cn': '新版本的滚动更新默认值不同（`maxSurge` 和 `maxUnavailable` 为 25%，`progressDeadlineSeconds` 为 600，`revisionHistoryLimit` 为 10）',
};
const STRATEGY_NOTE = {
  en: '`spec.selector` is required there, `templateGeneration` is gone, and the default updateStrategy changes from OnDelete to RollingUpdate',
  'zh-cn': '新版本要求设置 `spec.selector`，没有 `templateGeneration` 字段，默认的 `updateStrategy` 也从 OnDelete 变为 RollingUpdate',
};

/** True when the object has a non-empty `spec.selector` (which the old versions could default from the template). */
function hasSelector(obj: K8sObject): boolean {
  const { view } = obj;
  const spec = view.field(obj.root, 'spec')?.value;
  // Fields apps/v1 removed (Deployment `rollbackTo`, DaemonSet `templateGeneration`) would be unknown after a rename.
  if (view.field(spec, 'rollbackTo') || view.field(spec, 'templateGeneration')) return false;
  const selector = view.field(spec, 'selector');
  if (!selector || view.isEmpty(selector.value)) return false;
  const requirements = readLabelSelector(view, selector.value);
  return requirements !== undefined && requirements.length > 0;
}

/** A selector, and an updateStrategy type written out (the old default, OnDelete, is not the new one). */
function hasSelectorAndStrategy(obj: K8sObject): boolean {
  const { view } = obj;
  return hasSelector(obj) && view.str(view.field(view.field(view.field(obj.root, 'spec')?.value, 'updateStrategy')?.value, 'type')?.value) !== undefined;
}

const APPS_1_16: Removal = { removedIn: 16, replacement: 'apps/v1', rename: 'same' };
const RBAC: Removal = { removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', rename: 'same' };
const STORAGE: Removal = { removedIn: 22, replacement: 'storage.k8s.io/v1', rename: 'same' };

/** Removed apiVersions by `apiVersion kind`, from the deprecated API migration guide. */
const REMOVED: Readonly<Record<string, Removal>> = {
  'extensions/v1beta1 Deployment': { removedIn: 16, replacement: 'apps/v1', rename: hasSelector, note: DEPLOYMENT_NOTE, renameNote: DEFAULTS_NOTE },
  'apps/v1beta1 Deployment': { removedIn: 16, replacement: 'apps/v1', rename: hasSelector, note: DEPLOYMENT_NOTE, renameNote: DEFAULTS_NOTE },
  'apps/v1beta2 Deployment': APPS_1_16,
  'extensions/v1beta1 DaemonSet': { removedIn: 16, replacement: 'apps/v1', rename: hasSelectorAndStrategy, note: STRATEGY_NOTE },
  'apps/v1beta2 DaemonSet': APPS_1_16,
  'apps/v1beta1 StatefulSet': { removedIn: 16, replacement: 'apps/v1', rename: hasSelectorAndStrategy, note: STRATEGY_NOTE },
  'apps/v1beta2 StatefulSet': APPS_1_16,
  'extensions/v1beta1 ReplicaSet': { removedIn: 16, replacement: 'apps/v1', rename: hasSelector, note: SELECTOR_NOTE },
  'apps/v1beta2 ReplicaSet': APPS_1_16,
  'extensions/v1beta1 NetworkPolicy': { removedIn: 16, replacement: 'networking.k8s.io/v1', rename: 'same' },
  // policy/v1beta1 took over in 1.10 and was itself removed in 1.25, with no successor.
  'extensions/v1beta1 PodSecurityPolicy': { removedIn: 16, replacement: (v) => (v.minor < 25 ? 'policy/v1beta1' : undefined), rename: 'same' },
  'extensions/v1beta1 Ingress': {
    removedIn: 22,
    replacement: 'networking.k8s.io/v1',
    rename: 'never',
    note: {
      en: 'backends become `service: {name, port}` and every path needs a `pathType`',
      'zh-cn': '后端要改写为 `service: {name, port}`，每个路径都需要 `pathType`',
    },
  },
  'networking.k8s.io/v1beta1 Ingress': {
    removedIn: 22,
    replacement: 'networking.k8s.io/v1',
    rename: 'never',
    note: {
      en: 'backends become `service: {name, port}` and every path needs a `pathType`',
      'zh-cn': '后端要改写为 `service: {name, port}`，每个路径都需要 `pathType`',
    },
  },
  'networking.k8s.io/v1beta1 IngressClass': { removedIn: 22, replacement: 'networking.k8s.io/v1', rename: 'same' },
  'rbac.authorization.k8s.io/v1beta1 ClusterRole': RBAC,
  'rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding': RBAC,
  'rbac.authorization.k8s.io/v1beta1 Role': RBAC,
  'rbac.authorization.k8s.io/v1beta1 RoleBinding': RBAC,
  'scheduling.k8s.io/v1beta1 PriorityClass': { removedIn: 22, replacement: 'scheduling.k8s.io/v1', rename: 'same' },
  'storage.k8s.io/v1beta1 StorageClass': STORAGE,
  'storage.k8s.io/v1beta1 CSIDriver': STORAGE,
  'storage.k8s.io/v1beta1 CSINode': STORAGE,
  'storage.k8s.io/v1beta1 VolumeAttachment': STORAGE,
  'coordination.k8s.io/v1beta1 Lease': { removedIn: 22, replacement: 'coordination.k8s.io/v1', rename: 'same' },
  'apiextensions.k8s.io/v1beta1 CustomResourceDefinition': {
    removedIn: 22,
    replacement: 'apiextensions.k8s.io/v1',
    rename: 'never',
    note: { en: 'every version needs its own structural `schema.openAPIV3Schema`', 'zh-cn': '每个版本都需要自己的结构化 `schema.openAPIV3Schema`' },
  },
  'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration': {
    removedIn: 22,
    replacement: 'admissionregistration.k8s.io/v1',
    rename: 'never',
    note: {
      en: '`sideEffects` and `admissionReviewVersions` are required and the default failurePolicy becomes Fail',
      'zh-cn': '`sideEffects` 和 `admissionReviewVersions` 成为必填项，默认的 `failurePolicy` 变为 Fail',
    },
  },
  'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration': {
    removedIn: 22,
    replacement: 'admissionregistration.k8s.io/v1',
    rename: 'never',
    note: {
      en: '`sideEffects` and `admissionReviewVersions` are required and the default failurePolicy becomes Fail',
      'zh-cn': '`sideEffects` 和 `admissionReviewVersions` 成为必填项，默认的 `failurePolicy` 变为 Fail',
    },
  },
  'batch/v1beta1 CronJob': { removedIn: 25, replacement: 'batch/v1', rename: 'same' },
  'policy/v1beta1 PodDisruptionBudget': {
    removedIn: 25,
    replacement: 'policy/v1',
    rename: hasSelector,
    note: {
      en: 'an empty `selector: {}` selects every pod of the namespace there (none in policy/v1beta1)',
      'zh-cn': '在新版本中，空的 `selector: {}` 会选中命名空间内的所有 Pod（在 policy/v1beta1 中一个都不选）',
    },
  },
  'policy/v1beta1 PodSecurityPolicy': { removedIn: 25, replacement: undefined, rename: 'never' },
  'autoscaling/v2beta1 HorizontalPodAutoscaler': {
    removedIn: 25,
    replacement: 'autoscaling/v2',
    rename: 'never',
    note: {
      en: 'metric targets move under `target` (targetAverageUtilization becomes target.averageUtilization)',
      'zh-cn': '指标目标要移到 `target` 之下（`targetAverageUtilization` 改为 `target.averageUtilization`）',
    },
  },
  'autoscaling/v2beta2 HorizontalPodAutoscaler': { removedIn: 26, replacement: 'autoscaling/v2', rename: 'same' },
  'discovery.k8s.io/v1beta1 EndpointSlice': {
    removedIn: 25,
    replacement: 'discovery.k8s.io/v1',
    rename: 'never',
    note: { en: '`topology` is replaced by `nodeName` and `zone`', 'zh-cn': '`topology` 被 `nodeName` 和 `zone` 取代' },
  },
  'node.k8s.io/v1beta1 RuntimeClass': { removedIn: 25, replacement: 'node.k8s.io/v1', rename: 'same' },
  'storage.k8s.io/v1beta1 CSIStorageCapacity': { removedIn: 27, replacement: 'storage.k8s.io/v1', rename: 'same' },
};

export const rule: Rule = {
  meta: {
    id: 'removed-api-version',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'The apiVersion of a built-in kind is no longer served by the target Kubernetes version (extensions/v1beta1 Deployment, policy/v1beta1 PodDisruptionBudget, batch/v1beta1 CronJob, autoscaling/v2beta2 HorizontalPodAutoscaler, ...).',
      why:
        'Kubernetes removes beta API versions some releases after their replacement is GA. From then on the API server does not know the ' +
        'kind under that version (`no matches for kind "Deployment" in version "extensions/v1beta1"`), so `kubectl apply`, Helm and ' +
        'GitOps tools fail on the whole manifest and the rollout never starts, often only after a cluster upgrade. Most replacements take ' +
        'the object as it is; a few need more than the new apiVersion (a required `selector` for apps/v1, new backend fields for Ingress, ' +
        'the meaning of an empty PodDisruptionBudget selector).',
      bad: `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: example/report:1.0
`,
      good: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: example/report:1.0
`,
      appliesTo:
        'Built-in kinds under the apiVersions the Deprecated API Migration Guide lists as removed: workloads, PodDisruptionBudget, HorizontalPodAutoscaler, CronJob, Ingress, IngressClass, NetworkPolicy, PodSecurityPolicy, RBAC, PriorityClass, storage classes and CSI objects, Lease, CustomResourceDefinition, admission webhooks, EndpointSlice, RuntimeClass.',
      level: 'An error: the API server of the target version does not serve that API version, so the apply fails.',
      url: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
      sources: [
        'kubernetes.io reference/using-api/deprecation-guide (Deprecated API Migration Guide): removal version, replacement and "notable changes" for each API (v1.16: apps/v1beta1, apps/v1beta2, extensions/v1beta1 workloads, NetworkPolicy, PodSecurityPolicy; v1.22: Ingress, IngressClass, RBAC, PriorityClass, storage, Lease, CRD, webhooks; v1.25: CronJob, EndpointSlice, HPA v2beta1, PodDisruptionBudget, PodSecurityPolicy, RuntimeClass; v1.26: HPA v2beta2; v1.27: CSIStorageCapacity).',
        'The guide\'s notable changes decide where the fix only renames: apps/v1 requires `spec.selector` (extensions/v1beta1 and apps/v1beta1 defaulted it from the template labels) and changes DaemonSet/StatefulSet update defaults; policy/v1 "an empty spec.selector ({}) written to a policy/v1 PodDisruptionBudget selects all pods in the namespace"; autoscaling/v2beta1 metric fields were restructured; Ingress backends and pathType changed.',
        'Objects under a removed apiVersion are not validated against the bundled schemas (they have none for it); docs/research/k8s-facts.md section 15.',
      ],
      fixSafety:
        "Replacing the apiVersion is offered only where the object reads the same under the new version: always where the migration guide lists no changes (safe, applied by fix-all); for apps/v1 with a selector written out (and an updateStrategy type, for DaemonSets and StatefulSets), and for policy/v1 with a non-empty selector (review: a Deployment's rollout defaults change). Elsewhere the message says what else must change.",
    },
    messages: {
      removedWithNote:
        '{apiVersion} is not served since 1.{removedIn}; use {replacement}. The target is Kubernetes {version}: the API server rejects the manifest. Also, {note}.',
      removed: '{apiVersion} is not served since 1.{removedIn}; use {replacement}. The target is Kubernetes {version}: the API server rejects the manifest.',
      gone: '{apiVersion} is not served since 1.{removedIn}, with no replacement. The target is Kubernetes {version}: the API server rejects the manifest. Remove it.',
    },
  },
  check(obj, ctx) {
    const removal = REMOVED[`${obj.apiVersion} ${obj.kind}`];
    if (!removal || ctx.version.minor < removal.removedIn) return;
    const { view } = obj;
    const field = view.field(obj.root, 'apiVersion');
    if (!field) return;
    const at = field.mergedVia ?? field.rawValue ?? field.key;
    const base = { apiVersion: obj.apiVersion, kind: obj.kind, removedIn: removal.removedIn, version: formatVersion(ctx.version) };
    const replacement = typeof removal.replacement === 'function' ? removal.replacement(ctx.version) : removal.replacement;
    if (!replacement) {
      ctx.report({ at, messageId: 'gone', data: base });
      return;
    }
    const fixes: Fix[] = [];
    const renames = removal.rename === 'same' || (typeof removal.rename === 'function' && !obj.incomplete && removal.rename(obj));
    const raw = field.rawValue;
    if (renames && raw && !field.mergedVia && !definesAnchor(raw)) {
      const changes = replaceScalar(view, raw, replacement);
      if (changes.length > 0) {
        // Only a version whose schema and defaults are unchanged is renamed by fix-all; the others are reviewed.
        fixes.push({
          title: ctx.say({ en: `Use ${replacement}`, 'zh-cn': `改用 ${replacement}` }),
          changes,
          isPreferred: true,
          safe: removal.rename === 'same',
        });
      }
    }
    const data = { ...base, replacement };
    const note = renames ? removal.renameNote : removal.note;
    if (note) ctx.report({ at, messageId: 'removedWithNote', data: { ...data, note: ctx.say(note) }, fixes });
    else ctx.report({ at, messageId: 'removed', data, fixes });
  },
};
