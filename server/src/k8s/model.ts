// The Kubernetes view of a parsed document: which objects it holds, and every pod spec and container in them,
// at whatever depth the kind puts them (Deployment template, CronJob job template, List items, ...).
import { isMap, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Field } from '../yaml/view';
import { DocView } from '../yaml/view';
import { WorkloadDef, workloadDef } from './workloads';

export type WorkloadKind = 'Pod' | 'PodTemplate' | 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

/** apiVersions under which each kind this tool analyses is served (current and removed ones alike). */
const KINDS: Record<string, readonly string[]> = {
  Pod: ['v1'],
  PodTemplate: ['v1'],
  ReplicationController: ['v1'],
  Service: ['v1'],
  Deployment: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'],
  ReplicaSet: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'],
  StatefulSet: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'],
  DaemonSet: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1', 'batch/v1beta1', 'batch/v2alpha1'],
  PodDisruptionBudget: ['policy/v1', 'policy/v1beta1'],
  HorizontalPodAutoscaler: ['autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2'],
};

/** Where each workload kind keeps its pod template, from the object's root. */
const POD_SPEC_PATH: Record<WorkloadKind, readonly string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds whose pods run until deleted and are replaced by a rolling update. */
const LONG_RUNNING: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet']);

export interface K8sObject {
  readonly view: DocView;
  readonly root: YAMLMap;
  readonly apiVersion: string;
  readonly kind: string;
  readonly kindField: Field;
  readonly name: string | undefined;
  /** Rule ids listed in the `kube-graceful.io/ignore` annotation. */
  readonly ignoredRules: ReadonlySet<string>;
  /** True when any value of this document came from a masked template expression. */
  readonly templated: boolean;
  /**
   * True when the document may leave out parts of the object: it is templated, or it is a patch (a kustomize
   * strategic-merge patch lists only what it changes). Rules say nothing about what is missing from it, and it is
   * not validated against the schema.
   */
  readonly incomplete: boolean;
  /** The pod spec this object describes (none for non-workload kinds). */
  readonly podSpec: PodSpec | undefined;
  /** The entry of the custom workload table (k8s/workloads.ts) for a custom resource that holds a pod template. */
  readonly workload?: WorkloadDef;
  /** The object that holds this one (a `kind: List`), if any. */
  readonly parent?: K8sObject;
}

export interface PodSpec {
  readonly owner: K8sObject;
  /** The built-in kind, or for a custom resource the built-in kind whose pod semantics it follows. */
  readonly workloadKind: WorkloadKind;
  /** Keys from the object's root to the pod spec. */
  readonly path: readonly string[];
  /** The custom workload table's entry, for a custom resource. */
  readonly workload: WorkloadDef | undefined;
  readonly map: YAMLMap;
  /** The key that introduces the pod spec (`spec` of the template or Pod). */
  readonly key: Scalar;
  /** The pod template (`template` of a controller), holding metadata.labels; undefined for a bare Pod. */
  readonly template: YAMLMap | undefined;
  /** Long-running workloads serve traffic and are replaced by rolling updates; Jobs and bare Pods are not. */
  readonly longRunning: boolean;
  readonly containers: readonly Container[];
}

export type ContainerRole = 'init' | 'app' | 'ephemeral';

export interface Container {
  readonly spec: PodSpec;
  readonly map: YAMLMap;
  readonly role: ContainerRole;
  /** Position in its own list (initContainers, containers or ephemeralContainers). */
  readonly index: number;
  readonly name: string | undefined;
  readonly nameField: Field | undefined;
  /** An init container with `restartPolicy: Always`: a native sidecar that keeps running beside the app. */
  readonly isSidecar: boolean;
}

/**
 * Finds the Kubernetes objects in one parsed document; non-Kubernetes YAML gives an empty list. `custom` lists the
 * user's own workload kinds (setting `kubeGraceful.customWorkloads`) beside the well-known ones.
 */
export function objectsOf(view: DocView, patch = false, custom: readonly WorkloadDef[] = []): K8sObject[] {
  const root = view.root();
  if (!root) return [];
  const out: K8sObject[] = [];
  const top = toObject(view, root, undefined, patch, custom);
  if (!top) return out;
  out.push(top);
  if (top.kind === 'List' || (top.kind.endsWith('List') && top.apiVersion === 'v1')) {
    const items = view.seq(view.field(root, 'items')?.value);
    for (const item of items?.items ?? []) {
      const map = view.map(item);
      const obj = map ? toObject(view, map, top, patch, custom) : undefined;
      if (obj) out.push(obj);
    }
  }
  return out;
}

