// The words of the hovers, per language. Facts and numbers are computed in hover.ts; this file only says them.
// Each language implements the same interface, so a missing translation is a compile error.

import type { Locale } from './locale';
import { ZH_CN } from './zh-cn';

export interface ProbeFigures {
  readonly delay: number;
  readonly period: number;
  readonly timeout: number;
  readonly success: number;
  readonly failure: number;
}

export interface TimelineStep {
  readonly at: number | undefined;
  readonly what: string;
}

export interface HoverTexts {
  /** What separates two sentences on one line ("A. B." in English, "甲。乙。" in Chinese). */
  readonly sentenceGap: string;
  /** What joins two clauses in a table cell. */
  readonly clauseJoin: string;
  /** One plain sentence per field: what it does. */
  readonly fields: Readonly<Record<string, string>>;
  readonly defaultIs: (value: string) => string;
  readonly hereIs: (value: string, defaulted: boolean) => string;
  readonly seconds: (n: number) => string;
  readonly docs: string;
  readonly startupBudget: (f: ProbeFigures, total: number) => string;
  /**
   * When the pod can first be ready. With a startup probe the readiness delay still counts from container start
   * (the kubelet's worker compares it with the container's start time), while no readiness check runs before the
   * startup probe succeeds.
   */
  readonly readinessReady: (f: ProbeFigures, afterStartup: boolean) => string;
  readonly readinessRemoval: (f: ProbeFigures) => string;
  readonly livenessRestart: (f: ProbeFigures, heldBack: boolean) => string;
  readonly timelineTitle: string;
  readonly timelineHeader: readonly [string, string];
  readonly endpointsRemoved: (preStop: string | undefined) => string;
  readonly preStopEnds: string;
  /** The grace period is used up while preStop still runs: the kubelet stops waiting and sends SIGTERM. */
  readonly preStopCutOff: string;
  readonly sigterm: string;
  /**
   * SIGKILL. `floor`: the kubelet raised what was left of the grace period to its 2 s minimum; `preStopRunning`:
   * a hook of unknown length, which moves SIGKILL to `latest` when it runs through the whole grace period.
   */
  readonly sigkill: (note: 'none' | 'floor' | 'preStopRunning', latest?: number) => string;
  /** A preStop `sleep` action longer than the grace period: the API server rejects the pod. */
  readonly sleepRejected: (sleep: number, grace: number) => string;
  readonly appShutdownLeft: (seconds: number) => string;
  readonly preStopUnknown: string;
  readonly graceZero: string;
  readonly initOrder: (lines: readonly string[]) => string;
  readonly initEntry: (index: number, name: string, sidecar: boolean) => string;
  /** `overhead` is the pod's overhead for the resource, when it has one. */
  readonly effectiveRequest: (resource: string, effective: string, init: string, running: string, overhead?: string) => string;
  /** A pod-level request (1.34+) replaces what the containers need together. */
  readonly podLevelRequest: (resource: string, effective: string, podLevel: string, containers: string, overhead?: string) => string;
  readonly sidecarNote: string;
  /** A probe or `lifecycle` on a plain init container, which the API server rejects. */
  readonly initCannotHave: (field: string) => string;
  /** `restartPolicy: Always` on an init container at a target version without native sidecars. */
  readonly sidecarNotYet: (version: string) => string;
  readonly plainInitNote: string;
  readonly rollout: (replicas: number, surge: string, surgePods: number, unavailable: string, unavailablePods: number, bumped: boolean) => string;
  readonly rolloutBounds: (maxTotal: number, minAvailable: number) => string;
  readonly daemonSetRollout: (surge: string, unavailable: string) => string;
  readonly recreate: string;
  readonly minReady: (seconds: number) => string;
  readonly progressDeadline: (seconds: number, minReady: number) => string;
  readonly partition: (partition: number, replicas: number) => string;
  readonly statefulSetMaxUnavailable: (version: string, state: 'on' | 'off' | 'patch') => string;
  readonly pdb: (workload: string, replicas: number, healthy: number, allowed: number) => string;
  readonly pdbNoWorkload: string;
  /** Argo Rollouts blue-green: how long the old ReplicaSet keeps running after the switch. */
  readonly scaleDownDelay: (seconds: number, defaulted: boolean) => string;
  /** Argo Rollouts blue-green: the preview's size before promotion (undefined: all replicas). */
  readonly previewReplicas: (preview: number | undefined, replicas: number) => string;
  /** An Argo Rollouts canary's maxSurge/maxUnavailable use the Deployment arithmetic. */
  readonly canaryArithmetic: string;
  /** OpenKruise CloneSet: both values rounded up. */
  readonly cloneSetRollout: (replicas: number, surge: string, surgePods: number, unavailable: string, unavailablePods: number) => string;
  readonly cloneSetPartition: (partition: number, replicas: number) => string;
  /** The pod's QoS class and why (pod-qos docs; pkg/apis/core/helper/qos ComputePodQOS). */
  readonly qosClass: (qos: string, why: string) => string;
  readonly qosGuaranteed: string;
  readonly qosBestEffort: string;
  readonly qosPodLevel: (guaranteed: boolean) => string;
  /** `gap` is one of qosGap's phrases. */
  readonly qosBurstable: (container: string, gap: string) => string;
  readonly qosGap: (resource: 'cpu' | 'memory' | undefined, kind: 'noLimit' | 'differs' | 'empty') => string;
  /** Where a field description from the API definitions comes from. */
  readonly apiDefinitions: (version: string) => string;
}

