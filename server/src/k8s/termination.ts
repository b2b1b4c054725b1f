// Pod termination: the grace period (default 30 s) and how long a container's preStop hook sleeps.
import type { Node } from 'yaml';
import type { Container, PodSpec } from './model';
import type { Say } from '../l10n/locale';
import { shellScript, sleepSeconds } from './shell';
import type { Field } from '../yaml/view';

export const DEFAULT_GRACE_SECONDS = 30;
/**
 * The kubelet never gives a container less than this between SIGTERM and SIGKILL: killContainer subtracts the
 * preStop hook's run time from the grace period and raises what is left to this minimum
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go, minimumGracePeriodInSeconds).
 */
export const MIN_SIGTERM_SECONDS = 2;

export interface ShutdownTimes {
  /** When the preStop hook ends, or when the kubelet stops waiting for it (the grace period is used up). */
  readonly preStopEnds: number;
  /** True when the hook still runs when the grace period is used up. */
  readonly preStopCutOff: boolean;
  /** SIGTERM goes to the container right after the hook. */
  readonly sigterm: number;
  /** SIGKILL, if the container is still running. */
  readonly sigkill: number;
  /** True when the remaining grace period was below the minimum and was raised to it. */
  readonly floored: boolean;
}

/** The kubelet's shutdown times for a grace period and a preStop hook that lasts `preStop` seconds (0 without one). */
export function shutdownTimes(grace: number, preStop: number): ShutdownTimes {
  const preStopEnds = Math.min(Math.max(0, preStop), grace);
  const left = grace - preStopEnds;
  const afterTerm = Math.max(left, MIN_SIGTERM_SECONDS);
  return {
    preStopEnds,
    preStopCutOff: preStop >= grace && preStop > 0,
    sigterm: preStopEnds,
    sigkill: preStopEnds + afterTerm,
    floored: left < MIN_SIGTERM_SECONDS,
  };
}

/** The pod's terminationGracePeriodSeconds, with the default when not written. */
export function gracePeriod(spec: PodSpec): { seconds: number; explicit: boolean; field: Field | undefined } {
  const { view } = spec.owner;
  const field = view.field(spec.map, 'terminationGracePeriodSeconds');
  const n = field ? view.num(field.value) : undefined;
  return { seconds: n ?? DEFAULT_GRACE_SECONDS, explicit: n !== undefined, field };
}

export interface PreStopSleep {
  readonly seconds: number;
  /** The node that states the duration (the `seconds` value, the `sleep N` argument, or the script). */
  readonly node: Node;
  readonly via: 'sleep-action' | 'exec' | 'shell';
}

/** How long the container's preStop hook sleeps, when it is a sleep (action, `sleep N`, or `sh -c "... sleep N"`). */
export function preStopSleep(c: Container): PreStopSleep | undefined {
  const { view } = c.spec.owner;
  const preStop = view.at(c.map, 'lifecycle', 'preStop');
  if (!preStop) return undefined;
  const sleep = view.field(view.field(preStop, 'sleep')?.value, 'seconds');
  if (sleep) {
    const n = view.num(sleep.value);
    if (n !== undefined) return { seconds: n, node: sleep.rawValue ?? sleep.key, via: 'sleep-action' };
  }
  const command = view.field(view.field(preStop, 'exec')?.value, 'command');
  const argv = command ? view.strings(command.value) : undefined;
  if (!argv || argv.length === 0) return undefined;
  if (argv[0] && /(^|\/)sleep$/.test(argv[0].value) && argv[1]) {
    const s = sleepSeconds(argv[1].value);
    if (s !== undefined) return { seconds: s, node: argv[1].node, via: 'exec' };
  }
  const script = shellScript(argv);
  if (script) {
    let total = 0;
    let found = false;
    for (const m of script.value.matchAll(/(?:^|[;&|\n(][^\S\n]*|\bthen\s+|\bdo\s+)sleep\s+([\d.]+[smhd]?|infinity)\b/gm)) {
      const s = sleepSeconds(m[1] ?? '');
      if (s !== undefined) {
        total += s;
        found = true;
      }
    }
    if (found) return { seconds: total, node: script.node, via: 'shell' };
  }
  return undefined;
}

/** The grace period as messages state it: "30 s", or "30 s (the default)" when not written. */
export function graceText(grace: { seconds: number; explicit: boolean }, say: Say): string {
  return grace.explicit
    ? say({ en: `${grace.seconds} s`, 'zh-cn': `${grace.seconds} 秒` })
    : say({ en: `${grace.seconds} s (the default)`, 'zh-cn': `${grace.seconds} 秒（默认值）` });
}
