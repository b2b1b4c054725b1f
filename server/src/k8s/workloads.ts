// Custom resources that hold a pod template, as data: which group/version/kind keeps its pods where, how its
// rolling update is read, where its replica count is, and what its controller fills in or manages itself. The model
// reaches their pod specs through this table, so every pod-spec rule and hover applies to them.
import type { WorkloadKind } from './model';

/**
 * How a workload's rolling update is validated and scaled. `deployment`: the Deployment arithmetic (surge rounded up,
 * unavailable down, both written as 0 is rejected). `cloneset`: OpenKruise's (both rounded up; rejected when both
 * come to less than 1 pod).
 */
export type RollingUpdateStyle = 'deployment' | 'cloneset';

/** Where a workload's rolling update settings live, and their defaults. */
export interface RollingUpdateDef {
  readonly style: RollingUpdateStyle;
  /** Keys from the object's root to the mapping that holds maxSurge and maxUnavailable. */
  readonly path: readonly string[];
  readonly defaults: { readonly maxSurge: number | string; readonly maxUnavailable: number | string };
}

/**
 * What a platform fills in or manages in the pods it creates, so rules do not report what it allows or does itself.
 * Knative: it adds a TCP readiness probe when none is given and fills every probe's port with the serving port,
 * names a single container itself, drains requests through its queue-proxy and rejects `lifecycle`,
 * `restartPolicy` and `terminationGracePeriodSeconds` (it sets the grace period from the revision timeout).
 */
export interface PlatformTraits {
  readonly defaultReadinessProbe?: boolean;
  readonly fillsProbePort?: boolean;
  readonly namesContainers?: boolean;
  readonly drainsOnShutdown?: boolean;
  /** Pod spec fields the platform rejects or sets itself; rules say nothing about them. */
  readonly managedPodFields?: readonly string[];
}

export interface WorkloadDef {
  /** `group/version` values the kind is served under. */
  readonly apiVersions: readonly string[];
  readonly kind: string;
  /** Keys from the root to the pod template (holding `metadata` and `spec`); empty when the pod spec is inline. */
  readonly template: readonly string[];
  /** Keys from the root to the pod spec. */
  readonly podSpec: readonly string[];
  /** Keys from the root to the replica count; none when the platform scales the pods itself. */
  readonly replicas?: readonly string[];
  /** The built-in kind whose pod semantics the pods follow (restartPolicy Always, rolling replacement, identity). */
  readonly behavesAs: Extract<WorkloadKind, 'Deployment' | 'StatefulSet'>;
  readonly rollingUpdate?: RollingUpdateDef;
  /** Its controller checks progressDeadlineSeconds (default 600) > minReadySeconds as the Deployment API does. */
  readonly progressDeadline?: boolean;
  readonly traits?: PlatformTraits;
  /** Given through the `kubeGraceful.customWorkloads` setting rather than known to this tool. */
  readonly custom?: boolean;
}

const KNATIVE: PlatformTraits = {
  defaultReadinessProbe: true,
  fillsProbePort: true,
  namesContainers: true,
  drainsOnShutdown: true,
  managedPodFields: ['restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds'],
};

/** The well-known workloads, with the source each entry rests on (see docs/research/k8s-facts.md, "CRD workloads"). */
export const KNOWN_WORKLOADS: readonly WorkloadDef[] = [
  {
    // argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/types.go RolloutSpec; validation.go ValidateRolloutSpec.
    apiVersions: ['argoproj.io/v1alpha1'],
    kind: 'Rollout',
    template: ['spec', 'template'],
    podSpec: ['spec', 'template', 'spec'],
    replicas: ['spec', 'replicas'],
    behavesAs: 'Deployment',
    // utils/defaults/defaults.go: DefaultMaxSurge and DefaultMaxUnavailable "25" (read as 25%).
    rollingUpdate: { style: 'deployment', path: ['spec', 'strategy', 'canary'], defaults: { maxSurge: '25%', maxUnavailable: '25%' } },
    progressDeadline: true,
  },
  {
    // openkruise/kruise apis/apps/v1alpha1/cloneset_types.go; pkg/webhook/cloneset/validating/validation.go.
    apiVersions: ['apps.kruise.io/v1alpha1', 'apps.kruise.io/v1beta1'],
    kind: 'CloneSet',
    template: ['spec', 'template'],
    podSpec: ['spec', 'template', 'spec'],
    replicas: ['spec', 'replicas'],
    behavesAs: 'Deployment',
    // apis/apps/defaults/v1alpha1.go SetDefaultsCloneSet: maxUnavailable "20%", maxSurge 0.
    rollingUpdate: { style: 'cloneset', path: ['spec', 'updateStrategy'], defaults: { maxSurge: 0, maxUnavailable: '20%' } },
  },
  {
    // openkruise/kruise apis/apps/v1beta1/statefulset_types.go (Advanced StatefulSet).
    apiVersions: ['apps.kruise.io/v1beta1', 'apps.kruise.io/v1alpha1'],
    kind: 'StatefulSet',
    template: ['spec', 'template'],
    podSpec: ['spec', 'template', 'spec'],
    replicas: ['spec', 'replicas'],
    behavesAs: 'StatefulSet',
  },
  {
    // knative/serving pkg/apis/serving/v1/service_types.go: spec.template is a RevisionTemplateSpec.
    apiVersions: ['serving.knative.dev/v1'],
    kind: 'Service',
    template: ['spec', 'template'],
    podSpec: ['spec', 'template', 'spec'],
    behavesAs: 'Deployment',
    traits: KNATIVE,
  },
  {
    apiVersions: ['serving.knative.dev/v1'],
    kind: 'Configuration',
    template: ['spec', 'template'],
    podSpec: ['spec', 'template', 'spec'],
    behavesAs: 'Deployment',
    traits: KNATIVE,
  },
  {
    // knative/serving pkg/apis/serving/v1/revision_types.go: RevisionSpec embeds the PodSpec inline.
    apiVersions: ['serving.knative.dev/v1'],
    kind: 'Revision',
    template: [],
    podSpec: ['spec'],
    behavesAs: 'Deployment',
    traits: KNATIVE,
  },
];

