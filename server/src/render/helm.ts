// Rendering a Helm chart with `helm template`: find the chart a file belongs to, stage a copy of it (with the
// editor's unsaved text, and a stand-in Chart.yaml where the folder has none), run helm with no network, no cluster,
// no plugins and no post-renderer, and say clearly why a render failed (a template error, missing dependencies).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ChartSources, SourceFile } from './types';
import { runBounded } from './run';
import type { Tool } from './tools';
import { treeFiles } from './files';
import { DISK, DiskLookups } from '../workspace/listings';

/** A chart is at most this many files and bytes; past that it is not rendered (no real chart comes close). */
const MAX_CHART_FILES = 2000;
const MAX_CHART_BYTES = 16 * 1024 * 1024;
/** How deep chart folders nest (subcharts under charts/ included). */
const MAX_DEPTH = 12;
/** What helm may print before it is stopped, and how long it may take. */
export const HELM_MAX_OUTPUT = 16 * 1024 * 1024;
export const HELM_TIMEOUT_MS = 20_000;

/** Where a chart's files are read from: the editor's text for open files, else the disk. Undefined: unreadable. */
export type ReadFile = (path: string) => string | undefined;

export interface ChartRef {
  /** Absolute path of the chart folder. */
  readonly dir: string;
  /** The name helm will use (Chart.yaml's `name`, else the folder's name). */
  readonly name: string;
  /** False for a folder with templates/ and values.yaml but no Chart.yaml: rendered with a stand-in Chart.yaml. */
  readonly hasChartYaml: boolean;
}

/** Reads `name:` from a Chart.yaml text without a YAML parse (a top-level plain or quoted scalar). */
export function chartName(chartYaml: string, fallback: string): string {
  for (const line of chartYaml.split('\n', 200)) {
    const m = /^name:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]{0,252})["']?[ \t]*(?:#.*)?\r?$/.exec(line);
    if (m?.[1]) return m[1];
  }
  return fallback;
}

/**
 * The chart a file belongs to: the nearest folder above it (itself included) holding Chart.yaml, or a folder holding
 * `templates/` and `values.yaml` without one (charts copied without their Chart.yaml, as in the corpus). Subcharts
 * under `charts/` belong to their parent chart, which renders them. Stops at `stop` (a workspace folder) when given.
 */
export function chartOf(file: string, stop?: string, disk: DiskLookups = DISK): ChartRef | undefined {
  let dir = dirname(resolve(file));
  let found: ChartRef | undefined;
  for (let depth = 0; depth < 64; depth++) {
    const chartYaml = join(dir, 'Chart.yaml');
    if (disk.exists(chartYaml)) {
      let text = '';
      try {
        text = readFileSync(chartYaml, 'utf8').slice(0, 64 * 1024);
      } catch {
        // An unreadable Chart.yaml still marks a chart; helm will say what is wrong with it.
      }
      found = { dir, name: chartName(text, basename(dir)), hasChartYaml: true };
    } else if (found === undefined && disk.exists(join(dir, 'values.yaml')) && disk.isDirectory(join(dir, 'templates'))) {
      found = { dir, name: sanitizeName(basename(dir)), hasChartYaml: false };
    }
    // A chart inside another chart's charts/ folder is rendered by the parent: keep looking up.
    if (found !== undefined && basename(dirname(found.dir)) !== 'charts') return found;
    const up = dirname(dir);
    if (up === dir || (stop !== undefined && !isInside(up, stop))) break;
    dir = up;
  }
  return found;
}

/** The names chartOf looks for in a folder. */
export const CHART_MARKERS: readonly string[] = ['Chart.yaml', 'values.yaml', 'templates'];

