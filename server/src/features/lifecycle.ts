// The lifecycle of a workload for editors: the model of k8s/lifecycle.ts worded in the user's language, with the
// fields as editor ranges (the `kubeGraceful/lifecycle` answer the panel draws), CodeLens titles and inlay hints.
import type { Node } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import { Chunk, ChunkCache } from '../yaml/documents';
import { DocView, Field } from '../yaml/view';
import { containerLabel, isBuiltin, K8sObject, objectsOf, podSpecPath } from '../k8s/model';
import { Bar, disruptionsAllowed, Lifecycle, lifecycleOf, Mark, Phase, Rollout, ShutdownDetail, Source, StartupDetail } from '../k8s/lifecycle';
import { detectionWindow, probeFigures, startupBudget } from '../k8s/probes';
import { parseIntOrPercent, pdbSelects, replicasOf } from '../k8s/rollout';
import { preStopSleep } from '../k8s/termination';
import type { KubeVersion } from '../k8s/versions';
import type { ObjectIndex } from '../engine/object-index';
import { LifecycleTexts, lifecycleTexts } from '../l10n/lifecycle-text';
import type { Locale } from '../l10n/locale';

/** Offsets to editor positions, as the caller's document counts them. */
export type PositionAt = (offset: number) => Position;

export interface FieldRef {
  /** The field's path in the object, e.g. `spec.template.spec.containers[0].startupProbe.failureThreshold`. */
  readonly path: string;
  readonly range: Range;
}

export interface BarView {
  readonly kind: Bar['kind'];
  readonly start: number;
  /** null: the end is not known or never comes. */
  readonly end: number | null;
  readonly label: string;
  /** The bar's words, its times and the field that sets it. */
  readonly tooltip: string;
  readonly field: FieldRef | null;
}

export interface MarkView {
  readonly kind: Mark['kind'];
  readonly at: number;
  readonly label: string;
  readonly tooltip: string;
  readonly field: FieldRef | null;
}

export interface LaneView {
  /** The container's name, or the pod. */
  readonly name: string;
  readonly bars: BarView[];
  readonly marks: MarkView[];
}

export interface PhaseView {
  readonly heading: string;
  readonly summary: string;
  readonly notes: string[];
  /** The phase's bound in seconds (start ≤, stop ≤). */
  readonly bound: number;
  readonly openEnded: boolean;
  readonly never: boolean;
  readonly lanes: LaneView[];
}

export interface RolloutView {
  readonly heading: string;
  readonly kind: Rollout['kind'];
  readonly summary: string;
  readonly notes: string[];
  readonly replicas: number;
  readonly maxTotal: number;
  readonly minAvailable: number;
  readonly worstCase: number | null;
  readonly steps: {
    readonly label: string;
    readonly action: string;
    readonly newPods: number;
    readonly oldPods: number;
    readonly total: number;
    readonly available: number;
    readonly terminating: number;
  }[];
  readonly field: FieldRef | null;
}

/** The answer to `kubeGraceful/lifecycle`: everything the panel draws, already worded. */
export interface LifecycleView {
  readonly kind: string;
  readonly name: string;
  /** The `kind:` key of the object: where its CodeLens sits, and where the panel asks again after an edit. */
  readonly range: Range;
  readonly lens: string;
  readonly locale: Locale;
  readonly startup: PhaseView & { readonly containers: StartupDetail[]; readonly minReadySeconds: number };
  readonly shutdown: PhaseView & { readonly containers: ShutdownDetail[]; readonly grace: number };
  readonly rollout: RolloutView;
  readonly pdb: { readonly name: string; readonly healthy: number; readonly allowed: number } | null;
  readonly words: { readonly seconds: string; readonly columns: LifecycleTexts['columns']; readonly unknownEnd: string };
}

export interface LensView {
  readonly range: Range;
  readonly title: string;
  readonly kind: string;
  readonly name: string;
}

export interface HintView {
  readonly position: Position;
  readonly label: string;
  /** The field's path, for the hint's tooltip. */
  readonly path: string;
}

interface Located {
  readonly obj: K8sObject;
  readonly chunk: Chunk;
  readonly objects: K8sObject[];
}

/** Every workload of the file (objects with a pod spec), with the document that holds it. */
function workloads(text: string, cache: ChunkCache): Located[] {
  const out: Located[] = [];
  for (const chunk of cache.parse(text)) {
    if (chunk.parsed.fatal.length > 0) continue;
    const objects = objectsOf(new DocView(chunk.parsed));
    for (const obj of objects) if (obj.podSpec && obj.kind !== 'List') out.push({ obj, chunk, objects });
  }
  return out;
}

