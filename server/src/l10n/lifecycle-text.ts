// The words of the lifecycle timelines, CodeLens titles and inlay hints, per language. The figures are computed in
// k8s/lifecycle.ts; this file only says them. Chinese lives in zh-cn.ts (LIFECYCLE_ZH), with the same interface.
import type { Locale } from './locale';
import { LIFECYCLE_ZH } from './zh-cn';

export type LifecycleBarWord =
  | 'init'
  | 'initNeverExits'
  | 'sidecar'
  | 'startupWindow'
  | 'readinessDelay'
  | 'ready'
  | 'minReady'
  | 'endpoints'
  | 'preStop'
  | 'afterSigterm'
  | 'extension'
  | 'sidecarStop';

export type LifecycleMarkWord = 'containerStart' | 'earliestReady' | 'restart' | 'podReady' | 'available' | 'sigterm' | 'sigkill' | 'podGone';

export type RolloutActionWord = 'start' | 'scaleUp' | 'scaleDown' | 'ready' | 'delete' | 'create';

export interface LifecycleTexts {
  /** A duration: "45 s", "5 min 10 s". */
  readonly duration: (seconds: number) => string;
  /** The CodeLens title: "Start ≤ 5 min 10 s · Stop ≤ 47 s · Rollout 13 pods max". */
  readonly lensStart: (bound: string, openEnded: boolean, never: boolean) => string;
  readonly lensStop: (bound: string) => string;
  readonly lensRollout: (maxTotal: number, kind: string) => string;
  readonly lensSeparator: string;
  readonly headings: { readonly startup: string; readonly shutdown: string; readonly rollout: string; readonly pod: string };
  readonly bars: Readonly<Record<LifecycleBarWord, string>>;
  readonly marks: Readonly<Record<LifecycleMarkWord, string>>;
  readonly actions: Readonly<Record<RolloutActionWord, string>>;
  /** Column names of the rollout table and the legend. */
  readonly columns: {
    readonly step: string;
    readonly newPods: string;
    readonly oldPods: string;
    readonly total: string;
    readonly available: string;
    readonly terminating: string;
  };
  /** A tooltip line naming the field that sets a bar. */
  readonly setBy: (path: string) => string;
  readonly unknownEnd: string;
  readonly startupSummary: (bound: string, openEnded: boolean, never: boolean, minReady: number) => string;
  readonly shutdownSummary: (grace: number, bound: string) => string;
  readonly pdb: (name: string, healthy: number, allowed: number) => string;
  readonly rolloutSummary: (kind: string, replicas: number, maxTotal: number, minAvailable: number, surge: number, unavailable: number) => string;
  readonly rolloutWorstCase: (waves: number, worstCase: string | undefined) => string;
  readonly rolloutDeadline: (deadline: number) => string;
  readonly rolloutInvalid: string;
  readonly rolloutOnDelete: string;
  readonly rolloutNone: string;
  readonly rolloutPartition: (partition: number, replicas: number) => string;
  readonly rolloutPerNode: (surge: string, unavailable: string) => string;
  readonly rolloutTerminating: string;
  readonly rolloutTruncated: string;
  /** Inlay hints, shown after a field's value. */
  readonly hintRestartAfter: (seconds: number) => string;
  readonly hintDetect: (what: 'restart' | 'unready', from: number, to: number) => string;
  readonly hintSigkill: (seconds: number, extended: boolean) => string;
  readonly hintSigterm: (seconds: number) => string;
  readonly hintPods: (pods: number) => string;
  readonly hintEarliestReady: (seconds: number) => string;
}

const duration = (s: number): string => {
  if (s < 120) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', rest > 0 ? `${rest} s` : ''].filter(Boolean).join(' ');
};