export function isInside(path: string, folder: string): boolean {
  const r = relative(folder, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

function sanitizeName(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, 53);
  return clean === '' ? 'chart' : clean;
}

/** The files of a chart folder, relative paths with `/`, bounded (symlinks, dot-folders and node_modules skipped). */
export function chartFiles(dir: string): { files: string[]; truncated: boolean } {
  return treeFiles(dir, { maxFiles: MAX_CHART_FILES, maxBytes: MAX_CHART_BYTES, maxDepth: MAX_DEPTH });
}

export interface HelmRenderOptions {
  /** `--kube-version`: `.Capabilities.KubeVersion` is the version the user targets. */
  readonly kubeVersion: string;
  /** Extra values files (absolute paths), after the chart's values.yaml. */
  readonly valuesFiles: readonly string[];
  readonly timeoutMs?: number;
}

export interface RenderError {
  readonly message: string;
  /** The file the error names (absolute), and its 0-based line, when helm says. */
  readonly path?: string;
  readonly line?: number;
  /** `dependencies`: the chart's dependencies are not in charts/ (reported once per chart). */
  readonly kind: 'template' | 'dependencies' | 'limit' | 'tool' | 'chart';
}

export interface HelmRender {
  readonly chart: ChartRef;
  readonly tool: Tool;
  /** The rendered documents, when helm succeeded. */
  readonly rendered?: string;
  readonly error?: RenderError;
  /** What was rendered: the templates and values with the text they had. */
  readonly sources: ChartSources;
  /** Hash of everything the render read: equal keys, equal output. */
  readonly key: string;
  readonly milliseconds: number;
  /** The values files' names as the status item shows them. */
  readonly valuesNames: readonly string[];
}

/** The texts a render of `chart` would read, and the key that names them. */
export function chartInputs(
  chart: ChartRef,
  read: ReadFile,
  options: HelmRenderOptions,
  tool: Tool,
): { files: Map<string, string>; values: SourceFile[]; key: string; truncated: boolean } {
  const { files: names, truncated } = chartFiles(chart.dir);
  const files = new Map<string, string>();
  const hash = createHash('sha256');
  hash.update(`${tool.path}\0${tool.version}\0${options.kubeVersion}\0${chart.name}\0${String(chart.hasChartYaml)}\0`);
  for (const name of names) {
    const text = read(join(chart.dir, name));
    if (text === undefined) continue;
    files.set(name, text);
    hash.update(`${name}\0${text.length}\0${text}\0`);
  }
  const values: SourceFile[] = [];
  const own = files.get('values.yaml');
  if (own !== undefined) values.push({ path: join(chart.dir, 'values.yaml'), text: own });
  for (const path of options.valuesFiles) {
    const text = read(path);
    if (text === undefined) continue;
    values.push({ path, text });
    hash.update(`values\0${path}\0${text.length}\0${text}\0`);
  }
  return { files, values, key: hash.digest('hex'), truncated };
}

/**
 * Renders a chart. The chart is copied to a private folder first, so that what helm reads is exactly what the user
 * sees (unsaved edits included) and a missing Chart.yaml can be stood in for without touching the workspace.
 */
export async function renderChart(chart: ChartRef, tool: Tool, read: ReadFile, options: HelmRenderOptions): Promise<HelmRender> {
  const t0 = Date.now();
  const inputs = chartInputs(chart, read, options, tool);
  const templates = new Map<string, SourceFile>();
  for (const [name, text] of inputs.files) {
    if (name.startsWith('templates/') || /^charts\/[^/]+\/templates\//.test(name) || name.includes('/templates/'))
      templates.set(name, { path: join(chart.dir, name), text });
  }
  const sources: ChartSources = { dir: chart.dir, name: chart.name, templates, values: inputs.values };
  const valuesNames = inputs.values.map((v) => (isInside(v.path, chart.dir) ? relative(chart.dir, v.path).split(sep).join('/') : v.path));
  const base = { chart, tool, sources, key: inputs.key, valuesNames };
  if (inputs.truncated) {
    return {
      ...base,
      error: { kind: 'limit', message: `the chart has more than ${MAX_CHART_FILES} files or ${MAX_CHART_BYTES / 1024 / 1024} MiB; it is not rendered` },
      milliseconds: Date.now() - t0,
    };
  }
  const stage = mkdtempSync(join(tmpdir(), 'kube-graceful-chart-'));
  try {
    const root = join(stage, chart.name);
    for (const [name, text] of inputs.files) {
      const target = join(root, ...name.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    if (!chart.hasChartYaml) {
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${chart.name}\nversion: 0.0.0\nappVersion: "0.0.0"\n`);
    }
    const args = ['template', chart.name, root, '--skip-tests', '--kube-version', options.kubeVersion, '--namespace', 'default'];
    // The user's values files are staged too (their unsaved text), in order, after the chart's values.yaml.
    inputs.values.slice(inputs.files.has('values.yaml') ? 1 : 0).forEach((v, i) => {
      const staged = join(stage, `values-${i}.yaml`);
      writeFileSync(staged, v.text);
      args.push('--values', staged);
    });
    const result = await runBounded(tool.path, args, { cwd: stage, timeoutMs: options.timeoutMs ?? HELM_TIMEOUT_MS, maxOutputBytes: HELM_MAX_OUTPUT });
    const milliseconds = Date.now() - t0;
    if (result.ok) return { ...base, rendered: result.stdout, milliseconds };
    if (result.failure === 'timeout' || result.failure === 'output-limit') {
      const message =
        result.failure === 'timeout'
          ? `helm template did not finish within ${Math.round((options.timeoutMs ?? HELM_TIMEOUT_MS) / 1000)} s`
          : `helm template printed more than ${HELM_MAX_OUTPUT / 1024 / 1024} MiB`;
      return { ...base, error: { kind: 'limit', message }, milliseconds };
    }
    if (result.failure === 'spawn') return { ...base, error: { kind: 'tool', message: `helm could not be started: ${result.stderr}` }, milliseconds };
    return { ...base, error: helmError(result.stderr, chart), milliseconds };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The one line that says why helm failed, with the template file and line it names. */
export function helmError(stderr: string, chart: ChartRef): RenderError {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('WARNING') && !l.startsWith('walk.go'));
  const first = (lines.find((l) => l.startsWith('Error:')) ?? lines[0] ?? 'helm template failed').replace(/^Error:\s*/, '');
  const message = first.length > 500 ? `${first.slice(0, 500)}…` : first;
  if (/missing in charts\/ directory|dependencies are missing|found in Chart\.yaml, but missing/i.test(message)) return { kind: 'dependencies', message };
  // `template: <chart>/templates/x.yaml:12:3: executing ...`, `parse error at (<chart>/templates/x.yaml:12): ...`,
  // `YAML parse error on <chart>/templates/x.yaml: ...`.
  const prefix = `${chart.name}/`;
  const at = message.indexOf(prefix);
  if (at >= 0) {
    const rest = message.slice(at + prefix.length);
    const m = /^([A-Za-z0-9_./-]{1,512}?\.(?:yaml|yml|tpl|txt|json))(?::(\d{1,7}))?/.exec(rest);
    if (m?.[1]) {
      const path = join(chart.dir, ...m[1].split('/'));
      const line = m[2] !== undefined ? Math.max(0, Number(m[2]) - 1) : undefined;
      return { kind: 'template', message, path, ...(line !== undefined ? { line } : {}) };
    }
  }
  return { kind: 'chart', message };
}
