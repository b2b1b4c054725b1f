// One lint run over a set of files, as the server would see them: every file is put in one object index first (the
// workspace model: kustomize units, patches, Helm charts left out), then each target file is analysed against that
// index, and `--fix` applies the same passes as `source.fixAll.kube-graceful`. Runs in the main thread or in a
// worker (each worker indexes everything and analyses its share); returns data, writes nothing.
import { readFileSync, statSync } from 'node:fs';
import { AnalysisOptions, analyse, Problem } from '../engine/analyze';
import { fixAll } from '../engine/fix-all';
import { ObjectIndex } from '../engine/object-index';
import { RULES } from '../rules';
import { isKustomizePatch } from '../workspace/kustomize';
import { inputsOf, uriOf, Workspace } from '../workspace/workspace';
import { FileReport, findingsOf } from './report';

/** One file to analyse, with its options (settings after the config file), without the index. */
export interface LintTarget {
  readonly path: string;
  readonly options: AnalysisOptions;
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
}

/** Reads a file as the workspace does (a BOM dropped); undefined when it is not a readable file. */
export function readText(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

const SYNTAX = 'yaml-syntax';

export async function runLint(job: LintJob, onFile: () => void = () => undefined): Promise<FileReport[]> {
  const index = new ObjectIndex();
  const workspace = new Workspace(index, { maxFiles: Number.MAX_SAFE_INTEGER, maxFileSize: job.maxFileSize, isOpen: (uri) => uri === stdinUri, log: () => undefined });
  const stdinUri = job.stdin ? uriOf(job.stdin.path) : undefined;
  await workspace.indexFiles(job.files, job.kustomizations);
  // Text from stdin is what the editor would have open: it wins over the file on disk.
  if (job.stdin && stdinUri) index.setFile(stdinUri, inputsOf(job.stdin.text));
  const reports: FileReport[] = [];
  for (const target of job.targets) {
    const uri = uriOf(target.path);
    const text = job.stdin && target.path === job.stdin.path ? job.stdin.text : readText(target.path);
    if (text === undefined) throw new Error(`cannot read ${target.path}`);
    const options: AnalysisOptions = { ...target.options, uri, index, patch: workspace.isPatch(uri) || isKustomizePatch(uri) };
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
    reports.push({ path: target.path, text: shown, findings: findingsOf(shown, problems), fixed, ...(fix ? { fix } : {}) });
    onFile();
  }
  return reports;
}
