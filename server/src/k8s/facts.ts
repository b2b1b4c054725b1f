// What other objects need to know about an object, read once per parse: kind, name, namespace, labels, selector,
// replicas, scale target, declared ports. Cross-object questions (which budget selects this workload?) are answered
// from these facts alone, so an object of a closed file is kept as facts, never as a YAML tree.
import { isBuiltin, K8sObject } from './model';
import { IntOrPercent, LabelRequirement, readIntOrPercent, readLabels, readLabelSelector, requirementMatches } from './rollout';

/** A label selector as far as it is known: `unknown` when it can't be read (templated, malformed). */
export type SelectorFact =
  { readonly state: 'none' } | { readonly state: 'unknown' } | { readonly state: 'known'; readonly requirements: readonly LabelRequirement[] };

export interface PortFact {
  readonly name: string | undefined;
  readonly number: number | undefined;
  readonly protocol: string;
  /** The container that declares it. */
  readonly container: string | undefined;
}

export interface ObjectFacts {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** `metadata.namespace` as written; undefined when not written or not known. */
  readonly namespace: string | undefined;
  /** True when the document may leave parts out (templated, or a kustomize patch). */
  readonly incomplete: boolean;
  /** It describes pods (a Pod, or any kind with a pod template). */
  readonly pods: boolean;
  /** The workload whose pod template this one uses (Argo Rollouts' `spec.workloadRef`); its labels are resolved by the index. */
  readonly workloadRef?: { readonly kind: string; readonly name: string } | undefined;
  /** A long-running workload with a pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, RC). */
  readonly workload: boolean;
  /** The labels its pods carry (`spec.template.metadata.labels`; a Pod's own labels); undefined when not known. */
  readonly podLabels: ReadonlyMap<string, string> | undefined;
  /** `spec.replicas` of a scalable workload: the count, and whether it was written. Undefined when not known. */
  readonly replicas: { readonly count: number; readonly written: boolean } | undefined;
  /** The pod selector of a PodDisruptionBudget or Service. */
  readonly selector: SelectorFact | undefined;
  /** The target of an autoscaler (HPA `scaleTargetRef`, KEDA `scaleTargetRef`): undefined parts are not known. */
  readonly scaleTarget: { readonly kind: string | undefined; readonly name: string | undefined } | undefined;
  /** An autoscaler's lower bound (`minReplicas`, KEDA `minReplicaCount`); undefined when not written or not known. */
  readonly minReplicas: number | undefined;
  /**
   * A PodDisruptionBudget's limit: which field and its value. Undefined when the object is no budget, sets neither
   * or both (the API server rejects both), or a value is not a valid int-or-percent; `unknown` when not readable.
   */
  readonly budget: { readonly field: 'minAvailable' | 'maxUnavailable'; readonly value: IntOrPercent } | 'unknown' | undefined;
  /** Container ports the pod template declares (app containers and native sidecars). */
  readonly ports: readonly PortFact[];
  /** Offsets in the object's document of its `kind` value, for pointing at the object from another file. */
  readonly anchor: { readonly start: number; readonly end: number };
}

const cache = new WeakMap<K8sObject, ObjectFacts>();

/** The facts of an object, computed on first use and kept with the object (which lives as long as its parse). */
export function factsOf(obj: K8sObject): ObjectFacts {
  let facts = cache.get(obj);
  if (!facts) {
    facts = compute(obj);
    cache.set(obj, facts);
  }
  return facts;
}

