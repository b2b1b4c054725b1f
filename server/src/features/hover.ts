// Hover docs: what a field does, its default and its effective value here, and what it means for this resource
// (start-up budget, time to detect failure, the shutdown timeline, rollout pod counts, effective requests).
import { isMap, isPair, isScalar, isSeq, Node, Scalar } from 'yaml';
import { ChunkCache } from '../yaml/documents';
import { HoverTexts, hoverTexts } from '../l10n/hover-text';
import { Locale } from '../l10n/locale';
import { Container, containerLabel, isBuiltin, isWorkloadKind, K8sObject, objectsOf, PodSpec } from '../k8s/model';
import { podQos } from '../k8s/qos';
import { PROBE_KINDS, probeFigures, probeOf, ProbeKind, startupBudget } from '../k8s/probes';
import { formatResource } from '../k8s/quantity';
import { effectiveRequest, RESOURCES } from '../k8s/resources';
import {
  cloneSetCounts,
  customRollingUpdateOf,
  DEPLOYMENT_DEFAULTS,
  deploymentFenceposts,
  formatIntOrPercent,
  IntOrPercent,
  IntOrPercentField,
  kruisePercent,
  parseIntOrPercent,
  pdbSelects,
  replicasOf,
  scaled,
} from '../k8s/rollout';
import type { WorkloadDef } from '../k8s/workloads';
import { fieldDocs } from '../k8s/schema';
import { gracePeriod, MIN_SIGTERM_SECONDS, preStopSleep, shutdownTimes } from '../k8s/termination';
import { disruptionsAllowed } from '../k8s/lifecycle';
import { formatVersion, KubeVersion, supports } from '../k8s/versions';
import { DocView } from '../yaml/view';

export interface HoverResult {
  readonly markdown: string;
  /** File offsets of the key the hover is about. */
  readonly start: number;
  readonly end: number;
}

type Step = string | number;

interface Located {
  readonly path: Step[];
  /** The key node of the innermost pair the offset is in (on its key or its value). */
  readonly key: Scalar | undefined;
}

const DOCS = {
  probes: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
  init: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
  sidecar: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  termination: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
  hooks: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
  deployment: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment',
  statefulset: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies',
  daemonset: 'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
  pdb: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  resources: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers',
  canary: 'https://argoproj.github.io/argo-rollouts/features/canary/',
  blueGreen: 'https://argoproj.github.io/argo-rollouts/features/bluegreen/',
  rolloutSpec: 'https://argoproj.github.io/argo-rollouts/features/specification/',
  cloneSet: 'https://openkruise.io/docs/user-manuals/cloneset/',
  qos: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
} as const;

/** Finds the path of keys and indexes from the document root to the innermost pair containing `offset`. */
export function locate(root: unknown, offset: number): Located {
  const path: Step[] = [];
  let key: Scalar | undefined;
  let node: unknown = root;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0] ?? -1;
        const end = v?.range?.[1] ?? k?.range?.[1] ?? -1;
        return offset >= start && offset <= end;
      });
      if (!pair || !isPair(pair) || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      key = pair.key;
      const keyRange = pair.key.range;
      if (keyRange && offset <= keyRange[1]) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const r = (item as Node | null)?.range;
        return r !== undefined && r !== null && offset >= r[0] && offset <= r[1];
      });
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return { path, key };
}

/** Finds the workload a budget selects anywhere in the workspace (the object index), when there is one. */
export type BudgetTargetLookup = (pdb: K8sObject) => { label: string; replicas: number } | undefined;