/** Where to look for objects of other files: the workspace index and the document's uri in it. */
export interface Related {
  readonly index: ObjectIndex;
  readonly uri: string;
}

/**
 * The PodDisruptionBudget that selects the workload: from the workspace index when there is one (budgets of any file
 * in the same scope, as pdb-blocks-eviction finds them), else among the objects of the same file (as hovers do).
 */
export function disruptionBudgetFor(
  obj: K8sObject,
  text: string,
  cache: ChunkCache,
  related?: Related,
): { name: string; healthy: number; allowed: number } | undefined {
  const replicas = replicasOf(obj)?.count;
  if (replicas === undefined || !obj.podSpec?.longRunning) return undefined;
  if (related) {
    for (const { other, selects } of related.index.budgetsFor(obj, related.uri)) {
      const budget = other.facts.budget;
      if (selects === true && budget && budget !== 'unknown')
        return { name: other.facts.name ?? '', ...disruptionsAllowed(budget.field, budget.value, replicas) };
    }
    return undefined;
  }
  for (const chunk of cache.parse(text)) {
    if (chunk.parsed.fatal.length > 0) continue;
    for (const pdb of objectsOf(new DocView(chunk.parsed))) {
      if (!isBuiltin(pdb, 'PodDisruptionBudget') || pdbSelects(pdb, obj) !== true) continue;
      const spec = pdb.view.field(pdb.root, 'spec')?.value;
      for (const key of ['minAvailable', 'maxUnavailable'] as const) {
        const value = parseIntOrPercent(pdb.view.intOrString(pdb.view.field(spec, key)?.value));
        if (value) return { name: pdb.name ?? '', ...disruptionsAllowed(key, value, replicas) };
      }
    }
  }
  return undefined;
}

/** The CodeLens title of a workload: "Start ≤ 5 min 10 s · Stop ≤ 47 s · Rollout 13 pods max". */
export function lensTitle(model: Lifecycle, t: LifecycleTexts): string {
  const parts = [t.lensStart(t.duration(model.startup.bound), model.startup.openEnded, model.startup.never), t.lensStop(t.duration(model.shutdown.bound))];
  if (model.rollout.kind !== 'none') parts.push(t.lensRollout(model.rollout.maxTotal, model.rollout.kind));
  return parts.join(t.lensSeparator);
}

/** A CodeLens above each workload's `kind:`. */
export function lifecycleLenses(text: string, version: KubeVersion, locale: Locale | undefined, positionAt: PositionAt, cache = new ChunkCache()): LensView[] {
  const t = lifecycleTexts(locale);
  const out: LensView[] = [];
  for (const { obj, chunk } of workloads(text, cache)) {
    const model = lifecycleOf(obj, version, chunk.start);
    const range = keyRange(obj.kindField, chunk.start, positionAt);
    if (model && range) out.push({ range, title: lensTitle(model, t), kind: obj.kind, name: obj.name ?? '' });
  }
  return out;
}

function keyRange(f: Field, base: number, positionAt: PositionAt): Range | undefined {
  const r = f.key.range;
  return r ? { start: positionAt(base + r[0]), end: positionAt(base + r[1]) } : undefined;
}

/**
 * The lifecycle of the workload at `offset` (the innermost object holding it). When `hint` names a workload and the
 * one at the offset is another (the text moved under a panel), the workload of that kind and name is used.
 */
export function lifecycleAt(
  text: string,
  offset: number,
  version: KubeVersion,
  locale: Locale | undefined,
  positionAt: PositionAt,
  cache = new ChunkCache(),
  hint?: { kind?: string; name?: string },
  related?: Related,
): LifecycleView | undefined {
  const all = workloads(text, cache);
  const holding = all.filter(({ obj, chunk }) => {
    const r = obj.root.range;
    return r !== undefined && r !== null && chunk.start + r[0] <= offset && offset <= chunk.start + r[2];
  });
  let found = holding.sort((a, b) => (a.obj.root.range?.[0] ?? 0) + a.chunk.start - ((b.obj.root.range?.[0] ?? 0) + b.chunk.start)).pop();
  const matches = (l: Located): boolean =>
    (hint?.kind === undefined || l.obj.kind === hint.kind) && (hint?.name === undefined || (l.obj.name ?? '') === hint.name);
  if (hint && (!found || !matches(found))) found = all.find(matches) ?? found;
  if (!found) return undefined;
  const model = lifecycleOf(found.obj, version, found.chunk.start);
  const range = keyRange(found.obj.kindField, found.chunk.start, positionAt);
  if (!model || !range) return undefined;
  const pdb = disruptionBudgetFor(found.obj, text, cache, related);
  return toView(model, range, locale ?? 'en', positionAt, pdb);
}

