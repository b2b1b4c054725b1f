// Kubernetes versions the user can target, and the first version in which each behaviour the rules depend on is
// available on a default cluster (its feature gate on by default). See docs/research/k8s-facts.md for sources.

export interface KubeVersion {
  readonly major: 1;
  readonly minor: number;
}

/** Versions whose API definitions ship with the extension (schemas/ and ../shared/k8s-openapi). */
export const BUNDLED_MINORS = [29, 30, 31, 32, 33, 34, 35, 36] as const;
export const NEWEST: KubeVersion = { major: 1, minor: 36 };
/** The oldest version rules reason about; older targets are clamped to it. */
export const OLDEST_MINOR = 20;

/** Parses "1.31", "v1.31", "1.31.4" or "v1.31.4-gke.1"; anything else gives undefined. */
export function parseVersion(text: unknown): KubeVersion | undefined {
  const minor = parseMinor(text);
  return minor === undefined ? undefined : { major: 1, minor: Math.max(OLDEST_MINOR, minor) };
}

/**
 * The minor version as written, before clamping. A number (a version written unquoted in YAML, TOML or Lua editor
 * settings) has lost its trailing zero: 1.30 arrives as 1.3, so a one-digit minor that would be older than any
 * version kube-graceful reasons about is read as tens (1.3 -> 30, 1.2 -> 20).
 */
export function parseMinor(text: unknown): number | undefined {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return undefined;
    const m = /^1\.(\d{1,3})$/.exec(String(text));
    if (!m) return undefined;
    const digits = m[1];
    return digits.length === 1 && Number(digits) * 10 >= OLDEST_MINOR ? Number(digits) * 10 : Number(digits);
  }
  if (typeof text !== 'string') return undefined;
  const m = /^v?1\.(\d{1,3})(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

export function formatVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

/**
 * First minor version where each feature works on a cluster with default feature gates.
 * Each entry names its gate and where the dates come from.
 */
export const FEATURES = {
  /** SidecarContainers: alpha 1.28 (off), beta 1.29 (on), GA 1.33. */
  nativeSidecars: 29,
  /** GRPCContainerProbe: alpha 1.23 (off), beta 1.24 (on), GA 1.27. */
  grpcProbe: 24,
  /** PodLifecycleSleepAction: alpha 1.29 (off), beta 1.30 (on), GA 1.34. */
  sleepAction: 30,
  /** PodLifecycleSleepActionAllowZero: alpha 1.32 (off), beta 1.33 (on), GA 1.34. */
  sleepActionZero: 33,
  /** ContainerRestartRules: alpha 1.34 (off), beta 1.35 (on). */
  containerRestartRules: 35,
  /** PodLevelResources: alpha 1.32 (off), beta 1.34 (on). */
  podLevelResources: 34,
  /** PDBUnhealthyPodEvictionPolicy: alpha 1.26 (off), beta 1.27 (on), GA 1.31. */
  pdbUnhealthyPodEvictionPolicy: 27,
} as const;

export type Feature = keyof typeof FEATURES;

export function supports(v: KubeVersion, feature: Feature): boolean {
  return v.minor >= FEATURES[feature];
}
