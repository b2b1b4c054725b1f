// The contract between the analysis engine and the rules. Rules are pure: they read one Kubernetes object and
// report problems with positions and optional fixes; they know nothing of LSP, files or settings storage.
import type { Node } from 'yaml';
import type { K8sObject } from '../k8s/model';
import type { Category, Indexed, Relation, Subject } from './object-index';
import type { Locale, Say } from '../l10n/locale';
import type { KubeVersion } from '../k8s/versions';
import type { Fix, TextChange } from '../yaml/edits';
export type { Fix, TextChange };
export { formatMessage } from '../l10n/locale';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleDocs {
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /** Why it matters on a real cluster. */
  readonly why: string;
  /** A manifest the rule reports. */
  readonly bad: string;
  /** The same manifest, repaired; the rule reports nothing on it. */
  readonly good: string;
  /** The Kubernetes documentation page that explains the behaviour (used as the diagnostic's link). */
  readonly url: string;
  /** What the facts in the messages rest on: API validation code, kubelet code, documentation. */
  readonly sources: readonly string[];
  /** The Kubernetes version the examples target, for rules that depend on it (default: the newest). */
  readonly exampleVersion?: string;
  /** Why the rule's default level is what it is: what a Kubernetes engineer would call it, and when it is louder. */
  readonly level?: string;
  /** When the fix is safe to apply without review, and when not. */
  readonly fixSafety?: string;
  /**
   * Which kinds the rule checks, when it is not every pod spec (the default, which includes the custom workloads of
   * k8s/workloads.ts): workload-level rules name their kinds and CRDs here.
   */
  readonly appliesTo?: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly docs: RuleDocs;
  /** Message templates by messageId; `{name}` placeholders are filled from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  /** Only a rule that says so may return fixes. */
  readonly fixable?: boolean;
  /**
   * True for rules that report something missing. They are skipped in documents with template expressions,
   * where the missing part may well come from the template.
   */
  readonly reportsAbsence?: boolean;
  /**
   * 'workspace' when the rule reads other objects through `context.workspace` (the object index: every file of the
   * workspace, or the file alone); it then names the categories it reads in `reads`, and its findings on a document
   * are kept until the facts of one of those categories change. 'file' is the older form that reads
   * `context.fileObjects` of the same file only.
   */
  readonly scope?: 'object' | 'file' | 'workspace';
  /** For a workspace-scope rule: the categories of other objects it reads. */
  readonly reads?: readonly Category[];
  /**
   * For a file-scope rule: the only kinds of *other* objects it reads. Its findings on a document are then kept
   * until a document holding one of those kinds changes. Without it, the rule runs again on every analysis.
   */
  readonly contextKinds?: readonly string[];
}

export interface Report {
  /** Where the problem is: a YAML node, or explicit document-local offsets. */
  readonly at: Node | { readonly start: number; readonly end: number };
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Overrides the rule's default severity for this finding (before user settings apply). */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  /** Other places that explain the finding, such as the budget in another file: shown as related information. */
  readonly related?: readonly RelatedReport[];
  /** Places in the same document that explain the finding (the readiness probe a liveness probe repeats). */
  readonly relatedAt?: readonly LocalRelatedReport[];
  /**
   * The container the finding is about, for the message's subject (`Deployment web › app: ...`). Without it the
   * engine names the container whose entry holds the reported place, if any.
   */
  readonly container?: string;
}

/** A place in the same document that a finding points at, with a short phrase. */
export interface LocalRelatedReport {
  readonly at: Node | { readonly start: number; readonly end: number };
  readonly message: string;
}

/** A place in the workspace that a finding points at, with a short phrase ("the budget is here"). */
export interface RelatedReport {
  readonly at: Indexed;
  readonly message: string;
}

/**
 * Questions about other objects, answered by the object index: the objects of every file in the workspace that
 * share a scope (kustomization unit and namespace) with the object asked about.
 */
export interface WorkspaceQueries {
  /** PodDisruptionBudgets that select, or may select, the pods of a workload. */
  budgetsFor(obj: K8sObject): Relation[];
  /** Services that select, or may select, the pods of a workload. */
  servicesFor(obj: K8sObject): Relation[];
  /** The workloads whose pods a budget or Service selects, or may select; `unknown` when its selector can't be read. */
  selectedBy(obj: Subject): Relation[] | 'unknown';
  /** The autoscalers (HPA, KEDA ScaledObject) whose target is, or may be, this workload (analysed, or from the index). */
  autoscalersOf(obj: Subject): Indexed[];
  /** The labels a workload's pods carry, resolving Argo Rollouts' `spec.workloadRef`; undefined when not known. */
  podLabelsOf(obj: Subject): ReadonlyMap<string, string> | undefined;
  /** True when an object of the index is in the file being analysed. */
  sameFile(entry: Indexed): boolean;
}

export interface RuleOptions {
  readonly [key: string]: unknown;
}

export interface RuleContext {
  /** The Kubernetes version the user targets. */
  readonly version: KubeVersion;
  /** Every Kubernetes object in the file, for rules whose scope is 'file'. */
  readonly fileObjects: readonly K8sObject[];
  /** Other objects of the workspace (or of the file, without one), for rules whose scope is 'workspace'. */
  readonly workspace: WorkspaceQueries;
  /** The end-of-line sequence of the file, for fixes that insert lines. */
  readonly eol: string;
  readonly options: RuleOptions;
  /** The language of messages; `say` picks the text for it. */
  readonly locale: Locale;
  /**
   * A phrase that goes into a message's data or a fix title, in the user's language. Message templates are
   * translated in server/src/l10n; words a rule builds itself come through here.
   */
  say: Say;
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(object: K8sObject, context: RuleContext): void;
}
