// Read access to one parsed YAML document as Kubernetes sees it: aliases resolved, merge keys applied,
// template placeholders treated as unknown. Every read is bounded, so alias bombs cannot make it hang.
import { isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedChunk } from './documents';

/** A key found in a mapping: the key node, its resolved value, and the node in the object's own text to point at. */
export interface Field {
  readonly key: Scalar;
  /** The value after alias resolution; `null` for an empty value (`key:`). */
  readonly value: Node | null;
  /** The node written in the mapping itself: the value, or the alias (`*x`) that stands for it. */
  readonly rawValue: Node | null;
  readonly pair: Pair;
  /** Set when the key came from a merge (`<<: *base`): the `<<` key of the mapping that was read. */
  readonly mergedVia?: Scalar;
}

/** The most merge/alias hops one read may take; deeper chains are treated as absent. */
const MAX_HOPS = 64;

/**
 * The most mapping visits (own keys read, merge sources followed) one document's reads may cost in total. A
 * Kubernetes object needs a few thousand; past this the reads return what they found so far and the view is marked
 * `exhausted`, so the engine can say the analysis was cut short instead of freezing the server.
 */
export const DEFAULT_WORK_BUDGET = 2_000_000;

export class DocView {
  private keyIndex = new WeakMap<YAMLMap, { byKey: Map<unknown, Pair>; merges: Pair[] }>();
  private fieldCache = new WeakMap<Pair, Field>();
  /** `fields()` of each mapping, computed once: the parsed tree never changes. */
  private fieldsCache = new WeakMap<YAMLMap, Field[]>();
  /** Work units spent by this view's reads; see DEFAULT_WORK_BUDGET. */
  private work = 0;
  /** Set once the work budget ran out: reads after that may be incomplete. */
  exhausted = false;
  /** Set when it was the deadline, not the work budget, that stopped the reads (another analysis may finish them). */
  timedOut = false;

  constructor(
    readonly chunk: ParsedChunk,
    private readonly workBudget = DEFAULT_WORK_BUDGET,
    /** A `Date.now()` past which reads stop as when the work budget is spent (the analysis' time budget). */
    private readonly deadline = Infinity,
  ) {}

  /**
   * Drops the lookup caches once an analysis is done with the document: they are a third of what a parsed file keeps
   * in memory, and only speed up reads within one analysis. Later reads build them again, with a fresh work budget
   * (a view that ran out of work stays marked).
   */
  release(): void {
    this.keyIndex = new WeakMap();
    this.fieldCache = new WeakMap();
    this.fieldsCache = new WeakMap();
    if (!this.exhausted) this.work = 0;
  }

  /** Work units spent so far (mappings and keys visited). */
  get workDone(): number {
    return this.work;
  }

  /** Charges `units` of work; false (and `exhausted` set) once the budget is spent. */
  private charge(units: number): boolean {
    const before = this.work;
    this.work += units;
    if (this.work > this.workBudget) this.exhausted = true;
    // The clock is read once per 65,536 units: reading it is far dearer than counting.
    else if (this.deadline !== Infinity && before >>> 16 !== this.work >>> 16 && Date.now() > this.deadline) this.exhausted = this.timedOut = true;
    return !this.exhausted;
  }

