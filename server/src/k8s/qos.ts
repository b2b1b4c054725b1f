// The pod's QoS class as the API server computes it (pkg/apis/core/helper/qos ComputePodQOS): Guaranteed when every
// container (init and app alike; ephemeral ones can't set resources) has CPU and memory limits equal to its requests,
// BestEffort when none sets any, else Burstable. Pod-level `spec.resources` decides alone when it sets CPU or memory.
import type { Node } from 'yaml';
import type { Container, PodSpec } from './model';
import { parseQuantity } from './quantity';
import { effectiveRequest, RESOURCES, ResourceName } from './resources';
import { KubeVersion, supports } from './versions';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Why a container keeps the pod from being Guaranteed, for one resource. */
export type QosGap = { readonly resource: ResourceName; readonly kind: 'noLimit' | 'differs' };

export interface ContainerQos {
  readonly container: Container;
  /** Requests (defaulted from limits, as the API server does) and limits in base units; 0 or missing counts as unset. */
  readonly requests: Readonly<Partial<Record<ResourceName, number>>>;
  readonly limits: Readonly<Partial<Record<ResourceName, number>>>;
  /** The text of each request as written (or of the limit it defaults from), for fixes that copy it. */
  readonly requestText: Readonly<Partial<Record<ResourceName, string>>>;
  readonly gaps: readonly QosGap[];
  /** True when it sets no CPU or memory request or limit at all. */
  readonly empty: boolean;
}

export interface PodQos {
  readonly qos: QosClass;
  /** True when pod-level `spec.resources` decides the class. */
  readonly podLevel: boolean;
  /** Every init and app container, in the order of the spec. */
  readonly containers: readonly ContainerQos[];
}

type Read = { amount: number; text: string } | 'unset' | 'unknown';

function read(c: Container, map: unknown, resource: ResourceName): Read {
  const { view } = c.spec.owner;
  const f = view.field(map, resource);
  if (!f || view.isEmpty(f.value)) return 'unset';
  const text = view.num(f.value) ?? view.str(f.value);
  if (text === undefined) return 'unknown';
  const amount = parseQuantity(text);
  return amount === undefined ? 'unknown' : { amount, text: String(text) };
}

/** A container's CPU and memory as the QoS computation sees them; undefined when a value is not known (templated). */
export function containerQos(c: Container): ContainerQos | undefined {
  const { view } = c.spec.owner;
  const resources = view.field(c.map, 'resources');
  if (resources && !view.isEmpty(resources.value) && !view.map(resources.value)) return undefined;
  const reqMap = view.field(resources?.value, 'requests')?.value;
  const limMap = view.field(resources?.value, 'limits')?.value;
  const requests: Partial<Record<ResourceName, number>> = {};
  const limits: Partial<Record<ResourceName, number>> = {};
  const requestText: Partial<Record<ResourceName, string>> = {};
  const gaps: QosGap[] = [];
  for (const r of RESOURCES) {
    const req = read(c, reqMap, r);
    const lim = read(c, limMap, r);
    if (req === 'unknown' || lim === 'unknown') return undefined;
    // The API server defaults a missing request to the limit.
    const request = req !== 'unset' ? req : lim;
    if (request !== 'unset' && request.amount > 0) {
      requests[r] = request.amount;
      requestText[r] = request.text;
    }
    if (lim !== 'unset' && lim.amount > 0) limits[r] = lim.amount;
    if (limits[r] === undefined) gaps.push({ resource: r, kind: 'noLimit' });
    else if (requests[r] !== limits[r]) gaps.push({ resource: r, kind: 'differs' });
  }
  const empty = Object.keys(requests).length === 0 && Object.keys(limits).length === 0;
  return { container: c, requests, limits, requestText, gaps, empty };
}

/** True when pod-level resources are in force and set CPU or memory. */
export function podLevelResources(spec: PodSpec, version: KubeVersion): boolean {
  if (!supports(version, 'podLevelResources')) return false;
  const { view } = spec.owner;
  const resources = view.field(spec.map, 'resources')?.value;
  return ['requests', 'limits'].some((k) => RESOURCES.some((r) => view.field(view.field(resources, k)?.value, r) !== undefined));
}

/** The pod's QoS class; undefined when some value is not known. */
export function podQos(spec: PodSpec, version: KubeVersion): PodQos | undefined {
  const containers: ContainerQos[] = [];
  for (const c of spec.containers) {
    if (c.role === 'ephemeral') continue;
    const q = containerQos(c);
    if (!q) return undefined;
    containers.push(q);
  }
  if (podLevelResources(spec, version)) {
    const { view } = spec.owner;
    const resources = view.field(spec.map, 'resources')?.value;
    let guaranteed = true;
    let any = false;
    for (const r of RESOURCES) {
      const lim = view.field(view.field(resources, 'limits')?.value, r);
      const limit = lim ? parseQuantity(view.num(lim.value) ?? view.str(lim.value) ?? '') : undefined;
      if (lim && limit === undefined) return undefined;
      // The pod-level request after defaulting (defaultPodRequests): as written, else the containers' aggregate when
      // they request the resource, else the pod-level limit. effectiveRequest applies the same rule.
      const e = effectiveRequest(spec, r, version);
      const request = e.podLevel ?? (e.containers > 0 ? e.containers : undefined);
      if ((limit ?? 0) > 0 || (request ?? 0) > 0) any = true;
      if (!limit || limit <= 0 || request !== limit) guaranteed = false;
    }
    return { qos: guaranteed ? 'Guaranteed' : any ? 'Burstable' : 'BestEffort', podLevel: true, containers };
  }
  const qos: QosClass = containers.every((q) => q.empty) ? 'BestEffort' : containers.every((q) => q.gaps.length === 0) ? 'Guaranteed' : 'Burstable';
  return { qos, podLevel: false, containers };
}

/** The node a finding about a container's resources points at: its `resources` key, or its name. */
export function resourcesAnchor(c: Container): Node | undefined {
  const f = c.spec.owner.view.field(c.map, 'resources');
  return f ? (f.mergedVia ?? f.key) : undefined;
}