function toView(
  model: Lifecycle,
  range: Range,
  locale: Locale,
  positionAt: PositionAt,
  pdb: { name: string; healthy: number; allowed: number } | undefined,
): LifecycleView {
  const t = lifecycleTexts(locale);
  const ref = (s: Source | undefined): FieldRef | null => (s ? { path: s.path, range: { start: positionAt(s.start), end: positionAt(s.end) } } : null);
  const span = (start: number, end: number | undefined): string =>
    end === undefined ? `${t.duration(start)} → ${t.unknownEnd}` : `${t.duration(start)} → ${t.duration(end)}`;
  const tip = (words: string, when: string, s: Source | undefined): string => [words, when, s ? t.setBy(s.path) : ''].filter(Boolean).join('\n');
  const lanes = (phase: Phase, pod: string): LaneView[] => {
    const byName = new Map<string, LaneView>();
    const lane = (c: string | undefined): LaneView => {
      const name = c ?? pod;
      let l = byName.get(name);
      if (!l) {
        l = { name, bars: [], marks: [] };
        byName.set(name, l);
      }
      return l;
    };
    for (const b of phase.bars) {
      const label = t.bars[b.kind];
      lane(b.container).bars.push({
        kind: b.kind,
        start: b.start,
        end: b.end ?? null,
        label,
        tooltip: tip(label, span(b.start, b.end), b.source),
        field: ref(b.source),
      });
    }
    for (const m of phase.marks) {
      const label = t.marks[m.kind];
      lane(m.container).marks.push({ kind: m.kind, at: m.at, label, tooltip: tip(label, t.duration(m.at), m.source), field: ref(m.source) });
    }
    return [...byName.values()];
  };
  const { startup, shutdown, rollout } = model;
  const bound = (p: Phase): string => t.duration(p.bound);
  const rolloutNotes: string[] = [];
  if (rollout.invalid) rolloutNotes.push(t.rolloutInvalid);
  if (rollout.kind === 'OnDelete') rolloutNotes.push(t.rolloutOnDelete);
  if (rollout.kind === 'none') rolloutNotes.push(t.rolloutNone);
  if (rollout.kind === 'StatefulSet' && rollout.partition > 0) rolloutNotes.push(t.rolloutPartition(rollout.partition, rollout.replicas));
  if (rollout.perNode) rolloutNotes.push(t.rolloutPerNode(rollout.perNode.surge, rollout.perNode.unavailable));
  if (rollout.waves > 0) rolloutNotes.push(t.rolloutWorstCase(rollout.waves, rollout.worstCase === undefined ? undefined : t.duration(rollout.worstCase)));
  if (rollout.exceedsDeadline && rollout.progressDeadline !== undefined && !rollout.invalid) rolloutNotes.push(t.rolloutDeadline(rollout.progressDeadline));
  if (rollout.kind === 'RollingUpdate' && rollout.steps.some((s) => s.terminating > 0)) rolloutNotes.push(t.rolloutTerminating);
  if (rollout.truncated) rolloutNotes.push(t.rolloutTruncated);
  const summary =
    rollout.kind === 'RollingUpdate' || rollout.kind === 'Recreate' || rollout.kind === 'StatefulSet'
      ? t.rolloutSummary(rollout.kind, rollout.replicas, rollout.maxTotal, rollout.minAvailable, rollout.surge, rollout.unavailable)
      : '';
  return {
    kind: model.kind,
    name: model.name,
    range,
    lens: lensTitle(model, t),
    locale,
    startup: {
      heading: t.headings.startup,
      summary: t.startupSummary(bound(startup), startup.openEnded, startup.never, startup.minReadySeconds),
      notes: [],
      bound: startup.bound,
      openEnded: startup.openEnded,
      never: startup.never,
      lanes: lanes(startup, t.headings.pod),
      containers: startup.containers,
      minReadySeconds: startup.minReadySeconds,
    },
    shutdown: {
      heading: t.headings.shutdown,
      summary: t.shutdownSummary(shutdown.grace, bound(shutdown)),
      notes: pdb ? [t.pdb(pdb.name, pdb.healthy, pdb.allowed)] : [],
      bound: shutdown.bound,
      openEnded: false,
      never: false,
      lanes: lanes(shutdown, t.headings.pod),
      containers: shutdown.containers,
      grace: shutdown.grace,
    },
    rollout: {
      heading: t.headings.rollout,
      kind: rollout.kind,
      summary,
      notes: rolloutNotes,
      replicas: rollout.replicas,
      maxTotal: rollout.maxTotal,
      minAvailable: rollout.minAvailable,
      worstCase: rollout.worstCase ?? null,
      steps: rollout.steps.map((s) => ({ label: t.actions[s.action], ...s })),
      field: ref(rollout.source),
    },
    pdb: pdb ?? null,
    words: { seconds: t.duration(1).replace(/^1\s*/, ''), columns: t.columns, unknownEnd: t.unknownEnd },
  };
}

