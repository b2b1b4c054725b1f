// Maps findings on a built kustomization (`kubectl kustomize <dir>`) back to the files the user edits: the patch that
// set the field (strategic-merge, JSON6902, the `replicas:` transformer), else the base resource's line. Pure: the
// caller reads the files and runs the build; this module only reads the texts it is given.
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Problem, RelatedProblem } from '../engine/analyze';
import { LOCAL_URI } from '../engine/analyze';
import type { Fix, TextChange } from '../yaml/edits';
import { lineStarts, positionAt } from '../yaml/lines';
import { parseChunk, splitDocuments } from '../yaml/documents';
import { isRemoteEntry, KUSTOMIZATION_NAMES, kustomizationIn } from '../workspace/kustomize-graph';
import { formatMessage, Locale } from '../l10n/locale';
import type { MappedProblems, SourceFile, UriOf } from './types';

export interface KustomizeSources {
  /** Absolute path of the built kustomization's folder. */
  readonly dir: string;
  /** Every file the build read that the mapping needs, by absolute path: kustomization files, resources, patch files. */
  readonly files: ReadonlyMap<string, SourceFile>;
}

/** The English message templates of the mapping; a translation keeps the same keys and placeholders. */
export const KUSTOMIZE_MAP_MESSAGES = {
  /** A finding mapped onto a patch or a base resource. */
  mapped: '{message} (as built by {kustomization})',
  /** A finding on an object whose source was not found: it sits on the kustomization's first line. */
  unmapped: '{message} (in the built {object}, at {path}; built by {kustomization})',
  /** A finding on a ConfigMap or Secret that a generator makes: it sits on the generator's literal or name. */
  generated: '{message} (in the generated {object}, at {path}; built by {kustomization})',
  /** The related place on the built kustomization that every mapped finding gets. */
  builtBy: '{object} as built by {kustomization}: this finding is on the merged object',
} as const;

type Messages = { readonly [K in keyof typeof KUSTOMIZE_MAP_MESSAGES]: string };
/** Translations by language; English is the fallback. */
const TRANSLATIONS: Partial<Record<Locale, Messages>> = {
  'zh-cn': {
    mapped: '{message}（由 {kustomization} 构建）',
    unmapped: '{message}（在构建出的 {object} 中，位于 {path}；由 {kustomization} 构建）',
    generated: '{message}（在生成的 {object} 中，位于 {path}；由 {kustomization} 构建）',
    builtBy: '{object} 由 {kustomization} 构建：此问题位于合并后的对象上',
  },
};

/** How deep kustomizations may nest, and how many files one build may read (kustomize itself has no limits). */
const MAX_DEPTH = 32;
const MAX_FILES = 2000;
/** Files larger than this are not read (the analysis's own default limit). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** How many (resource document, kustomization chain) pairs one build may yield: diamonds of bases multiply them. */
const MAX_INSTANCES = 20000;
/** How many kustomizations one build's walk may enter, counting each path through a diamond of bases. */
const MAX_STEPS = 4 * MAX_FILES;
/** How deep a YAML path may go. */
const MAX_PATH = 128;
/** The fields that identify a sequence item, in order: the strategic-merge keys of the lists that have one. */
const ITEM_KEYS: readonly string[] = ['name', 'containerPort', 'mountPath', 'devicePath'];

// ---------------------------------------------------------------------------------------------------------------
// Which files a build reads.

/**
 * Which files to read for a build: walks kustomization files from `dir` (resources/bases/components recursively,
 * patches, patchesStrategicMerge, patchesJson6902). `read(path)` returns text or undefined. Bounded (depth 32, files
 * 2000, 4 MiB per file); remote resources are skipped.
 */
export function kustomizeSources(dir: string, read: (path: string) => string | undefined): KustomizeSources {
  const files = new Map<string, SourceFile>();
  const visiting = new Set<string>();
  // A folder is walked once: its files are in `files` after that, however many kustomizations include it.
  const walked = new Set<string>();
  const add = (path: string): string | undefined => {
    const known = files.get(path);
    if (known) return known.text;
    if (files.size >= MAX_FILES) return undefined;
    const text = read(path);
    if (text === undefined || text.length > MAX_FILE_BYTES) return undefined;
    files.set(path, { path, text });
    return text;
  };
  const walk = (folder: string, depth: number): void => {
    if (depth > MAX_DEPTH || visiting.has(folder) || walked.has(folder) || files.size >= MAX_FILES) return;
    walked.add(folder);
    const file = kustomizationIn(folder, (p) => add(p))?.file;
    if (!file) return;
    visiting.add(folder);
    const k = readKust(file, files.get(file)?.text ?? '');
    for (const entry of [...k.resources, ...k.components]) {
      if (files.size >= MAX_FILES) break;
      if (kustomizationIn(entry, (p) => add(p))) walk(entry, depth + 1);
      else add(entry);
    }
    for (const patch of k.patchFiles) add(patch);
    visiting.delete(folder);
  };
  walk(resolve(dir), 0);
  return { dir: resolve(dir), files };
}

// ---------------------------------------------------------------------------------------------------------------
// Parsed sources.

/** A parsed YAML tree of a source: node offsets are into `text`; `toFile` turns them into offsets in `file`. */
interface Tree {
  readonly file: string;
  readonly text: string;
  readonly root: Node | null;
  /** Undefined when the offset has no exact place in the file (an inline patch that is not a literal block). */
  toFile(offset: number): number | undefined;
  /** Where findings go when `toFile` has no answer. */
  readonly fallback: readonly [number, number];
}

