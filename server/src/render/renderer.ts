// Rendered units (Helm charts, kustomize overlays) for the server and the command line: which binary renders them,
// one render per unit at a time, debounced while the user types, the rendered stream analysed by every rule as one
// unit, and the findings mapped back onto the files the user edits. Keeps the last result of each unit.
import { join, resolve } from 'node:path';
import type { AnalysisOptions, Logger, Problem } from '../engine/analyze';
import { analyseStream } from './stream';
import type { Rule } from '../engine/rule';
import { formatVersion, KubeVersion } from '../k8s/versions';
import { ChartRef, chartOf, HelmRender, ReadFile, renderChart, RenderError } from './helm';
import { mapHelmProblems } from './helm-map';
import { buildKustomization } from './kustomize-build';
import { kustomizeSources, mapKustomizeProblems } from './kustomize-map';
import { findTool, Tool } from './tools';
import type { MappedProblems, UriOf } from './types';
import { RenderTextKey, renderText } from './texts';

export type UnitKind = 'helm' | 'kustomize';

export interface Unit {
  readonly kind: UnitKind;
  /** The chart folder, or the kustomization's folder. */
  readonly dir: string;
  /** For a chart: its name and whether it has a Chart.yaml. */
  readonly chart?: ChartRef;
}

export interface UnitResult {
  readonly unit: Unit;
  readonly tool?: Tool;
  /** The rendered stream was analysed and mapped. */
  readonly ok: boolean;
  readonly error?: RenderError;
  /** The text each mapped file had when it was rendered: findings apply to that text only. */
  readonly texts: ReadonlyMap<string, string>;
  /** Findings by absolute path. */
  readonly problems: MappedProblems;
  /** One line for the status item: "Helm chart rendered with helm 4.1.4 (values.yaml)" or why not. */
  readonly status: string;
  readonly milliseconds: number;
  /** Objects the render produced. */
  readonly objects: number;
  /** The values files the render used (chart-relative where inside the chart). */
  readonly valuesNames: readonly string[];
}

export interface RenderSettings {
  readonly enable: boolean;
  /** False in an untrusted workspace: nothing is rendered. */
  readonly trusted: boolean;
  readonly helmPath: string;
  readonly kustomizePath: string;
  /** Relative to each chart's folder, or absolute. */
  readonly valuesFiles: readonly string[];
  readonly version: KubeVersion;
  /** The options the rendered stream is analysed with (levels, rule options, locale). */
  readonly options: AnalysisOptions;
}

/** The URI scheme of a rendered stream in the analysis (never shown: findings are mapped to files). */
export const RENDER_URI = 'kube-graceful-render:';

/** Why a unit is not rendered, for the status item; undefined when it can be. */
export async function toolFor(kind: UnitKind, s: RenderSettings): Promise<{ tool?: Tool; why?: string }> {
  if (!s.trusted) return { why: 'untrusted' };
  if (!s.enable) return { why: 'disabled' };
  const tool = kind === 'helm' ? await findTool(['helm'], s.helmPath || undefined) : await findTool(['kubectl', 'kustomize'], s.kustomizePath || undefined);
  return tool ? { tool } : { why: 'no-tool' };
}

