// The extension's settings: one typed object with defaults, normalised from whatever the client sends, and a
// per-document cache that the server clears when the configuration changes.
import type { AnalysisOptions, RuleLevel } from '../engine/analyze';
import { DEFAULT_OPTIONS } from '../engine/analyze';
import type { Locale } from '../l10n/locale';
import type { RuleOptions } from '../engine/rule';
import { formatVersion, NEWEST, OLDEST_MINOR, parseMinor, parseVersion } from '../k8s/versions';
import { CustomWorkloadEntry, parseCustomWorkloads } from '../k8s/workloads';

export interface Settings {
  readonly enable: boolean;
  /** "1.29" ... "1.36"; older versions are accepted for the version-dependent rules. */
  readonly kubernetesVersion: string;
  readonly rules: Readonly<Record<string, RuleLevel>>;
  readonly ruleOptions: Readonly<Record<string, RuleOptions>>;
  /** Files larger than this (in bytes of text) are not analysed. */
  readonly maxFileSize: number;
  /**
   * YAML syntax and duplicate-key errors: `on`, `off`, or `auto` (the VS Code client turns it off when the Red Hat YAML
   * extension validates the same file; a server on its own reads `auto` as on).
   */
  readonly syntaxErrors: 'auto' | 'on' | 'off';
  /** The workspace object index: on, and how many YAML files it reads at most. */
  readonly workspace: { readonly enable: boolean; readonly maxFiles: number };
  /** `kubeGraceful.inlayHints.enable`: inlay hints after lifecycle fields (restart points, SIGKILL, pod counts). */
  readonly inlayHints: boolean;
  /** The user's CRD kinds with a pod template (`kubeGraceful.customWorkloads`), the valid entries only. */
  readonly customWorkloads: readonly CustomWorkloadEntry[];
  /**
   * Rendering Helm charts and kustomize overlays before analysing them (issue 18). `helmPath`/`kustomizePath` are
   * machine settings: a project's config file cannot name the binary that runs.
   */
  readonly render: { readonly enable: boolean; readonly helmPath: string; readonly kustomizePath: string; readonly valuesFiles: readonly string[] };
  /** Sentences about settings that were ignored because they are not valid, for the server to report. */
  readonly problems: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  kubernetesVersion: formatVersion(NEWEST),
  rules: {},
  ruleOptions: {},
  maxFileSize: DEFAULT_OPTIONS.maxFileSize,
  syntaxErrors: 'auto',
  workspace: { enable: true, maxFiles: 5000 },
  inlayHints: true,
  customWorkloads: [],
  render: { enable: true, helmPath: '', kustomizePath: '', valuesFiles: [] },
  problems: [],
};

