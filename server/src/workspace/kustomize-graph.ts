// The kustomizations of a workspace as a graph: which files each one applies (through bases and components), in which
// namespace, and which files are patches. From it come the scopes the object index relates objects in: objects are
// related when `kubectl apply -k <root>` would apply them together into the same namespace. Reads YAML text only.
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';

/** The file names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomizations larger than this are not read: no real one comes close, and parsing must stay cheap. */
const MAX_KUSTOMIZATION_BYTES = 512 * 1024;
/** How deep bases may nest before the walk gives up (kustomize itself has no limit, but cycles exist in the wild). */
const MAX_DEPTH = 32;

export interface Kustomization {
  /** Absolute path of the kustomization file. */
  readonly file: string;
  readonly namespace: string | undefined;
  /** Absolute paths of the files and folders listed under `resources`, `bases` and `components`. */
  readonly entries: readonly string[];
  /** Absolute paths of the patch files (`patches`, `patchesStrategicMerge`, `patchesJson6902`). */
  readonly patches: readonly string[];
}

/** Reads a kustomization's text; never throws (an unreadable one lists nothing). */
export function readKustomization(file: string, text: string): Kustomization {
  const dir = dirname(file);
  const entries: string[] = [];
  const patches: string[] = [];
  let namespace: string | undefined;
  if (text.length <= MAX_KUSTOMIZATION_BYTES) {
    try {
      // uniqueKeys off: the library's duplicate-key check is quadratic in the number of keys of a mapping.
      const data: unknown = parseDocument(text, { uniqueKeys: false, prettyErrors: false }).toJS({ maxAliasCount: 100 });
      if (isRecord(data)) {
        if (typeof data['namespace'] === 'string' && data['namespace'] !== '') namespace = data['namespace'];
        for (const key of ['resources', 'bases', 'components']) {
          for (const entry of asList(data[key])) {
            const path = localPath(entry);
            if (path !== undefined) entries.push(resolve(dir, path));
          }
        }
        for (const entry of asList(data['patchesStrategicMerge'])) {
          const path = localPath(entry);
          if (path !== undefined) patches.push(resolve(dir, path));
        }
        for (const entry of [...asList(data['patches']), ...asList(data['patchesJson6902'])]) {
          const path = localPath(isRecord(entry) ? entry['path'] : entry);
          if (path !== undefined) patches.push(resolve(dir, path));
        }
      }
    } catch {
      // An unreadable kustomization lists nothing.
    }
  }
  return { file, namespace, entries, patches };
}

/** True for a kustomization entry that names something remote: a URL, a git repository. */
export function isRemoteEntry(entry: string): boolean {
  return entry.includes('://') || entry.includes('?ref=') || entry.startsWith('git@') || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(entry);
}

/** A local path from a kustomization entry; undefined for remote resources (URLs, git refs) and inline values. */
function localPath(entry: unknown): string | undefined {
  if (typeof entry !== 'string' || entry === '' || entry.length > 4096 || entry.includes('\n')) return undefined;
  return isRemoteEntry(entry) ? undefined : entry;
}

/** The kustomization file of a folder (the first of kustomize's names that `read` finds), with its text. */
export function kustomizationIn(dir: string, read: (path: string) => string | undefined): { file: string; text: string } | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = resolve(dir, name);
    const text = read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** One way a file is applied: by the kustomization root `root`, into namespace `namespace` (undefined: its own). */
export interface Unit {
  readonly root: string;
  readonly namespace: string | undefined;
}

/**
 * The graph of all kustomizations of a workspace. Built from scratch when one of them changes; kustomizations are few
 * and small, so that costs little.
 */
export class KustomizeGraph {
  private readonly byDir = new Map<string, Kustomization>();
  private readonly unitsByFile = new Map<string, Unit[]>();
  private readonly patchFiles = new Set<string>();
  /** The folders of the kustomizations listing each patch file. */
  private readonly patchOwners = new Map<string, string[]>();
  /** For each kustomization folder, the roots whose tree holds it. */
  private readonly rootsOfDir = new Map<string, Set<string>>();

  constructor(kustomizations: Iterable<Kustomization>) {
    for (const k of kustomizations) {
      const dir = dirname(k.file);
      // When a folder holds several, kustomize uses the first of its names; so does the graph.
      const known = this.byDir.get(dir);
      if (!known || rank(k.file) < rank(known.file)) this.byDir.set(dir, k);
    }
    const children = new Set<string>();
    for (const [dir, k] of this.byDir) {
      for (const p of k.patches) {
        this.patchFiles.add(p);
        const owners = this.patchOwners.get(p);
        if (owners) owners.push(dir);
        else this.patchOwners.set(p, [dir]);
      }
      for (const e of k.entries) if (this.byDir.has(e)) children.add(e);
    }
    for (const [dir, k] of this.byDir) {
      if (children.has(dir)) continue;
      this.walk(k, k.file, k.namespace, 0, new Set());
    }
  }

  /** Every kustomization file the graph was built from. */
  get size(): number {
    return this.byDir.size;
  }

  /** The ways a file is applied; empty when no kustomization includes it. */
  unitsOf(file: string): readonly Unit[] {
    return this.unitsByFile.get(file) ?? [];
  }

  /** True when some kustomization lists the file as a patch. */
  isPatch(file: string): boolean {
    return this.patchFiles.has(file);
  }

  /**
   * The root kustomization files whose build reads `file`: as a resource, as a patch, or as one of the kustomization
   * files of their tree. What to build to see the merged objects the file takes part in.
   */
  rootsFor(file: string): string[] {
    const roots = new Set(this.unitsOf(file).map((u) => u.root));
    const dirs = [...(this.patchOwners.get(file) ?? [])];
    const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    if (KUSTOMIZATION_NAMES.includes(name)) dirs.push(dirname(file));
    for (const dir of dirs) for (const root of this.rootsOfDir.get(dir) ?? []) roots.add(root);
    return [...roots];
  }

  private walk(k: Kustomization, root: string, namespace: string | undefined, depth: number, visiting: Set<string>): void {
    if (depth > MAX_DEPTH || visiting.has(k.file)) return;
    visiting.add(k.file);
    const dir = dirname(k.file);
    let rootSet = this.rootsOfDir.get(dir);
    if (!rootSet) this.rootsOfDir.set(dir, (rootSet = new Set()));
    rootSet.add(root);
    for (const entry of k.entries) {
      const child = this.byDir.get(entry);
      if (child) {
        // The outer kustomization's namespace wins: its transformer runs last.
        this.walk(child, root, namespace ?? child.namespace, depth + 1, visiting);
        continue;
      }
      let units = this.unitsByFile.get(entry);
      if (!units) this.unitsByFile.set(entry, (units = []));
      if (!units.some((u) => u.root === root && u.namespace === namespace)) units.push({ root, namespace });
    }
    visiting.delete(k.file);
  }
}

function rank(file: string): number {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const i = KUSTOMIZATION_NAMES.indexOf(name);
  return i < 0 ? KUSTOMIZATION_NAMES.length : i;
}

/** The scope string of an object applied by `root` into `namespace` ('' for the apply's default namespace). */
export function scopeKey(root: string, namespace: string | undefined): string {
  return `${root}\u0001${namespace ?? ''}`;
}
