// What the render layer hands around: the files a render was made from, and the findings mapped back onto them.
// Rendering (helm template, kubectl kustomize) produces one stream of YAML documents that the engine analyses like
// any file; the mappers turn each finding's offsets in that stream into offsets in the files the user edits.
import type { Problem } from '../engine/analyze';

/** A source file of a render, by its absolute path, with the text that was rendered (an open document's, or the disk's). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A Helm chart as rendered: its folder, its name in `# Source:` headers, its templates and its values files. */
export interface ChartSources {
  /** Absolute path of the chart folder (the one holding Chart.yaml, or the stand-in's original folder). */
  readonly dir: string;
  /** The chart name helm writes in `# Source: <name>/templates/x.yaml`. */
  readonly name: string;
  /** Every template, by its path relative to the chart folder with `/` separators (`templates/deployment.yaml`). */
  readonly templates: ReadonlyMap<string, SourceFile>;
  /** The values files in the order given to helm: the chart's values.yaml first, then the user's. */
  readonly values: readonly SourceFile[];
}

/** How to name a file in findings: its URI (for related information and the publish). */
export type UriOf = (path: string) => string;

/**
 * Findings mapped back, by absolute path of the file they now sit in. Offsets (`start`, `end`, fix changes, related
 * places with `sameDocument`) are offsets into that file's `text` as given in the sources.
 */
export type MappedProblems = Map<string, Problem[]>;
