// The command line's rendering (issue 18): the Helm charts and kustomize overlays among the linted files are rendered
// with the real binaries, analysed as rendered, and their findings merged into the reports of the files they map to,
// as the editor shows them. A template's own (masked) reading is replaced by its rendered one.
import { dirname, join, resolve } from 'node:path';
import type { Problem } from '../engine/analyze';
import { combine, isChartInput, renderErrorProblem } from '../features/rendered';
import { parseVersion, NEWEST } from '../k8s/versions';
import type { Locale } from '../l10n/locale';
import { ChartRef, chartOf } from '../render/helm';
import { RenderSettings, renderUnit, Unit, UnitResult } from '../render/renderer';
import { RULES } from '../rules';
import { settingsForFile } from '../workspace/config-file';
import { KustomizeGraph, readKustomization } from '../workspace/kustomize-graph';
import { DEFAULT_SETTINGS, toAnalysisOptions } from '../workspace/settings';
import { readTextSync, uriOf } from '../workspace/workspace';
import { FileReport, findingsOf } from './report';
import type { DiskLookups } from '../workspace/listings';

export interface RenderArgs {
  readonly enable: boolean;
  readonly helmPath: string | undefined;
  readonly kustomizePath: string | undefined;
  /** `--helm-values`: after the chart's values.yaml and the config file's, relative to the current folder. */
  readonly helmValues: readonly string[];
  readonly locale: Locale | undefined;
  readonly cwd: string;
}

/**
 * The units to render for a run: charts met by the walk or holding a linted file, and the root kustomizations. `disk`
 * answers from the folders the walk listed, and asks the disk once about any other.
 */
export function unitsOfRun(targets: readonly string[], charts: Iterable<string>, kustomizations: readonly string[], disk?: DiskLookups): Unit[] {
  const units = new Map<string, Unit>();
  for (const dir of charts) {
    const chart = chartOf(join(dir, 'Chart.yaml'), undefined, disk);
    if (chart && chart.dir === dir) units.set(`helm:${dir}`, { kind: 'helm', dir, chart });
  }
  // The chart a folder belongs to is looked up once per folder, not once per file.
  const chartOfDir = new Map<string, ChartRef | undefined>();
  for (const path of targets) {
    const dir = dirname(path);
    if (!chartOfDir.has(dir)) chartOfDir.set(dir, chartOf(path, undefined, disk));
    const chart = chartOfDir.get(dir);
    if (chart && isChartInput(chart, path, [])) units.set(`helm:${chart.dir}`, { kind: 'helm', dir: chart.dir, chart });
  }
  if (kustomizations.length > 0) {
    const graph = new KustomizeGraph(kustomizations.map((k) => readKustomization(k, readTextSync(k, 512 * 1024) ?? '')));
    for (const k of kustomizations) for (const root of graph.rootsFor(k)) units.set(`kustomize:${dirname(root)}`, { kind: 'kustomize', dir: dirname(root) });
  }
  return [...units.values()];
}

/** Renders every unit (two at a time) with the settings of its folder's config file. */
export async function renderAll(units: readonly Unit[], args: RenderArgs): Promise<UnitResult[]> {
  const results: UnitResult[] = [];
  const queue = [...units];
  const worker = async (): Promise<void> => {
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const { settings } = settingsForFile(join(unit.dir, unit.kind === 'helm' ? 'values.yaml' : 'kustomization.yaml'), DEFAULT_SETTINGS);
      const s: RenderSettings = {
        enable: args.enable && settings.render.enable,
        // Whoever runs the command line chose to run it on these files.
        trusted: true,
        helmPath: args.helmPath ?? '',
        kustomizePath: args.kustomizePath ?? '',
        valuesFiles: [...settings.render.valuesFiles, ...args.helmValues.map((v) => resolve(args.cwd, v))],
        version: parseVersion(settings.kubernetesVersion) ?? NEWEST,
        options: toAnalysisOptions(settings, args.locale),
      };
      results.push(await renderUnit(unit, s, RULES, readTextSync, uriOf, () => undefined));
    }
  };
  await Promise.all([worker(), worker()]);
  return results.sort((a, b) => (a.unit.dir < b.unit.dir ? -1 : a.unit.dir > b.unit.dir ? 1 : 0));
}

/**
 * The reports with the rendered findings merged in: a rendered template's report is its mapped findings alone; other
 * files get the mapped findings their own analysis does not already show. Files only a render reached get a report.
 */
export function mergeRendered(reports: readonly FileReport[], results: readonly UnitResult[], locale: Locale | undefined): FileReport[] {
  const byPath = new Map(reports.map((r) => [r.path, r]));
  const extra = new Map<string, { text: string; problems: Problem[]; replace: boolean }>();
  const add = (path: string, text: string, problems: readonly Problem[], replace: boolean): void => {
    let entry = extra.get(path);
    if (!entry) extra.set(path, (entry = { text, problems: [], replace: false }));
    entry.problems.push(...problems);
    entry.replace ||= replace;
  };
  for (const result of results) {
    for (const [path, text] of result.texts) {
      const mapped = result.ok ? (result.problems.get(path) ?? []) : [];
      const isHelm = result.unit.kind === 'helm';
      if (result.ok) {
        if (mapped.length > 0 || (isHelm && byPath.has(path))) add(path, text, mapped, isHelm);
      } else {
        const error = renderErrorProblem(result, path, text, locale);
        // A chart-wide reason is said once, on the first template, not on every file.
        if (error && (error.code !== 'helm-render' || error.severity === 'error' || path === firstTemplate(result))) add(path, text, [error], false);
      }
    }
  }
  const out = reports.map((r) => {
    const e = extra.get(r.path);
    if (!e || e.text !== r.text) return r;
    extra.delete(r.path);
    const own = e.replace ? [] : undefined;
    return { ...r, findings: own ? findingsOf(r.text, e.problems) : mergeFindings(r, e.problems) };
  });
  for (const [path, e] of extra) if (e.problems.length > 0) out.push({ path, text: e.text, findings: findingsOf(e.text, e.problems), fixed: 0 });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function firstTemplate(result: UnitResult): string | undefined {
  return [...result.texts.keys()].filter((p) => p.includes('/templates/')).sort()[0];
}

function mergeFindings(report: FileReport, problems: readonly Problem[]): FileReport['findings'] {
  const mapped = findingsOf(report.text, combine([], problems));
  const seen = new Set(report.findings.map((f) => `${f.ruleId}\u0000${f.line}:${f.column}-${f.endLine}:${f.endColumn}`));
  const merged = [...report.findings, ...mapped.filter((f) => !seen.has(`${f.ruleId}\u0000${f.line}:${f.column}-${f.endLine}:${f.endColumn}`))];
  return merged.sort((a, b) => a.line - b.line || a.column - b.column);
}