const en: HoverTexts = {
  sentenceGap: ' ',
  clauseJoin: '; ',
  fields: {
    initContainers:
      'Containers that run one after another, each to completion, before the app containers start. An init container with `restartPolicy: Always` is a native sidecar: it starts in this order and keeps running beside the app.',
    restartPolicy:
      'On an init container, `Always` makes it a native sidecar (Kubernetes 1.29+): started in init order, kept running and restarted for the life of the pod, stopped after the app containers.',
    startupProbe:
      'Holds the liveness and readiness probes back until it succeeds once; if it fails `failureThreshold` times in a row, the container is restarted.',
    readinessProbe: 'Decides whether the pod receives traffic from Services, and whether a rolling update may count it as available.',
    livenessProbe: 'Restarts the container when it fails `failureThreshold` times in a row.',
    initialDelaySeconds: 'Seconds after the container starts before the first probe.',
    periodSeconds: 'How often the probe runs. Minimum 1.',
    timeoutSeconds: 'How long one probe attempt may take before it counts as failed. Minimum 1.',
    successThreshold: 'Consecutive successes needed after a failure to count as passing again. Must be 1 for liveness and startup probes.',
    failureThreshold: 'Consecutive failures before the probe gives up: readiness marks the pod unready, liveness and startup restart the container.',
    probeTerminationGracePeriodSeconds:
      "Grace period used when this probe fails and the container is killed, instead of the pod's terminationGracePeriodSeconds. Not allowed on readiness probes.",
    exec: 'Runs a command in the container; exit code 0 is success. No shell unless you call one.',
    httpGet: 'Sends an HTTP GET; a status from 200 to 399 is success.',
    tcpSocket: 'Opens a TCP connection; success if it connects.',
    grpc: 'Calls the gRPC Health Checking Protocol on a port (Kubernetes 1.24+).',
    lifecycle: 'Hooks the kubelet runs right after a container starts (postStart) and right before it is stopped (preStop).',
    postStart: 'Runs right after the container is created, concurrently with its entrypoint; the container is not marked running until it completes.',
    preStop: 'Runs before the container gets SIGTERM when it is stopped (delete, rollout, eviction, failed probe). Its time counts against the grace period.',
    sleep: 'Makes the hook sleep for `seconds` without needing a `sleep` binary in the image (Kubernetes 1.30+).',
    terminationGracePeriodSeconds: 'Time from the start of termination (preStop, then SIGTERM) until SIGKILL.',
    resources: 'Requests reserve node capacity for the scheduler; limits cap usage.',
    podResources:
      'Pod-level requests and limits (Kubernetes 1.34+, beta): a budget the containers share. When they set CPU or memory, they replace the sum of the containers for scheduling and decide the QoS class.',
    strategy: 'How a Deployment replaces old pods with new ones: RollingUpdate (default) or Recreate.',
    rollingUpdate: 'Bounds on a rolling update: how many pods may be added above and taken below the desired count.',
    maxSurge: 'How many pods may exist above the desired replica count during a rollout (a percentage is rounded up).',
    maxUnavailable: 'How many pods may be unavailable during a rollout (for a Deployment a percentage is rounded down).',
    minReadySeconds: 'How long a new pod must be ready, without a container crashing, before it counts as available.',
    progressDeadlineSeconds: 'How long a rollout may make no progress before the Deployment reports it as failed (it is not rolled back automatically).',
    replicas: 'The desired number of pods. Defaults to 1.',
    updateStrategy: 'How pods are replaced when the template changes: RollingUpdate (default) or OnDelete (only when you delete them).',
    partition: 'A StatefulSet rolling update only updates pods with an ordinal at or above the partition.',
    podManagementPolicy: 'OrderedReady (default): pods are created one at a time in order, each waiting for the previous to be ready. Parallel: all at once.',
    minAvailable: 'Evictions are allowed only while at least this many selected pods stay available (a percentage is rounded up).',
    pdbMaxUnavailable: 'Evictions are allowed only while at most this many selected pods are unavailable (a percentage is rounded up).',
    scaleDownDelaySeconds:
      'Blue-green: how long the previous ReplicaSet keeps running after the active Service switched to the new one, before it is scaled down.',
    previewReplicaCount:
      'Blue-green: how many pods the new (preview) ReplicaSet runs before promotion. At promotion it is scaled up to `replicas` before the active Service switches to it.',
    cloneSetPartition: 'How many pods of the CloneSet keep the old revision during an update (an integer or a percentage of replicas, rounded up).',
  },
  defaultIs: (v) => `Default: ${v}.`,
  hereIs: (v, defaulted) => (defaulted ? `Here: ${v} (default).` : `Here: ${v}.`),
  seconds: (n) => `${n} s`,
  docs: 'Kubernetes documentation',
  startupBudget: (f, total) =>
    `**Start-up budget:** initialDelaySeconds + failureThreshold × periodSeconds = ${f.delay} + ${f.failure} × ${f.period} = **${total} s** before the container is restarted.`,
  readinessReady: (f, afterStartup) =>
    afterStartup
      ? `**Earliest ready:** once the startup probe has succeeded, and no sooner than ${f.delay + (f.success - 1) * f.period} s after the container starts` +
        (f.success > 1 ? ` (${f.success} successes, every ${f.period} s, after the later of the two)` : '') +
        '. initialDelaySeconds counts from container start, at the same time as the startup probe, not from its success.'
      : `**Earliest ready:** ${f.delay + (f.success - 1) * f.period} s after the container starts.`,
  readinessRemoval: (f) =>
    `**Taken out of endpoints:** ${(f.failure - 1) * f.period}–${f.failure * f.period} s after the app stops answering (${f.failure} failures, every ${f.period} s, each waiting up to ${f.timeout} s).`,
  livenessRestart: (f, heldBack) =>
    `**Restarted:** ${(f.failure - 1) * f.period}–${f.failure * f.period} s after the app stops answering (${f.failure} failures, every ${f.period} s, each waiting up to ${f.timeout} s).` +
    (heldBack ? ' A startupProbe holds it back until the app has started.' : ' No startupProbe: it runs from the start, after initialDelaySeconds.'),
  timelineTitle: '**Shutdown timeline**',
  timelineHeader: ['time', 'what happens'],
  endpointsRemoved: (preStop) =>
    `pod is Terminating: its endpoints are marked not ready, so Services stop sending it new connections (asynchronously)${preStop ? `; preStop starts (${preStop})` : ''}`,
  preStopEnds: 'preStop ends; SIGTERM to the container',
  preStopCutOff: 'the grace period is used up while preStop still runs: the kubelet stops waiting for it; SIGTERM to the container',
  sigterm: 'SIGTERM to the container',
  sigkill: (note, latest) =>
    note === 'floor'
      ? 'SIGKILL if still running (less than 2 s of the grace period was left: the kubelet always gives SIGTERM at least 2 s)'
      : note === 'preStopRunning'
        ? `SIGKILL if still running; if preStop is still running now, SIGTERM comes now and SIGKILL at ${latest ?? '?'} s (the kubelet always gives SIGTERM at least 2 s)`
        : 'SIGKILL if still running',
  sleepRejected: (sleep, grace) =>
    `**No shutdown timeline:** the preStop \`sleep\` action lasts ${sleep} s, longer than terminationGracePeriodSeconds (${grace} s), so the API server rejects the pod ("must be non-negative and less than terminationGracePeriodSeconds").`,
  appShutdownLeft: (s) => `The app has **${s} s** after SIGTERM to finish its own shutdown.`,
  preStopUnknown: 'a command; its duration is unknown here',
  graceZero:
    '**terminationGracePeriodSeconds is 0:** the pod leaves the API at once, as if force-deleted, and a replacement may start before the old containers stop. On the node the kubelet still uses a 1 s minimum: preStop runs for at most 1 s, then SIGTERM and SIGKILL 2 s later, so the containers are gone in about 3 s.',
  initOrder: (lines) => `**Order:**\n${lines.join('\n')}`,
  initEntry: (i, name, sidecar) => `${i}. \`${name}\`${sidecar ? ' (native sidecar: starts, then keeps running)' : ' (runs to completion)'}`,
  effectiveRequest: (resource, effective, init, running, overhead) =>
    `**Effective ${resource} request:** ${effective} = max(init ${init}, app containers + sidecars ${running})${overhead ? ` + pod overhead ${overhead}` : ''}.`,
  podLevelRequest: (resource, effective, podLevel, containers, overhead) =>
    `**Effective ${resource} request:** ${effective} = the pod-level request ${podLevel}${overhead ? ` + pod overhead ${overhead}` : ''}; it replaces what the containers need together (${containers}).`,
  sidecarNote: 'This container is a **native sidecar**.',
  initCannotHave: (field) =>
    `A plain init container may not have \`${field}\`: the API server rejects the pod (only a native sidecar, an init container with \`restartPolicy: Always\`, may). It runs to completion before the next container starts, so nothing here would ever run.`,
  sidecarNotYet: (v) =>
    `At the target Kubernetes ${v}, native sidecars are not on by default (from 1.29): the API server does not keep \`restartPolicy: Always\`, so this container runs as a **plain init container** that must exit 0 before the next one starts.`,
  plainInitNote: 'This container is a **plain init container**: it must exit 0 before the next one starts.',
  rollout: (replicas, surge, surgePods, unavailable, unavailablePods, bumped) =>
    `With **${replicas}** replicas: maxSurge ${surge} → **${surgePods}** pod(s) (rounded up), maxUnavailable ${unavailable} → **${unavailablePods}** pod(s) (rounded down${bumped ? '; both were 0, so Kubernetes uses 1' : ''}).`,
  rolloutBounds: (maxTotal, minAvailable) =>
    `During a rollout: **at most ${maxTotal} pods** in total, **at least ${minAvailable} available**. Old pods that are still terminating are not counted: through their grace period more pods can be running (and need more resources and quota) than that.`,
  daemonSetRollout: (surge, unavailable) =>
    `Per rollout step across nodes: maxSurge ${surge}, maxUnavailable ${unavailable} (percentages of the nodes, rounded up). With maxSurge 0 the old pod on a node is deleted before the new one starts.`,
  recreate: '**Recreate:** every old pod is stopped before any new one starts: downtime on every update.',
  minReady: (s) => `A new pod counts as available ${s} s after it becomes ready; the rollout waits that long per pod.`,
  progressDeadline: (s, minReady) =>
    `The rollout is reported failed (Progressing=False) after ${s} s without progress; it must be greater than minReadySeconds (${minReady} s).`,
  partition: (p, r) =>
    p >= r
      ? `Partition ${p} with ${r} replicas: **no pod** is updated.`
      : `Partition ${p} with ${r} replicas: pods ${p}…${r - 1} are updated, pods 0…${Math.max(0, p - 1)} keep the old version.`,
  statefulSetMaxUnavailable: (v, state) =>
    state === 'on'
      ? `maxUnavailable is honoured in Kubernetes ${v} (MaxUnavailableStatefulSet on by default).`
      : state === 'patch'
        ? `In Kubernetes ${v} it depends on the patch release: the MaxUnavailableStatefulSet gate is on by default in 1.35.0–1.35.3 and off from 1.35.4, where this field is ignored and pods are updated one at a time.`
        : `In Kubernetes ${v} the MaxUnavailableStatefulSet gate is off by default: this field is ignored and pods are updated one at a time.`,
  pdb: (workload, replicas, healthy, allowed) =>
    `Selects ${workload} (${replicas} replicas): at least **${healthy}** must stay available, so **${allowed}** pod(s) may be evicted at once${allowed === 0 ? ' — node drains will hang' : ''}.`,
  pdbNoWorkload: 'No workload in this file matches the selector; the numbers depend on the pods it selects.',
  scaleDownDelay: (s, defaulted) =>
    `After promotion the old pods keep running **${s} s**${defaulted ? ' (default)' : ''} before they are scaled down, so that in-flight requests finish and every node's kube-proxy rules point at the new pods. Argo Rollouts recommends at least 30 s.`,
  previewReplicas: (preview, replicas) =>
    preview === undefined
      ? `Not set: the preview runs all **${replicas}** replica(s), so an update briefly needs twice the pods.`
      : `The preview runs **${preview}** of ${replicas} replica(s) until promotion; then it is scaled to ${replicas} and must be available before the switch.`,
  canaryArithmetic: 'Argo Rollouts scales the canary and stable ReplicaSets within these bounds, with the Deployment arithmetic.',
  cloneSetRollout: (replicas, surge, surgePods, unavailable, unavailablePods) =>
    `With **${replicas}** replicas: maxSurge ${surge} → **${surgePods}** pod(s), maxUnavailable ${unavailable} → **${unavailablePods}** pod(s) (a CloneSet rounds both up).`,
  cloneSetPartition: (p, r) =>
    p >= r
      ? `Partition ${p} with ${r} replicas: **no pod** is updated.`
      : `Partition ${p} with ${r} replicas: **${r - p}** pod(s) are updated, ${p} keep the old revision.`,
  qosClass: (qos, why) => `**QoS class:** ${qos}: ${why}.`,
  qosGuaranteed: 'every container, init containers and sidecars included, sets CPU and memory limits equal to its requests',
  qosBestEffort: 'no container sets a CPU or memory request or limit',
  qosPodLevel: (guaranteed) =>
    guaranteed
      ? 'the pod-level resources set CPU and memory limits equal to their requests'
      : 'the pod-level resources decide, and they do not set CPU and memory limits equal to their requests',
  qosBurstable: (container, gap) =>
    `\`${container}\` ${gap}, and Guaranteed needs every container, init containers and sidecars included, to set CPU and memory limits equal to its requests`,
  qosGap: (resource, kind) =>
    kind === 'empty'
      ? 'sets no CPU or memory resources'
      : kind === 'noLimit'
        ? `sets no ${resource === 'cpu' ? 'CPU' : 'memory'} limit`
        : `has a ${resource === 'cpu' ? 'CPU' : 'memory'} limit that differs from its request`,
  apiDefinitions: (v) => `*From the Kubernetes ${v} API reference.*`,
};

export function hoverTexts(locale: Locale): HoverTexts {
  return locale === 'zh-cn' ? ZH_CN.hover : en;
}