type Seg = { readonly key: string } | { readonly index: number; readonly id?: readonly [string, string] };
type Path = readonly Seg[];

interface Target {
  readonly kind?: string;
  readonly name?: string;
  /** A selector this module does not evaluate (labels, annotations, a name regex): the patch may or may not apply. */
  readonly unknown?: boolean;
}

/** One patch as kustomize applies it. */
type Patch =
  | { readonly type: 'smp'; readonly tree: Tree; readonly target: Target | undefined }
  | { readonly type: 'json'; readonly ops: readonly JsonOp[]; readonly target: Target }
  | { readonly type: 'replicas'; readonly name: string; readonly count: Tree; readonly node: Node };

interface JsonOp {
  readonly tree: Tree;
  readonly op: string;
  readonly path: readonly string[];
  /** The `path:` scalar (where a `remove` is shown). */
  readonly pathNode: Node;
  readonly value: Node | undefined;
}

interface Kust {
  readonly file: string;
  readonly dir: string;
  readonly text: string;
  readonly namePrefix: string;
  readonly nameSuffix: string;
  readonly namespace: string | undefined;
  /** Absolute paths under `resources` and `bases`, in order. */
  readonly resources: readonly string[];
  readonly components: readonly string[];
  /** Absolute paths of patch files. */
  readonly patchFiles: readonly string[];
  /** The patch entries (parsed later, when the files are known). */
  readonly root: Node | null;
  readonly tree: Tree | undefined;
}

/** Reads a kustomization file's fields; never throws. */
function readKust(file: string, text: string): Kust {
  const dir = dirname(file);
  const chunk = splitDocuments(text).find((c) => c.text.trim() !== '') ?? { start: 0, text: '' };
  const parsed = parseChunk(chunk.text);
  const root = (parsed.doc.contents as Node | null) ?? null;
  const tree: Tree = { file, text: chunk.text, root, toFile: (o) => chunk.start + o, fallback: firstLine(text) };
  const str = (key: string): string | undefined => {
    const v = isMap(root) ? scalarOf(root.get(key, true)) : undefined;
    return v !== undefined && v !== '' ? v : undefined;
  };
  const list = (key: string): Node[] => {
    const v = isMap(root) ? (root.get(key, true) as Node | undefined) : undefined;
    return isSeq(v) ? (v.items as Node[]) : [];
  };
  const paths = (key: string): string[] => list(key).flatMap((n) => local(scalarOf(n), dir));
  const patchFiles = [
    ...paths('patchesStrategicMerge'),
    ...[...list('patches'), ...list('patchesJson6902')].flatMap((n) => (isMap(n) ? local(scalarOf(n.get('path', true)), dir) : [])),
  ];
  return {
    file,
    dir,
    text,
    namePrefix: str('namePrefix') ?? '',
    nameSuffix: str('nameSuffix') ?? '',
    namespace: str('namespace'),
    resources: [...paths('resources'), ...paths('bases')],
    components: paths('components'),
    patchFiles,
    root,
    tree,
  };
}

/** A local path of an entry, resolved; nothing for remote resources and inline values. */
function local(entry: string | undefined, dir: string): string[] {
  if (entry === undefined || entry === '' || entry.length > 4096 || entry.includes('\n')) return [];
  if (isRemoteEntry(entry)) return [];
  return [resolve(dir, entry)];
}

function scalarOf(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean')
    ? String(node.value)
    : undefined;
}

function firstLine(text: string): [number, number] {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return [0, end];
}

/** The YAML documents of a file as trees. */
function treesOf(file: SourceFile): Tree[] {
  return splitDocuments(file.text).map((c) => ({
    file: file.path,
    text: c.text,
    root: (parseChunk(c.text).doc.contents as Node | null) ?? null,
    toFile: (o: number) => c.start + o,
    fallback: firstLine(file.text),
  }));
}

/**
 * The tree of an inline patch (a string in the kustomization). A literal block scalar (`|`, `|-`) keeps its lines, so
 * each offset maps to its line in the kustomization; any other style maps to the key that holds it.
 */
function inlineTree(kust: Tree, scalar: Scalar, key: Node | undefined): Tree {
  const value = typeof scalar.value === 'string' ? scalar.value : '';
  const keyRange = key?.range ?? scalar.range;
  const fallbackStart = kust.toFile(keyRange?.[0] ?? 0) ?? 0;
  const fallbackEnd = kust.toFile(keyRange?.[1] ?? 0) ?? fallbackStart;
  const fallback: [number, number] = [fallbackStart, fallbackEnd];
  const root = (parseChunk(value).doc.contents as Node | null) ?? null;
  let toFile: (o: number) => number | undefined = () => undefined;
  if (scalar.type === Scalar.BLOCK_LITERAL && scalar.range) {
    const source = kust.text;
    const bodyStart = source.indexOf('\n', scalar.range[0]) + 1;
    const valueLines = value.split('\n');
    const starts: number[] = [];
    let indent = -1;
    let pos = bodyStart;
    let ok = bodyStart > 0;
    for (let i = 0; ok && i < valueLines.length && pos <= source.length; i++) {
      let eol = source.indexOf('\n', pos);
      if (eol < 0) eol = source.length;
      const line = source.slice(pos, source.charCodeAt(eol - 1) === 13 ? eol - 1 : eol);
      const want = valueLines[i];
      if (want === '') {
        starts.push(pos);
      } else {
        if (indent < 0) indent = line.length - line.trimStart().length;
        if (line.slice(indent) !== want || line.slice(0, indent).trim() !== '') ok = false;
        starts.push(pos + indent);
      }
      pos = eol + 1;
    }
    if (ok && starts.length === valueLines.length) {
      const valueStarts = lineStarts(value);
      toFile = (o) => {
        const at = positionAt(valueStarts, o);
        const start = starts[at.line];
        return start === undefined ? undefined : kust.toFile(start + at.character);
      };
    }
  }
  return { file: kust.file, text: value, root, toFile, fallback };
}

