// The pod's effective resource request, computed the way the scheduler does (k8s.io/component-helpers/resource
// PodRequests): app containers and native sidecars add up; each plain init container needs its own request plus
// the sidecars started before it; the pod reserves the larger of the two.
import type { Node } from 'yaml';
import type { Container, PodSpec } from './model';
import { parseQuantity } from './quantity';

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
  /** What the scheduler reserves: max(running, init). */
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

export function effectiveRequest(spec: PodSpec, resource: ResourceName): EffectiveRequest {
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
    if (c.isSidecar) {
      running += req.amount;
      sidecarsSoFar += req.amount;
      need = sidecarsSoFar;
    } else {
      need = req.amount + sidecarsSoFar;
    }
    if (need > init) {
      init = need;
      initContainer = c.isSidecar ? undefined : req;
    }
  }
  return { resource, running, init, initContainer, effective: Math.max(running, init) };
}
