// The index of Kubernetes objects that cross-object rules query: every object's facts, bucketed by scope (the
// kustomization unit and namespace it is applied in) and by label, so that "which budgets select this workload?" costs
// the candidates that share a label with it, never a scan of all objects. One index serves a single file (tests, the
// server without a workspace) or the whole workspace (fed by server/src/workspace/).
import { factsOf, fingerprint, ObjectFacts, selects, targets } from '../k8s/facts';
import type { K8sObject } from '../k8s/model';

/** The groups of objects that cross-object rules read; each has a version that changes when its facts do. */
export type Category = 'workloads' | 'budgets' | 'services' | 'autoscalers';

export const CATEGORIES: readonly Category[] = ['workloads', 'budgets', 'services', 'autoscalers'];

/** An object in the index: its facts, its file and where in it, and the scopes it is applied in. */
export interface Indexed {
  readonly facts: ObjectFacts;
  readonly uri: string;
  /** Offsets of the object's `kind` value in its file; kept current when the object only moved. */
  start: number;
  end: number;
  /** Line and character of `start`/`end`, when the index read the file from disk (no open document to ask). */
  position?: { readonly line: number; readonly character: number; readonly endLine: number; readonly endCharacter: number };
  readonly scopes: readonly string[];
}

/** An object of a file to put in the index: its facts and where it is in the file. */
export interface IndexInput {
  readonly facts: ObjectFacts;
  readonly start: number;
  readonly end: number;
  readonly position?: Indexed['position'];
}

/**
 * The scopes an object is applied in, from its file and its `metadata.namespace`: one per kustomization unit that
 * includes the file (with the namespace that unit gives it), or the file's own scope. Objects relate only when they
 * share a scope.
 */
export type ScopeResolver = (uri: string, namespace: string | undefined) => readonly string[];

/** Without kustomizations every object is in one unit, in its written namespace or the apply's default (''). */
export const DEFAULT_SCOPES: ScopeResolver = (_uri, namespace) => [`\u0001${namespace ?? ''}`];

/** What a question is about: an object being analysed, or an object of the index (from another file). */
export type Subject = K8sObject | Indexed;

/** A budget, Service or autoscaler found for an object, and whether it selects it (undefined: not known). */
export interface Relation {
  readonly other: Indexed;
  readonly selects: boolean | undefined;
}

export type ChangeListener = (categories: ReadonlySet<Category>, uri: string) => void;

interface Buckets {
  /** Objects of the category in the scope. */
  readonly all: Set<Indexed>;
  /** By `key=value`: workloads by each pod label; selectors by the values of their first `In` requirement. */
  readonly byLabel: Map<string, Set<Indexed>>;
  /** Workloads whose labels are not known; selectors with no `In` requirement or not known: always candidates. */
  readonly wildcard: Set<Indexed>;
  /** Autoscalers by target name ('' for an unknown name). */
  readonly byTarget: Map<string, Set<Indexed>>;
}

interface FileState {
  readonly entries: Indexed[];
  /** Fingerprints per category, joined, to tell whether a file's change changed what other objects read. */
  readonly prints: Map<Category, string>;
}

const prints = new WeakMap<ObjectFacts, string>();

/**
 * Label keys that usually hold the same value on many workloads (Kubernetes' recommended labels for the application
 * group and tooling, and common conventions). A selector is bucketed under another of its labels when it has one.
 */
const SHARED_LABELS: ReadonlySet<string> = new Set([
  'tier',
  'env',
  'environment',
  'stage',
  'team',
  'owner',
  'version',
  'release',
  'chart',
  'heritage',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/component',
  'app.kubernetes.io/version',
  'helm.sh/chart',
]);

function printOf(f: ObjectFacts): string {
  let p = prints.get(f);
  if (p === undefined) prints.set(f, (p = fingerprint(f)));
  return p;
}

/** The category of an object's facts, or undefined for objects no cross-object rule reads. */
export function categoryOf(f: ObjectFacts): Category | undefined {
  if (f.selector !== undefined) return f.kind === 'Service' ? 'services' : 'budgets';
  if (f.scaleTarget !== undefined) return 'autoscalers';
  if (f.pods) return 'workloads';
  return undefined;
}

/**
 * True for an object of another file that may leave parts out (templated): what it selects or carries can't be
 * known, and one such file must not silence every cross-file finding of the workspace. It still counts in its own
 * file, where the rules stay silent about it as they always did.
 */