/** The table entry for an apiVersion and kind: the user's own entries first, then the well-known ones. */
export function workloadDef(apiVersion: string, kind: string, custom: readonly WorkloadDef[] = []): WorkloadDef | undefined {
  for (const list of [custom, KNOWN_WORKLOADS]) {
    for (const d of list) if (d.kind === kind && d.apiVersions.includes(apiVersion)) return d;
  }
  return undefined;
}

/** A dotted path as written in settings ("spec.template") as keys; undefined when it is not one. */
function dottedPath(v: unknown): string[] | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) return undefined;
  const keys = v.split('.');
  return keys.every((k) => /^[A-Za-z0-9_-]+$/.test(k)) ? keys : undefined;
}

/** One entry of the `kubeGraceful.customWorkloads` setting, as written (and as kept in the settings). */
export interface CustomWorkloadEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly podTemplate: string;
  readonly replicas?: string;
}

/**
 * Reads `kubeGraceful.customWorkloads`: entries `{apiVersion, kind, podTemplate, replicas?}`. A bad entry is left
 * out with a sentence that says why; a good one gives its pods the analysis of a Deployment's. The valid entries come
 * back as written too, so that reading settings twice gives the same result.
 */
export function parseCustomWorkloads(raw: unknown): { entries: CustomWorkloadEntry[]; workloads: WorkloadDef[]; problems: string[] } {
  const entries: CustomWorkloadEntry[] = [];
  const workloads: WorkloadDef[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { entries, workloads, problems };
  if (!Array.isArray(raw))
    return { entries, workloads, problems: ['kubeGraceful.customWorkloads must be a list of {apiVersion, kind, podTemplate, replicas}; it is ignored.'] };
  raw.slice(0, 100).forEach((entry: unknown, i) => {
    const where = `kubeGraceful.customWorkloads[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be an object {apiVersion, kind, podTemplate, replicas}; it is ignored.`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const apiVersion = e['apiVersion'];
    const kind = e['kind'];
    const template = dottedPath(e['podTemplate']);
    const replicas = e['replicas'] === undefined ? undefined : dottedPath(e['replicas']);
    const bad: string[] = [];
    if (typeof apiVersion !== 'string' || !/^[a-z0-9.-]+\/[A-Za-z0-9]+$/.test(apiVersion))
      bad.push('apiVersion must be "group/version", such as "example.com/v1"');
    if (typeof kind !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) bad.push('kind must be a kind name, such as "Widget"');
    if (!template) bad.push('podTemplate must be a dotted path to the pod template, such as "spec.template"');
    if (e['replicas'] !== undefined && !replicas) bad.push('replicas must be a dotted path, such as "spec.replicas"');
    if (bad.length > 0 || !template || typeof apiVersion !== 'string' || typeof kind !== 'string') {
      problems.push(`${where} is ignored: ${bad.join('; ')}.`);
      return;
    }
    entries.push({ apiVersion, kind, podTemplate: template.join('.'), ...(replicas ? { replicas: replicas.join('.') } : {}) });
    workloads.push({
      apiVersions: [apiVersion],
      kind,
      template,
      podSpec: [...template, 'spec'],
      ...(replicas ? { replicas } : {}),
      behavesAs: 'Deployment',
      custom: true,
    });
  });
  if (raw.length > 100) problems.push('kubeGraceful.customWorkloads lists more than 100 entries; the rest are ignored.');
  return { entries, workloads, problems };
}
