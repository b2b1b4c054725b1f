// Probes as Kubernetes reads them: which handler each has, and its timings with the API defaults applied
// (pkg/apis/core/v1/defaults.go SetDefaults_Probe: a 0 or missing value takes the default).
import type { Node, Scalar, YAMLMap } from 'yaml';
import type { Container } from './model';
import type { DocView, Field } from './view';

export const PROBE_KINDS = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } as const;
export type TimingName = keyof typeof PROBE_DEFAULTS;

export interface Timing {
  /** The value Kubernetes uses: the written number, or the default when missing or 0. */
  readonly value: number;
  /** True when the value was written (and not defaulted). */
  readonly explicit: boolean;
  readonly field: Field | undefined;
}

export interface Probe {
  readonly kind: ProbeKind;
  readonly container: Container;
  readonly field: Field;
  readonly map: YAMLMap | null;
  /** The handler keys present, in source order. */
  readonly handlers: readonly Field[];
  readonly timings: Readonly<Record<TimingName, Timing>>;
}

/** Reads one timing field; non-numbers and templated values count as not written. */
export function timing(view: DocView, map: unknown, name: TimingName): Timing {
  const field = view.field(map, name);
  const n = field ? view.num(field.value) : undefined;
  const defaulted = name !== 'initialDelaySeconds' && (n === undefined || n === 0);
  return { value: defaulted || n === undefined ? PROBE_DEFAULTS[name] : n, explicit: !defaulted && n !== undefined, field };
}

export function probeOf(c: Container, kind: ProbeKind): Probe | undefined {
  const { view } = c.spec.owner;
  const field = view.field(c.map, kind);
  if (!field) return undefined;
  const map = view.map(field.value);
  const handlers = PROBE_HANDLERS.map((h) => view.field(map, h)).filter((f): f is Field => f !== undefined);
  handlers.sort((a, b) => (a.key.range?.[0] ?? 0) - (b.key.range?.[0] ?? 0));
  const names: TimingName[] = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];
  const timings = Object.fromEntries(names.map((n) => [n, timing(view, map, n)])) as Record<TimingName, Timing>;
  return { kind, container: c, field, map, handlers, timings };
}

export function probesOf(c: Container): Probe[] {
  return PROBE_KINDS.map((k) => probeOf(c, k)).filter((p): p is Probe => p !== undefined);
}

/** The node to point at for a field: the value as written (or its alias), else the key. */
export function valueNode(f: Field): Node {
  return f.mergedVia ?? f.rawValue ?? f.key;
}

/** The node to point at for a key: the key itself, or the `<<` that merged it in. */
export function keyNode(f: Field): Scalar {
  return f.mergedVia ?? f.key;
}
