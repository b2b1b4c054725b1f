// One lint run over a set of files, as the server would see them: every file is put in one object index first (the
// workspace model: kustomize units, patches, Helm charts left out), then each target file is analysed against that
// index, and `--fix` applies the same passes as `source.fixAll.kube-graceful`. Runs in the main thread, or in worker
// threads that first index a share of the files each and then analyse their share against everyone's facts.
// Returns data, writes nothing.
import { dirname } from 'node:path';
import { AnalysisOptions, analyse, Problem } from '../engine/analyze';
import { fixAll } from '../engine/fix-all';
import { IndexInput, ObjectIndex } from '../engine/object-index';
import type { WorkloadDef } from '../k8s/workloads';
import { RULES } from '../rules';
import { isKustomizePatch } from '../workspace/kustomize';
import { inputsOf, readTextSync, uriOf, Workspace } from '../workspace/workspace';
import { FileReport, findingsOf } from './report';

/** One file to analyse, with its options (settings after the config file), without the index. */
export interface LintTarget {
  readonly path: string;
  readonly options: AnalysisOptions;
  /** `workspace.enable: false` in the file's config: analysed alone, as the editor would, not against the index. */
  readonly alone?: boolean;
}

export interface LintJob {
  /** Every file of the run, in the index. */
  readonly files: readonly string[];
  readonly kustomizations: readonly string[];
  /** Text read from stdin, standing in for the file at `path`. */
  readonly stdin?: { readonly path: string; readonly text: string };
  /** The files this thread analyses. */
  readonly targets: readonly LintTarget[];
  /** `apply`: report on the fixed text; `dry-run`: report on the text as it is, with the fixes beside it. */
  readonly fix: 'apply' | 'dry-run' | undefined;
  readonly maxFileSize: number;
  /** The CRD workload kinds the workspace model indexes (`customWorkloads` of the settings). */
  readonly customWorkloads: readonly WorkloadDef[];
}

/**
 * What a worker read into its index, for the others: the facts of its files by URI (plain data, cloned between
 * threads), and the files holding CustomResourceDefinitions (their schemas are compiled, so each worker reads them).
 */
export interface IndexedFiles {
  readonly files: (readonly [uri: string, inputs: IndexInput[]])[];
  readonly crdFiles: string[];
}

const SYNTAX = 'yaml-syntax';

/**
 * Texts kept from indexing for the analysis that follows, up to this many characters per thread: a file within the
 * budget is read once, the rest twice. Parses are not kept: the parse is the cheap part of an analysis now, and
 * thousands of parsed documents held between the two rounds made every collection of the heap dearer (a quarter of
 * the time of a run in two workers).
 */
const KEEP_TEXT_CHARS = 16 * 1024 * 1024;

/** A workspace model over the job's kustomizations that has read `files` into its index. */
async function workspaceOf(job: LintJob, files: readonly string[], kept?: Map<string, string>): Promise<{ index: ObjectIndex; workspace: Workspace }> {
  let budget = KEEP_TEXT_CHARS;
  const index = new ObjectIndex();
  const stdinUri = job.stdin ? uriOf(job.stdin.path) : undefined;
  const workspace = new Workspace(index, {
    maxFiles: Number.MAX_SAFE_INTEGER,
    maxFileSize: job.maxFileSize,
    isOpen: (uri) => uri === stdinUri,
    log: () => undefined,
    customWorkloads: job.customWorkloads,
    // A worker indexes its share of the files before it knows its targets: it keeps the text of any file it reads.
    read: (path, maxBytes) => {
      const text = readTextSync(path, maxBytes);
      if (kept && text !== undefined && text.length <= budget) {
        budget -= text.length;
        kept.set(path, text);
      }
      return text;
    },
  });
  await workspace.indexFiles(files, job.kustomizations);
  return { index, workspace };
}

/**
 * Indexes a share of the job's files and returns their facts, for the other workers; the texts go to `kept`, for
 * the same worker's analysis of the same share.
 */
export async function indexShare(job: LintJob, files: readonly string[], kept?: Map<string, string>): Promise<IndexedFiles> {
  const { index, workspace } = await workspaceOf({ ...job, targets: [] }, files, kept);
  const facts = files.map((path) => [uriOf(path), index.inputsOf(uriOf(path))] as const).filter(([, inputs]) => inputs.length > 0);
  return { files: facts, crdFiles: workspace.crdFiles() };
}

/**
 * Lints the job's targets. The index is read from disk here, or made of the facts the workers read (`indexed`), which
 * is the same index without reading every file in every worker.
 */
export async function runLint(
  job: LintJob,
  onFile: () => void = () => undefined,
  indexed?: IndexedFiles,
  kept = new Map<string, string>(),
): Promise<FileReport[]> {
  const { index, workspace } = await workspaceOf(job, indexed ? indexed.crdFiles : job.files, kept);
  if (indexed) for (const [uri, inputs] of indexed.files) index.setFile(uri, inputs, false);
  const stdinUri = job.stdin ? uriOf(job.stdin.path) : undefined;
  // Text from stdin is what the editor would have open: it wins over the file on disk.
  if (job.stdin && stdinUri) index.setFile(stdinUri, inputsOf(job.stdin.text, job.customWorkloads));
  // Custom resources validate against the CRDs of the files, as in the editor (nothing changes them during a run).
  const crds = {
    crdSchema: (group: string, version: string, kind: string) => workspace.crdSchema(group, version, kind),
    crdStamp: String(workspace.crdGeneration),
  };
  // Only a folder with a kustomization can hold a patch listed next to it: the others need no look on disk.
  const kustomized = new Set(job.kustomizations.map((k) => dirname(k)));
  const reports: FileReport[] = [];
  for (const target of job.targets) {
    const uri = uriOf(target.path);
    const text = job.stdin && target.path === job.stdin.path ? job.stdin.text : (kept.get(target.path) ?? readTextSync(target.path));
    if (text === undefined) throw new Error(`cannot read ${target.path}`);
    const patch = workspace.isPatch(uri) || (kustomized.has(dirname(target.path)) && isKustomizePatch(uri));
    const options: AnalysisOptions = { ...target.options, uri, ...(target.alone === true ? {} : { index }), patch, ...crds };
    let problems: Problem[] = analyse(text, RULES, options);
    kept.delete(target.path);
    let fixed = 0;
    let fix: { before: string; after: string } | undefined;
    // A file whose text did not parse is never rewritten: the fixes could not see all of it.
    if (job.fix && !problems.some((p) => p.code === SYNTAX) && problems.some((p) => p.fixes.some((f) => f.safe))) {
      const result = fixAll(text, RULES, options);
      const after = result.applied > 0 && result.text !== text ? analyse(result.text, RULES, options) : undefined;
      if (after && !after.some((p) => p.code === SYNTAX)) {
        fixed = result.applied;
        fix = { before: text, after: result.text };
        if (job.fix === 'apply') problems = after;
      }
      // The index holds what is on disk after the run: the fixed text only when it is written.
      if (job.fix === 'dry-run' || !fix) analyse(text, RULES, options);
    }
    const shown = job.fix === 'apply' && fix ? fix.after : text;
    reports.push({ path: target.path, text: shown, findings: findingsOf(shown, problems), fixed, ...(fix ? { fix } : {}) });
    onFile();
  }
  return reports;
}
