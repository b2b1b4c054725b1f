// What a document shows when it takes part in a rendered unit (a Helm chart, a kustomize overlay): the findings the
// render mapped onto it, the reason a render failed, and how those combine with the document's own analysis.
// Transport-free: the LSP layer and the command line call these.
import { dirname, resolve } from 'node:path';
import type { Problem } from '../engine/analyze';
import type { Locale } from '../l10n/locale';
import { ChartRef, chartOf, isInside } from '../render/helm';
import type { Unit, UnitResult } from '../render/renderer';
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
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
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