function compute(obj: K8sObject): ObjectFacts {
  const { view } = obj;
  const spec = view.field(obj.root, 'spec')?.value;
  const namespace = view.str(view.at(obj.root, 'metadata', 'namespace'));
  // An Argo Rollout may take its pod template from a Deployment (`spec.workloadRef`) instead of holding one.
  let workloadRef: ObjectFacts['workloadRef'];
  if (obj.workload && !obj.podSpec) {
    const ref = view.at(obj.root, 'spec', 'workloadRef');
    const kind = view.str(view.field(ref, 'kind')?.value);
    const name = view.str(view.field(ref, 'name')?.value);
    if (kind && name) workloadRef = { kind, name };
  }
  const workload = (obj.podSpec?.longRunning === true && obj.podSpec.template !== undefined) || workloadRef !== undefined;
  let podLabels: Map<string, string> | undefined;
  if (obj.podSpec?.template) podLabels = readLabels(view, view.at(obj.podSpec.template, 'metadata', 'labels'));
  else if (obj.podSpec) podLabels = readLabels(view, view.at(obj.root, 'metadata', 'labels'));
  let replicas: ObjectFacts['replicas'];
  // A custom workload keeps its count where its table entry says; Knative has none (it scales its pods itself).
  const replicasPath = obj.workload ? obj.workload.replicas : ['spec', 'replicas'];
  if (workload && obj.kind !== 'DaemonSet' && replicasPath && replicasPath.length > 0) {
    const f = view.field(view.at(obj.root, ...replicasPath.slice(0, -1)), replicasPath[replicasPath.length - 1]);
    if (!f || view.isEmpty(f.value)) replicas = { count: 1, written: false };
    else {
      const n = view.num(f.value);
      if (n !== undefined && Number.isInteger(n) && n >= 0) replicas = { count: n, written: true };
    }
  }
  let selector: SelectorFact | undefined;
  let budget: ObjectFacts['budget'];
  if (isBuiltin(obj, 'PodDisruptionBudget')) {
    selector = selectorFact(obj, view.field(spec, 'selector')?.value, true);
    const min = readIntOrPercent(view, spec, 'minAvailable');
    const max = readIntOrPercent(view, spec, 'maxUnavailable');
    const one = min ?? max;
    if (one && !(min && max)) {
      const v = one.parsed;
      if (one.raw === undefined) budget = 'unknown';
      else if (v && v.value >= 0 && !(v.kind === 'percent' && v.value > 100)) budget = { field: min ? 'minAvailable' : 'maxUnavailable', value: v };
    }
  } else if (isBuiltin(obj, 'Service')) selector = selectorFact(obj, view.field(spec, 'selector')?.value, false);
  let scaleTarget: ObjectFacts['scaleTarget'];
  let minReplicas: number | undefined;
  if (isAutoscaler(obj)) {
    const ref = view.field(spec, 'scaleTargetRef')?.value;
    scaleTarget = { kind: view.str(view.field(ref, 'kind')?.value), name: view.str(view.field(ref, 'name')?.value) };
    // KEDA's ScaledObject defaults its target kind to Deployment (apps/v1).
    if (obj.kind === 'ScaledObject' && view.field(ref, 'kind') === undefined) scaleTarget = { ...scaleTarget, kind: 'Deployment' };
    const min = view.num(view.field(spec, obj.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas')?.value);
    if (min !== undefined && Number.isInteger(min) && min >= 0) minReplicas = min;
  }
  const ports: PortFact[] = [];
  for (const c of obj.podSpec?.containers ?? []) {
    if (c.role === 'ephemeral' || (c.role === 'init' && !c.isSidecar)) continue;
    const seq = view.seq(view.field(c.map, 'ports')?.value);
    for (const item of seq?.items ?? []) {
      const name = view.str(view.field(item, 'name')?.value);
      const number = view.num(view.field(item, 'containerPort')?.value);
      const protocol = view.str(view.field(item, 'protocol')?.value) ?? 'TCP';
      ports.push({ name, number, protocol, container: c.name });
    }
  }
  const kindNode = obj.kindField.rawValue ?? obj.kindField.key;
  const range = kindNode.range ?? [0, 0];
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.name,
    namespace,
    incomplete: obj.incomplete,
    pods: obj.podSpec !== undefined || workloadRef !== undefined,
    workloadRef,
    workload,
    podLabels,
    replicas,
    selector,
    scaleTarget,
    minReplicas,
    budget,
    ports,
    anchor: { start: range[0], end: Math.max(range[0], range[1]) },
  };
}

function isAutoscaler(obj: K8sObject): boolean {
  if (obj.kind === 'HorizontalPodAutoscaler') return isBuiltin(obj, 'HorizontalPodAutoscaler');
  return obj.kind === 'ScaledObject' && obj.apiVersion.startsWith('keda.sh/');
}

/** An object as messages name it: "Deployment web", or the kind alone when it has no name. */
export function objectLabel(f: Pick<ObjectFacts, 'kind' | 'name'>): string {
  return f.name ? `${f.kind} ${f.name}` : f.kind;
}

/**
 * A budget's or Service's selector. A missing selector selects nothing. An empty PDB selector selects every pod of
 * the namespace in policy/v1 and nothing in policy/v1beta1; an empty Service selector selects nothing (the Service
 * then has no managed endpoints).
 */
function selectorFact(obj: K8sObject, node: unknown, isBudget: boolean): SelectorFact {
  const { view } = obj;
  if (obj.incomplete && (node === undefined || view.isTemplated(view.resolve(node)))) return { state: 'unknown' };
  if (node === undefined || node === null || view.isEmpty(node)) return { state: 'none' };
  if (!isBudget) {
    // A Service selector is a plain map of labels.
    const labels = readLabels(view, node);
    if (!labels) return { state: 'unknown' };
    if (labels.size === 0) return { state: 'none' };
    return { state: 'known', requirements: [...labels].map(([key, value]) => ({ key, operator: 'In', values: [value] })) };
  }
  const requirements = readLabelSelector(view, node);
  if (!requirements) return { state: 'unknown' };
  if (requirements.length === 0 && obj.apiVersion !== 'policy/v1') return { state: 'none' };
  // Only the data: facts outlive the YAML tree they were read from.
  return { state: 'known', requirements: requirements.map(({ key, operator, values }) => ({ key, operator, values })) };
}

/**
 * Whether a selector selects the pods of a workload: true, false, or undefined when that is not known (templated
 * documents, unreadable selectors or labels). Namespaces are the caller's business.
 */
export function selects(selector: SelectorFact | undefined, target: ObjectFacts): boolean | undefined {
  if (!selector || selector.state === 'none') return false;
  if (selector.state === 'unknown') return undefined;
  if (selector.requirements.length === 0) return true;
  const labels = target.podLabels;
  if (!labels) return undefined;
  return selector.requirements.every((r) => requirementMatches(r, labels));
}

/** True when an autoscaler's target names the workload (or might: a part of the target is not known). */
export function targets(autoscaler: ObjectFacts, workload: ObjectFacts): boolean {
  const t = autoscaler.scaleTarget;
  if (!t) return false;
  return (t.kind === undefined || t.kind === workload.kind) && (t.name === undefined || t.name === workload.name);
}

/** A string that changes whenever a fact other objects read changes; equal strings mean equal facts. */
export function fingerprint(f: ObjectFacts): string {
  return JSON.stringify([
    f.apiVersion,
    f.kind,
    f.name,
    f.namespace,
    f.incomplete,
    f.pods,
    f.workloadRef ?? null,
    f.workload,
    f.podLabels ? [...f.podLabels] : null,
    f.replicas ?? null,
    f.selector ?? null,
    f.scaleTarget ?? null,
    f.minReplicas ?? null,
    f.budget ?? null,
    f.ports,
  ]);
}