function foreignUnknown(e: Indexed, uri: string): boolean {
  return e.facts.incomplete && e.uri !== uri;
}

export class ObjectIndex {
  private readonly files = new Map<string, FileState>();
  private readonly buckets = new Map<string, Buckets>();
  private readonly versions = new Map<Category, number>();
  private epochValue = 0;
  private readonly listeners: ChangeListener[] = [];
  private scopeOf: ScopeResolver;

  constructor(scopeOf: ScopeResolver = DEFAULT_SCOPES) {
    this.scopeOf = scopeOf;
  }

  /** Called with the categories whose facts changed, after a file's objects were replaced. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** A new way of telling scopes (kustomizations changed): every object is re-bucketed and every version moves. */
  setScopeResolver(scopeOf: ScopeResolver): void {
    this.scopeOf = scopeOf;
    const inputs = [...this.files.keys()].map((uri) => [uri, this.inputsOf(uri)] as const);
    for (const [uri] of inputs) this.removeEntries(uri);
    this.files.clear();
    for (const [uri, entries] of inputs) this.setFile(uri, entries, false);
    this.epochValue++;
    for (const c of CATEGORIES) this.versions.set(c, (this.versions.get(c) ?? 0) + 1);
    this.emit(new Set(CATEGORIES), '');
  }

  /** A file's objects as inputs again: for re-bucketing, and for handing a file's facts to another index. */
  inputsOf(uri: string): IndexInput[] {
    return (this.files.get(uri)?.entries ?? []).map((e) => ({ facts: e.facts, start: e.start, end: e.end, position: e.position }));
  }

  /** The scopes of an object of a file. */
  scopes(uri: string, namespace: string | undefined): readonly string[] {
    return this.scopeOf(uri, namespace);
  }

  /** A key that changes whenever the facts of any of the categories change. */
  version(categories: readonly Category[]): string {
    return `${this.epochValue}:${categories.map((c) => this.versions.get(c) ?? 0).join('.')}`;
  }

