// Building a kustomization with `kubectl kustomize` (or `kustomize build`): on a staged copy with the editor's text,
// never with Helm, exec or alpha plugins, and never when it lists remote resources (that would fetch from the network).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { isRemoteEntry, kustomizationIn } from '../workspace/kustomize-graph';
import type { ReadFile, RenderError } from './helm';
import { RunResult, runBounded } from './run';
import { treeFiles } from './files';
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
        if (isRemoteEntry(entry)) return `${k.file} lists a remote resource (${entry.slice(0, 120)})`;
        queue.push(resolve(dirname(k.file), entry));
      }
    }
  }
  return undefined;
}

/** A staged tree is at most this many files and bytes; a larger one is built from the saved files in place. */
const MAX_STAGED_FILES = 2000;
const MAX_STAGED_BYTES = 16 * 1024 * 1024;

/** The deepest folder holding every path. */
export function commonFolder(paths: readonly string[]): string | undefined {
  let common: string[] | undefined;
  for (const p of paths) {
    const parts = resolve(p).split(sep);
    if (!common) common = parts;
    else {
      let i = 0;
      while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
      common = common.slice(0, i);
    }
  }
  if (!common || common.length === 0) return undefined;
  return common.join(sep) || sep;
}

/** How deep a staged tree may go. */
const MAX_STAGED_DEPTH = 32;

/**
 * Copies the folder `root` into `stage` (bounded; symlinks, dot-folders and node_modules left out), each file with the
 * text `read` gives (the editor's for open files). False when the tree is too large to stage.
 */
function stageTree(root: string, stage: string, read: ReadFile): boolean {
  const { files, truncated } = treeFiles(root, { maxFiles: MAX_STAGED_FILES, maxBytes: MAX_STAGED_BYTES, maxDepth: MAX_STAGED_DEPTH });
  if (truncated) return false;
  for (const name of files) {
    const text = read(join(root, ...name.split('/')));
    if (text === undefined) continue;
    const target = join(stage, ...name.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return true;
}

/**
 * Builds the kustomization in `dir`. With `files` (the paths the build reads) the folder tree holding them is staged
 * first with the editor's text, so an unsaved patch is built as the user sees it; a tree too large to stage is built
 * from the saved files in place.
 */
export async function buildKustomization(
  dir: string,
  tool: Tool,
  read: ReadFile,
  files: readonly string[] = [],
  timeoutMs = KUSTOMIZE_TIMEOUT_MS,
): Promise<KustomizeBuild> {
  const t0 = Date.now();
  const why = whyNotBuildable(dir, read);
  if (why !== undefined) return { dir, tool, error: { kind: 'chart', message: `not built: ${why}` }, milliseconds: Date.now() - t0 };
  const root = files.length > 0 ? commonFolder([dir, ...files]) : undefined;
  const stage = root !== undefined ? mkdtempSync(join(tmpdir(), 'kube-graceful-kustomize-')) : undefined;
  let target = dir;
  try {
    if (root !== undefined && stage !== undefined && stageTree(root, stage, read)) target = join(stage, relative(root, dir));
    const args = tool.name === 'kubectl' ? ['kustomize', target] : ['build', target];
    const result = await runBounded(tool.path, args, { cwd: target, timeoutMs, maxOutputBytes: KUSTOMIZE_MAX_OUTPUT });
    return finish(dir, tool, result, t0, timeoutMs, stage);
  } finally {
    if (stage !== undefined) rmSync(stage, { recursive: true, force: true });
  }
}

function finish(dir: string, tool: Tool, result: RunResult, t0: number, timeoutMs: number, stage: string | undefined): KustomizeBuild {
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
  // Paths in the message name the staged copy: say them as the user's.
  const said = stage !== undefined ? (first ?? '').split(stage).join(dir) : first;
  const message = (said || `${tool.name} failed`).replace(/^error:\s*/i, '').slice(0, 500);
  return { dir, tool, error: { kind: result.failure === 'spawn' ? 'tool' : 'template', message }, milliseconds };
}
