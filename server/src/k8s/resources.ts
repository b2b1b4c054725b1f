// The pod's effective resource request, computed the way the scheduler does (k8s.io/component-helpers/resource
// PodRequests): app containers and native sidecars add up; each plain init container needs its own request plus
// the sidecars started before it; the pod reserves the larger of the two, unless a pod-level request replaces it;
// the pod's overhead comes on top.
import type { Node } from 'yaml';
import type { Container, PodSpec } from './model';
import { parseQuantity } from './quantity';
import { FEATURES, KubeVersion, NEWEST } from './versions';

export const RESOURCES = ['cpu', 'memory'] as const;
export type ResourceName = (typeof RESOURCES)[number];

export interface ContainerRequest {
  readonly container: Container;
  /** The request in base units; a missing request counts as 0 (or as the limit, as the API server defaults it). */
  readonly amount: number;
  /** The node that sets it (requests.<r>, or limits.<r> when requests is defaulted from it). */
  readonly node: Node | undefined;
}

export interface EffectiveRequest {
  readonly resource: ResourceName;
  /** Sum of the app containers and all native sidecars. */
  readonly running: number;
  /** The largest need during initialisation: a plain init container plus the sidecars started before it. */
  readonly init: number;
  /** The init container that sets `init`, if any. */
  readonly initContainer: ContainerRequest | undefined;
  /** What the containers need together: max(running, init). */
  readonly containers: number;
  /**
   * The pod-level request (`spec.resources`, PodLevelResources, on by default from 1.34) that replaces `containers`,
   * when the pod sets one for this resource; undefined otherwise.
   */
  readonly podLevel: number | undefined;
  /** The pod's `overhead` for this resource (set by the RuntimeClass admission), 0 when there is none. */
  readonly overhead: number;
  /** What the scheduler reserves: (podLevel, else max(running, init)) + overhead. */
  readonly effective: number;
}

/** A container's request for one resource, defaulted from its limit when only the limit is set. */
export function containerRequest(c: Container, resource: ResourceName): ContainerRequest {
  const { view } = c.spec.owner;
  const resources = view.field(c.map, 'resources')?.value;
  const requested = view.field(view.field(resources, 'requests')?.value, resource);
  const limited = view.field(view.field(resources, 'limits')?.value, resource);
  const field = requested ?? limited;
  const text = field ? (view.num(field.value) ?? view.str(field.value)) : undefined;
  const amount = text === undefined ? 0 : (parseQuantity(text) ?? 0);
  return { container: c, amount, node: field ? (field.rawValue ?? field.key) : undefined };
}

/** A quantity under `map.<resource>`, in base units; undefined when it is not written or cannot be read. */
function quantityAt(spec: PodSpec, map: unknown, resource: ResourceName): number | undefined {
  const { view } = spec.owner;
  const field = view.field(map, resource);
  const text = field ? (view.num(field.value) ?? view.str(field.value)) : undefined;
  return text === undefined ? undefined : parseQuantity(text);
}

/**
 * The pod-level request for a resource, as PodRequests applies it: `spec.resources.requests`, or, when no container
 * requests the resource, the pod-level limit (defaultPodRequests in pkg/apis/core/v1/defaults.go defaults the pod
 * request to the containers' aggregate when they set one, else to the pod limit). Before 1.34 the gate is off and
 * the API server drops the field.
 */
function podLevelRequest(spec: PodSpec, resource: ResourceName, anyContainerSets: boolean, version: KubeVersion): number | undefined {
  if (version.minor < FEATURES.podLevelResources) return undefined;
  const { view } = spec.owner;
  const resources = view.field(spec.map, 'resources')?.value;
  if (!resources) return undefined;
  const requested = quantityAt(spec, view.field(resources, 'requests')?.value, resource);
  if (requested !== undefined) return requested;
  return anyContainerSets ? undefined : quantityAt(spec, view.field(resources, 'limits')?.value, resource);
}

export function effectiveRequest(spec: PodSpec, resource: ResourceName, version: KubeVersion = NEWEST): EffectiveRequest {
  let running = 0;
  let sidecarsSoFar = 0;
  let init = 0;
  let initContainer: ContainerRequest | undefined;
  for (const c of spec.containers) {
    if (c.role === 'app') running += containerRequest(c, resource).amount;
  }
  for (const c of spec.containers) {
    if (c.role !== 'init') continue;
    const req = containerRequest(c, resource);
    let need: number;
    // Below 1.29 the API server does not keep `restartPolicy: Always`: the container runs as a plain init container.
    const sidecar = c.isSidecar && version.minor >= FEATURES.nativeSidecars;
    if (sidecar) {
      running += req.amount;
      sidecarsSoFar += req.amount;
      need = sidecarsSoFar;
    } else {
      need = req.amount + sidecarsSoFar;
    }
    if (need > init) {
      init = need;
      initContainer = sidecar ? undefined : req;
    }
  }
  const containers = Math.max(running, init);
  const anyContainerSets = spec.containers.some((c) => c.role !== 'ephemeral' && containerRequest(c, resource).node !== undefined);
  const podLevel = podLevelRequest(spec, resource, anyContainerSets, version);
  const overhead = quantityAt(spec, spec.owner.view.field(spec.map, 'overhead')?.value, resource) ?? 0;
  return { resource, running, init, initContainer, containers, podLevel, overhead, effective: (podLevel ?? containers) + overhead };
}