const en: LifecycleTexts = {
  duration,
  lensStart: (b, open, never) => (never ? 'Start: never (an init container never exits)' : `Start ≤ ${b}${open ? ' + init run time' : ''}`),
  lensStop: (b) => `Stop ≤ ${b}`,
  lensRollout: (n, kind) => (kind === 'OnDelete' ? 'Rollout on delete only' : kind === 'DaemonSet' ? 'Rollout node by node' : `Rollout ${n} pods max`),
  lensSeparator: ' · ',
  headings: { startup: 'Start-up', shutdown: 'Shutdown', rollout: 'Rollout', pod: 'pod' },
  bars: {
    init: 'init container: runs to completion (run time unknown)',
    initNeverExits: 'init container: never exits, the pod never starts',
    sidecar: 'native sidecar: starts here, runs for the life of the pod',
    startupWindow: 'startup probe: may succeed from here until the restart point',
    readinessDelay: 'readiness probe: initialDelaySeconds (from container start)',
    ready: 'ready',
    minReady: 'minReadySeconds: ready but not yet available',
    endpoints: 'removed from Service endpoints (asynchronously)',
    preStop: 'preStop hook runs',
    afterSigterm: 'SIGTERM: the app shuts itself down',
    extension: "the kubelet's 2 s minimum after SIGTERM",
    sidecarStop: 'sidecar stops after the app containers',
  },
  marks: {
    containerStart: 'container starts',
    earliestReady: 'earliest ready',
    restart: 'restarted if the startup probe has not succeeded',
    podReady: 'pod ready',
    available: 'pod available',
    sigterm: 'SIGTERM',
    sigkill: 'SIGKILL',
    podGone: 'every container stopped',
  },
  actions: {
    start: 'before',
    scaleUp: 'scale up new',
    scaleDown: 'scale down old',
    ready: 'new pods available',
    delete: 'delete old pod',
    create: 'create new pod',
  },
  columns: { step: 'step', newPods: 'new', oldPods: 'old', total: 'total', available: 'available', terminating: 'terminating' },
  setBy: (p) => `Set by ${p}`,
  unknownEnd: 'end not known',
  startupSummary: (b, open, never, minReady) =>
    never
      ? 'An init container never exits: the app containers never start.'
      : `Ready and available ≤ ${b} after the pod starts${open ? ", plus the init containers' own run time" : ''}${minReady > 0 ? ` (including minReadySeconds ${minReady} s)` : ''}.`,
  shutdownSummary: (g, b) => `Grace period ${g} s; every container is stopped ≤ ${b} after termination starts.`,
  pdb: (name, healthy, allowed) =>
    `PodDisruptionBudget ${name}: ${healthy} pod(s) must stay available, so ${allowed} may be evicted at once${allowed === 0 ? ' (node drains hang)' : ''}.`,
  rolloutSummary: (kind, r, max, min, surge, unavailable) =>
    kind === 'Recreate'
      ? `Recreate: all ${r} old pods stop before any new one starts (downtime).`
      : kind === 'StatefulSet'
        ? `${r} replicas, ${unavailable} at a time from the highest ordinal down: at least ${min} available, at most ${max} pods.`
        : `${r} replicas, maxSurge → ${surge}, maxUnavailable → ${unavailable}: at most ${max} pods, at least ${min} available.`,
  rolloutWorstCase: (waves, w) =>
    w === undefined ? `${waves} wave(s) of new pods; no bound on the time (a start-up never ends).` : `${waves} wave(s) of new pods: ≤ ${w} in the worst case.`,
  rolloutDeadline: (d) => `One wave may take longer than progressDeadlineSeconds (${d} s): the Deployment would report the rollout as failed.`,
  rolloutInvalid: 'maxSurge and maxUnavailable are both 0: the API server rejects this Deployment.',
  rolloutOnDelete: 'OnDelete: pods are replaced only when you delete them.',
  rolloutNone: 'This kind is not rolled out by a controller.',
  rolloutPartition: (p, r) => `Partition ${p}: pods ${p}…${r - 1} are updated, lower ordinals keep the old version.`,
  rolloutPerNode: (surge, unavailable) =>
    `Per node (maxSurge ${surge}, maxUnavailable ${unavailable}; percentages of the nodes, rounded up). The steps show one node.`,
  rolloutTerminating: 'Terminating pods are not counted against maxSurge: while old pods shut down, more pods than the maximum can exist.',
  rolloutTruncated: 'Only the first steps are listed.',
  hintRestartAfter: (s) => `⟶ restart after ${s} s`,
  hintDetect: (what, a, b) => `⟶ ${what === 'restart' ? 'restart' : 'unready'} ${a}–${b} s after failing`,
  hintSigkill: (s, ext) => `⟶ SIGKILL at ${s} s${ext ? ' (2 s floor)' : ''}`,
  hintSigterm: (s) => `⟶ SIGTERM at ${s} s`,
  hintPods: (n) => `⟶ ${n} pod(s)`,
  hintEarliestReady: (s) => `⟶ ready ≥ ${s} s`,
};

export function lifecycleTexts(locale: Locale | undefined): LifecycleTexts {
  return locale === 'zh-cn' ? LIFECYCLE_ZH : en;
}