const LEVELS: ReadonlySet<string> = new Set(['off', 'hint', 'info', 'warning', 'error']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Accepts the `kubeGraceful` section (or an object that holds it) and fills in defaults for anything missing or wrong. */
export function normalizeSettings(raw: unknown): Settings {
  const section = isRecord(raw) && isRecord(raw['kubeGraceful']) ? raw['kubeGraceful'] : raw;
  if (!isRecord(section)) return DEFAULT_SETTINGS;
  const warnings: string[] = [];
  const rawVersion = section['kubernetesVersion'];
  const version = parseVersion(rawVersion);
  const minor = parseMinor(rawVersion);
  const shown = typeof rawVersion === 'string' ? JSON.stringify(rawVersion) : String(rawVersion);
  if (rawVersion !== undefined && rawVersion !== null && rawVersion !== '' && minor === undefined) {
    warnings.push(
      `kubeGraceful.kubernetesVersion ${shown} is not a Kubernetes version (write it as "1.31", "v1.31" or "1.31.2"); using ${formatVersion(NEWEST)}.`,
    );
  } else if (minor !== undefined && minor < OLDEST_MINOR) {
    warnings.push(
      `kubeGraceful.kubernetesVersion ${shown} is older than 1.${OLDEST_MINOR}, the oldest version kube-graceful reasons about; using 1.${OLDEST_MINOR}.`,
    );
  } else if (typeof rawVersion === 'number' && minor !== undefined && String(rawVersion) !== `1.${minor}`) {
    warnings.push(`kubeGraceful.kubernetesVersion is the number ${String(rawVersion)}; read as 1.${minor}. Write it as a string ("1.${minor}") to be exact.`);
  }
  const rules: Record<string, RuleLevel> = {};
  if (isRecord(section['rules'])) {
    for (const [id, level] of Object.entries(section['rules'])) {
      const normalized = level === 'information' ? 'info' : level;
      if (typeof normalized === 'string' && LEVELS.has(normalized)) rules[id] = normalized as RuleLevel;
      else warnings.push(`kubeGraceful.rules.${id}: ${JSON.stringify(level)} is not a level (off, hint, info, warning, error); the rule keeps its default.`);
    }
  }
  const ruleOptions: Record<string, RuleOptions> = {};
  if (isRecord(section['ruleOptions'])) {
    for (const [id, opts] of Object.entries(section['ruleOptions'])) if (isRecord(opts)) ruleOptions[id] = opts;
  }
  const maxFileSize = section['maxFileSize'];
  const ws = isRecord(section['workspace']) ? section['workspace'] : {};
  const maxFiles = ws['maxFiles'];
  const custom = parseCustomWorkloads(section['customWorkloads']);
  const render = isRecord(section['render']) ? section['render'] : {};
  const helm = isRecord(section['helm']) ? section['helm'] : {};
  const kustomize = isRecord(section['kustomize']) ? section['kustomize'] : {};
  const valuesFiles = Array.isArray(helm['valuesFiles'])
    ? helm['valuesFiles'].filter((f): f is string => typeof f === 'string' && f !== '' && f.length < 4096)
    : [];
  if (maxFileSize !== undefined && maxFileSize !== null && !(typeof maxFileSize === 'number' && maxFileSize > 0)) {
    warnings.push(`kubeGraceful.maxFileSize ${JSON.stringify(maxFileSize)} is not a positive number of bytes; using ${DEFAULT_SETTINGS.maxFileSize}.`);
  }
  return {
    enable: section['enable'] !== false,
    kubernetesVersion: version ? formatVersion(version) : DEFAULT_SETTINGS.kubernetesVersion,
    rules,
    ruleOptions,
    maxFileSize: typeof maxFileSize === 'number' && maxFileSize > 0 ? maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    syntaxErrors: section['syntaxErrors'] === 'on' || section['syntaxErrors'] === 'off' ? section['syntaxErrors'] : 'auto',
    workspace: {
      enable: ws['enable'] !== false,
      maxFiles: typeof maxFiles === 'number' && Number.isInteger(maxFiles) && maxFiles >= 0 ? maxFiles : DEFAULT_SETTINGS.workspace.maxFiles,
    },
    // VS Code sends `inlayHints.enable` nested; a client may also send the dotted key.
    inlayHints: !(isRecord(section['inlayHints']) && section['inlayHints']['enable'] === false) && section['inlayHints.enable'] !== false,
    customWorkloads: custom.entries,
    render: {
      enable: render['enable'] !== false && section['render.enable'] !== false,
      helmPath: typeof helm['path'] === 'string' ? helm['path'].trim() : '',
      kustomizePath: typeof kustomize['path'] === 'string' ? kustomize['path'].trim() : '',
      valuesFiles,
    },
    // Settings pushed by a client are normalised once more when read: keep what the first reading found.
    problems: [
      ...new Set([
        ...(Array.isArray(section['problems']) ? section['problems'].filter((p): p is string => typeof p === 'string') : []),
        ...custom.problems,
        ...warnings,
      ]),
    ],
  };
}

export function toAnalysisOptions(s: Settings, locale?: Locale): AnalysisOptions {
  return {
    locale,
    version: parseVersion(s.kubernetesVersion) ?? NEWEST,
    levels: s.syntaxErrors === 'off' ? { ...s.rules, 'yaml-syntax': 'off', 'duplicate-key': 'off' } : s.rules,
    ruleOptions: s.ruleOptions,
    maxFileSize: s.maxFileSize,
    ...(s.customWorkloads.length > 0 ? { customWorkloads: parseCustomWorkloads(s.customWorkloads).workloads } : {}),
  };
}

/** Settings per document URI, fetched once and kept until the configuration changes. */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();

  /**
   * `timeoutMs`: how long to wait for the client's answer before using the defaults for this request (a client that
   * never answers workspace/configuration must not leave diagnostics and hovers waiting forever). A late answer is
   * kept and used from then on.
   */
  constructor(
    private readonly fetch: (uri: string) => Promise<unknown>,
    private readonly timeoutMs = 2000,
  ) {}

  get(uri: string): Promise<Settings> {
    let s = this.byUri.get(uri);
    if (!s) {
      s = this.fetch(uri).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, s);
    }
    let timer: NodeJS.Timeout | undefined;
    const fallback = new Promise<Settings>((resolve) => {
      timer = setTimeout(() => resolve(DEFAULT_SETTINGS), this.timeoutMs);
    });
    return Promise.race([s, fallback]).finally(() => clearTimeout(timer));
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