export function doHover(
  text: string,
  offset: number,
  version: KubeVersion,
  locale: Locale,
  cache = new ChunkCache(),
  custom: readonly WorkloadDef[] = [],
  budgetTarget?: BudgetTargetLookup,
): HoverResult | undefined {
  const chunks = cache.parse(text);
  const chunk = chunks.find((c) => offset >= c.start && offset <= c.start + c.text.length);
  if (!chunk || chunk.parsed.fatal.length > 0) return undefined;
  const local = offset - chunk.start;
  const { path, key } = locate(chunk.parsed.doc.contents, local);
  if (!key?.range || path.length === 0) return undefined;
  const view = new DocView(chunk.parsed);
  const objects = objectsOf(view, false, custom);
  let obj: K8sObject | undefined = objects[0];
  let rel = path;
  if (obj && obj.kind === 'List' && path[0] === 'items' && typeof path[1] === 'number') {
    const item = view.map(view.at(obj.root, 'items', path[1]));
    obj = objects.find((o) => o.root === item);
    rel = path.slice(2);
  }
  if (!obj) return undefined;
  const t = hoverTexts(locale);
  // Only a PodDisruptionBudget's hover needs the objects of every document (to find the workload it selects):
  // read them when asked, not on every hover.
  const everywhere = (): K8sObject[] =>
    chunks.flatMap((c) => (c === chunk ? objects : c.parsed.fatal.length > 0 ? [] : objectsOf(new DocView(c.parsed), false, custom)));
  const target: BudgetTargetLookup = budgetTarget ?? ((pdb) => selectedWorkload(pdb, everywhere()));
  const body = describe(obj, rel, t, version, target) ?? apiDescription(obj, rel, version, t);
  if (!body) return undefined;
  return { markdown: body, start: chunk.start + key.range[0], end: chunk.start + key.range[1] };
}

function describe(obj: K8sObject, path: Step[], t: HoverTexts, version: KubeVersion, budgetTarget: BudgetTargetLookup): string | undefined {
  const spec = obj.podSpec;
  if (spec && (isWorkloadKind(obj.kind) || spec.workload)) {
    const prefix = spec.path;
    if (startsWith(path, prefix)) {
      const inner = path.slice(prefix.length);
      const found = describePodSpec(spec, inner, t, version);
      if (found) return found;
    }
  }
  return describeWorkload(obj, path, t, version, budgetTarget);
}

