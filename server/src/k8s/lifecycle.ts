// The lifecycle of a workload's pods as numbers: start-up (init containers, sidecars, probes, readiness,
// minReadySeconds), shutdown (preStop, SIGTERM, SIGKILL, sidecars last) and the rollout's steps with the controllers'
// rounding. Pure arithmetic on the model, built from the same helpers as the rules and hovers; no words, no LSP.
import type { Node } from 'yaml';
import { Container, containerLabel, isBuiltin, K8sObject, PodSpec, podSpecPath } from './model';
import { earliestReady, latestReady, probeFigures, ProbeFigures, startupBudget } from './probes';
import { DEPLOYMENT_DEFAULTS, deploymentFenceposts, IntOrPercent, parseIntOrPercent, replicasOf, scaled } from './rollout';
import { argvOf, neverExits } from './shell';
import { gracePeriod, preStopSleep, shutdownTimes } from './termination';
import type { KubeVersion } from './versions';
import type { Field } from '../yaml/view';

/** Where a figure comes from: the field's dotted path in the object and its text range (file offsets). */
export interface Source {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export type BarKind =
  | 'init' // a plain init container, running to completion
  | 'initNeverExits' // a plain init container whose command never ends
  | 'sidecar' // a native sidecar, running for the life of the pod
  | 'startupWindow' // from the first startup probe to the restart point
  | 'readinessDelay' // initialDelaySeconds of the readiness probe
  | 'ready' // the container is ready (open-ended)
  | 'minReady' // minReadySeconds before the pod counts as available
  | 'endpoints' // the pod is being removed from Service endpoints
  | 'preStop' // the preStop hook runs
  | 'afterSigterm' // the app's own shutdown, from SIGTERM to SIGKILL
  | 'extension' // the 2 s floor after the grace period
  | 'sidecarStop'; // a sidecar stopping after the apps

export interface Bar {
  readonly kind: BarKind;
  /** The container the bar belongs to; undefined for the pod as a whole. */
  readonly container: string | undefined;
  readonly start: number;
  /** Undefined when the end is not known (an init container's run time) or never comes. */
  readonly end: number | undefined;
  /** The field that sets the bar, to name in its tooltip and to reveal on a click. */
  readonly source: Source | undefined;
}

export type MarkKind = 'containerStart' | 'earliestReady' | 'restart' | 'podReady' | 'available' | 'sigterm' | 'sigkill' | 'podGone';

export interface Mark {
  readonly kind: MarkKind;
  readonly container: string | undefined;
  readonly at: number;
  readonly source: Source | undefined;
}

export interface Phase {
  readonly bars: Bar[];
  readonly marks: Mark[];
  /** The bound in seconds (start ≤, stop ≤), ignoring the unknown run times of plain init containers. */
  readonly bound: number;
  /** True when part of the phase has no known length (plain init containers), so the bound excludes it. */
  readonly openEnded: boolean;
  /** True when the phase never ends (an init container that never exits). */
  readonly never: boolean;
}

export interface StartupDetail {
  readonly container: string;
  readonly startsAt: number;
  readonly startup: ProbeFigures | undefined;
  readonly readiness: ProbeFigures | undefined;
  readonly earliestReady: number;
  readonly latestReady: number;
  /** When the startup probe gives up and the container is restarted (after start). */
  readonly restartAt: number | undefined;
}

export interface ShutdownDetail {
  readonly container: string;
  readonly sidecar: boolean;
  /** The preStop hook: its seconds when it is a sleep, null when it is a command of unknown duration, undefined without one. */
  readonly preStop: number | null | undefined;
  readonly sigterm: number;
  readonly sigkill: number;
  readonly extended: boolean;
}

export interface Startup extends Phase {
  readonly containers: StartupDetail[];
  readonly minReadySeconds: number;
}

export interface Shutdown extends Phase {
  readonly grace: number;
  readonly containers: ShutdownDetail[];
}

export type RolloutAction = 'start' | 'scaleUp' | 'scaleDown' | 'ready' | 'delete' | 'create';

export interface RolloutStep {
  readonly action: RolloutAction;
  readonly newPods: number;
  readonly oldPods: number;
  /** New and old pods the controller counts (terminating pods are not counted). */
  readonly total: number;
  readonly available: number;
  /** Old pods still shutting down after this step; they use nodes but do not count against maxSurge. */
  readonly terminating: number;
}

export type RolloutKind = 'RollingUpdate' | 'Recreate' | 'StatefulSet' | 'OnDelete' | 'DaemonSet' | 'none';

export interface Rollout {
  readonly kind: RolloutKind;
  readonly replicas: number;
  /** Pods added above `replicas` (Deployment) or nodes updated at once with a surge pod (DaemonSet). */
  readonly surge: number;
  /** Pods that may be unavailable at once (Deployment, StatefulSet), or nodes updated at once (DaemonSet). */
  readonly unavailable: number;
  readonly maxTotal: number;
  readonly minAvailable: number;
  readonly steps: RolloutStep[];
  /** How many times the rollout waits for new pods to start (and old ones to stop, for StatefulSet and Recreate). */
  readonly waves: number;
  /** Worst case in seconds: waves × (start ≤ [+ stop ≤]); undefined when a start-up never ends. */
  readonly worstCase: number | undefined;
  readonly progressDeadline: number | undefined;
  /** True when one wave may take longer than progressDeadlineSeconds: the Deployment reports the rollout failed. */
  readonly exceedsDeadline: boolean;
  /** maxSurge and maxUnavailable are both 0: the API server rejects the object. */
  readonly invalid: boolean;
  /** The StatefulSet's partition (pods below it keep the old version). */
  readonly partition: number;
  /** DaemonSet: the values as written, because they scale with the unknown number of nodes. */
  readonly perNode: { readonly surge: string; readonly unavailable: string } | undefined;
  /** The steps were cut short (very large replica counts). */
  readonly truncated: boolean;
  readonly source: Source | undefined;
}

export interface Lifecycle {
  readonly kind: string;
  readonly name: string;
  readonly startup: Startup;
  readonly shutdown: Shutdown;
  readonly rollout: Rollout;
}

/** The most rollout steps kept; a rollout of thousands of replicas is summed up, not listed. */
const MAX_STEPS = 400;
/** The most controller rounds simulated: a bound on the work for absurd replica counts. */
const MAX_ROUNDS = 100_000;

/** Reads the lifecycle of a workload. `base` is the file offset of the object's document, for the sources. */
export function lifecycleOf(obj: K8sObject, version: KubeVersion, base = 0): Lifecycle | undefined {
  const spec = obj.podSpec;
  if (!spec) return undefined;
  const src = sourcer(base);
  const startup = startupOf(spec, src);
  const shutdown = shutdownOf(spec, src);
  const rollout = rolloutOf(obj, startup, shutdown, version, src);
  return { kind: obj.kind, name: obj.name ?? '', startup, shutdown, rollout };
}

type Sourcer = (path: readonly (string | number)[], field: Field | Node | undefined) => Source | undefined;

/** Builds sources: the path from the object's root written with dots and [i], the range of the node. */
function sourcer(base: number): Sourcer {
  return (path, at) => {
    if (!at) return undefined;
    const node = 'key' in at && 'pair' in at ? (at.mergedVia ?? at.key) : at;
    const range = node.range;
    if (!range) return undefined;
    const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    return { path: text, start: base + range[0], end: base + range[1] };
  };
}

function containerPath(c: Container, ...rest: (string | number)[]): (string | number)[] {
  const list = c.role === 'init' ? 'initContainers' : c.role === 'app' ? 'containers' : 'ephemeralContainers';
  return [...podSpecPath(c.spec.workloadKind), list, c.index, ...rest];
}

const nameOf = containerLabel;

function probeSource(c: Container, kind: 'startupProbe' | 'readinessProbe', timing: string, src: Sourcer): Source | undefined {
  const { view } = c.spec.owner;
  const probe = view.field(c.map, kind);
  const f = probe ? view.field(probe.value, timing) : undefined;
  return f ? src(containerPath(c, kind, timing), f) : src(containerPath(c, kind), probe);
}

function startupOf(spec: PodSpec, src: Sourcer): Startup {
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  const details: StartupDetail[] = [];
  const { view } = spec.owner;
  // `at` is the earliest the next container can start; `late` the latest, given the probes' budgets.
  let at = 0;
  let late = 0;
  let openEnded = false;
  let never = false;
  for (const c of spec.containers.filter((x) => x.role === 'init')) {
    const name = nameOf(c);
    if (c.isSidecar) {
      const startup = probeFigures(c, 'startupProbe');
      bars.push({
        kind: 'sidecar',
        container: name,
        start: at,
        end: undefined,
        source: src(containerPath(c, 'restartPolicy'), view.field(c.map, 'restartPolicy')),
      });
      if (startup) {
        // The next init container waits until the sidecar's startup probe has succeeded.
        const budget = startupBudget(startup);
        bars.push({
          kind: 'startupWindow',
          container: name,
          start: at + startup.delay,
          end: at + budget,
          source: probeSource(c, 'startupProbe', 'failureThreshold', src),
        });
        marks.push({ kind: 'restart', container: name, at: at + budget, source: probeSource(c, 'startupProbe', 'failureThreshold', src) });
        at += startup.delay;
        late += budget;
      }
      continue;
    }
    const argv = argvOf(c);
    const endless = argv ? neverExits(argv) : undefined;
    bars.push({ kind: endless ? 'initNeverExits' : 'init', container: name, start: at, end: undefined, source: src(containerPath(c), c.nameField) });
    if (endless) never = true;
    openEnded = true;
  }
  const minReadyField = view.field(view.field(spec.owner.root, 'spec')?.value, 'minReadySeconds');
  const minReady = isBuiltin(spec.owner, 'Pod') ? 0 : Math.max(0, view.num(minReadyField?.value) ?? 0);
  let podEarliest = at;
  let podLatest = late;
  for (const c of spec.containers.filter((x) => x.role === 'app')) {
    const name = nameOf(c);
    const startup = probeFigures(c, 'startupProbe');
    const readiness = probeFigures(c, 'readinessProbe');
    const early = at + earliestReady(readiness, startup);
    const latest = late + latestReady(readiness, startup);
    marks.push({ kind: 'containerStart', container: name, at, source: src(containerPath(c), c.nameField) });
    let restartAt: number | undefined;
    if (startup) {
      restartAt = startupBudget(startup);
      bars.push({
        kind: 'startupWindow',
        container: name,
        start: at + startup.delay,
        end: at + restartAt,
        source: probeSource(c, 'startupProbe', 'failureThreshold', src),
      });
      marks.push({ kind: 'restart', container: name, at: at + restartAt, source: probeSource(c, 'startupProbe', 'failureThreshold', src) });
    }
    if (readiness && readiness.delay > 0) {
      bars.push({
        kind: 'readinessDelay',
        container: name,
        start: at,
        end: at + readiness.delay,
        source: probeSource(c, 'readinessProbe', 'initialDelaySeconds', src),
      });
    }
    bars.push({
      kind: 'ready',
      container: name,
      start: early,
      end: undefined,
      source: readiness ? probeSource(c, 'readinessProbe', 'successThreshold', src) : undefined,
    });
    marks.push({
      kind: 'earliestReady',
      container: name,
      at: early,
      source: readiness ? src(containerPath(c, 'readinessProbe'), view.field(c.map, 'readinessProbe')) : undefined,
    });
    details.push({ container: name, startsAt: at, startup, readiness, earliestReady: early, latestReady: latest, restartAt });
    podEarliest = Math.max(podEarliest, early);
    podLatest = Math.max(podLatest, latest);
  }
  marks.push({ kind: 'podReady', container: undefined, at: podEarliest, source: undefined });
  if (minReady > 0) {
    bars.push({
      kind: 'minReady',
      container: undefined,
      start: podEarliest,
      end: podEarliest + minReady,
      source: src(['spec', 'minReadySeconds'], minReadyField),
    });
  }
  marks.push({
    kind: 'available',
    container: undefined,
    at: podEarliest + minReady,
    source: minReady > 0 ? src(['spec', 'minReadySeconds'], minReadyField) : undefined,
  });
  return { bars, marks, bound: podLatest + minReady, openEnded, never, containers: details, minReadySeconds: minReady };
}

function shutdownOf(spec: PodSpec, src: Sourcer): Shutdown {
  const grace = gracePeriod(spec);
  const graceSource = src([...podSpecPath(spec.workloadKind), 'terminationGracePeriodSeconds'], grace.field);
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  const details: ShutdownDetail[] = [];
  const { view } = spec.owner;
  const g = Math.max(0, grace.seconds);
  bars.push({ kind: 'endpoints', container: undefined, start: 0, end: undefined, source: undefined });
  const hookOf = (c: Container): { seconds: number | null | undefined; source: Source | undefined } => {
    const preStop = view.at(c.map, 'lifecycle', 'preStop');
    // Without a grace period the kubelet runs no preStop hook (pod-lifecycle.md, termination flow).
    if (!preStop || g === 0) return { seconds: undefined, source: undefined };
    const sleep = preStopSleep(c);
    const field = view.field(view.field(c.map, 'lifecycle')?.value, 'preStop');
    return {
      seconds: sleep ? sleep.seconds : null,
      source: sleep ? src(containerPath(c, 'lifecycle', 'preStop'), sleep.node) : src(containerPath(c, 'lifecycle', 'preStop'), field),
    };
  };
  let appsDone = 0;
  for (const c of spec.containers.filter((x) => x.role === 'app')) {
    const name = nameOf(c);
    const hook = hookOf(c);
    const t = signals(g, hook.seconds === null ? undefined : (hook.seconds ?? 0));
    if (hook.seconds !== undefined)
      bars.push({ kind: 'preStop', container: name, start: 0, end: hook.seconds === null ? undefined : t.sigterm, source: hook.source });
    bars.push({ kind: 'afterSigterm', container: name, start: t.sigterm, end: Math.min(g, t.sigkill), source: graceSource });
    if (t.extended) bars.push({ kind: 'extension', container: name, start: Math.max(g, t.sigterm), end: t.sigkill, source: graceSource });
    marks.push({ kind: 'sigterm', container: name, at: t.sigterm, source: hook.source ?? graceSource });
    marks.push({ kind: 'sigkill', container: name, at: t.sigkill, source: graceSource });
    details.push({ container: name, sidecar: false, preStop: hook.seconds, sigterm: t.sigterm, sigkill: t.sigkill, extended: t.extended });
    appsDone = Math.max(appsDone, t.sigkill);
  }
  // Native sidecars get SIGTERM only after the last app container has exited, in reverse order, within what is left
  // of the same grace period (sidecar-containers.md; pod-lifecycle.md #termination-with-sidecars). In the worst case the
  // apps used all of it, and a sidecar gets the kubelet's 2 s floor.
  const sidecars = spec.containers.filter((x) => x.role === 'init' && x.isSidecar).reverse();
  let end = appsDone;
  for (const c of sidecars) {
    const name = nameOf(c);
    const hook = hookOf(c);
    const left = Math.max(0, g - appsDone);
    const t = signals(left, hook.seconds === null ? undefined : (hook.seconds ?? 0));
    const sigterm = appsDone + t.sigterm;
    const sigkill = appsDone + t.sigkill;
    bars.push({
      kind: 'sidecarStop',
      container: name,
      start: appsDone,
      end: sigkill,
      source: hook.source ?? src(containerPath(c, 'restartPolicy'), view.field(c.map, 'restartPolicy')),
    });
    marks.push({ kind: 'sigterm', container: name, at: sigterm, source: hook.source ?? graceSource });
    marks.push({ kind: 'sigkill', container: name, at: sigkill, source: graceSource });
    details.push({ container: name, sidecar: true, preStop: hook.seconds, sigterm, sigkill, extended: sigkill > g });
    end = Math.max(end, sigkill);
  }
  marks.push({ kind: 'podGone', container: undefined, at: end, source: graceSource });
  return { bars, marks, bound: end, openEnded: false, never: false, grace: g, containers: details };
}

/**
 * SIGTERM and SIGKILL for a preStop hook of `preStop` seconds (undefined: not known, so it may run until the grace
 * period is used up), from the kubelet's shutdown times (termination.ts); `extended` when SIGKILL comes after the
 * grace period because SIGTERM gets its 2 s minimum.
 */
function signals(grace: number, preStop: number | undefined): { sigterm: number; sigkill: number; extended: boolean } {
  const t = shutdownTimes(grace, preStop ?? grace);
  return { sigterm: t.sigterm, sigkill: t.sigkill, extended: t.sigkill > grace };
}

/** The time one wave of new pods needs before the controller moves on: start ≤ (undefined when it never ends). */
function waveSeconds(startup: Startup): number | undefined {
  return startup.never ? undefined : startup.bound;
}

function rolloutOf(obj: K8sObject, startup: Startup, shutdown: Shutdown, version: KubeVersion, src: Sourcer): Rollout {
  const { view } = obj;
  const specNode = view.field(obj.root, 'spec')?.value;
  const replicas = replicasOf(obj)?.count ?? 1;
  const none: Rollout = {
    kind: 'none',
    replicas,
    surge: 0,
    unavailable: 0,
    maxTotal: replicas,
    minAvailable: 0,
    steps: [],
    waves: 0,
    worstCase: undefined,
    progressDeadline: undefined,
    exceedsDeadline: false,
    invalid: false,
    partition: 0,
    perNode: undefined,
    truncated: false,
    source: undefined,
  };
  const wave = waveSeconds(startup);
  if (isBuiltin(obj, 'Deployment')) {
    const strategyField = view.field(specNode, 'strategy');
    const strategy = strategyField?.value;
    const type = view.str(view.field(strategy, 'type')?.value) || 'RollingUpdate';
    const deadlineField = view.field(specNode, 'progressDeadlineSeconds');
    const deadline = view.num(deadlineField?.value) ?? DEPLOYMENT_DEFAULTS.progressDeadlineSeconds;
    if (type === 'Recreate') {
      const steps: RolloutStep[] = [
        { action: 'start', newPods: 0, oldPods: replicas, total: replicas, available: replicas, terminating: 0 },
        { action: 'scaleDown', newPods: 0, oldPods: 0, total: 0, available: 0, terminating: replicas },
        { action: 'scaleUp', newPods: replicas, oldPods: 0, total: replicas, available: 0, terminating: 0 },
        { action: 'ready', newPods: replicas, oldPods: 0, total: replicas, available: replicas, terminating: 0 },
      ];
      const worstCase = wave === undefined ? undefined : shutdown.bound + wave;
      return {
        ...none,
        kind: 'Recreate',
        maxTotal: replicas,
        minAvailable: 0,
        unavailable: replicas,
        steps,
        waves: 1,
        worstCase,
        progressDeadline: deadline,
        exceedsDeadline: wave === undefined || wave > deadline,
        source: src(['spec', 'strategy', 'type'], view.field(strategy, 'type')),
      };
    }
    const ru = view.field(strategy, 'rollingUpdate')?.value;
    const surgeField = view.field(ru, 'maxSurge');
    const unavailableField = view.field(ru, 'maxUnavailable');
    const surgeV: IntOrPercent = parseIntOrPercent(view.intOrString(surgeField?.value)) ?? DEPLOYMENT_DEFAULTS.maxSurge;
    const unavailV: IntOrPercent = parseIntOrPercent(view.intOrString(unavailableField?.value)) ?? DEPLOYMENT_DEFAULTS.maxUnavailable;
    // Both written as 0 (int or "0%"): validation rejects it ("may not be 0 when maxSurge is 0"). Percentages that
    // merely round to 0 are accepted, and ResolveFenceposts then uses 1 unavailable.
    const invalid = surgeV.value === 0 && unavailV.value === 0;
    const source = src(['spec', 'strategy', 'rollingUpdate', 'maxSurge'], surgeField) ?? src(['spec', 'strategy'], strategyField);
    if (invalid) return { ...none, kind: 'RollingUpdate', invalid: true, progressDeadline: deadline, source };
    const { surge, unavailable } = deploymentFenceposts(surgeV, unavailV, replicas);
    const sim = simulateDeployment(replicas, surge, unavailable);
    const worstCase = wave === undefined ? undefined : sim.waves * wave + (sim.waves > 0 ? shutdown.bound : 0);
    return {
      ...none,
      kind: 'RollingUpdate',
      surge,
      unavailable,
      maxTotal: replicas + surge,
      minAvailable: Math.max(0, replicas - unavailable),
      steps: sim.steps,
      waves: sim.waves,
      worstCase,
      progressDeadline: deadline,
      exceedsDeadline: wave === undefined || (sim.waves > 0 && wave > deadline),
      truncated: sim.truncated,
      source,
    };
  }
  if (isBuiltin(obj, 'StatefulSet')) {
    const us = view.field(specNode, 'updateStrategy');
    const type = view.str(view.field(us?.value, 'type')?.value) || 'RollingUpdate';
    if (type === 'OnDelete') return { ...none, kind: 'OnDelete', source: src(['spec', 'updateStrategy', 'type'], view.field(us?.value, 'type')) };
    const ru = view.field(us?.value, 'rollingUpdate')?.value;
    const partitionField = view.field(ru, 'partition');
    const partition = Math.max(0, Math.min(replicas, view.num(partitionField?.value) ?? 0));
    const maxUnavailableField = view.field(ru, 'maxUnavailable');
    const mu = parseIntOrPercent(view.intOrString(maxUnavailableField?.value));
    // MaxUnavailableStatefulSet is off by default in 1.36 (docs/research section 11): the kubelet-side controller
    // then updates one pod at a time whatever the field says.
    const batch = statefulSetMaxUnavailableOn(version) && mu ? Math.max(1, scaled(mu, replicas, true)) : 1;
    const sim = simulateStatefulSet(replicas, partition, batch);
    const perWave = wave === undefined ? undefined : wave + shutdown.bound;
    return {
      ...none,
      kind: 'StatefulSet',
      unavailable: batch,
      maxTotal: replicas,
      minAvailable: Math.max(0, replicas - batch),
      steps: sim.steps,
      waves: sim.waves,
      worstCase: perWave === undefined ? undefined : sim.waves * perWave,
      partition,
      truncated: sim.truncated,
      source: src(['spec', 'updateStrategy', 'rollingUpdate', 'partition'], partitionField) ?? src(['spec', 'updateStrategy'], us),
    };
  }
  if (isBuiltin(obj, 'DaemonSet')) {
    const us = view.field(specNode, 'updateStrategy');
    const type = view.str(view.field(us?.value, 'type')?.value) || 'RollingUpdate';
    if (type === 'OnDelete') return { ...none, kind: 'OnDelete', source: src(['spec', 'updateStrategy', 'type'], view.field(us?.value, 'type')) };
    const ru = view.field(us?.value, 'rollingUpdate')?.value;
    const surgeRaw = view.intOrString(view.field(ru, 'maxSurge')?.value) ?? 0;
    const unavailableRaw = view.intOrString(view.field(ru, 'maxUnavailable')?.value) ?? 1;
    const surgeV = parseIntOrPercent(surgeRaw);
    const withSurge = surgeV !== undefined && surgeV.value > 0;
    // One node, as an illustration: with a surge the new pod starts beside the old one, which is deleted once the
    // new one is available; without, the old pod is deleted first (daemon controller rollingUpdate).
    const steps: RolloutStep[] = withSurge
      ? [
          { action: 'start', newPods: 0, oldPods: 1, total: 1, available: 1, terminating: 0 },
          { action: 'create', newPods: 1, oldPods: 1, total: 2, available: 1, terminating: 0 },
          { action: 'ready', newPods: 1, oldPods: 1, total: 2, available: 2, terminating: 0 },
          { action: 'delete', newPods: 1, oldPods: 0, total: 1, available: 1, terminating: 1 },
        ]
      : [
          { action: 'start', newPods: 0, oldPods: 1, total: 1, available: 1, terminating: 0 },
          { action: 'delete', newPods: 0, oldPods: 0, total: 0, available: 0, terminating: 1 },
          { action: 'create', newPods: 1, oldPods: 0, total: 1, available: 0, terminating: 0 },
          { action: 'ready', newPods: 1, oldPods: 0, total: 1, available: 1, terminating: 0 },
        ];
    const perNode = wave === undefined ? undefined : withSurge ? wave : wave + shutdown.bound;
    return {
      ...none,
      kind: 'DaemonSet',
      replicas: 1,
      maxTotal: withSurge ? 2 : 1,
      minAvailable: withSurge ? 1 : 0,
      steps,
      waves: 1,
      worstCase: perNode,
      perNode: { surge: String(surgeRaw), unavailable: String(unavailableRaw) },
      source: src(['spec', 'updateStrategy'], us),
    };
  }
  return none;
}

/** MaxUnavailableStatefulSet: on by default in 1.35.0–1.35.3 (not from 1.35.4) and from 1.37 (docs/research section 11). */
export function statefulSetMaxUnavailableOn(version: KubeVersion): boolean {
  return version.minor >= 37;
}

/**
 * The Deployment controller's rolling update (pkg/controller/deployment/rolling.go), one sync at a time, with every
 * new pod becoming available together in each wave:
 * - reconcileNewReplicaSet: scale the new ReplicaSet up to min(replicas + surge − all pods, replicas − new);
 * - reconcileOldReplicaSets: scale old ones down by available − (replicas − unavailable);
 * - wait until the new pods are available, then sync again.
 * "All pods" counts the ReplicaSets' spec.replicas, so pods still terminating are not counted against maxSurge.
 */
export function simulateDeployment(replicas: number, surge: number, unavailable: number): { steps: RolloutStep[]; waves: number; truncated: boolean } {
  let oldPods = replicas;
  let newPods = 0;
  let newAvailable = 0;
  let terminating = 0;
  const steps: RolloutStep[] = [];
  const push = (action: RolloutAction): void => {
    if (steps.length < MAX_STEPS) steps.push({ action, newPods, oldPods, total: newPods + oldPods, available: oldPods + newAvailable, terminating });
  };
  push('start');
  if (replicas === 0) return { steps, waves: 0, truncated: false };
  const minAvailable = replicas - unavailable;
  let waves = 0;
  // Every round scales something or makes a wave available, and each pod is scaled up once and down once, so
  // 2 × replicas + 4 rounds always suffice.
  for (let round = 0; round < Math.min(2 * replicas + 4, MAX_ROUNDS) && (newPods < replicas || oldPods > 0 || newAvailable < newPods); round++) {
    const up = Math.min(replicas + surge - (oldPods + newPods), replicas - newPods);
    if (up > 0) {
      newPods += up;
      push('scaleUp');
    }
    const down = Math.min(oldPods, oldPods + newAvailable - minAvailable);
    if (down > 0) {
      oldPods -= down;
      terminating += down;
      push('scaleDown');
    }
    if (newAvailable < newPods) {
      newAvailable = newPods;
      // Old pods scaled down in this round have had the wave's time to stop.
      terminating = 0;
      waves++;
      push('ready');
    } else if (up <= 0 && down <= 0) {
      break;
    }
  }
  return { steps, waves, truncated: steps.length >= MAX_STEPS || newPods < replicas };
}

/**
 * A StatefulSet rolling update (pkg/controller/statefulset/stateful_set_control.go): from the highest ordinal down
 * to the partition, `batch` pods at a time (1 unless MaxUnavailableStatefulSet is on), each deleted, recreated from
 * the new revision and waited for until it is running and ready.
 */
export function simulateStatefulSet(replicas: number, partition: number, batch: number): { steps: RolloutStep[]; waves: number; truncated: boolean } {
  const steps: RolloutStep[] = [];
  let newPods = 0;
  let oldPods = replicas;
  const push = (action: RolloutAction, available: number, terminating: number): void => {
    if (steps.length < MAX_STEPS) steps.push({ action, newPods, oldPods, total: newPods + oldPods, available, terminating });
  };
  push('start', replicas, 0);
  const toUpdate = Math.max(0, replicas - partition);
  let waves = 0;
  for (let done = 0; done < toUpdate && waves < MAX_ROUNDS; done += batch) {
    const n = Math.min(batch, toUpdate - done);
    oldPods -= n;
    push('delete', replicas - n, n);
    newPods += n;
    push('create', replicas - n, 0);
    push('ready', replicas, 0);
    waves++;
  }
  return { steps, waves, truncated: steps.length >= MAX_STEPS || newPods < toUpdate };
}

/**
 * How many of a workload's pods a PodDisruptionBudget lets be evicted at once, and how many must stay healthy
 * (pkg/controller/disruption getExpectedPodCount: percentages rounded up, an integer minAvailable as it is).
 */
export function disruptionsAllowed(field: 'minAvailable' | 'maxUnavailable', value: IntOrPercent, replicas: number): { healthy: number; allowed: number } {
  const healthy =
    field === 'minAvailable' ? (value.kind === 'int' ? value.value : scaled(value, replicas, true)) : Math.max(0, replicas - scaled(value, replicas, true));
  return { healthy, allowed: Math.max(0, replicas - healthy) };
}