/**
 * Inlay hints after the fields whose effect is not obvious: a startup probe's restart point, when liveness and
 * readiness failures take effect, when SIGTERM and SIGKILL come, a rollout's pod counts. Only fields written in the
 * text get one, and only those that start inside [start, end].
 */
export function lifecycleHints(
  text: string,
  start: number,
  end: number,
  version: KubeVersion,
  locale: Locale | undefined,
  positionAt: PositionAt,
  cache = new ChunkCache(),
): HintView[] {
  const t = lifecycleTexts(locale);
  const out: HintView[] = [];
  for (const { obj, chunk } of workloads(text, cache)) {
    const r = obj.root.range;
    if (!r || chunk.start + r[2] < start || chunk.start + r[0] > end) continue;
    const spec = obj.podSpec;
    const model = spec ? lifecycleOf(obj, version, chunk.start) : undefined;
    if (!spec || !model) continue;
    const { view } = obj;
    const add = (f: Field | Node | undefined, label: string, path: string): void => {
      if (!f) return;
      const node = 'pair' in f ? (f.rawValue ?? f.key) : f;
      // A value merged in from elsewhere (`<<: *x`) is written in another place: no hint there.
      if ('pair' in f && f.mergedVia) return;
      const at = node.range?.[1];
      if (at === undefined) return;
      const offset = chunk.start + at;
      if (offset < start || offset > end) return;
      out.push({ position: positionAt(offset), label, path });
    };
    const prefix = podSpecPath(spec.workloadKind).join('.');
    for (const c of spec.containers) {
      if (c.role === 'ephemeral' || (c.role === 'init' && !c.isSidecar)) continue;
      const cpath = `${prefix}.${c.role === 'init' ? 'initContainers' : 'containers'}[${c.index}]`;
      const startup = probeFigures(c, 'startupProbe');
      const startupField = view.field(c.map, 'startupProbe');
      if (startup && startupField)
        add(view.field(startupField.value, 'failureThreshold'), t.hintRestartAfter(startupBudget(startup)), `${cpath}.startupProbe.failureThreshold`);
      for (const [kind, what] of [
        ['livenessProbe', 'restart'],
        ['readinessProbe', 'unready'],
      ] as const) {
        const f = probeFigures(c, kind);
        const field = view.field(c.map, kind);
        if (!f || !field) continue;
        const [a, b] = detectionWindow(f);
        add(view.field(field.value, 'failureThreshold'), t.hintDetect(what, a, b), `${cpath}.${kind}.failureThreshold`);
      }
      const detail = model.shutdown.containers.find((d) => d.container === containerLabel(c));
      const sleep = preStopSleep(c);
      if (sleep && detail && sleep.via === 'sleep-action') add(sleep.node, t.hintSigterm(detail.sigterm), `${cpath}.lifecycle.preStop.sleep.seconds`);
    }
    const grace = view.field(spec.map, 'terminationGracePeriodSeconds');
    const apps = model.shutdown.containers.filter((d) => !d.sidecar);
    if (grace && apps.length > 0) {
      const last = apps.reduce((x, y) => (y.sigkill > x.sigkill ? y : x));
      add(grace, t.hintSigkill(last.sigkill, last.extended), `${prefix}.terminationGracePeriodSeconds`);
    }
    if (model.rollout.kind === 'RollingUpdate' && isBuiltin(obj, 'Deployment') && !model.rollout.invalid) {
      const ru = view.at(obj.root, 'spec', 'strategy', 'rollingUpdate');
      add(view.field(ru, 'maxSurge'), t.hintPods(model.rollout.surge), 'spec.strategy.rollingUpdate.maxSurge');
      add(view.field(ru, 'maxUnavailable'), t.hintPods(model.rollout.unavailable), 'spec.strategy.rollingUpdate.maxUnavailable');
    }
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
