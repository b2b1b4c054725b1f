// What a document shows when it takes part in a rendered unit (a Helm chart, a kustomize overlay): the findings the
// render mapped onto it, the reason a render failed, and how those combine with the document's own analysis.
// Transport-free: the LSP layer and the command line call these.
import { dirname, resolve } from 'node:path';
import type { Problem } from '../engine/analyze';
import { lineStarts } from '../yaml/lines';
import type { Locale } from '../l10n/locale';
import { ChartRef, chartOf, isInside } from '../render/helm';
import { RenderSettings, toolFor, Unit, UnitResult } from '../render/renderer';
import { renderText } from '../render/texts';

/** The code of the finding that says a render failed. */
export const HELM_RENDER_CODE = 'helm-render';
export const KUSTOMIZE_BUILD_CODE = 'kustomize-build';

/** True for a file helm reads as a template or values of the chart: templates/**, a subchart's templates, values files. */
export function isChartInput(chart: ChartRef, path: string, valuesFiles: readonly string[]): boolean {
  if (!isInside(path, chart.dir)) return valuesFiles.some((v) => resolve(chart.dir, v) === path);
  const rel = path
    .slice(chart.dir.length + 1)
    .split('\\')
    .join('/');
  if (rel === 'values.yaml' || rel.startsWith('templates/') || /^charts\/[^/]+\/(?:templates\/|values\.yaml$)/.test(rel)) return true;
  return valuesFiles.some((v) => resolve(chart.dir, v) === path);
}

/** The Helm unit of a file, when it is a template or values file of a chart (below `stop`, a workspace folder). */
export function helmUnitOf(path: string, valuesFiles: readonly string[], stop?: string): Unit | undefined {
  const chart = chartOf(path, stop);
  if (!chart || !isChartInput(chart, path, valuesFiles)) return undefined;
  return { kind: 'helm', dir: chart.dir, chart };
}

/** The kustomize units of a file: the folders of the root kustomizations whose build reads it. */
export function kustomizeUnitsOf(roots: readonly string[]): Unit[] {
  return roots.map((root) => ({ kind: 'kustomize' as const, dir: dirname(root) }));
}

/** The finding that says why a unit did not render, placed on the line the tool names, in the file it names. */
export function renderErrorProblem(result: UnitResult, path: string, text: string, locale: Locale | undefined): Problem | undefined {
  const error = result.error;
  if (!error || result.tool === undefined) return undefined;
  const tool = `${result.tool.name} ${result.tool.version}`;
  if (result.unit.kind === 'kustomize') {
    // On the kustomization of the unit only: the other files of the build are fine as they are.
    if (dirname(path) !== result.unit.dir || !/(?:^|[\\/])(?:kustomization\.ya?ml|Kustomization)$/.test(path)) return undefined;
    return lineProblem(KUSTOMIZE_BUILD_CODE, renderText(locale, 'buildError', { tool, message: error.message }), 'warning', text, 0);
  }
  if (error.kind !== 'template' || error.path === undefined) {
    // The chart as a whole: said once per file, on its first line, as information (the templates are read alone).
    const message = renderText(locale, error.kind === 'dependencies' ? 'dependencies' : 'chartNote', { message: error.message });
    return lineProblem(HELM_RENDER_CODE, message, 'info', text, 0);
  }
  if (error.path !== path) return undefined;
  return lineProblem(HELM_RENDER_CODE, renderText(locale, 'templateError', { message: error.message }), 'error', text, error.line ?? 0);
}

function lineProblem(code: string, message: string, severity: Problem['severity'], text: string, line: number): Problem {
  const starts = lineStarts(text);
  let start = starts[Math.min(line, starts.length - 1)] ?? 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  // Past leading indentation, so the squiggle sits on the text.
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  return { code, message, severity, start, end: Math.max(end, start), fixes: [] };
}

/** The document's own findings plus the mapped ones, without repeating a finding the document already shows. */
export function combine(own: readonly Problem[], mapped: readonly Problem[]): Problem[] {
  const seen = new Set(own.map((p) => `${p.code}\u0000${p.start}\u0000${p.end}`));
  const out = [...own];
  for (const p of mapped) {
    const key = `${p.code}\u0000${p.start}\u0000${p.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** The units a file takes part in: its chart (a template or values file), and the overlays whose build reads it. */
export function unitsOfFile(path: string, valuesFiles: readonly string[], stop: string | undefined, kustomizeRoots: readonly string[]): Unit[] {
  const helm = helmUnitOf(path, valuesFiles, stop);
  return [...(helm ? [helm] : []), ...kustomizeUnitsOf(kustomizeRoots)];
}

/**
 * What a document of rendered units shows: the mapped findings of its units' last renders, whether they replace the
 * document's own analysis (a Helm template: its own reading is of a masked template), and the status line. `wait`: a
 * render is on its way and what is shown now stays until it lands (no flicker while typing).
 */
export interface RenderedView {
  readonly problems: Problem[];
  readonly replaceOwn: boolean;
  readonly wait: boolean;
  readonly status: { readonly text: string; readonly ok: boolean } | undefined;
}

/** The renders a view reads and asks for (the server's Renderer). */
export interface RenderSource {
  last(unit: Unit): UnitResult | undefined;
  request(unit: Unit, delayMs: number): void;
}

export async function viewOf(
  path: string,
  text: string,
  units: readonly Unit[],
  s: RenderSettings,
  renders: RenderSource,
  delayMs: number,
  locale: Locale | undefined,
): Promise<RenderedView | undefined> {
  if (units.length === 0) return undefined;
  const problems: Problem[] = [];
  let replaceOwn = false;
  let wait = false;
  let status: { text: string; ok: boolean } | undefined;
  for (const unit of units) {
    const { tool, why } = await toolFor(unit.kind, s);
    const what = renderText(locale, unit.kind === 'helm' ? 'helmChart' : 'kustomization');
    if (!tool) {
      // Not rendered: the document is read as before (a template with its expressions masked).
      const reason = why === 'untrusted' ? 'untrusted' : why === 'disabled' ? 'disabled' : unit.kind === 'helm' ? 'noHelm' : 'noKustomize';
      status ??= { text: renderText(locale, 'notRendered', { what, why: renderText(locale, reason) }), ok: false };
      continue;
    }
    const last = renders.last(unit);
    const current = last?.texts.get(path) === text;
    if (!last || !current) renders.request(unit, last ? delayMs : 0);
    if (last) status ??= { text: last.status, ok: last.ok };
    if (!current) {
      // A chart's first render, or one after an edit: keep what is shown until it lands. An overlay's file keeps its
      // overlay findings the same way; any other file shows its own findings at once.
      if (unit.kind === 'helm' ? !last || last.ok : last?.ok === true && (last.problems.get(path)?.length ?? 0) > 0) wait = true;
      continue;
    }
    if (!last) continue;
    if (last.ok) {
      if (unit.kind === 'helm') replaceOwn = true;
      problems.push(...(last.problems.get(path) ?? []));
    } else {
      const error = renderErrorProblem(last, path, text, locale);
      if (error) problems.push(error);
    }
  }
  return { problems, replaceOwn, wait, status };
}
