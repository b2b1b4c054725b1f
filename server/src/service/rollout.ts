// Rollout arithmetic as the controllers do it: int-or-percent values scaled against a replica count, with
// Kubernetes' rounding (k8s.io/apimachinery intstr.GetScaledValueFromIntOrPercent).

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

export const DEPLOYMENT_DEFAULTS = { maxSurge: { kind: 'percent', value: 25 }, maxUnavailable: { kind: 'percent', value: 25 }, replicas: 1, progressDeadlineSeconds: 600, minReadySeconds: 0 } as const;
/** DaemonSet rolling update defaults; both values are rounded up (daemonset_util.go SurgeCount/UnavailableCount). */
export const DAEMONSET_DEFAULTS = { maxSurge: { kind: 'int', value: 0 }, maxUnavailable: { kind: 'int', value: 1 } } as const;
