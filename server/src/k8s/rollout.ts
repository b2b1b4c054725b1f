// Rollout arithmetic as the controllers do it: int-or-percent values scaled against a replica count, with
// Kubernetes' rounding (k8s.io/apimachinery intstr.GetScaledValueFromIntOrPercent). Also how the rollout and
// PodDisruptionBudget rules read strategies, replica counts and label selectors from a manifest.
import { isScalar, Node, parse, YAMLMap } from 'yaml';
import { resolvesToString } from '../yaml/documents';
import { definesAnchor, insertField, TextChange } from '../yaml/edits';
import { Container, K8sObject, PodSpec } from './model';
import type { DocView, Field } from '../yaml/view';
import type { RollingUpdateDef } from './workloads';

export type IntOrPercent = { readonly kind: 'int'; readonly value: number } | { readonly kind: 'percent'; readonly value: number };

/** Parses an int-or-string value: integers, or strings of digits followed by '%' (the API's regex '[0-9]+%'). */
export function parseIntOrPercent(v: number | string | undefined): IntOrPercent | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', value: v } : undefined;
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (m) return { kind: 'percent', value: Number(m[1]) };
  }
  return undefined;
}

/** The absolute number of pods: a percentage of `total`, rounded up or down; an integer as it is. */
export function scaled(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v.kind === 'int') return v.value;
  const exact = (v.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function formatIntOrPercent(v: IntOrPercent): string {
  return v.kind === 'int' ? String(v.value) : `${v.value}%`;
}

/**
 * A Deployment's surge and unavailable pod counts (deployment_util.go ResolveFenceposts): surge rounded up,
 * unavailable rounded down, and if both come to 0, unavailable becomes 1.
 */
export function deploymentFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): { surge: number; unavailable: number } {
  const surge = scaled(maxSurge, replicas, true);
  let unavailable = scaled(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const DEPLOYMENT_DEFAULTS = {
  maxSurge: { kind: 'percent', value: 25 },
  maxUnavailable: { kind: 'percent', value: 25 },
  replicas: 1,
  progressDeadlineSeconds: 600,
  minReadySeconds: 0,
} as const;
/** DaemonSet rolling update defaults; both values are rounded up (daemonset_util.go SurgeCount/UnavailableCount). */
export const DAEMONSET_DEFAULTS = { maxSurge: { kind: 'int', value: 0 }, maxUnavailable: { kind: 'int', value: 1 } } as const;

/** DaemonSetUpdateSurge: alpha in 1.21 (off), beta in 1.22 (on), GA in 1.25. Before 1.22 a DaemonSet's maxSurge is dropped. */
export const DAEMONSET_SURGE_SINCE = 22;

/** An int-or-string field (maxSurge, maxUnavailable, minAvailable) as written. */
export interface IntOrPercentField {
  readonly field: Field;
  /** The node to point at: the value as written (or its alias), or the `<<` that merged it in. */
  readonly node: Node;
  /** A whole number or a string; undefined when the value is not known (templated, not a scalar, a fraction). */
  readonly raw: number | string | undefined;
  /** The value when it is an integer (negative ones included) or a valid percentage. */
  readonly parsed: IntOrPercent | undefined;
}

/** Reads an int-or-string field; undefined when it is not written or written empty (the API server then defaults it). */
export function readIntOrPercent(view: DocView, map: unknown, key: string): IntOrPercentField | undefined {
  const field = view.field(map, key);
  if (!field || view.isEmpty(field.value)) return undefined;
  const v = view.intOrString(field.value);
  const raw = typeof v === 'number' && !Number.isInteger(v) ? undefined : v;
  return { field, node: field.mergedVia ?? field.rawValue ?? field.key, raw, parsed: parseIntOrPercent(raw) };
}

/**
 * The number apps validation compares with 0 (validation.go getIntOrPercentValue): an integer as it is, a valid
 * percentage's number, a numeric string's number (strconv.Atoi). Undefined for other strings: validation rejects them
 * as invalid percentages, and counting them as 0 the way it does would only add confusing follow-up errors.
 */
export function validationNumber(raw: number | string | undefined): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const p = parseIntOrPercent(raw);
  if (p) return p.value;
  return /^[+-]?[0-9]+$/.test(raw) ? Number(raw) : undefined;
}

/** Formats a written int-or-string value for a message: strings that are not percentages keep their quotes. */
export function formatRaw(raw: number | string): string {
  return typeof raw === 'number' || /^[0-9]+%$/.test(raw) ? String(raw) : JSON.stringify(raw);
}

/** A Deployment `strategy` or a StatefulSet/DaemonSet `updateStrategy`, with its type after defaulting. */
export interface Strategy {
  /** `RollingUpdate` when the type is not written (the default of every apps/v1 workload). */
  readonly type: string;
  readonly typeField: Field | undefined;
  /** The strategy mapping, or null when it is not written. */
  readonly map: YAMLMap | null;
  /** The `rollingUpdate` mapping, or null when it is not written. */
  readonly rollingUpdate: YAMLMap | null;
  readonly rollingUpdateField: Field | undefined;
}

/** Reads `spec.<key>` of a workload; undefined when the strategy, its type or its rollingUpdate is not known. */
export function strategyOf(obj: K8sObject, key: 'strategy' | 'updateStrategy'): Strategy | undefined {
  const { view } = obj;
  const f = view.field(view.field(obj.root, 'spec')?.value, key);
  if (f && !view.isEmpty(f.value) && !view.map(f.value)) return undefined;
  const map = f ? view.map(f.value) : null;
  const typeField = view.field(map, 'type');
  let type = 'RollingUpdate';
  if (typeField && !view.isEmpty(typeField.value)) {
    const t = view.str(typeField.value);
    if (t === undefined) return undefined;
    if (t !== '') type = t;
  }
  const ruField = view.field(map, 'rollingUpdate');
  if (ruField && !view.isEmpty(ruField.value) && !view.map(ruField.value)) return undefined;
  return { type, typeField, map, rollingUpdate: ruField ? view.map(ruField.value) : null, rollingUpdateField: ruField };
}

/**
 * `spec.replicas` (or where a custom workload keeps its count): 1 when not written; undefined when not known or not a
 * whole number >= 0, and for a custom workload that has no replica count (Knative scales its pods itself).
 */
export function replicasOf(obj: K8sObject): { count: number; field: Field | undefined } | undefined {
  const { view } = obj;
  const path = obj.workload ? obj.workload.replicas : ['spec', 'replicas'];
  if (!path || path.length === 0) return undefined;
  const f = view.field(path.length > 1 ? view.at(obj.root, ...path.slice(0, -1)) : obj.root, path[path.length - 1]);
  if (!f || view.isEmpty(f.value)) return { count: 1, field: undefined };
  const n = view.num(f.value);
  if (n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  return { count: n, field: f };
}

/** `metadata.namespace` when written and known. */
export function namespaceOf(obj: K8sObject): string | undefined {
  return obj.view.str(obj.view.at(obj.root, 'metadata', 'namespace'));
}

/** False only when both objects name their namespace and the names differ (an unnamed one may be applied anywhere). */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  const x = namespaceOf(a);
  const y = namespaceOf(b);
  return x === undefined || y === undefined || x === y;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement of a label selector as data: a matchLabels entry is `key In (value)`. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A requirement as written, with the node it comes from. */
export interface SelectorRequirement extends LabelRequirement {
  /** Where it is written: the matchLabels key (or the `<<` that merged it in), or the expression's `key` value. */
  readonly node: Node;
  readonly matchLabel: boolean;
}

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A label value: the scalar as a string, '' for an empty value; undefined when not known. */
function labelValue(view: DocView, node: unknown): string | undefined {
  if (view.isEmpty(node)) return '';
  return view.str(node);
}

/**
 * The requirements of a metav1.LabelSelector (matchLabels and matchExpressions), or undefined when any part is not
 * known or is malformed (the API server rejects a malformed selector on its own terms).
 */
export function readLabelSelector(view: DocView, selector: unknown): SelectorRequirement[] | undefined {
  const map = view.map(selector);
  if (!map) return undefined;
  const out: SelectorRequirement[] = [];
  const ml = view.field(map, 'matchLabels');
  if (ml && !view.isEmpty(ml.value)) {
    if (!view.map(ml.value)) return undefined;
    for (const f of view.fields(ml.value)) {
      const value = labelValue(view, f.value);
      if (value === undefined) return undefined;
      out.push({ key: String(f.key.value), operator: 'In', values: [value], node: f.mergedVia ?? f.key, matchLabel: true });
    }
  }
  const me = view.field(map, 'matchExpressions');
  if (me && !view.isEmpty(me.value)) {
    const seq = view.seq(me.value);
    if (!seq) return undefined;
    for (const item of seq.items) {
      const m = view.map(item);
      const keyField = view.field(m, 'key');
      const key = view.str(keyField?.value);
      const operator = view.str(view.field(m, 'operator')?.value);
      if (!m || !keyField || key === undefined || operator === undefined || !OPERATORS.includes(operator)) return undefined;
      const valuesField = view.field(m, 'values');
      let values: string[] = [];
      if (valuesField && !view.isEmpty(valuesField.value)) {
        const s = view.strings(valuesField.value);
        if (!s) return undefined;
        values = s.map((x) => x.value);
      }
      const needsValues = operator === 'In' || operator === 'NotIn';
      if (needsValues !== values.length > 0) return undefined;
      out.push({ key, operator: operator as SelectorOperator, values, node: keyField.mergedVia ?? keyField.rawValue ?? keyField.key, matchLabel: false });
    }
  }
  return out;
}

/** A plain label map (pod template labels, a ReplicationController selector); undefined when a value is not known. */
export function readLabels(view: DocView, node: unknown): Map<string, string> | undefined {
  const labels = new Map<string, string>();
  if (view.isEmpty(node)) return labels;
  if (!view.map(node)) return undefined;
  for (const f of view.fields(node)) {
    const value = labelValue(view, f.value);
    if (value === undefined) return undefined;
    labels.set(String(f.key.value), value);
  }
  return labels;
}

export function requirementMatches(r: LabelRequirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(r.key);
  switch (r.operator) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

/** A requirement in kubectl's selector syntax: `app=web`, `tier in (a, b)`, `tier notin (a)`, `tier`, `!tier`. */
export function describeRequirement(r: SelectorRequirement): string {
  if (r.matchLabel) return `${r.key}=${r.values[0] ?? ''}`;
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** The pod labels of a workload's template (`spec.template.metadata.labels`); undefined when not known. */
export function templateLabels(obj: K8sObject): Map<string, string> | undefined {
  const path = obj.workload ? obj.workload.template : ['spec', 'template'];
  if (path.length === 0) return undefined;
  const template = obj.view.at(obj.root, ...path);
  if (!obj.view.map(template)) return undefined;
  return readLabels(obj.view, obj.view.at(template, 'metadata', 'labels'));
}

/**
 * The first app container that holds a port on its node: a `hostPort`, or with `hostNetwork: true` any
 * `containerPort` (the API server defaults hostPort to containerPort there). The scheduler's NodePorts filter counts
 * only app containers.
 */
export function hostPortUse(spec: PodSpec): { container: Container; port: number; hostNetwork: boolean } | undefined {
  const { view } = spec.owner;
  const hn = view.resolve(view.field(spec.map, 'hostNetwork')?.value);
  const hostNetwork = isScalar(hn) && hn.value === true;
  for (const c of spec.containers) {
    if (c.role !== 'app') continue;
    const ports = view.seq(view.field(c.map, 'ports')?.value);
    for (const item of ports?.items ?? []) {
      const hostPort = view.num(view.field(item, 'hostPort')?.value);
      if (hostPort !== undefined && hostPort > 0) return { container: c, port: hostPort, hostNetwork: false };
      const containerPort = view.num(view.field(item, 'containerPort')?.value);
      if (hostNetwork && containerPort !== undefined && containerPort > 0) return { container: c, port: containerPort, hostNetwork: true };
    }
  }
  return undefined;
}

/** A string as YAML text that reads back as the same string: plain when that is safe, else double-quoted. */
export function yamlString(value: string): string {
  let written = plainCache.get(value);
  if (written === undefined) {
    written = JSON.stringify(value);
    // Letters, digits and `_./-` after a letter, digit, `_` or `/` make a plain scalar whatever follows: only the
    // schema's resolution can turn it into something else. A leading `-` or `.` (`-`, `---`, `...`) is parsed.
    if (/^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/.test(value)) {
      if (resolvesToString(value)) written = value;
    } else if (/^[A-Za-z0-9_./-]+$/.test(value)) {
      try {
        if (parse(value, { version: '1.1' }) === value) written = value;
      } catch {
        // Not a plain scalar after all: keep it quoted.
      }
    }
    // Rules ask for the same label keys and values on every analysis; parsing each again is the slow part.
    if (plainCache.size > 5000) plainCache.clear();
    plainCache.set(value, written);
  }
  return written;
}

const plainCache = new Map<string, string>();

/**
 * Edits that make `map` hold `key: text`: the value written there replaced, or the key added (after `after`). Undefined
 * when that can't be done in place: the key comes through a merge key, is written empty, or its value defines an anchor.
 */
export function setField(view: DocView, map: YAMLMap, key: string, text: string, eol: string, after?: Field): TextChange[] | undefined {
  const f = view.field(map, key);
  if (f) {
    if (f.mergedVia || !map.items.includes(f.pair) || view.isEmpty(f.value)) return undefined;
    const node = f.rawValue;
    if (!node?.range || definesAnchor(node)) return undefined;
    return [{ start: node.range[0], end: node.range[1], newText: text }];
  }
  const changes = insertField(view, map, key, [text], eol, after);
  return changes.length > 0 ? changes : undefined;
}

/**
 * The mapping a field holds when a fix may edit it in place: written under that key (not merged in, not an alias)
 * and not itself the target of an anchor, whose other users would change too.
 */
export function editableMap(view: DocView, field: Field | undefined): YAMLMap | undefined {
  if (!field || field.mergedVia || field.rawValue !== field.value) return undefined;
  const map = view.map(field.value);
  if (!map || (map as { anchor?: string }).anchor) return undefined;
  return map;
}

/**
 * Whether a PodDisruptionBudget selects the pods of a workload's template: true, false, or undefined when that is not
 * known (templated documents, unreadable selectors or labels). A missing selector selects nothing; an empty one selects
 * every pod of the namespace in policy/v1 and nothing in policy/v1beta1.
 */
export function pdbSelects(pdb: K8sObject, workload: K8sObject): boolean | undefined {
  if (!sameNamespace(pdb, workload)) return false;
  if (pdb.incomplete || workload.incomplete) return undefined;
  const { view } = pdb;
  const selector = view.field(view.field(pdb.root, 'spec')?.value, 'selector');
  if (!selector || view.isEmpty(selector.value)) return false;
  const requirements = readLabelSelector(view, selector.value);
  if (!requirements) return undefined;
  if (requirements.length === 0) return pdb.apiVersion === 'policy/v1';
  const labels = templateLabels(workload);
  if (!labels) return undefined;
  return requirements.every((r) => requirementMatches(r, labels));
}

/** A custom workload's rolling update settings as written (an Argo Rollouts canary, a CloneSet's updateStrategy). */
export interface CustomRollingUpdate {
  readonly def: RollingUpdateDef;
  /** The mapping that holds maxSurge and maxUnavailable, or null when it is not written. */
  readonly map: YAMLMap | null;
  readonly field: Field | undefined;
  readonly maxSurge: IntOrPercentField | undefined;
  readonly maxUnavailable: IntOrPercentField | undefined;
}

/**
 * Reads the rolling update of a custom workload whose table entry has one; undefined when it has none, when it is
 * not in use (a Rollout with a blueGreen strategy) or when it is not a mapping.
 */
export function customRollingUpdateOf(obj: K8sObject): CustomRollingUpdate | undefined {
  const def = obj.workload?.rollingUpdate;
  if (!def) return undefined;
  const { view } = obj;
  const parent = view.at(obj.root, ...def.path.slice(0, -1));
  const field = view.field(parent, def.path[def.path.length - 1]);
  // An Argo Rollout's canary settings apply only when the canary strategy is chosen (written).
  if (def.style === 'deployment' && !field) return undefined;
  if (field && !view.isEmpty(field.value) && !view.map(field.value)) return undefined;
  const map = field ? view.map(field.value) : null;
  return { def, map, field, maxSurge: readIntOrPercent(view, map, 'maxSurge'), maxUnavailable: readIntOrPercent(view, map, 'maxUnavailable') };
}

/**
 * A CloneSet's surge and unavailable pod counts: both percentages rounded up (kruise pkg/util/tools.go
 * GetScaledValueFromIntOrPercent with roundUp, as its webhook and controller use them).
 */
export function cloneSetCounts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): { surge: number; unavailable: number } {
  return { surge: scaled(maxSurge, replicas, true), unavailable: scaled(maxUnavailable, replicas, true) };
}

/**
 * A percentage as OpenKruise reads one (pkg/util/tools.go): a string must end in "%" and the rest parse as a float
 * (so "10.5%" is accepted); undefined for strings it rejects ("invalid type: string is not a percentage").
 */
export function kruisePercent(raw: string): number | undefined {
  if (!raw.endsWith('%')) return undefined;
  const body = raw.slice(0, -1);
  return /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(body) ? Number(body) : undefined;
}
