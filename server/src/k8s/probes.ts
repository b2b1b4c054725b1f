// Probes as Kubernetes reads them: which handler each has, and its timings with the API defaults applied
// (pkg/apis/core/v1/defaults.go SetDefaults_Probe: a 0 or missing value takes the default).
import type { Node, Scalar, YAMLMap } from 'yaml';
import type { Container } from './model';
import type { Locale } from '../l10n/locale';
import type { DocView, Field } from '../yaml/view';

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

/** True for containers whose probes and lifecycle hooks the API server validates: app containers and native sidecars. */
export function probesAllowed(c: Container): boolean {
  return c.role === 'app' || c.isSidecar;
}

/**
 * True when a timing's value is known: not written, written empty, or a non-negative number. A templated, mistyped
 * or negative value (which the API server rejects) is not known, and rules that compare timings then say nothing.
 */
export function timingKnown(view: DocView, t: Timing): boolean {
  if (!t.field || view.isEmpty(t.field.value)) return true;
  const n = view.num(t.field.value);
  return n !== undefined && n >= 0;
}

/** One entry of a container's `ports`. */
export interface DeclaredPort {
  readonly map: YAMLMap;
  /** `containerPort` when it is a known number. */
  readonly number: number | undefined;
  /** `name` when it is a known string. */
  readonly name: string | undefined;
  readonly nameField: Field | undefined;
  /** `protocol`, TCP when not written (undefined when not known). */
  readonly protocol: string | undefined;
}

/**
 * The ports a container declares ([] when it declares none), or undefined when the list is not known: templated,
 * not a sequence, or holding an item that is not a mapping.
 */
export function declaredPorts(c: Container): DeclaredPort[] | undefined {
  const { view } = c.spec.owner;
  const f = view.field(c.map, 'ports');
  if (!f || view.isEmpty(f.value)) return [];
  const seq = view.seq(f.value);
  if (!seq) return undefined;
  const out: DeclaredPort[] = [];
  for (const item of seq.items) {
    const map = view.map(item);
    if (!map) return undefined;
    const nameField = view.field(map, 'name');
    const name = nameField ? view.intOrString(nameField.value) : undefined;
    const protocolField = view.field(map, 'protocol');
    const protocol = protocolField ? view.str(protocolField.value) : 'TCP';
    out.push({ map, number: view.num(view.field(map, 'containerPort')?.value), name: typeof name === 'string' ? name : undefined, nameField, protocol });
  }
  return out;
}

export type HookKind = 'postStart' | 'preStop';
export const HOOK_KINDS: readonly HookKind[] = ['postStart', 'preStop'];

/** The `port` of an httpGet, tcpSocket or grpc handler in one of a container's probes or lifecycle hooks. */
export interface HandlerPort {
  /** The probe or lifecycle hook that holds the handler. */
  readonly owner: ProbeKind | HookKind;
  readonly ownerField: Field;
  readonly handler: 'httpGet' | 'tcpSocket' | 'grpc';
  readonly handlerField: Field;
  readonly handlerMap: YAMLMap;
  readonly field: Field;
  /** The port as written: a number or a string; undefined when not known (templated, wrong type). */
  readonly value: number | string | undefined;
}

/** Every handler port of a container: probes (httpGet, tcpSocket, grpc) and lifecycle hooks (httpGet, tcpSocket). */
export function handlerPorts(c: Container): HandlerPort[] {
  const { view } = c.spec.owner;
  const out: HandlerPort[] = [];
  const collect = (owner: ProbeKind | HookKind, ownerField: Field, handlers: readonly ('httpGet' | 'tcpSocket' | 'grpc')[]): void => {
    for (const handler of handlers) {
      const handlerField = view.field(ownerField.value, handler);
      const handlerMap = handlerField ? view.map(handlerField.value) : null;
      if (!handlerField || !handlerMap) continue;
      const field = view.field(handlerMap, 'port');
      if (!field) continue;
      out.push({ owner, ownerField, handler, handlerField, handlerMap, field, value: view.intOrString(field.value) });
    }
  };
  for (const kind of PROBE_KINDS) {
    const f = view.field(c.map, kind);
    if (f) collect(kind, f, ['httpGet', 'tcpSocket', 'grpc']);
  }
  const lifecycle = view.field(c.map, 'lifecycle')?.value;
  for (const hook of HOOK_KINDS) {
    const f = view.field(lifecycle, hook);
    if (f) collect(hook, f, ['httpGet', 'tcpSocket']);
  }
  return out;
}

/** The reasons a string is not a valid port name (IANA_SVC_NAME, apimachinery validation.IsValidPortName). */
export function portNameProblems(name: string, locale: Locale = 'en'): string[] {
  const zh = locale === 'zh-cn';
  const problems: string[] = [];
  if (name.length > 15) problems.push(zh ? '长度超过 15 个字符' : 'it is longer than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push(zh ? '只能包含小写字母、数字和 "-"' : 'it may contain only lowercase letters, digits and "-"');
  if (!/[a-z]/.test(name)) problems.push(zh ? '至少要有一个字母' : 'it needs at least one letter');
  if (name.includes('--')) problems.push(zh ? '不能包含 "--"' : 'it may not contain "--"');
  if (name.startsWith('-') || name.endsWith('-')) problems.push(zh ? '不能以 "-" 开头或结尾' : 'it may not begin or end with "-"');
  return problems;
}

/** A probe's timings as plain numbers, API defaults applied. */
export interface ProbeFigures {
  readonly delay: number;
  readonly period: number;
  readonly timeout: number;
  readonly success: number;
  readonly failure: number;
}

/** The figures of a container's probe of one kind, or undefined when it has none. */
export function probeFigures(c: Container, kind: ProbeKind): ProbeFigures | undefined {
  const p = probeOf(c, kind);
  if (!p) return undefined;
  const v = (n: TimingName): number => p.timings[n].value;
  return {
    delay: v('initialDelaySeconds'),
    period: v('periodSeconds'),
    timeout: v('timeoutSeconds'),
    success: v('successThreshold'),
    failure: v('failureThreshold'),
  };
}

/**
 * Seconds from container start until a startup probe that keeps failing gets the container restarted:
 * initialDelaySeconds + failureThreshold × periodSeconds. It is also the latest moment it can still succeed.
 */
export function startupBudget(f: ProbeFigures): number {
  return f.delay + f.failure * f.period;
}

/**
 * Seconds from container start until the container can first be ready. The readiness probe is held back until the
 * startup probe has succeeded, but its initialDelaySeconds counts from container start (kubelet prober worker.go
 * doProbe compares with `c.State.Running.StartedAt`), so the two overlap rather than add up.
 */
export function earliestReady(readiness: ProbeFigures | undefined, startup: ProbeFigures | undefined): number {
  const started = startup ? startup.delay : 0;
  if (!readiness) return started;
  return Math.max(started, readiness.delay) + (readiness.success - 1) * readiness.period;
}

/** The latest a container that eventually starts becomes ready: the startup probe succeeding at its last chance. */
export function latestReady(readiness: ProbeFigures | undefined, startup: ProbeFigures | undefined): number {
  const started = startup ? startupBudget(startup) : 0;
  if (!readiness) return started;
  return Math.max(started, readiness.delay) + (readiness.success - 1) * readiness.period;
}

/** Seconds after the app stops answering until failureThreshold failures in a row: [earliest, latest]. */
export function detectionWindow(f: ProbeFigures): readonly [number, number] {
  return [(f.failure - 1) * f.period, f.failure * f.period];
}
