// The workspace model: every Kubernetes manifest under the workspace folders, read in the background into the object
// index as facts (never kept as YAML trees), kept current from disk events, with the kustomizations that decide which
// objects are applied together. Open documents are not read here: their analysis puts them in the index, and they
// win over the disk. Reads files only; runs nothing; follows no symlink out of a folder.
import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IndexInput, ObjectIndex, ScopeResolver } from '../engine/object-index';
import { factsOf } from '../k8s/facts';
import { objectsOf } from '../k8s/model';
import { CrdSchema, crdSchemasInText } from '../k8s/crd';
import type { WorkloadDef } from '../k8s/workloads';
import { ChunkCache, parseChunk, splitDocuments } from '../yaml/documents';
import { lineStarts, positionAt } from '../yaml/lines';
import { DocView } from '../yaml/view';
import { Kustomization, KUSTOMIZATION_NAMES, KustomizeGraph, readKustomization, scopeKey } from './kustomize-graph';
import type { Listings } from './listings';

/** Files that may define a CustomResourceDefinition (the same test the open-document lookup uses). */
const CRD_HINT = /^kind:[ \t]*CustomResourceDefinition\b/m;

/** Folders never walked: version control, dependencies, vendored code, tool caches. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'vendor', 'third_party', 'bower_components', '__pycache__', 'venv']);

export interface WorkspaceOptions {
  /** At most this many YAML files are indexed. */
  readonly maxFiles: number;
  /** Files longer than this are not indexed. */
  readonly maxFileSize: number;
  /** True while the editor has the document open: the analysis of its text feeds the index instead of the disk. */
  readonly isOpen: (uri: string) => boolean;
  readonly log: (message: string) => void;
  /** The user's CRD workload kinds (`kubeGraceful.customWorkloads`), so their objects in closed files are indexed. */
  readonly customWorkloads?: readonly WorkloadDef[];
  /** Called when the CustomResourceDefinitions of a closed file changed (custom resources validate against them). */
  readonly onCrdChange?: () => void;
  /**
   * Reads a file (undefined: not a readable file, or over `maxBytes`). The editor reads asynchronously, so the index
   * never blocks a keystroke; the command line, which has nothing else to do, reads synchronously (a round trip to
   * the thread pool per file left its thread idle for a third of the run).
   */
  readonly read?: (path: string, maxBytes: number) => Promise<string | undefined> | string | undefined;
}

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
}

/** What one indexing run found, for the output channel and the status item. */
export interface IndexSummary {
  readonly files: number;
  readonly objects: number;
  readonly kustomizations: number;
  readonly milliseconds: number;
  /** True when more files were found than `maxFiles` allows. */
  readonly truncated: boolean;
}

export class Workspace {
  private readonly folders = new Set<string>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private graph = new KustomizeGraph([]);
  /** Folders that hold a Helm chart (a Chart.yaml): their files stay out of the index. */
  private readonly charts = new Set<string>();
  /** Files this model indexed from disk (not open documents), by path. */
  private readonly indexed = new Set<string>();
  /** Bumped by every run, so that a run superseded by a newer one stops. */
  private generation = 0;
  /** Set when the model is dropped: reads still under way then must not write into the index. */
  private stopped = false;
  /** The CRD schemas of closed files, by path, then by `group/version/kind`. */
  private readonly crds = new Map<string, Map<string, CrdSchema>>();
  /** Moves whenever a closed file's CRD schemas change. */
  crdGeneration = 0;

  constructor(
    readonly index: ObjectIndex,
    private readonly options: WorkspaceOptions,
  ) {
    index.setScopeResolver(this.resolver());
  }

  /** The scopes of an object in a file: one per kustomization root that applies the file, else the file's own. */
  private resolver(): ScopeResolver {
    const graph = this.graph;
    return (uri, namespace) => {
      const path = pathOf(uri);
      const units = path !== undefined ? graph.unitsOf(path) : [];
      if (units.length === 0) return [scopeKey('', namespace)];
      return units.map((u) => scopeKey(u.root, u.namespace ?? namespace));
    };
  }