function toObject(view: DocView, root: YAMLMap, parent: K8sObject | undefined, patch: boolean, custom: readonly WorkloadDef[]): K8sObject | undefined {
  const apiVersion = view.str(view.field(root, 'apiVersion')?.value);
  const kindField = view.field(root, 'kind');
  const kind = view.str(kindField?.value);
  if (!apiVersion || !kind || !kindField) return undefined;
  const metadata = view.field(root, 'metadata')?.value;
  const name = view.str(view.field(metadata, 'name')?.value);
  const annotations = view.field(metadata, 'annotations')?.value;
  const ignore = view.str(view.field(annotations, 'kube-graceful.io/ignore')?.value);
  const ignoredRules = new Set(
    (ignore ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const templated = view.chunk.templateSpans.length > 0;
  const obj: { -readonly [K in keyof K8sObject]: K8sObject[K] } = {
    view,
    root,
    apiVersion,
    kind,
    kindField,
    name,
    ignoredRules,
    templated,
    incomplete: templated || patch,
    podSpec: undefined,
  };
  if (parent) obj.parent = parent;
  if (isWorkloadKind(kind) && (KINDS[kind] ?? []).includes(apiVersion)) {
    obj.podSpec = podSpecOf(obj, kind, POD_SPEC_PATH[kind], undefined);
  } else {
    const def = workloadDef(apiVersion, kind, custom);
    if (def) {
      obj.workload = def;
      obj.podSpec = podSpecOf(obj, def.behavesAs, def.podSpec, def);
    }
  }
  return obj;
}

/** The keys from a workload object's root to its pod spec. */
export function podSpecPath(kind: WorkloadKind): readonly string[] {
  return POD_SPEC_PATH[kind];
}

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATH, kind);
}

/** True when apiVersion/kind name a built-in kind this tool knows (so CRDs that reuse a kind name are left alone). */
export function isBuiltin(obj: Pick<K8sObject, 'apiVersion' | 'kind'>, kind: string): boolean {
  return obj.kind === kind && (KINDS[kind] ?? []).includes(obj.apiVersion);
}

function podSpecOf(owner: K8sObject, kind: WorkloadKind, path: readonly string[], def: WorkloadDef | undefined): PodSpec | undefined {
  const { view } = owner;
  // The pod template is the mapping just above the pod spec (`template`), none for an inline pod spec.
  const templateDepth = def ? (def.template.length > 0 ? def.template.length - 1 : -1) : path.lastIndexOf('template');
  let current: Node | null = owner.root;
  let template: YAMLMap | undefined;
  let key: Scalar | undefined;
  for (let i = 0; i < path.length; i++) {
    const f = view.field(current, path[i]);
    if (!f) return undefined;
    if (i === templateDepth && isMap(f.value)) template = f.value;
    key = f.key;
    current = f.value;
  }
  const map = view.map(current);
  if (!map || !key) return undefined;
  const spec: { -readonly [K in keyof PodSpec]: PodSpec[K] } = {
    owner,
    workloadKind: kind,
    path,
    workload: def,
    map,
    key,
    template,
    longRunning: LONG_RUNNING.has(kind),
    containers: [],
  };
  const containers: Container[] = [];
  const lists: [string, ContainerRole][] = [
    ['initContainers', 'init'],
    ['containers', 'app'],
    ['ephemeralContainers', 'ephemeral'],
  ];
  for (const [listKey, role] of lists) {
    const seq: YAMLSeq | null = view.seq(view.field(map, listKey)?.value);
    seq?.items.forEach((item, index) => {
      const c = view.map(item);
      if (!c) return;
      const nameField = view.field(c, 'name');
      const restartPolicy = view.str(view.field(c, 'restartPolicy')?.value);
      containers.push({
        spec,
        map: c,
        role,
        index,
        name: view.str(nameField?.value),
        nameField,
        isSidecar: role === 'init' && restartPolicy === 'Always',
      });
    });
  }
  spec.containers = containers;
  return spec;
}

/** The node a container-level diagnostic points at: the container's name value, or its first key. */
export function containerAnchor(c: Container): Node {
  if (c.nameField) return c.nameField.rawValue ?? c.nameField.key;
  const first = c.map.items[0];
  return (first?.key as Node | undefined) ?? c.map;
}

/** A readable label for a container in messages: its name, or its place in the list. */
export function containerLabel(c: Container): string {
  if (c.name) return c.name;
  const list = c.role === 'init' ? 'initContainers' : c.role === 'app' ? 'containers' : 'ephemeralContainers';
  return `${list}[${c.index}]`;
}

/**
 * A serving container: an app container of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, and the custom workloads that behave like them) that declares ports. Jobs, CronJobs and
 * bare Pods are not serving.
 */
export function isServing(c: Container): boolean {
  if (c.role !== 'app' || !c.spec.longRunning) return false;
  const { view } = c.spec.owner;
  const ports = view.seq(view.field(c.map, 'ports')?.value);
  return ports !== null && ports.items.length > 0;
}