/** Renders one unit now and maps its findings. Never throws. */
export async function renderUnit(unit: Unit, s: RenderSettings, rules: readonly Rule[], read: ReadFile, uriOf: UriOf, log: Logger): Promise<UnitResult> {
  const locale = s.options.locale ?? 'en';
  const say = (key: RenderTextKey, data: Record<string, string | number> = {}): string => renderText(locale, key, data);
  const t0 = Date.now();
  const empty = { unit, ok: false, texts: new Map<string, string>(), problems: new Map<string, Problem[]>(), objects: 0, valuesNames: [] as string[] };
  const found = await toolFor(unit.kind, s);
  const what = unit.kind === 'helm' ? say('helmChart') : say('kustomization');
  if (!found.tool) {
    const why =
      found.why === 'untrusted' ? say('untrusted') : found.why === 'disabled' ? say('disabled') : unit.kind === 'helm' ? say('noHelm') : say('noKustomize');
    return { ...empty, status: say('notRendered', { what, why }), milliseconds: Date.now() - t0 };
  }
  const tool = found.tool;
  const toolName = `${tool.name} ${tool.version}`;
  /** A unit that did not render, with the reason as its status. */
  const failed = (texts: Map<string, string>, error: RenderError, valuesNames: readonly string[] = []): UnitResult => ({
    ...empty,
    tool,
    texts,
    error,
    valuesNames,
    status: say('renderFailed', { what, tool: toolName, message: error.message }),
    milliseconds: Date.now() - t0,
  });
  /** The rendered stream analysed (within kubeGraceful.maxFileSize) and its findings mapped. */
  const analysed = async (
    text: string,
    texts: Map<string, string>,
    valuesNames: readonly string[],
    map: (problems: Problem[]) => MappedProblems,
    status: string,
  ): Promise<UnitResult> => {
    if (text.length > s.options.maxFileSize) return failed(texts, { kind: 'limit', message: tooLarge(text.length, s.options.maxFileSize) }, valuesNames);
    const problems = await analyseStream(text, rules, { ...s.options, patch: false }, `${RENDER_URI}${unit.dir}`, log);
    return { unit, tool, ok: true, texts, problems: map(problems), objects: countObjects(text), valuesNames, status, milliseconds: Date.now() - t0 };
  };
  try {
    if (unit.kind === 'helm') {
      const chart = unit.chart ?? chartOf(join(unit.dir, 'values.yaml'));
      if (!chart) return { ...empty, tool, status: say('notRendered', { what, why: say('notAChart') }), milliseconds: Date.now() - t0 };
      const valuesFiles = s.valuesFiles.map((f) => resolve(chart.dir, f));
      const result: HelmRender = await renderChart(chart, tool, read, { kubeVersion: `${formatVersion(s.version)}.0`, valuesFiles });
      const texts = new Map<string, string>();
      for (const t of result.sources.templates.values()) texts.set(t.path, t.text);
      for (const v of result.sources.values) texts.set(v.path, v.text);
      const { rendered, valuesNames } = result;
      if (rendered === undefined) return failed(texts, result.error ?? { kind: 'chart', message: 'helm template failed' }, valuesNames);
      const values = valuesNames.join(', ') || 'values.yaml';
      const standIn = chart.hasChartYaml ? '' : say('standIn');
      return await analysed(
        rendered,
        texts,
        valuesNames,
        (problems) => mapHelmProblems(rendered, problems, result.sources, uriOf, locale),
        say('rendered', { what, tool: toolName, values, standIn }),
      );
    }
    // The editor's text, staged: an overlay is built as the user sees it, unsaved patches included.
    const sources = kustomizeSources(unit.dir, read);
    const build = await buildKustomization(unit.dir, tool, read, [...sources.files.keys()]);
    const texts = new Map<string, string>();
    for (const [path, f] of sources.files) texts.set(path, f.text);
    const built = build.built;
    if (built === undefined) return failed(texts, build.error ?? { kind: 'chart', message: 'the build failed' });
    return await analysed(
      built,
      texts,
      [],
      (problems) => mapKustomizeProblems(built, problems, sources, uriOf, locale),
      say('built', { what, tool: toolName }),
    );
  } catch (e) {
    log(`kube-graceful: rendering ${unit.dir} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return failed(new Map(), { kind: 'tool', message: e instanceof Error ? e.message : String(e) });
  }
}

function tooLarge(length: number, limit: number): string {
  return `the rendered output (${(length / 1024 / 1024).toFixed(1)} MiB) is larger than kubeGraceful.maxFileSize (${(limit / 1024 / 1024).toFixed(1)} MiB); it is not analysed`;
}

function countObjects(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\nkind:'); at >= 0; at = text.indexOf('\nkind:', at + 1)) n++;
  return n + (text.startsWith('kind:') ? 1 : 0);
}

/** A unit's key, for maps. */
export function unitKey(unit: Unit): string {
  return `${unit.kind}:${unit.dir}`;
}

interface Slot {
  running: Promise<void> | undefined;
  /** Asked again while running: run once more after. */
  again: boolean;
  timer: NodeJS.Timeout | undefined;
  last: UnitResult | undefined;
  /** When the last result was used: the least recently used slots are dropped past MAX_UNITS. */
  used: number;
}

/** At most this many units keep a result (a result holds the texts of its files; charts are small). */
const MAX_UNITS = 64;
/** At most this many renders run at once. */
const MAX_RUNNING = 2;

/**
 * The server's renderer: `request` schedules a render of a unit after `delayMs` (typing in a template asks again and
 * again; one render runs per unit, and one more after it if asked meanwhile); `onResult` is told each new result.
 */
export class Renderer {
  private readonly slots = new Map<string, Slot>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private clock = 0;

  constructor(
    private readonly deps: {
      readonly rules: readonly Rule[];
      readonly read: ReadFile;
      readonly uriOf: UriOf;
      readonly log: Logger;
      readonly settings: (unit: Unit) => Promise<RenderSettings>;
      readonly onResult: (result: UnitResult) => void;
    },
  ) {}

  /** The last result of a unit, if any. */
  last(unit: Unit): UnitResult | undefined {
    const slot = this.slots.get(unitKey(unit));
    if (slot) slot.used = ++this.clock;
    return slot?.last;
  }

  /** The units whose last render read `path`. */
  unitsReading(path: string): Unit[] {
    const out: Unit[] = [];
    for (const slot of this.slots.values()) if (slot.last?.texts.has(path)) out.push(slot.last.unit);
    return out;
  }

  request(unit: Unit, delayMs: number): void {
    const key = unitKey(unit);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: undefined, again: false, timer: undefined, last: undefined, used: ++this.clock };
      this.slots.set(key, slot);
      this.evict();
    }
    const s = slot;
    if (s.running) {
      s.again = true;
      return;
    }
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      s.running = this.run(unit, s).finally(() => {
        s.running = undefined;
        if (s.again) {
          s.again = false;
          this.request(unit, delayMs);
        }
      });
    }, delayMs);
  }

  clear(): void {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private async run(unit: Unit, slot: Slot): Promise<void> {
    await this.acquire();
    try {
      const s = await this.deps.settings(unit);
      const result = await renderUnit(unit, s, this.deps.rules, this.deps.read, this.deps.uriOf, this.deps.log);
      slot.last = result;
      slot.used = ++this.clock;
      this.deps.onResult(result);
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < MAX_RUNNING) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(() => resolve()));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private evict(): void {
    if (this.slots.size <= MAX_UNITS) return;
    const idle = [...this.slots.entries()].filter(([, s]) => !s.running && !s.timer).sort((a, b) => a[1].used - b[1].used);
    for (const [key] of idle.slice(0, this.slots.size - MAX_UNITS)) this.slots.delete(key);
  }
}