  get objectCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.entries.length;
    return n;
  }

  /**
   * Replaces the objects of a file. Objects whose facts are the same object as before (their document was not
   * re-parsed) keep their entry and only get their new offsets, so a keystroke costs the edited document. Returns
   * the categories whose facts changed, and tells the listeners.
   */
  setFile(uri: string, inputs: readonly IndexInput[], notify = true): ReadonlySet<Category> {
    const old = this.files.get(uri);
    const reusable = new Map<ObjectFacts, Indexed[]>();
    for (const e of old?.entries ?? []) {
      const list = reusable.get(e.facts);
      if (list) list.push(e);
      else reusable.set(e.facts, [e]);
    }
    const entries: Indexed[] = [];
    const kept = new Set<Indexed>();
    for (const input of inputs) {
      if (categoryOf(input.facts) === undefined) continue;
      const reuse = reusable.get(input.facts)?.shift();
      if (reuse) {
        reuse.start = input.start;
        reuse.end = input.end;
        if (input.position) reuse.position = input.position;
        kept.add(reuse);
        entries.push(reuse);
        continue;
      }
      const entry: Indexed = { facts: input.facts, uri, start: input.start, end: input.end, scopes: this.scopeOf(uri, input.facts.namespace) };
      if (input.position) entry.position = input.position;
      this.insert(entry);
      entries.push(entry);
    }
    for (const e of old?.entries ?? []) if (!kept.has(e)) this.remove(e);
    const state: FileState = { entries, prints: new Map() };
    for (const c of CATEGORIES) state.prints.set(c, '');
    const byCategory = new Map<Category, string[]>();
    for (const e of entries) {
      const c = categoryOf(e.facts) as Category;
      const list = byCategory.get(c);
      if (list) list.push(printOf(e.facts));
      else byCategory.set(c, [printOf(e.facts)]);
    }
    for (const [c, list] of byCategory) state.prints.set(c, list.join('\n'));
    if (entries.length === 0) this.files.delete(uri);
    else this.files.set(uri, state);
    const changed = new Set<Category>();
    for (const c of CATEGORIES) if ((old?.prints.get(c) ?? '') !== state.prints.get(c)) changed.add(c);
    for (const c of changed) this.versions.set(c, (this.versions.get(c) ?? 0) + 1);
    if (notify && changed.size > 0) this.emit(changed, uri);
    return changed;
  }

  /** Drops a file's objects (deleted, or no longer indexed). */
  removeFile(uri: string): ReadonlySet<Category> {
    return this.setFile(uri, []);
  }

  /** The budgets (PodDisruptionBudgets) that do or may select a workload's pods, in any of its scopes. */
  budgetsFor(subject: Subject, uri: string): Relation[] {
    return this.selectorsFor('budgets', subject, uri);
  }

  /** The Services that do or may select a workload's pods. */
  servicesFor(subject: Subject, uri: string): Relation[] {
    return this.selectorsFor('services', subject, uri);
  }

  /** The workloads a budget or Service does or may select; `unknown` when its selector can't be read. */
  selectedBy(subject: Subject, uri: string): Relation[] | 'unknown' {
    const { facts, scopes } = this.read(subject, uri);
    const selector = facts.selector;
    if (!selector || selector.state === 'none') return [];
    if (selector.state === 'unknown') return 'unknown';
    const out: Relation[] = [];
    const seen = new Set<Indexed>();
    const ins = selector.requirements.filter((r) => r.operator === 'In');
    for (const scope of scopes) {
      const b = this.buckets.get(`workloads\u0000${scope}`);
      if (!b) continue;
      // Every selected workload carries every `In` label: the requirement with the fewest carriers is enough to
      // look through, so a label that all workloads share (tier: backend) costs nothing.
      let best: Set<Indexed>[] | undefined;
      let bestSize = Infinity;
      for (const r of ins) {
        const sets = r.values.map((v) => b.byLabel.get(`${r.key}=${v}`)).filter((x): x is Set<Indexed> => x !== undefined);
        const size = sets.reduce((n, x) => n + x.size, 0);
        if (size < bestSize) {
          best = sets;
          bestSize = size;
        }
      }
      const candidates: Iterable<Indexed>[] = best ? [...best, b.wildcard] : [b.all];
      for (const list of candidates) {
        for (const w of list) {
          if (seen.has(w) || w.facts === facts || foreignUnknown(w, uri)) continue;
          seen.add(w);
          const target = this.resolved(w.facts, w.scopes);
          // A workloadRef whose workload is not in the workspace: nothing is known of its pods.
          if (target.workloadRef && !target.podLabels) continue;
          const verdict = facts.incomplete || target.incomplete ? undefined : selects(selector, target);
          if (verdict !== false) out.push({ other: w, selects: verdict });
        }
      }
    }
    return out;
  }

  /** The autoscalers (HPA, KEDA ScaledObject) whose target is, or may be, this workload. */
  autoscalersOf(subject: Subject, uri: string): Indexed[] {
    const { facts, scopes } = this.read(subject, uri);
    const out: Indexed[] = [];
    const seen = new Set<Indexed>();
    for (const scope of scopes) {
      const b = this.buckets.get(`autoscalers\u0000${scope}`);
      if (!b) continue;
      for (const key of [facts.name ?? '', '']) {
        for (const a of b.byTarget.get(key) ?? []) {
          if (seen.has(a) || foreignUnknown(a, uri) || !targets(a.facts, facts)) continue;
          seen.add(a);
          out.push(a);
        }
      }
    }
    return out;
  }

  /** The labels an object's pods carry, resolving `spec.workloadRef` through the index; undefined when not known. */
  podLabelsOf(subject: Subject, uri: string): ReadonlyMap<string, string> | undefined {
    const { facts, scopes } = this.read(subject, uri);
    return this.resolved(facts, scopes).podLabels;
  }

  /**
   * The facts with a referenced workload's pod labels filled in (Argo Rollouts' `spec.workloadRef` names a Deployment
   * whose template the Rollout uses); unchanged when there is no reference or its workload is not in the scopes.
   */
  private resolved(facts: ObjectFacts, scopes: readonly string[]): ObjectFacts {
    const ref = facts.workloadRef;
    if (!ref || facts.podLabels) return facts;
    for (const scope of scopes) {
      for (const e of this.buckets.get(`workloads\u0000${scope}`)?.all ?? []) {
        if (e.facts.kind === ref.kind && e.facts.name === ref.name && !e.facts.workloadRef) {
          return { ...facts, podLabels: e.facts.podLabels, incomplete: facts.incomplete || e.facts.incomplete };
        }
      }
    }
    return facts;
  }

  /** The facts and scopes of an object being analysed, or of an entry of the index. */
  private read(subject: Subject, uri: string): { facts: ObjectFacts; scopes: readonly string[] } {
    if ('scopes' in subject) return subject;
    const facts = factsOf(subject);
    return { facts, scopes: this.scopeOf(uri, facts.namespace) };
  }

  private selectorsFor(category: 'budgets' | 'services', subject: Subject, uri: string): Relation[] {
    const read = this.read(subject, uri);
    const { scopes } = read;
    const facts = this.resolved(read.facts, scopes);
    if (!facts.pods || (facts.workloadRef && !facts.podLabels)) return [];
    const out: Relation[] = [];
    const seen = new Set<Indexed>();
    for (const scope of scopes) {
      const b = this.buckets.get(`${category}\u0000${scope}`);
      if (!b) continue;
      // Without known labels any selector may match: every budget of the scope is a candidate.
      const lists: Iterable<Indexed>[] = facts.podLabels ? [...facts.podLabels].map(([k, v]) => b.byLabel.get(`${k}=${v}`) ?? []) : [b.all];
      lists.push(b.wildcard);
      for (const list of lists) {
        for (const s of list) {
          if (seen.has(s) || s.facts === facts || foreignUnknown(s, uri)) continue;
          seen.add(s);
          const verdict = facts.incomplete || s.facts.incomplete ? undefined : selects(s.facts.selector, facts);
          if (verdict !== false) out.push({ other: s, selects: verdict });
        }
      }
    }
    return out;
  }

  private bucket(category: Category, scope: string): Buckets {
    const key = `${category}\u0000${scope}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { all: new Set(), byLabel: new Map(), wildcard: new Set(), byTarget: new Map() };
      this.buckets.set(key, b);
    }
    return b;
  }

  private keysOf(e: Indexed): { labels: string[]; wildcard: boolean; target: string | undefined } {
    const f = e.facts;
    const category = categoryOf(f);
    if (category === 'workloads') {
      if (!f.podLabels) return { labels: [], wildcard: true, target: undefined };
      return { labels: [...f.podLabels].map(([k, v]) => `${k}=${v}`), wildcard: false, target: undefined };
    }
    if (category === 'autoscalers') return { labels: [], wildcard: false, target: f.scaleTarget?.name ?? '' };
    const sel = f.selector;
    const ins = sel?.state === 'known' ? sel.requirements.filter((r) => r.operator === 'In') : [];
    // Indexed under one `In` requirement, preferably not one of the labels that many workloads share.
    const first = ins.find((r) => !SHARED_LABELS.has(r.key)) ?? ins[0];
    if (!first) return { labels: [], wildcard: sel?.state !== 'none', target: undefined };
    return { labels: first.values.map((v) => `${first.key}=${v}`), wildcard: false, target: undefined };
  }

  private insert(e: Indexed): void {
    const category = categoryOf(e.facts) as Category;
    const keys = this.keysOf(e);
    for (const scope of e.scopes) {
      const b = this.bucket(category, scope);
      b.all.add(e);
      if (keys.wildcard) b.wildcard.add(e);
      for (const k of keys.labels) {
        const set = b.byLabel.get(k);
        if (set) set.add(e);
        else b.byLabel.set(k, new Set([e]));
      }
      if (keys.target !== undefined) {
        const set = b.byTarget.get(keys.target);
        if (set) set.add(e);
        else b.byTarget.set(keys.target, new Set([e]));
      }
    }
  }

  private remove(e: Indexed): void {
    const category = categoryOf(e.facts) as Category;
    const keys = this.keysOf(e);
    for (const scope of e.scopes) {
      const b = this.buckets.get(`${category}\u0000${scope}`);
      if (!b) continue;
      b.all.delete(e);
      b.wildcard.delete(e);
      for (const k of keys.labels) {
        const set = b.byLabel.get(k);
        set?.delete(e);
        if (set?.size === 0) b.byLabel.delete(k);
      }
      if (keys.target !== undefined) {
        const set = b.byTarget.get(keys.target);
        set?.delete(e);
        if (set?.size === 0) b.byTarget.delete(keys.target);
      }
      if (b.all.size === 0) this.buckets.delete(`${category}\u0000${scope}`);
    }
  }

  private removeEntries(uri: string): void {
    for (const e of this.files.get(uri)?.entries ?? []) this.remove(e);
  }

  private emit(categories: ReadonlySet<Category>, uri: string): void {
    for (const l of this.listeners) {
      try {
        l(categories, uri);
      } catch {
        // A listener's failure must not stop the index or the other listeners.
      }
    }
  }
}