// ---------------------------------------------------------------------------------------------------------------
// The build as a tree of kustomizations.

interface Level {
  readonly kust: Kust;
  readonly patches: readonly Patch[];
}

interface ResourceDoc {
  readonly tree: Tree;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

/** A resource document as one build path applies it: the levels from its own kustomization out to the built one. */
interface Instance {
  readonly doc: ResourceDoc;
  /** The name each level's patches see (before that level's prefix and suffix), then the final name. */
  readonly names: readonly string[];
  readonly namespace: string | undefined;
  /** The `namespace:` field of the outermost kustomization that sets one (it wins), in that kustomization. */
  readonly namespaceFrom: { readonly tree: Tree; readonly node: Node } | undefined;
  /** Patches in the order kustomize applies them. */
  readonly patches: readonly Patch[];
}

/** A ConfigMap or Secret that a generator of a kustomization makes. */
interface Generated {
  readonly kind: 'ConfigMap' | 'Secret';
  /** The name with the prefixes and suffixes of the build, without the content hash. */
  readonly name: string;
  readonly entry: YAMLMap;
  readonly tree: Tree;
}

/** Where a finding on a generated object goes: the `KEY=value` literal it reads, else the generator's name. */
function generatedSpot(generated: readonly Generated[], d: BuiltDoc, path: Path): Spot | undefined {
  const name = d.name ?? '';
  // The build appends `-` and a 10-character hash unless told not to.
  const g = generated.find((x) => x.kind === d.kind && (x.name === name || (name.length === x.name.length + 11 && name.startsWith(`${x.name}-`))));
  if (!g) return undefined;
  let node = g.entry.get('name', true) as Node | undefined;
  const [first, second] = path;
  if (path.length === 2 && 'key' in first && (first.key === 'data' || first.key === 'stringData') && 'key' in second) {
    const literals = g.entry.get('literals', true);
    const literal = isSeq(literals) ? (literals.items as Node[]).find((n) => scalarOf(n)?.startsWith(`${second.key}=`)) : undefined;
    if (literal) node = literal;
  }
  const start = node?.range ? g.tree.toFile(node.range[0]) : undefined;
  const end = node?.range ? g.tree.toFile(node.range[1]) : undefined;
  if (start === undefined || end === undefined) return { file: g.tree.file, start: g.tree.fallback[0], end: g.tree.fallback[1] };
  return { file: g.tree.file, start, end };
}

class Model {
  readonly instances: Instance[] = [];
  readonly generated: Generated[] = [];
  private steps = 0;
  private readonly kusts = new Map<string, Level>();
  private readonly docs = new Map<string, ResourceDoc[]>();
  readonly root: Kust | undefined;

  constructor(private readonly sources: KustomizeSources) {
    const file = kustomizationIn(sources.dir, (p) => sources.files.get(p)?.text)?.file;
    this.root = file ? this.level(file).kust : undefined;
    if (file) this.collect(sources.dir, [], 0, new Set());
  }

  private level(file: string): Level {
    let level = this.kusts.get(file);
    if (!level) {
      const kust = readKust(file, this.sources.files.get(file)?.text ?? '');
      level = { kust, patches: this.patchesOf(kust) };
      this.kusts.set(file, level);
    }
    return level;
  }

  private resourceDocs(path: string): ResourceDoc[] {
    let docs = this.docs.get(path);
    if (!docs) {
      const file = this.sources.files.get(path);
      docs = [];
      for (const tree of file ? treesOf(file) : []) {
        const id = identity(tree.root);
        if (id) docs.push({ tree, ...id });
      }
      this.docs.set(path, docs);
    }
    return docs;
  }

  /**
   * Walks the kustomization in `folder`; `outer` are the levels that include it, innermost first. Every resource
   * document becomes an instance with the patches of its level and of every outer one.
   */
  private collect(folder: string, outer: readonly Level[], depth: number, visiting: Set<string>): void {
    const file = kustomizationIn(folder, (p) => this.sources.files.get(p)?.text)?.file;
    // Diamonds of bases are walked once per path (each path is an object of its own), so the walk counts its steps.
    if (!file || depth > MAX_DEPTH || visiting.has(file) || ++this.steps > MAX_STEPS) return;
    visiting.add(file);
    const level = this.level(file);
    // Components' patches apply to everything the level holds, before the level's own.
    const componentPatches: Patch[] = [];
    const componentResources: string[] = [];
    for (const c of level.kust.components) {
      const cf = kustomizationIn(c, (p) => this.sources.files.get(p)?.text)?.file;
      if (!cf) continue;
      const cl = this.level(cf);
      componentPatches.push(...cl.patches);
      componentResources.push(...cl.kust.resources);
    }
    const chain: Level[] = [{ kust: level.kust, patches: [...componentPatches, ...level.patches] }, ...outer];
    for (const entry of [...level.kust.resources, ...componentResources]) {
      if (this.instances.length >= MAX_INSTANCES) break;
      if (kustomizationIn(entry, (p) => this.sources.files.get(p)?.text)) {
        this.collect(entry, chain, depth + 1, visiting);
        continue;
      }
      for (const doc of this.resourceDocs(entry)) this.instances.push(instanceOf(doc, chain));
    }
    this.collectGenerators(level.kust, chain);
    visiting.delete(file);
  }