function startsWith(path: Step[], prefix: readonly string[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

function section(t: HoverTexts, title: string, lines: (string | undefined)[], docs: string): string {
  const body = lines.filter((l): l is string => l !== undefined && l !== '');
  return [`**${title}**`, ...body, `[${t.docs}](${docs})`].join('\n\n');
}

function describePodSpec(spec: PodSpec, path: Step[], t: HoverTexts, version: KubeVersion): string | undefined {
  const [first, index, ...rest] = path;
  if (first === 'terminationGracePeriodSeconds' && path.length === 1) {
    const grace = gracePeriod(spec);
    const app = spec.containers.find((c) => c.role === 'app');
    return section(
      t,
      'terminationGracePeriodSeconds',
      [
        t.fields['terminationGracePeriodSeconds'],
        both(t, t.defaultIs(t.seconds(30)), t.hereIs(t.seconds(grace.seconds), !grace.explicit)),
        app ? timeline(app, t) : undefined,
      ],
      DOCS.termination,
    );
  }
  if (first === 'resources' && path.length === 1) {
    return section(t, 'resources', [t.fields['podResources'], qosLine(spec, t, version)], DOCS.qos);
  }
  if (first === 'initContainers' && path.length === 1) {
    const inits = spec.containers.filter((c) => c.role === 'init');
    const order = t.initOrder(inits.map((c, i) => t.initEntry(i + 1, c.name ?? `#${i + 1}`, c.isSidecar && supports(version, 'nativeSidecars'))));
    return section(t, 'initContainers', [t.fields['initContainers'], order, ...requests(spec, t, version)], DOCS.init);
  }
  if ((first !== 'initContainers' && first !== 'containers') || typeof index !== 'number') return undefined;
  const role = first === 'initContainers' ? 'init' : 'app';
  const c = spec.containers.find((x) => x.role === role && x.index === index);
  if (!c) return undefined;
  const [field, sub, subsub] = rest;
  if (field === undefined) return undefined;
  // A plain init container (or a sidecar the target version does not know) may not have probes or hooks: the API
  // server rejects the pod (init-container-probe, init-container-lifecycle), so there are no figures to give.
  const plainInit = role === 'init' && !(c.isSidecar && supports(version, 'nativeSidecars'));
  if (plainInit && ((PROBE_KINDS as readonly string[]).includes(String(field)) || field === 'lifecycle')) {
    return section(t, String(field), [t.initCannotHave(String(field))], DOCS.init);
  }
  if ((PROBE_KINDS as readonly string[]).includes(String(field))) return describeProbe(c, field as ProbeKind, sub, t);
  if (field === 'restartPolicy' && role === 'init' && rest.length === 1) {
    // The hover says what the target version does, as the rules do (sidecar-unsupported-version below 1.29).
    const note = !c.isSidecar ? t.plainInitNote : supports(version, 'nativeSidecars') ? t.sidecarNote : t.sidecarNotYet(formatVersion(version));
    return section(t, 'restartPolicy', [t.fields['restartPolicy'], note], DOCS.sidecar);
  }
  if (field === 'resources' && (role === 'init' || rest.length === 1)) {
    const lines =
      role === 'init' ? [t.fields['resources'], ...requests(spec, t, version), qosLine(spec, t, version)] : [t.fields['resources'], qosLine(spec, t, version)];
    return section(t, 'resources', lines, role === 'init' ? DOCS.resources : DOCS.qos);
  }
  if (field === 'lifecycle') {
    const name = subsub === 'sleep' ? 'sleep' : typeof sub === 'string' && (sub === 'preStop' || sub === 'postStart') ? sub : 'lifecycle';
    const lines = [t.fields[name]];
    if (name !== 'postStart') lines.push(timeline(c, t));
    return section(t, name, lines, DOCS.hooks);
  }
  return undefined;
}

/** The pod's QoS class and the reason for it; nothing when a value is not known. */
function qosLine(spec: PodSpec, t: HoverTexts, version: KubeVersion): string | undefined {
  const q = podQos(spec, version);
  if (!q) return undefined;
  if (q.podLevel) return t.qosClass(q.qos, t.qosPodLevel(q.qos === 'Guaranteed'));
  if (q.qos === 'Guaranteed') return t.qosClass(q.qos, t.qosGuaranteed);
  if (q.qos === 'BestEffort') return t.qosClass(q.qos, t.qosBestEffort);
  const first = q.containers.find((c) => c.gaps.length > 0);
  const gap = first?.gaps[0];
  if (!first || !gap) return undefined;
  return t.qosClass(q.qos, t.qosBurstable(containerLabel(first.container), first.empty ? t.qosGap(undefined, 'empty') : t.qosGap(gap.resource, gap.kind)));
}

/** Two sentences on one line, spaced the way the language spaces them. */
function both(t: HoverTexts, a: string, b: string): string {
  return `${a}${t.sentenceGap}${b}`;
}

function requests(spec: PodSpec, t: HoverTexts, version: KubeVersion): string[] {
  return RESOURCES.map((r) => {
    const e = effectiveRequest(spec, r, version);
    const overhead = e.overhead > 0 ? formatResource(r, e.overhead) : undefined;
    if (e.podLevel !== undefined)
      return t.podLevelRequest(r, formatResource(r, e.effective), formatResource(r, e.podLevel), formatResource(r, e.containers), overhead);
    return t.effectiveRequest(r, formatResource(r, e.effective), formatResource(r, e.init), formatResource(r, e.running), overhead);
  });
}

function describeProbe(c: Container, kind: ProbeKind, field: Step | undefined, t: HoverTexts): string | undefined {
  const p = probeOf(c, kind);
  const f = probeFigures(c, kind);
  if (!p || !f) return undefined;
  const consequence: string[] = [];
  const startup = probeFigures(c, 'startupProbe');
  if (kind === 'startupProbe') consequence.push(t.startupBudget(f, startupBudget(f)));
  if (kind === 'readinessProbe') {
    consequence.push(t.readinessReady(f, startup !== undefined));
    consequence.push(t.readinessRemoval(f));
  }
  if (kind === 'livenessProbe') consequence.push(t.livenessRestart(f, startup !== undefined));
  if (field === undefined) return section(t, kind, [t.fields[kind], ...consequence], DOCS.probes);
  const name = String(field);
  if (name === 'terminationGracePeriodSeconds') return section(t, `${kind}.${name}`, [t.fields['probeTerminationGracePeriodSeconds']], DOCS.probes);
  // Own properties only: a key named `constructor` or `toString` must not find Object.prototype's functions.
  const timing = own(p.timings as Record<string, { value: number; explicit: boolean } | undefined>, name);
  if (timing) {
    const defaults: Record<string, string> = {
      initialDelaySeconds: t.seconds(0),
      periodSeconds: t.seconds(10),
      timeoutSeconds: t.seconds(1),
      successThreshold: '1',
      failureThreshold: '3',
    };
    const unit = name.endsWith('Seconds') ? t.seconds(timing.value) : String(timing.value);
    return section(
      t,
      `${kind}.${name}`,
      [t.fields[name], both(t, t.defaultIs(defaults[name] ?? ''), t.hereIs(unit, !timing.explicit)), ...consequence],
      DOCS.probes,
    );
  }
  const fieldText = own(t.fields, name);
  if (fieldText) return section(t, `${kind}.${name}`, [fieldText, ...consequence], DOCS.probes);
  return undefined;
}

function timeline(c: Container, t: HoverTexts): string {
  const grace = gracePeriod(c.spec).seconds;
  if (grace === 0) return t.graceZero;
  const { view } = c.spec.owner;
  const hasPreStop = view.at(c.map, 'lifecycle', 'preStop') !== null;
  const sleep = preStopSleep(c);
  const rows: [string, string][] = [];
  if (hasPreStop && sleep) {
    // validateSleepAction rejects a sleep action longer than the grace period: there is no shutdown to draw.
    if (sleep.via === 'sleep-action' && sleep.seconds > grace) return t.sleepRejected(sleep.seconds, grace);
    const times = shutdownTimes(grace, sleep.seconds);
    rows.push([t.seconds(0), t.endpointsRemoved(t.seconds(sleep.seconds))]);
    rows.push([t.seconds(times.preStopEnds), times.preStopCutOff ? t.preStopCutOff : t.preStopEnds]);
    rows.push([t.seconds(times.sigkill), t.sigkill(times.floored ? 'floor' : 'none')]);
    return [t.timelineTitle, table(t, rows), t.appShutdownLeft(times.sigkill - times.sigterm)].join('\n\n');
  }
  if (hasPreStop) {
    rows.push([t.seconds(0), t.endpointsRemoved(t.preStopUnknown)]);
    rows.push(['…', t.preStopEnds]);
    rows.push([t.seconds(grace), t.sigkill('preStopRunning', grace + MIN_SIGTERM_SECONDS)]);
    return [t.timelineTitle, table(t, rows)].join('\n\n');
  }
  const times = shutdownTimes(grace, 0);
  rows.push([t.seconds(0), `${t.endpointsRemoved(undefined)}${t.clauseJoin}${t.sigterm}`]);
  rows.push([t.seconds(times.sigkill), t.sigkill(times.floored ? 'floor' : 'none')]);
  return [t.timelineTitle, table(t, rows), t.appShutdownLeft(times.sigkill)].join('\n\n');
}

function table(t: HoverTexts, rows: [string, string][]): string {
  return [`| ${t.timelineHeader[0]} | ${t.timelineHeader[1]} |`, '| ---: | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

function describeWorkload(obj: K8sObject, path: Step[], t: HoverTexts, version: KubeVersion, budgetTarget: BudgetTargetLookup): string | undefined {
  const { view } = obj;
  const specNode = view.field(obj.root, 'spec')?.value;
  const last = path[path.length - 1];
  if (path[0] !== 'spec' || typeof last !== 'string') return undefined;
  const replicasRaw = view.num(view.field(specNode, 'replicas')?.value);
  const replicas = replicasRaw ?? 1;
  if (obj.workload) return describeCustomWorkload(obj, path, t);
  if (isBuiltin(obj, 'Deployment')) {
    const strategy = view.field(specNode, 'strategy')?.value;
    const type = view.str(view.field(strategy, 'type')?.value) ?? 'RollingUpdate';
    const ru = view.field(strategy, 'rollingUpdate')?.value;
    const surgeV = parseIntOrPercent(view.intOrString(view.field(ru, 'maxSurge')?.value)) ?? DEPLOYMENT_DEFAULTS.maxSurge;
    const unavailV = parseIntOrPercent(view.intOrString(view.field(ru, 'maxUnavailable')?.value)) ?? DEPLOYMENT_DEFAULTS.maxUnavailable;
    const minReady = view.num(view.field(specNode, 'minReadySeconds')?.value) ?? 0;
    const deadline = view.num(view.field(specNode, 'progressDeadlineSeconds')?.value) ?? 600;
    const rollout = (): string[] => {
      if (type === 'Recreate') return [t.recreate];
      const { surge, unavailable } = deploymentFenceposts(surgeV, unavailV, replicas);
      const bumped = scaled(surgeV, replicas, true) === 0 && scaled(unavailV, replicas, false) === 0;
      return [
        t.rollout(replicas, formatIntOrPercent(surgeV), surge, formatIntOrPercent(unavailV), unavailable, bumped),
        t.rolloutBounds(replicas + surge, Math.max(0, replicas - unavailable)),
      ];
    };
    const here = (v: string, defaulted: boolean): string => t.hereIs(v, defaulted);
    const withDefault = (d: string, v: string, defaulted: boolean): string => both(t, t.defaultIs(d), here(v, defaulted));
    switch (last) {
      case 'strategy':
      case 'rollingUpdate':
      case 'replicas':
        return section(
          t,
          last,
          [t.fields[last], last === 'replicas' ? here(String(replicas), replicasRaw === undefined) : undefined, ...rollout()],
          DOCS.deployment,
        );
      case 'maxSurge':
        return section(
          t,
          'maxSurge',
          [t.fields['maxSurge'], withDefault('25%', formatIntOrPercent(surgeV), view.field(ru, 'maxSurge') === undefined), ...rollout()],
          DOCS.deployment,
        );
      case 'maxUnavailable':
        return section(
          t,
          'maxUnavailable',
          [t.fields['maxUnavailable'], withDefault('25%', formatIntOrPercent(unavailV), view.field(ru, 'maxUnavailable') === undefined), ...rollout()],
          DOCS.deployment,
        );
      case 'minReadySeconds':
        return section(
          t,
          'minReadySeconds',
          [t.fields['minReadySeconds'], withDefault(t.seconds(0), t.seconds(minReady), false), t.minReady(minReady)],
          DOCS.deployment,
        );
      case 'progressDeadlineSeconds':
        return section(
          t,
          'progressDeadlineSeconds',
          [t.fields['progressDeadlineSeconds'], withDefault(t.seconds(600), t.seconds(deadline), false), t.progressDeadline(deadline, minReady)],
          DOCS.deployment,
        );
      default:
        return undefined;
    }
  }
  if (isBuiltin(obj, 'StatefulSet')) {
    const us = view.field(specNode, 'updateStrategy')?.value;
    const partition = view.num(view.at(us, 'rollingUpdate', 'partition')) ?? 0;
    switch (last) {
      case 'replicas':
      case 'updateStrategy':
      case 'podManagementPolicy':
        return section(t, last, [t.fields[last]], DOCS.statefulset);
      case 'partition':
        return section(t, 'partition', [t.fields['partition'], t.partition(partition, replicas)], DOCS.statefulset);
      case 'maxUnavailable': {
        const v = `1.${version.minor}`;
        // MaxUnavailableStatefulSet: beta and on in 1.35.0-1.35.3, switched off in 1.35.4 and 1.36 (docs/research section 11).
        const state = version.minor === 35 ? 'patch' : version.minor >= 37 ? 'on' : 'off';
        return section(t, 'maxUnavailable', [t.fields['maxUnavailable'], t.statefulSetMaxUnavailable(v, state)], DOCS.statefulset);
      }
      default:
        return undefined;
    }
  }
  if (isBuiltin(obj, 'DaemonSet')) {
    const ru = view.at(specNode, 'updateStrategy', 'rollingUpdate');
    const surge = view.intOrString(view.field(ru, 'maxSurge')?.value) ?? 0;
    const unavailable = view.intOrString(view.field(ru, 'maxUnavailable')?.value) ?? 1;
    if (last === 'updateStrategy' || last === 'maxSurge' || last === 'maxUnavailable' || last === 'rollingUpdate') {
      return section(t, last, [t.fields[last], t.daemonSetRollout(String(surge), String(unavailable))], DOCS.daemonset);
    }
    return undefined;
  }
  if (isBuiltin(obj, 'PodDisruptionBudget') && (last === 'minAvailable' || last === 'maxUnavailable') && path.length === 2) {
    const value = parseIntOrPercent(view.intOrString(view.field(specNode, last)?.value));
    const field = last === 'minAvailable' ? t.fields['minAvailable'] : t.fields['pdbMaxUnavailable'];
    const target = budgetTarget(obj);
    if (!value || !target) return section(t, last, [field, t.pdbNoWorkload], DOCS.pdb);
    const r = target.replicas;
    const { healthy, allowed } = disruptionsAllowed(last, value, r);
    return section(t, last, [field, t.pdb(target.label, r, healthy, allowed)], DOCS.pdb);
  }
  return undefined;
}

/**
 * The rollout fields of Argo Rollouts and OpenKruise CloneSets, with their controllers' arithmetic and defaults
 * (utils/defaults/defaults.go of argo-rollouts; apis/apps/defaults/v1alpha1.go of kruise).
 */
function describeCustomWorkload(obj: K8sObject, path: Step[], t: HoverTexts): string | undefined {
  const { view } = obj;
  const def = obj.workload;
  const last = path[path.length - 1];
  if (!def || typeof last !== 'string') return undefined;
  const replicas = replicasOf(obj)?.count ?? 1;
  const withDefault = (d: string, v: string, defaulted: boolean): string => both(t, t.defaultIs(d), t.hereIs(v, defaulted));
  const ru = customRollingUpdateOf(obj);
  const at = (...keys: string[]): boolean => path.length === keys.length && keys.every((k, i) => path[i] === k);
  const rollingPath = def.rollingUpdate?.path ?? [];
  if (ru && (last === 'maxSurge' || last === 'maxUnavailable') && at(...rollingPath, last)) {
    const value = (f: IntOrPercentField | undefined, fallback: number | string): IntOrPercent | undefined => {
      if (!f) return parseIntOrPercent(fallback);
      if (ru.def.style === 'cloneset' && typeof f.raw === 'string') {
        const p = kruisePercent(f.raw);
        return p === undefined ? undefined : { kind: 'percent', value: p };
      }
      return f.parsed;
    };
    const surgeV = value(ru.maxSurge, ru.def.defaults.maxSurge);
    const unavailV = value(ru.maxUnavailable, ru.def.defaults.maxUnavailable);
    const field = last === 'maxSurge' ? ru.maxSurge : ru.maxUnavailable;
    const shown = last === 'maxSurge' ? surgeV : unavailV;
    const line = shown
      ? withDefault(String(last === 'maxSurge' ? ru.def.defaults.maxSurge : ru.def.defaults.maxUnavailable), formatIntOrPercent(shown), field === undefined)
      : undefined;
    if (!surgeV || !unavailV) return section(t, last, [t.fields[last], line], ru.def.style === 'cloneset' ? DOCS.cloneSet : DOCS.canary);
    if (ru.def.style === 'cloneset') {
      const { surge, unavailable } = cloneSetCounts(surgeV, unavailV, replicas);
      return section(
        t,
        last,
        [
          t.fields[last],
          line,
          t.cloneSetRollout(replicas, formatIntOrPercent(surgeV), surge, formatIntOrPercent(unavailV), unavailable),
          t.rolloutBounds(replicas + surge, Math.max(0, replicas - unavailable)),
        ],
        DOCS.cloneSet,
      );
    }
    const { surge, unavailable } = deploymentFenceposts(surgeV, unavailV, replicas);
    const bumped = scaled(surgeV, replicas, true) === 0 && scaled(unavailV, replicas, false) === 0;
    return section(
      t,
      last,
      [
        t.fields[last],
        line,
        t.canaryArithmetic,
        t.rollout(replicas, formatIntOrPercent(surgeV), surge, formatIntOrPercent(unavailV), unavailable, bumped),
        t.rolloutBounds(replicas + surge, Math.max(0, replicas - unavailable)),
      ],
      DOCS.canary,
    );
  }
  if (ru?.def.style === 'cloneset' && at(...rollingPath, 'partition')) {
    const f = view.field(ru.map, 'partition');
    const raw = f ? view.intOrString(f.value) : 0;
    const pct = typeof raw === 'string' ? kruisePercent(raw) : undefined;
    const p = typeof raw === 'number' ? raw : pct !== undefined ? Math.ceil((pct * replicas) / 100) : undefined;
    return section(t, 'partition', [t.fields['cloneSetPartition'], p !== undefined ? t.cloneSetPartition(p, replicas) : undefined], DOCS.cloneSet);
  }
  if (obj.kind !== 'Rollout' || def.custom) return undefined;
  const specNode = view.field(obj.root, 'spec')?.value;
  const blueGreen = view.at(specNode, 'strategy', 'blueGreen');
  if (at('spec', 'strategy', 'blueGreen', 'scaleDownDelaySeconds')) {
    const written = view.num(view.field(blueGreen, 'scaleDownDelaySeconds')?.value);
    return section(t, last, [t.fields['scaleDownDelaySeconds'], t.scaleDownDelay(written ?? 30, written === undefined)], DOCS.blueGreen);
  }
  if (at('spec', 'strategy', 'blueGreen', 'previewReplicaCount')) {
    const written = view.num(view.field(blueGreen, 'previewReplicaCount')?.value);
    return section(t, last, [t.fields['previewReplicaCount'], t.previewReplicas(written, replicas)], DOCS.blueGreen);
  }
  if (at('spec', 'strategy', 'blueGreen')) {
    const delay = view.num(view.field(blueGreen, 'scaleDownDelaySeconds')?.value);
    const preview = view.num(view.field(blueGreen, 'previewReplicaCount')?.value);
    return section(t, 'blueGreen', [t.scaleDownDelay(delay ?? 30, delay === undefined), t.previewReplicas(preview, replicas)], DOCS.blueGreen);
  }
  const minReady = view.num(view.field(specNode, 'minReadySeconds')?.value) ?? 0;
  const deadline = view.num(view.field(specNode, 'progressDeadlineSeconds')?.value) ?? 600;
  if (at('spec', 'minReadySeconds'))
    return section(t, last, [t.fields['minReadySeconds'], withDefault(t.seconds(0), t.seconds(minReady), false), t.minReady(minReady)], DOCS.rolloutSpec);
  if (at('spec', 'progressDeadlineSeconds'))
    return section(
      t,
      last,
      [t.fields['progressDeadlineSeconds'], withDefault(t.seconds(600), t.seconds(deadline), false), t.progressDeadline(deadline, minReady)],
      DOCS.rolloutSpec,
    );
  return undefined;
}

/** Any other field of a built-in kind: its description from the bundled API definitions of the target version. */
function apiDescription(obj: K8sObject, path: Step[], version: KubeVersion, t: HoverTexts): string | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  // Inside a custom workload's pod template the fields are a core PodTemplateSpec's (Knative's are a subset).
  const template = obj.workload?.template;
  const inTemplate = template !== undefined && template.length > 0 && template.every((k, i) => path[i] === k);
  const docs = inTemplate
    ? fieldDocs('v1', 'PodTemplate', ['template', ...path.slice(template.length)], version)
    : fieldDocs(obj.apiVersion, obj.kind, path, version);
  const text = docs?.description ?? docs?.typeDescription;
  if (!docs || !text) return undefined;
  const type = docs.typeName ?? docs.type;
  return [`**${last}**${type ? ` \`${type}\`` : ''}`, text, t.apiDefinitions(`1.${Math.max(29, Math.min(36, version.minor))}`)].join('\n\n');
}

/** The long-running workload in the file that the PDB selects (without a workspace index). */
function selectedWorkload(pdb: K8sObject, objects: K8sObject[]): { label: string; replicas: number } | undefined {
  for (const o of objects) {
    if (!o.podSpec?.longRunning || pdbSelects(pdb, o) !== true) continue;
    const replicas = replicasOf(o);
    if (replicas) return { label: `${o.kind} ${o.name ?? ''}`.trim(), replicas: replicas.count };
  }
  return undefined;
}

/** `record[key]` when it is the record's own property; never a function inherited from Object.prototype. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