  /** The schema of a custom resource's kind from a CustomResourceDefinition in a closed file of the workspace. */
  /** The closed files that hold CustomResourceDefinitions (the command line's workers re-read only these). */
  crdFiles(): string[] {
    return [...this.crds.keys()];
  }

  crdSchema(group: string, version: string, kind: string): CrdSchema | undefined {
    const key = `${group}/${version}/${kind}`;
    for (const schemas of this.crds.values()) {
      const found = schemas.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** True when a kustomization of the workspace lists the file as a patch (at any depth of folders). */
  isPatch(uri: string): boolean {
    const path = pathOf(uri);
    return path !== undefined && this.graph.isPatch(path);
  }

  /** The root kustomization files whose build reads the file (see KustomizeGraph.rootsFor). */
  kustomizeRootsFor(path: string): string[] {
    return this.graph.rootsFor(path);
  }

  /** The workspace folders, as paths. */
  get folderPaths(): string[] {
    return [...this.folders];
  }

  get folderCount(): number {
    return this.folders.size;
  }

  /**
   * Sets the folders and indexes everything under them, yielding to the event loop between files so that the editor's
   * requests are answered while it runs. A later call supersedes a running one.
   */
  async reindex(folderUris: readonly string[], onProgress: (p: IndexProgress) => void = () => undefined): Promise<IndexSummary | undefined> {
    const generation = ++this.generation;
    const started = Date.now();
    this.folders.clear();
    this.charts.clear();
    for (const uri of folderUris) {
      const path = pathOf(uri);
      if (path !== undefined) this.folders.add(path);
    }
    const found: string[] = [];
    const kustomizationFiles: string[] = [];
    let truncated = false;
    for (const folder of this.folders) {
      const walked = await walk(folder, this.options.maxFiles - found.length, this.charts);
      if (generation !== this.generation) return undefined;
      found.push(...walked.files);
      kustomizationFiles.push(...walked.kustomizations);
      truncated ||= walked.truncated;
    }
    if (truncated)
      this.options.log(
        `kube-graceful: the workspace holds more than ${this.options.maxFiles} YAML files; only the first ${found.length} are indexed (setting kubeGraceful.workspace.maxFiles).`,
      );
    if (!(await this.load(found, kustomizationFiles, generation, onProgress))) return undefined;
    const summary: IndexSummary = {
      files: found.length,
      objects: this.index.objectCount,
      kustomizations: this.kustomizations.size,
      milliseconds: Date.now() - started,
      truncated,
    };
    return summary;
  }

  /**
   * Reads the kustomizations that scope the objects, in place of those read before. The command line's run reads
   * them once, then indexes exactly the files it was given with `indexMore`, without walking.
   */
  async readKustomizations(kustomizationFiles: readonly string[]): Promise<void> {
    this.kustomizations.clear();
    for (const file of kustomizationFiles) {
      const text = await this.read(file);
      if (text !== undefined) this.kustomizations.set(file, readKustomization(file, text));
    }
    this.rebuildGraph();
  }

  /** Indexes files beside those indexed before: the command line hands its files to a worker thread in batches. */
  async indexMore(files: readonly string[], onFile?: () => void): Promise<void> {
    for (const file of files) {
      await this.indexFile(file);
      onFile?.();
    }
  }

  /** Reads the kustomizations, then the files; false when a newer run superseded this one. */
  private async load(
    found: readonly string[],
    kustomizationFiles: readonly string[],
    generation: number,
    onProgress: (p: IndexProgress) => void,
  ): Promise<boolean> {
    await this.readKustomizations(kustomizationFiles);
    // Files indexed before that are gone now (a folder was removed) leave the index.
    const keep = new Set(found);
    for (const path of [...this.indexed]) {
      if (!keep.has(path)) {
        this.indexed.delete(path);
        this.index.removeFile(uriOf(path));
      }
    }
    let done = 0;
    let sliceStart = Date.now();
    for (const file of found) {
      if (generation !== this.generation) return false;
      await this.indexFile(file);
      done++;
      if (done % 20 === 0 || done === found.length) onProgress({ done, total: found.length });
      // Yield often enough that a keystroke waits for at most about one file.
      if (Date.now() - sliceStart > 8) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
    return true;
  }

  /** Drops everything (the workspace index was turned off). */
  clear(): void {
    this.generation++;
    this.stopped = true;
    this.crds.clear();
    for (const path of this.indexed) this.index.removeFile(uriOf(path));
    this.indexed.clear();
    this.kustomizations.clear();
    this.rebuildGraph();
  }

  /** A file changed, appeared or disappeared on disk. */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    const path = pathOf(uri);
    if (path === undefined || !this.inFolders(path)) return;
    if (KUSTOMIZATION_NAMES.includes(basename(path))) {
      const text = deleted ? undefined : await this.read(path);
      if (text === undefined) this.kustomizations.delete(path);
      else this.kustomizations.set(path, readKustomization(path, text));
      this.rebuildGraph();
      return;
    }
    if (!isYaml(path)) return;
    if (deleted) {
      this.indexed.delete(path);
      this.setCrds(path, undefined);
      if (!this.options.isOpen(uri)) this.index.removeFile(uri);
      return;
    }
    if (insideChart(path, this.folders, this.charts)) return;
    await this.indexFile(path);
  }

  /** A document was closed: what is on disk counts again. */
  async documentClosed(uri: string): Promise<void> {
    const path = pathOf(uri);
    if (path === undefined) return;
    if (!this.inFolders(path) || !isYaml(path) || insideChart(path, this.folders, this.charts)) {
      this.index.removeFile(uri);
      return;
    }
    await this.indexFile(path);
  }

  private read(path: string): Promise<string | undefined> | string | undefined {
    return (this.options.read ?? readText)(path, this.options.maxFileSize);
  }

  private inFolders(path: string): boolean {
    for (const folder of this.folders) if (path === folder || path.startsWith(folder + sep)) return true;
    return false;
  }

  private rebuildGraph(): void {
    this.graph = new KustomizeGraph(this.kustomizations.values());
    this.index.setScopeResolver(this.resolver());
  }

  private async indexFile(path: string): Promise<void> {
    const uri = uriOf(path);
    if (this.options.isOpen(uri)) return;
    const text = await this.read(path);
    // The document may have been opened while the file was read: then its analysis owns the entry.
    if (this.stopped || this.options.isOpen(uri)) return;
    if (text === undefined || this.graph.isPatch(path)) {
      this.indexed.delete(path);
      this.setCrds(path, undefined);
      this.index.removeFile(uri);
      return;
    }
    this.indexed.add(path);
    this.setCrds(path, CRD_HINT.test(text) ? crdSchemasInText(text, new ChunkCache()) : undefined);
    this.index.setFile(uri, inputsOf(text, this.options.customWorkloads));
  }

  /** Keeps a closed file's CRD schemas and says so when they changed. */
  private setCrds(path: string, schemas: Map<string, CrdSchema> | undefined): void {
    const before = this.crds.get(path);
    const same = (before?.size ?? 0) === (schemas?.size ?? 0) && [...(schemas ?? [])].every(([k, v]) => before?.get(k)?.text === v.text);
    if (schemas && schemas.size > 0) this.crds.set(path, schemas);
    else this.crds.delete(path);
    if (!same) {
      this.crdGeneration++;
      this.options.onCrdChange?.();
    }
  }
}

/** The objects of a file's text as index inputs, with line and character positions (no open document to ask). */
export function inputsOf(text: string, custom: readonly WorkloadDef[] = [], chunks?: ChunkCache): IndexInput[] {
  if (!/^[ \t]*kind[ \t]*:/m.test(text)) return [];
  const inputs: IndexInput[] = [];
  let lines: number[] | undefined;
  // With a cache, the parse is kept for an analysis of the same text that follows.
  for (const chunk of chunks ? chunks.parse(text) : splitDocuments(text)) {
    const parsed = 'parsed' in chunk ? chunk.parsed : parseChunk(chunk.text);
    if (parsed.fatal.length > 0) continue;
    let objects;
    try {
      objects = objectsOf(new DocView(parsed), false, custom);
    } catch {
      continue;
    }
    for (const obj of objects) {
      const facts = factsOf(obj);
      // Templated objects relate only within their own file (see ObjectIndex): from disk they are not kept at all.
      if (facts.incomplete) continue;
      const start = chunk.start + facts.anchor.start;
      const end = chunk.start + facts.anchor.end;
      lines ??= lineStarts(text);
      const a = positionAt(lines, start);
      const b = positionAt(lines, end);
      inputs.push({ facts, start, end, position: { line: a.line, character: a.character, endLine: b.line, endCharacter: b.character } });
    }
  }
  return inputs;
}

/** Reads a file as the workspace does (a BOM dropped); undefined when it is not a readable file or is too large. */
export function readTextSync(path: string, maxBytes = Number.MAX_SAFE_INTEGER): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** readTextSync without blocking: the background index reads with it. */
async function readText(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    const st = await fs.stat(path);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const text = await fs.readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function isYaml(path: string): boolean {
  return path.endsWith('.yaml') || path.endsWith('.yml');
}

/** True when a folder between the file and the workspace folder holds a Helm chart (its templates stay masked). */
function insideChart(path: string, folders: ReadonlySet<string>, charts: ReadonlySet<string>): boolean {
  let dir = dirname(path);
  for (let depth = 0; depth < 64; depth++) {
    if (charts.has(dir)) return true;
    if (folders.has(dir)) return false;
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}

/**
 * Lists the YAML files and kustomizations under a folder, breadth-first and in name order, skipping dot-folders,
 * dependencies, Helm charts (noted in `charts`) and symlinks. `sync`: list folders without leaving the thread (the
 * command line has nothing else to do meanwhile, and a folder listed in the thread pool costs a round trip each).
 * `listings` notes what each listed folder holds, for the lookups that follow.
 */
export async function walk(
  root: string,
  limit: number,
  charts: Set<string>,
  sync = false,
  listings?: Listings,
): Promise<{ files: string[]; kustomizations: string[]; truncated: boolean }> {
  const files: string[] = [];
  const kustomizations: string[] = [];
  const queue: string[] = [root];
  let truncated = false;
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = sync ? readdirSync(dir, { withFileTypes: true }) : await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    listings?.add(dir, entries);
    if (entries.some((e) => e.name === 'Chart.yaml' && (e.isFile() || e.isSymbolicLink()))) {
      charts.add(dir);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      // Links are never followed: one that leaves the folder would read files outside the workspace, and one that
      // stays inside points at files the walk reaches through their real path anyway.
      if (e.isSymbolicLink()) continue;
      const isDir = e.isDirectory();
      const isFile = e.isFile();
      if (isDir) {
        if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
        queue.push(full);
      } else if (isFile) {
        if (KUSTOMIZATION_NAMES.includes(e.name)) kustomizations.push(full);
        if (!isYaml(e.name)) continue;
        if (files.length >= limit) {
          truncated = true;
          continue;
        }
        files.push(full);
      }
    }
  }
  return { files, kustomizations, truncated };
}

/** The file path of a `file:` URI; undefined for other schemes (untitled documents have no place in the workspace). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  // The index asks for the path of each object's file on every update; converting a URL is the dear part.
  const known = pathsOfUris.get(uri);
  if (known !== undefined) return known;
  let path: string;
  try {
    path = resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  if (pathsOfUris.size >= PATHS_OF_URIS_MAX) pathsOfUris.clear();
  pathsOfUris.set(uri, path);
  return path;
}

/** pathOf's answers, up to this many (about 1 MB at most). */
const PATHS_OF_URIS_MAX = 4096;
const pathsOfUris = new Map<string, string>();

/** The URI of a path, spelled as VS Code spells it (so open documents and disk entries share one key). */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
