// One lint run over a set of files, as the server would see them: every file is put in one object index first (the
// workspace model: kustomize units, patches, Helm charts left out), then each target file is analysed against that
// index, and `--fix` applies the same passes as `source.fixAll.kube-graceful`. Runs in the main thread, or in worker
// threads that each read batches of the files into their index, take the facts the others read, then analyse
// batches of the targets. Returns data, writes nothing.
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
 * Facts read into one thread's index, for the others: the facts of files by URI (plain data, cloned between threads),
 * and the files among them holding CustomResourceDefinitions (their schemas are compiled, so each thread reads them).
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

/**
 * One thread's share of a lint run: a workspace model over the run's kustomizations whose index it fills with files
 * read from disk (`index`) and with the facts other threads read (`addFacts`), and the analysis of target files
 * against that index (`lint`). The command line runs one in its main thread, or one per worker thread.
 */
export class LintRun {
  private readonly index = new ObjectIndex();
  private readonly workspace: Workspace;
  /** The texts read while indexing, for the analysis of the same files (the thread lints mostly what it read). */
  private readonly kept = new Map<string, string>();
  private budget = KEEP_TEXT_CHARS;
  /** Only a folder with a kustomization can hold a patch listed next to it: the others need no look on disk. */
  private readonly kustomized: Set<string>;

  private constructor(private readonly job: LintJob) {
    const stdinUri = job.stdin ? uriOf(job.stdin.path) : undefined;
    this.workspace = new Workspace(this.index, {
      maxFiles: Number.MAX_SAFE_INTEGER,
      maxFileSize: job.maxFileSize,
      isOpen: (uri) => uri === stdinUri,
      log: () => undefined,
      customWorkloads: job.customWorkloads,
      read: (path, maxBytes) => {
        const text = readTextSync(path, maxBytes);
        if (text !== undefined && text.length <= this.budget) {
          this.budget -= text.length;
          this.kept.set(path, text);
        }
        return text;
      },
    });
    this.kustomized = new Set(job.kustomizations.map((k) => dirname(k)));
    // Text from stdin is what the editor would have open: it wins over the file on disk.
    if (job.stdin && stdinUri) this.index.setFile(stdinUri, inputsOf(job.stdin.text, job.customWorkloads));
  }

  /** A run over the job's kustomizations, with nothing indexed yet but stdin's text. */
  static async start(job: LintJob): Promise<LintRun> {
    const run = new LintRun(job);
    await run.workspace.readKustomizations(job.kustomizations);
    return run;
  }

  /** Reads files into the index; with `share`, returns their facts for the other threads. */
  async read(files: readonly string[], share: true): Promise<IndexedFiles>;
  async read(files: readonly string[], share?: false, onFile?: () => void): Promise<undefined>;
  async read(files: readonly string[], share = false, onFile?: () => void): Promise<IndexedFiles | undefined> {
    await this.workspace.indexMore(files, onFile);
    if (!share) return undefined;
    const facts: [string, IndexInput[]][] = [];
    for (const path of files) {
      const uri = uriOf(path);
      const inputs = this.index.inputsOf(uri);
      if (inputs.length > 0) facts.push([uri, inputs]);
    }
    const crdFiles = new Set(this.workspace.crdFiles());
    return { files: facts, crdFiles: files.filter((f) => crdFiles.has(f)) };
  }

  /** Puts the facts other threads read into the index, and reads the files with CRDs among them. */
  async addFacts(indexed: IndexedFiles): Promise<void> {
    for (const [uri, inputs] of indexed.files) this.index.setFile(uri, inputs, false);
    if (indexed.crdFiles.length > 0) await this.workspace.indexMore(indexed.crdFiles);
  }

  /** Analyses target files against the index, in order, with `--fix` as the job says. */
  lint(targets: readonly LintTarget[], onFile: () => void = () => undefined): FileReport[] {
    const { job } = this;
    const reports: FileReport[] = [];
    for (const target of targets) {
      const uri = uriOf(target.path);
      const text = job.stdin && target.path === job.stdin.path ? job.stdin.text : (this.kept.get(target.path) ?? readTextSync(target.path));
      if (text === undefined) throw new Error(`cannot read ${target.path}`);
      this.kept.delete(target.path);
      reports.push(this.lintText(target, uri, text));
      onFile();
    }
    return reports;
  }

  private lintText(target: LintTarget, uri: string, text: string): FileReport {
    const { job } = this;
    const patch = this.workspace.isPatch(uri) || (this.kustomized.has(dirname(target.path)) && isKustomizePatch(uri));
    const options: AnalysisOptions = {
      ...target.options,
      uri,
      ...(target.alone === true ? {} : { index: this.index }),
      patch,
      // Custom resources validate against the CRDs of the files, as in the editor.
      crdSchema: (group, version, kind) => this.workspace.crdSchema(group, version, kind),
      crdStamp: String(this.workspace.crdGeneration),
    };
    let problems: Problem[] = analyse(text, RULES, options);
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
    return { path: target.path, text: shown, findings: findingsOf(shown, problems), fixed, ...(fix ? { fix } : {}) };
  }
}

/** What a run tells as it goes: files read into the index, then files checked. */
export interface Progress {
  read(files: number): void;
  checked(files: number): void;
}

/** Lints the job's targets in this thread: every file of the run is read into the index first. */
export async function runLint(job: LintJob, progress?: Progress): Promise<FileReport[]> {
  const run = await LintRun.start(job);
  await run.read(job.files, false, progress && (() => progress.read(1)));
  return run.lint(job.targets, progress && (() => progress.checked(1)));
}