  /** The ConfigMaps and Secrets the level generates, with their names as the build writes them (before the hash). */
  private collectGenerators(kust: Kust, chain: readonly Level[]): void {
    const root = kust.root;
    if (!isMap(root) || !kust.tree || this.generated.length >= MAX_INSTANCES) return;
    for (const [key, kind] of [
      ['configMapGenerator', 'ConfigMap'],
      ['secretGenerator', 'Secret'],
    ] as const) {
      const list = root.get(key, true);
      if (!isSeq(list)) continue;
      for (const entry of list.items) {
        if (!isMap(entry)) continue;
        let name = scalarOf(entry.get('name', true));
        if (name === undefined) continue;
        for (const level of chain) name = level.kust.namePrefix + name + level.kust.nameSuffix;
        this.generated.push({ kind, name, entry, tree: kust.tree });
      }
    }
  }

  private patchesOf(kust: Kust): Patch[] {
    const root = kust.root;
    const tree = kust.tree;
    if (!isMap(root) || !tree) return [];
    const out: Patch[] = [];
    const entries = (key: string): Node[] => {
      const v = root.get(key, true) as Node | undefined;
      return isSeq(v) ? (v.items as Node[]) : [];
    };
    // kustomize's order of built-in transformers: patchesStrategicMerge, patches, (names), patchesJson6902, replicas.
    for (const e of entries('patchesStrategicMerge')) {
      if (!isScalar(e)) continue;
      const trees = typeof e.value === 'string' && e.value.includes('\n') ? [inlineTree(tree, e, undefined)] : this.filesOf(local(scalarOf(e), kust.dir));
      for (const t of trees) out.push({ type: 'smp', tree: t, target: undefined });
    }
    for (const key of ['patches', 'patchesJson6902']) {
      for (const e of entries(key)) {
        if (!isMap(e)) continue;
        const target = targetOf(e.get('target', true));
        const inline = e.items.find((p) => scalarOf(p.key) === 'patch');
        const trees =
          inline && isScalar(inline.value)
            ? [inlineTree(tree, inline.value, inline.key as Node)]
            : this.filesOf(local(scalarOf(e.get('path', true)), kust.dir));
        for (const t of trees) {
          if (isSeq(t.root)) {
            if (target) out.push({ type: 'json', ops: opsOf(t), target });
          } else if (isMap(t.root)) out.push({ type: 'smp', tree: t, target });
        }
      }
    }
    for (const e of entries('replicas')) {
      if (!isMap(e)) continue;
      const name = scalarOf(e.get('name', true));
      const count = e.get('count', true) as Node | undefined;
      if (name !== undefined && count) out.push({ type: 'replicas', name, count: tree, node: count });
    }
    return out;
  }