  /** Follows aliases to the node they stand for. Unresolvable aliases give `null`. */
  resolve(node: unknown): Node | null {
    let current: unknown = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      if (!isAlias(current)) return (current as Node | null | undefined) ?? null;
      current = this.chunk.aliasTargets.get(current) ?? null;
    }
    return null;
  }

  root(): YAMLMap | null {
    const contents = this.resolve(this.chunk.doc.contents);
    return isMap(contents) ? contents : null;
  }

  map(node: unknown): YAMLMap | null {
    const r = this.resolve(node);
    return isMap(r) ? r : null;
  }

  seq(node: unknown): YAMLSeq | null {
    const r = this.resolve(node);
    return isSeq(r) ? r : null;
  }

  /** Finds `key` in a mapping: its own pairs first, then the mappings merged in with `<<`, in order. */
  field(mapNode: unknown, key: string): Field | undefined {
    const map = this.map(mapNode);
    if (!map || !this.charge(1)) return undefined;
    // Most lookups end at the mapping's own keys; only a mapping with merge keys needs the walk and its visited set.
    const { byKey, merges } = this.keysOf(map);
    const own = byKey.get(key);
    if (own) return this.toField(own);
    return merges.length === 0 ? undefined : this.fieldIn(map, key, 0, new Set());
  }

  /**
   * Looks `key` up in `map` and, depth first, in the mappings it merges. `visited` holds the mappings already
   * searched by this lookup: a mapping merged many times (a merge-key bomb reuses each level eight times) is
   * searched once, so a lookup costs at most one visit per distinct mapping.
   */
  private fieldIn(map: YAMLMap, key: string, depth: number, visited: Set<YAMLMap>): Field | undefined {
    if (depth > MAX_HOPS || visited.has(map) || !this.charge(1)) return undefined;
    visited.add(map);
    const { byKey, merges } = this.keysOf(map);
    const own = byKey.get(key);
    if (own) return this.toField(own);
    for (const merge of merges) {
      const value = this.resolve(merge.value);
      const sources = isSeq(value) ? value.items : [merge.value];
      for (const source of sources) {
        const sourceMap = this.map(source);
        if (!sourceMap) continue;
        const found = this.fieldIn(sourceMap, key, depth + 1, visited);
        if (found) return { ...found, mergedVia: merge.key as Scalar };
      }
    }
    return undefined;
  }

  /**
   * The mapping's own keys (the first of duplicates) and its merge pairs, indexed once: the parsed tree never
   * changes, and rules read the same mappings many times.
   */
  private keysOf(map: YAMLMap): { byKey: Map<unknown, Pair>; merges: Pair[] } {
    let entry = this.keyIndex.get(map);
    if (entry) return entry;
    entry = { byKey: new Map(), merges: [] };
    this.charge(map.items.length);
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      if (isMergeKey(item)) entry.merges.push(item);
      else if (!entry.byKey.has(item.key.value)) entry.byKey.set(item.key.value, item);
    }
    this.keyIndex.set(map, entry);
    return entry;
  }

  private toField(pair: Pair): Field {
    let field = this.fieldCache.get(pair);
    if (!field) {
      const raw = (pair.value as Node | null | undefined) ?? null;
      field = { key: pair.key as Scalar, value: this.resolve(raw), rawValue: raw, pair };
      this.fieldCache.set(pair, field);
    }
    return field;
  }

  /** All keys of a mapping, merge keys applied (own keys win), in source order. */
  fields(mapNode: unknown): Field[] {
    const map = this.map(mapNode);
    if (!map) return [];
    const known = this.fieldsCache.get(map);
    if (known) return known;
    const seen = new Set<string>();
    const visited = new Set<YAMLMap>();
    const out: Field[] = [];
    // Each distinct mapping is read once per call (merge-key bombs reuse one mapping many times), and every key
    // read is charged to the document's work budget.
    const collect = (m: YAMLMap, via: Scalar | undefined, depth: number): void => {
      if (depth > MAX_HOPS || visited.has(m) || !this.charge(m.items.length + 1)) return;
      visited.add(m);
      const merges: Pair[] = [];
      for (const item of m.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        if (isMergeKey(item)) {
          merges.push(item);
          continue;
        }
        const k = String(item.key.value);
        if (seen.has(k)) continue;
        seen.add(k);
        const f = this.toField(item);
        out.push(via ? { ...f, mergedVia: via } : f);
      }
      for (const merge of merges) {
        const value = this.resolve(merge.value);
        const sources = isSeq(value) ? value.items : [merge.value];
        for (const source of sources) {
          const sm = this.map(source);
          if (sm) collect(sm, via ?? (merge.key as Scalar), depth + 1);
        }
      }
    };
    collect(map, undefined, 0);
    // An incomplete answer (budget spent) is not kept: it must not outlive the analysis that ran out.
    if (!this.exhausted) this.fieldsCache.set(map, out);
    return out;
  }

  /** Follows a path of keys (strings) and sequence indexes (numbers). */
  at(node: unknown, ...path: (string | number)[]): Node | null {
    let current: Node | null = this.resolve(node);
    for (const step of path) {
      if (current === null) return null;
      if (typeof step === 'number') {
        const s = this.seq(current);
        current = s ? this.resolve(s.items[step]) : null;
      } else {
        current = this.field(current, step)?.value ?? null;
      }
    }
    return current;
  }

  /** True for a key written with no value (`key:`), which YAML reads as null. */
  isEmpty(node: unknown): boolean {
    const r = this.resolve(node);
    return r === null || (isScalar(r) && r.value === null && !this.isTemplated(r));
  }

  /** True when the node's text overlaps a masked template expression: its value is not known. */
  isTemplated(node: Node | null | undefined): boolean {
    const spans = this.chunk.templateSpans;
    if (!node || spans.length === 0 || !node.range) return false;
    const [s, , e] = node.range;
    return spans.some(([a, b]) => a < e && b > s);
  }

  /** The scalar's value as a string (numbers and booleans as written); undefined if not a known scalar. */
  str(node: unknown): string | undefined {
    const r = this.resolve(node);
    if (!isScalar(r) || this.isTemplated(r)) return undefined;
    const v = r.value;
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(r.source ?? v);
    return undefined;
  }

  /** The scalar's value when it is a number (not a numeric string); undefined otherwise. */
  num(node: unknown): number | undefined {
    const r = this.resolve(node);
    if (!isScalar(r) || this.isTemplated(r)) return undefined;
    if (typeof r.value === 'number' && Number.isFinite(r.value)) return r.value;
    if (typeof r.value === 'bigint') return Number(r.value);
    return undefined;
  }

  /** A scalar that is an integer, or a string (int-or-string fields). */
  intOrString(node: unknown): number | string | undefined {
    const n = this.num(node);
    if (n !== undefined) return n;
    const r = this.resolve(node);
    if (isScalar(r) && typeof r.value === 'string' && !this.isTemplated(r)) return r.value;
    return undefined;
  }

  /** The items of a sequence of scalars as strings; undefined if any item is not a known scalar. */
  strings(node: unknown): { value: string; node: Scalar }[] | undefined {
    const s = this.seq(node);
    if (!s) return undefined;
    const out: { value: string; node: Scalar }[] = [];
    for (const item of s.items) {
      const r = this.resolve(item);
      const v = this.str(r);
      if (v === undefined || !isScalar(r)) return undefined;
      out.push({ value: v, node: r });
    }
    return out;
  }

  /** Compares two nodes by resolved value, with a bound on the work so shared anchors cannot explode it. */
  sameValue(a: unknown, b: unknown, budget = { left: 20000 }): boolean {
    if (--budget.left < 0) return false;
    const x = this.resolve(a);
    const y = this.resolve(b);
    if (x === y) return true;
    if (x === null || y === null) return false;
    if (isScalar(x) && isScalar(y)) return x.value === y.value;
    if (isSeq(x) && isSeq(y)) {
      return x.items.length === y.items.length && x.items.every((item, i) => this.sameValue(item, y.items[i], budget));
    }
    if (isMap(x) && isMap(y)) {
      const fx = this.fields(x);
      const fy = this.fields(y);
      if (fx.length !== fy.length) return false;
      return fx.every((f) => {
        const other = fy.find((g) => g.key.value === f.key.value);
        return other !== undefined && this.sameValue(f.value, other.value, budget);
      });
    }
    return false;
  }
}

function isMergeKey(pair: Pair): boolean {
  // With merge keys enabled the parser gives a plain `<<` key the value Symbol(<<); a quoted '<<' is a string.
  return isScalar(pair.key) && typeof pair.key.value === 'symbol' && pair.key.source === '<<';
}

/** The source range of a node as chunk-local offsets: [start, end) without trailing comments. */
export function nodeRange(node: Node): [number, number] {
  const r = node.range ?? [0, 0, 0];
  return [r[0], r[1]];
}
