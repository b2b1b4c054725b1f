// Building a kustomization with `kubectl kustomize` (or `kustomize build`): from the saved files, never with Helm,
// exec or alpha plugins, and never when it lists remote resources (that would fetch from the network).
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { KUSTOMIZATION_NAMES } from '../workspace/kustomize-graph';
import type { ReadFile, RenderError } from './helm';
import { runBounded } from './run';
import type { Tool } from './tools';

export const KUSTOMIZE_MAX_OUTPUT = 16 * 1024 * 1024;
export const KUSTOMIZE_TIMEOUT_MS = 20_000;
const MAX_KUSTOMIZATIONS = 256;

export interface KustomizeBuild {
  readonly dir: string;
  readonly tool: Tool;
  readonly built?: string;
  readonly error?: RenderError;
  readonly milliseconds: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a kustomization entry that names something remote (a URL, a git repository). */
export function isRemote(entry: string): boolean {
  return entry.includes('://') || entry.includes('?ref=') || entry.startsWith('git@') || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(entry);
}

/** The kustomization file of a folder, read through `read`; undefined when the folder has none. */
export function kustomizationIn(dir: string, read: ReadFile): { file: string; text: string } | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = resolve(dir, name);
    const text = read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

/**
 * Why a kustomization cannot be built here, or undefined when it can: remote resources anywhere in its tree (a build
 * would fetch them), Helm charts or generators that run code (`helmCharts`, exec plugins). Bounded walk.
 */
export function whyNotBuildable(dir: string, read: ReadFile): string | undefined {
  const seen = new Set<string>();
  const queue = [resolve(dir)];
  while (queue.length > 0 && seen.size < MAX_KUSTOMIZATIONS) {
    const at = queue.shift() as string;
    if (seen.has(at)) continue;
    seen.add(at);
    const k = kustomizationIn(at, read);
    if (!k) continue;
    let data: unknown;
    try {
      data = parseDocument(k.text, { uniqueKeys: false, prettyErrors: false }).toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!isRecord(data)) continue;
    if (data['helmCharts'] !== undefined || data['helmChartInflationGenerator'] !== undefined) return `${k.file} inflates Helm charts`;
    for (const key of ['generators', 'transformers', 'validators']) if (data[key] !== undefined) return `${k.file} uses ${key} plugins`;
    for (const key of ['resources', 'bases', 'components']) {
      const list = data[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry !== 'string') continue;
        if (isRemote(entry)) return `${k.file} lists a remote resource (${entry.slice(0, 120)})`;
        queue.push(resolve(dirname(k.file), entry));
      }
    }
  }
  return undefined;
}

/** Builds the kustomization in `dir` from the saved files. */
export async function buildKustomization(dir: string, tool: Tool, read: ReadFile, timeoutMs = KUSTOMIZE_TIMEOUT_MS): Promise<KustomizeBuild> {
  const t0 = Date.now();
  const why = whyNotBuildable(dir, read);
  if (why !== undefined) return { dir, tool, error: { kind: 'chart', message: `not built: ${why}` }, milliseconds: Date.now() - t0 };
  const args = tool.name === 'kubectl' ? ['kustomize', dir] : ['build', dir];
  const result = await runBounded(tool.path, args, { cwd: dir, timeoutMs, maxOutputBytes: KUSTOMIZE_MAX_OUTPUT });
  const milliseconds = Date.now() - t0;
  if (result.ok) return { dir, tool, built: result.stdout, milliseconds };
  if (result.failure === 'timeout')
    return { dir, tool, error: { kind: 'limit', message: `the build did not finish within ${Math.round(timeoutMs / 1000)} s` }, milliseconds };
  if (result.failure === 'output-limit')
    return { dir, tool, error: { kind: 'limit', message: `the build printed more than ${KUSTOMIZE_MAX_OUTPUT / 1024 / 1024} MiB` }, milliseconds };
  const first = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const message = (first ?? `${tool.name} failed`).replace(/^error:\s*/i, '').slice(0, 500);
  return { dir, tool, error: { kind: result.failure === 'spawn' ? 'tool' : 'template', message }, milliseconds };
}