  private filesOf(paths: string[]): Tree[] {
    return paths.flatMap((p) => {
      const file = this.sources.files.get(p);
      return file ? treesOf(file) : [];
    });
  }
}

/** The instance of a document under a chain of levels: its names level by level and its final namespace. */
function instanceOf(doc: ResourceDoc, chain: readonly Level[]): Instance {
  const names = [doc.name];
  let name = doc.name;
  let namespace = doc.namespace;
  let namespaceFrom: Instance['namespaceFrom'];
  for (const level of chain) {
    name = level.kust.namePrefix + name + level.kust.nameSuffix;
    names.push(name);
    if (level.kust.namespace !== undefined) {
      namespace = level.kust.namespace;
      const node = isMap(level.kust.root) ? (level.kust.root.get('namespace', true) as Node | undefined) : undefined;
      if (node && level.kust.tree) namespaceFrom = { tree: level.kust.tree, node };
    }
  }
  return { doc, names, namespace, namespaceFrom, patches: applicable(doc, chain) };
}

/** The patches of the chain that apply to the document, in kustomize's order. */
function applicable(doc: ResourceDoc, chain: readonly Level[]): Patch[] {
  const out: Patch[] = [];
  let name = doc.name;
  for (const level of chain) {
    const seen = new Set([name, doc.name]);
    for (const p of level.patches) if (applies(p, doc.kind, seen)) out.push(p);
    name = level.kust.namePrefix + name + level.kust.nameSuffix;
  }
  return out;
}

/** Whether a patch applies to an object of `kind` known by one of the names in `names` at the patch's level. */
function applies(p: Patch, kind: string, names: ReadonlySet<string>): boolean {
  if (p.type === 'replicas') return names.has(p.name);
  const target: Target | undefined = p.target ?? (p.type === 'smp' ? identity(p.tree.root) : undefined);
  if (!target || target.unknown === true) return false;
  if (target.kind !== undefined && target.kind !== kind) return false;
  return target.name === undefined || names.has(target.name);
}

/** A patch's `target:`; `unknown` for selectors this module does not evaluate. */
function targetOf(node: unknown): Target | undefined {
  if (!isMap(node)) return undefined;
  const kind = scalarOf(node.get('kind', true));
  const name = scalarOf(node.get('name', true));
  const unknown = node.has('labelSelector') || node.has('annotationSelector') || (name !== undefined && !/^[A-Za-z0-9._-]+$/.test(name));
  return { ...(kind !== undefined ? { kind } : {}), ...(name !== undefined ? { name } : {}), ...(unknown ? { unknown } : {}) };
}

function opsOf(tree: Tree): JsonOp[] {
  if (!isSeq(tree.root)) return [];
  const ops: JsonOp[] = [];
  for (const item of tree.root.items) {
    if (!isMap(item)) continue;
    const op = scalarOf(item.get('op', true));
    const pathNode = item.get('path', true) as Node | undefined;
    const path = scalarOf(pathNode);
    if (op === undefined || path === undefined || !pathNode || !path.startsWith('/')) continue;
    const segments = path
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    ops.push({ tree, op, path: segments, pathNode, value: item.get('value', true) ?? undefined });
  }
  return ops;
}

/** kind, metadata.name and metadata.namespace of a document. */
function identity(root: Node | null): { kind: string; name: string; namespace: string | undefined } | undefined {
  if (!isMap(root)) return undefined;
  const kind = scalarOf(root.get('kind', true));
  const meta = root.get('metadata', true);
  const name = isMap(meta) ? scalarOf(meta.get('name', true)) : undefined;
  if (kind === undefined || name === undefined) return undefined;
  return { kind, name, namespace: isMap(meta) ? scalarOf(meta.get('namespace', true)) : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// Paths in YAML trees.

interface Located {
  readonly path: Seg[];
  readonly role: 'key' | 'value';
  readonly node: Node;
  /** The pair whose key or value the node is. */
  readonly pair: Pair | undefined;
}

/** The deepest node of `root` at `offset` (chunk-local), with its path. */
function locate(root: Node | null, offset: number): Located | undefined {
  if (!root) return undefined;
  const path: Seg[] = [];
  let cur: Node = root;
  let pair: Pair | undefined;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    if (isMap(cur)) {
      let next: Node | undefined;
      for (const p of cur.items) {
        const key = p.key as Node | null;
        const value = p.value as Node | null;
        if (key && isScalar(key) && key.range && within(key.range, offset)) {
          path.push({ key: String(key.value) });
          return { path, role: 'key', node: key, pair: p };
        }
        if (key && value?.range && within(value.range, offset)) {
          path.push({ key: isScalar(key) ? String(key.value) : '?' });
          pair = p;
          next = value;
          break;
        }
      }
      if (!next) return { path, role: 'value', node: cur, pair };
      cur = next;
    } else if (isSeq(cur)) {
      const index = cur.items.findIndex((n) => isNodeWithRange(n) && within(n.range, offset));
      if (index < 0) return { path, role: 'value', node: cur, pair };
      const item = cur.items[index] as Node;
      const id = itemId(item);
      path.push(id ? { index, id } : { index });
      pair = undefined;
      cur = item;
    } else {
      return { path, role: 'value', node: cur, pair };
    }
  }
  return { path, role: 'value', node: cur, pair };
}

function within(range: readonly number[], offset: number): boolean {
  return range[0] <= offset && (offset < range[1] || (range[0] === range[1] && offset === range[0]));
}

function isNodeWithRange(n: unknown): n is Node & { range: [number, number, number] } {
  return n !== null && typeof n === 'object' && 'range' in n && Array.isArray((n as Node).range);
}

/** The identifying field of a sequence item (`name`, `containerPort`, ...), when it has one. */
function itemId(item: unknown): [string, string] | undefined {
  if (!isMap(item)) return undefined;
  for (const key of ITEM_KEYS) {
    const v = scalarOf(item.get(key, true));
    if (v !== undefined) return [key, v];
  }
  return undefined;
}

interface Walked {
  /** How many segments were found. */
  readonly depth: number;
  readonly node: Node;
  /** The key of the last key segment found, and its pair. */
  readonly key: Node | undefined;
  readonly pair: Pair | undefined;
}

/** Walks `path` from `root` as far as it exists. */
function walk(root: Node | null, path: Path): Walked | undefined {
  if (!root) return undefined;
  let cur: Node = root;
  let key: Node | undefined;
  let pair: Pair | undefined;
  let depth = 0;
  for (const seg of path) {
    let next: Node | undefined;
    if ('key' in seg) {
      if (!isMap(cur)) break;
      const p = cur.items.find((q) => isPair(q) && isScalar(q.key) && String(q.key.value) === seg.key);
      if (!p || !p.value) break;
      next = p.value as Node;
      key = p.key as Node;
      pair = p;
    } else {
      if (!isSeq(cur)) break;
      const items = cur.items as Node[];
      const id = seg.id;
      next = id ? items.find((i) => isMap(i) && scalarOf(i.get(id[0], true)) === id[1]) : items[seg.index];
      pair = undefined;
    }
    if (!next) break;
    cur = next;
    depth++;
  }
  return { depth, node: cur, key, pair };
}

function pathText(path: Path): string {
  let out = '';
  for (const seg of path) {
    if ('key' in seg) out += (out === '' ? '' : '.') + seg.key;
    else out += `[${seg.id ? seg.id[1] : seg.index}]`;
  }
  return out === '' ? '.' : out;
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution: where a path of a built object lives in the sources.

/** A place in a source tree: a node, and whether the built text there was written by it (exact). */
interface Place {
  readonly tree: Tree;
  readonly node: Node;
  /** Whether the place holds the built node itself (same path), so that text can be compared for exact columns. */
  readonly exact: boolean;
}

/** The segments at the top of a strategic-merge patch that only say which object it patches. */
function isIdentityPath(path: Path): boolean {
  const k = path.map((s) => ('key' in s ? s.key : '#'));
  return (k.length === 1 && (k[0] === 'apiVersion' || k[0] === 'kind')) || (k.length === 2 && k[0] === 'metadata' && (k[1] === 'name' || k[1] === 'namespace'));
}

/** True for `metadata` of a patch whose metadata only names the object it patches. */
function onlyIdentifies(root: Node | null, path: Path): boolean {
  if (path.length !== 1 || !('key' in path[0]) || path[0].key !== 'metadata' || !isMap(root)) return false;
  const meta = root.get('metadata', true);
  return isMap(meta) && meta.items.every((q) => ['name', 'namespace'].includes(scalarOf(q.key) ?? ''));
}

function resolvePlace(inst: Instance, located: Located): Place | undefined {
  const { path, role } = located;
  // The item's identifying field (`name` of a container) is repeated by every patch that touches the item: it
  // belongs to whoever added the item, so it is looked up in the patches only when the base lacks the item.
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const identityField = last !== undefined && 'key' in last && parent !== undefined && 'index' in parent && parent.id?.[0] === last.key;
  const baseHas = (walk(inst.doc.tree.root, path)?.depth ?? 0) === path.length;
  // The namespace transformer runs after the patches of its level and writes every object's namespace.
  if (inst.namespaceFrom && pathText(path) === 'metadata.namespace')
    return { tree: inst.namespaceFrom.tree, node: inst.namespaceFrom.node, exact: role === 'value' };
  for (let i = inst.patches.length - 1; i >= 0; i--) {
    const p = inst.patches[i];
    if (p.type === 'smp') {
      if (isIdentityPath(path) || (identityField && baseHas) || onlyIdentifies(p.tree.root, path)) continue;
      const w = walk(p.tree.root, path);
      if (w && w.depth === path.length && path.length > 0) return { tree: p.tree, node: role === 'key' && w.key ? w.key : w.node, exact: true };
    } else if (p.type === 'json') {
      for (let j = p.ops.length - 1; j >= 0; j--) {
        const op = p.ops[j];
        if ((op.op !== 'add' && op.op !== 'replace') || !op.value || !prefixOf(op.path, path)) continue;
        const rest = path.slice(op.path.length);
        const w = walk(op.value, rest);
        if (!w) continue;
        const exact = w.depth === rest.length;
        return { tree: op.tree, node: exact && rest.length > 0 && role === 'key' && w.key ? w.key : w.node, exact };
      }
    } else if (path.length === 2 && 'key' in path[0] && path[0].key === 'spec' && 'key' in path[1] && path[1].key === 'replicas') {
      return { tree: p.count, node: p.node, exact: role === 'value' };
    }
  }
  // A finding on an item (or on its identifying field) that a patch removed a field from: often it is about the
  // field that is now missing, so it goes on the removal.
  const holder = identityField ? path.slice(0, -1) : isMap(located.node) ? path : undefined;
  if (holder) {
    for (let i = inst.patches.length - 1; i >= 0; i--) {
      const p = inst.patches[i];
      if (p.type === 'smp') {
        const w = walk(p.tree.root, holder);
        if (w && w.depth === holder.length && isMap(w.node)) {
          const removal = w.node.items.find((q) => q.value === null || (isScalar(q.value) && q.value.value === null) || isDeleteDirective(q.value));
          if (removal?.key) return { tree: p.tree, node: removal.key as Node, exact: false };
        }
      } else if (p.type === 'json') {
        for (let j = p.ops.length - 1; j >= 0; j--) {
          const op = p.ops[j];
          if (op.op === 'remove' && op.path.length === holder.length + 1 && prefixOf(op.path.slice(0, -1), holder))
            return { tree: op.tree, node: op.pathNode, exact: false };
        }
      }
    }
  }
  const w = walk(inst.doc.tree.root, path);
  if (!w) return undefined;
  if (w.depth === path.length) return { tree: inst.doc.tree, node: role === 'key' && w.key ? w.key : w.node, exact: true };
  return { tree: inst.doc.tree, node: w.key ?? w.node, exact: false };
}

function isDeleteDirective(value: unknown): boolean {
  return isMap(value) && scalarOf(value.get('$patch', true)) === 'delete';
}

/** Whether JSON pointer segments name `path` or one of its ancestors. */
function prefixOf(pointer: readonly string[], path: Path): boolean {
  if (pointer.length > path.length) return false;
  for (let i = 0; i < pointer.length; i++) {
    const seg = path[i];
    if ('key' in seg ? seg.key !== pointer[i] : String(seg.index) !== pointer[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping.

interface BuiltDoc {
  readonly start: number;
  readonly text: string;
  readonly root: Node | null;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  instance: Instance | undefined | null;
}

/** A range in a source file. */
interface Spot {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Maps findings on the output of `kubectl kustomize <sources.dir>` (`built`) back to the sources: a patch's node when
 * a patch set the field, else the base resource's node, else the built kustomization's first line. Every mapped
 * finding says which kustomization built it (message suffix and a related place). Fixes are kept only when their
 * single change replaces text that reads the same in the source. `renderUri`: the URI the built text was analysed
 * under, whose related places are mapped too (related places with `sameDocument` or the engine's local URI always are).
 */
export function mapKustomizeProblems(
  built: string,
  problems: readonly Problem[],
  sources: KustomizeSources,
  uriOf: UriOf,
  locale?: Locale,
  renderUri?: string,
): MappedProblems {
  const messages = (locale && TRANSLATIONS[locale]) ?? KUSTOMIZE_MAP_MESSAGES;
  const model = new Model(sources);
  const kustFile = model.root?.file ?? join(sources.dir, KUSTOMIZATION_NAMES[0]);
  const kustText = sources.files.get(kustFile)?.text ?? '';
  const kustomization = displayPath(kustFile, sources);
  const docs: BuiltDoc[] = splitDocuments(built).map((c) => {
    const root = (parseChunk(c.text).doc.contents as Node | null) ?? null;
    const id = identity(root);
    return { start: c.start, text: c.text, root, kind: id?.kind, name: id?.name, namespace: id?.namespace, instance: null };
  });
  // Instances by kind and by every name they have on the way, so that finding a built object's source costs its candidates.
  const byName = new Map<string, Instance[]>();
  for (const inst of model.instances) {
    for (const name of new Set(inst.names)) {
      const key = `${inst.doc.kind}\u0001${name}`;
      let list = byName.get(key);
      if (!list) byName.set(key, (list = []));
      list.push(inst);
    }
  }
  const starts = new Map<string, number[]>();
  const textOf = (file: string): string => (file === kustFile ? kustText : (sources.files.get(file)?.text ?? ''));
  const startsOf = (file: string): number[] => {
    let s = starts.get(file);
    if (!s) starts.set(file, (s = lineStarts(textOf(file))));
    return s;
  };

  const docAt = (offset: number): BuiltDoc | undefined => {
    // Binary search: the documents are in the order of their starts.
    let lo = 0;
    let hi = docs.length - 1;
    if (hi < 0 || docs[0].start > offset) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docs[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return docs[lo];
  };
  const instanceOfDoc = (d: BuiltDoc): Instance | undefined => {
    if (d.instance === null) d.instance = findInstance(byName.get(`${d.kind ?? ''}\u0001${d.name ?? ''}`) ?? [], d);
    return d.instance;
  };

  /** Where a built range goes; undefined when its object has no known source. */
  const mapRange = (start: number, end: number): { spot: Spot; located: Located; doc: BuiltDoc; place: Place } | undefined => {
    const d = docAt(start);
    if (!d) return undefined;
    const inst = instanceOfDoc(d);
    const located = locate(d.root, start - d.start);
    if (!inst || !located) return undefined;
    const place = resolvePlace(inst, located);
    if (!place) return undefined;
    return { spot: spotOf(place, located, d, start - d.start, end - d.start), located, doc: d, place };
  };

  const out: MappedProblems = new Map();
  const seen = new Set<string>();
  const push = (file: string, p: Problem): void => {
    const key = JSON.stringify([file, p.code, p.start, p.end, p.message, p.severity]);
    if (seen.has(key)) return;
    seen.add(key);
    let list = out.get(file);
    if (!list) out.set(file, (list = []));
    list.push(p);
  };
  const relatedOf = (r: RelatedProblem, file: string): RelatedProblem => {
    const inBuilt = r.sameDocument === true || r.uri === LOCAL_URI || (renderUri !== undefined && r.uri === renderUri);
    if (!inBuilt) return r;
    const m = mapRange(r.start, r.end);
    const spot = m?.spot ?? { file: kustFile, start: 0, end: firstLine(kustText)[1] };
    return placeOf(spot, r.message, file);
  };
  const placeOf = (spot: Spot, message: string, file: string): RelatedProblem => {
    const s = positionAt(startsOf(spot.file), spot.start);
    const e = positionAt(startsOf(spot.file), spot.end);
    return {
      uri: uriOf(spot.file),
      start: spot.start,
      end: spot.end,
      position: { line: s.line, character: s.character, endLine: e.line, endCharacter: e.character },
      message,
      ...(spot.file === file ? { sameDocument: true } : {}),
    };
  };

  for (const p of problems) {
    const m = mapRange(p.start, p.end);
    const d = m?.doc ?? docAt(p.start);
    const object = d?.kind !== undefined ? `${d.kind}${d.name !== undefined ? ` ${d.name}` : ''}` : 'document';
    if (!m) {
      const segments = d ? (locate(d.root, p.start - d.start)?.path ?? []) : [];
      const path = pathText(segments);
      const generated = d && !d.instance ? generatedSpot(model.generated, d, segments) : undefined;
      const spot = generated ?? { file: kustFile, start: 0, end: firstLine(kustText)[1] };
      const related = (p.related ?? []).map((r) => relatedOf(r, spot.file));
      if (spot.file !== kustFile)
        related.push(placeOf({ file: kustFile, start: 0, end: firstLine(kustText)[1] }, formatMessage(messages.builtBy, { object, kustomization }), spot.file));
      push(spot.file, {
        code: p.code,
        severity: p.severity,
        ...(p.docsUrl !== undefined ? { docsUrl: p.docsUrl } : {}),
        message: formatMessage(generated ? messages.generated : messages.unmapped, { message: p.message, object, path, kustomization }),
        start: spot.start,
        end: spot.end,
        fixes: [],
        ...withRelated(related),
      });
      continue;
    }
    const file = m.spot.file;
    const fixes = p.fixes.flatMap((f) => {
      const fix = mapFix(f, file);
      return fix ? [fix] : [];
    });
    const related = (p.related ?? []).map((r) => relatedOf(r, file));
    if (file !== kustFile)
      related.push(placeOf({ file: kustFile, start: 0, end: firstLine(kustText)[1] }, formatMessage(messages.builtBy, { object, kustomization }), file));
    push(file, {
      code: p.code,
      severity: p.severity,
      ...(p.docsUrl !== undefined ? { docsUrl: p.docsUrl } : {}),
      message: formatMessage(messages.mapped, { message: p.message, kustomization }),
      start: m.spot.start,
      end: m.spot.end,
      fixes,
      ...withRelated(related),
    });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;

  /** A fix whose one change replaces a scalar (or a `key: value` pair) that reads the same in `file`. */
  function mapFix(fix: Fix, file: string): Fix | undefined {
    if (fix.changes.length !== 1) return undefined;
    const c = fix.changes[0];
    const d = docAt(c.start);
    if (!d || c.end > d.start + d.text.length) return undefined;
    const m = mapRange(c.start, c.end);
    if (!m || m.spot.file !== file || !m.place.exact) return undefined;
    const { located } = m;
    const local = c.start - d.start;
    const localEnd = c.end - d.start;
    let builtRange: readonly number[] | undefined;
    let sourceRange: readonly [number, number] | undefined;
    const target = m.place.node;
    if (located.role === 'value' && isScalar(located.node) && located.node.range) {
      builtRange = located.node.range;
      if (isScalar(target) && target.range) sourceRange = [target.range[0], target.range[1]];
    } else if (located.role === 'key' && located.pair && isNodeWithRange(located.pair.value)) {
      // A change over `key: value`: the pair in the source must read the same.
      builtRange = [located.node.range?.[0] ?? 0, located.pair.value.range[1]];
      const sourcePair = pairOfKey(m.place.tree.root, target);
      if (sourcePair && isNodeWithRange(sourcePair.value) && target.range) sourceRange = [target.range[0], sourcePair.value.range[1]];
    }
    if (!builtRange || !sourceRange || builtRange[0] !== local || builtRange[1] !== localEnd) return undefined;
    if (d.text.slice(local, localEnd) !== m.place.tree.text.slice(sourceRange[0], sourceRange[1])) return undefined;
    const start = m.place.tree.toFile(sourceRange[0]);
    const end = m.place.tree.toFile(sourceRange[1]);
    if (start === undefined || end === undefined || m.place.tree.file !== file) return undefined;
    const change: TextChange = { start, end, newText: c.newText };
    return { ...fix, changes: [change] };
  }
}

function withRelated(related: RelatedProblem[]): { related?: RelatedProblem[] } {
  return related.length > 0 ? { related } : {};
}

/** The pair of a map in `root` whose key is `key` (bounded by the tree's size). */
function pairOfKey(root: Node | null, key: Node): Pair | undefined {
  const stack: unknown[] = [root];
  for (let budget = 100000; stack.length > 0 && budget > 0; budget--) {
    const n = stack.pop();
    if (isMap(n)) {
      for (const p of n.items) {
        if (p.key === key) return p;
        stack.push(p.value);
      }
    } else if (isSeq(n)) stack.push(...n.items);
  }
  return undefined;
}

/** The source range of a place: exact columns where the built text reads the same, else the node's first line. */
function spotOf(place: Place, located: Located, doc: BuiltDoc, start: number, end: number): Spot {
  const { tree, node } = place;
  const range = node.range ?? [0, 0, 0];
  let from = range[0];
  let to = range[1];
  const builtRange = located.node.range;
  if (place.exact && builtRange && isScalar(node) && start >= builtRange[0] && end <= builtRange[1]) {
    if (doc.text.slice(builtRange[0], builtRange[1]) === tree.text.slice(range[0], range[1])) {
      from = range[0] + (start - builtRange[0]);
      to = range[0] + (end - builtRange[0]);
    }
  } else if (!isScalar(node)) {
    const eol = tree.text.indexOf('\n', from);
    to = Math.min(to, eol < 0 ? tree.text.length : eol);
    while (to > from && /\s/.test(tree.text.charAt(to - 1))) to--;
  }
  const s = tree.toFile(from);
  const e = tree.toFile(to);
  if (s === undefined || e === undefined) return { file: tree.file, start: tree.fallback[0], end: tree.fallback[1] };
  return { file: tree.file, start: s, end: e };
}

/** The source instance of a built object: same kind, and its final name (or a name it had on the way). */
function findInstance(instances: readonly Instance[], d: BuiltDoc): Instance | undefined {
  if (d.kind === undefined || d.name === undefined) return undefined;
  let best: Instance | undefined;
  let bestScore = 0;
  for (const inst of instances) {
    if (inst.doc.kind !== d.kind) continue;
    const final = inst.names[inst.names.length - 1];
    let score = final === d.name ? 4 : inst.names.includes(d.name) ? 2 : 0;
    if (score === 0) continue;
    if (d.namespace !== undefined && inst.namespace === d.namespace) score++;
    if (score > bestScore) {
      best = inst;
      bestScore = score;
    }
  }
  return best;
}

/** A file's path for messages: relative to the folder all sources share, with `/`. */
function displayPath(file: string, sources: KustomizeSources): string {
  let common = dirname(file);
  for (const path of sources.files.keys()) {
    for (let i = 0; i < MAX_DEPTH * 4 && relative(common, path).startsWith('..'); i++) {
      const up = dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  const shown = relative(common, file).split('\\').join('/');
  // A kustomization alone in its folder tree is named with its folder, so that the name says which build it is.
  return shown.includes('/') ? shown : `${basename(common)}/${shown}`;
}
