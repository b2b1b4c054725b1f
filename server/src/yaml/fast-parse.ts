// A fast reader for the YAML that Kubernetes manifests are made of: block mappings and sequences, one-line scalars
// (plain, single- and double-quoted without escapes), literal and simple folded block scalars, one-line flow
// collections, anchors and aliases. It builds the same nodes the `yaml` library's composer builds for such a
// document (same classes, values, types, ranges), straight from the text, without the library's token stream: about
// five times less work on a typical manifest. Anything outside that subset, and anything that would be an error,
// makes it decline (undefined), and the caller parses the document with the library as before. A differential test
// (test/yaml/fast-parse.test.ts) holds the two to the same result on every document it accepts. Comments are not
// kept (nothing in the analysis reads them; the edit check that does uses the library).
import { Alias, Document, Pair, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Node prototypes that carry the library's node type (a registered symbol the library's `isScalar`, `isMap`... read):
 * the library's constructors define it on each node with Object.defineProperty, a third of the cost of building a
 * parse. A node made from these is an instance of the library's class with the same own fields (the differential test
 * compares classes and fields, so a library update that changed this would fail it).
 */
/** A scalar made here: its range as numbers, and as the array the library's nodes hold once read. */
interface LazyRangeScalar extends Scalar {
  rangeStart: number;
  rangeValueEnd: number;
  rangeEnd: number;
  /** Added when the range is first read (an own field then, on the few scalars that have one). */
  rangeArray?: [number, number, number];
}

interface Protos {
  readonly Scalar: new (value: unknown, start: number, valueEnd: number, end: number, source: string, type: Scalar.Type) => Scalar;
  readonly Map: new () => YAMLMap;
  readonly Seq: new () => YAMLSeq;
  readonly Pair: new (key: Scalar, value: unknown) => Pair;
  /** The schema's tags a plain value is resolved by, in the schema's order (those with a test and `default: true`). */
  readonly valueTags: readonly Tag[];
  /** The same for a key, where `default: 'key'` tags (the merge key's) count too. */
  readonly keyTags: readonly Tag[];
  /** The string tag, for everything no other tag claims; undefined in a schema without one (then nothing is read). */
  readonly str: Tag | undefined;
  /** Resolved plain scalars (keys and values apart: keys also match the merge key's tag). */
  readonly keys: Map<string, Resolved>;
  readonly values: Map<string, Resolved>;
}
interface Resolved {
  readonly value: unknown;
  readonly format: string | undefined;
  /** The source text as first seen: every scalar written the same way shares this one string. */
  readonly source: string;
}
const NODE_TYPE = Symbol.for('yaml.node.type');
const protosBySchema = new WeakMap<Schema, Protos>();
function protosOf(schema: Schema): Protos {
  let p = protosBySchema.get(schema);
  if (!p) {
    const tags = (schema as unknown as { tags: Tag[] }).tags;
    const typed = (proto: object, type: string, extra: PropertyDescriptorMap = {}): object =>
      Object.create(proto, { [NODE_TYPE]: { value: Symbol.for(type) }, ...extra }) as object;
    // A collection's schema is an own, non-enumerable, writable field in the library; here it is found on the
    // prototype until something assigns one.
    const schemaField = { schema: { value: schema, configurable: true, enumerable: false, writable: true } };
    // Plain constructors (not classes: they skip the library's constructors) whose instances V8 sizes to their fields.
    // A scalar keeps its range as three numbers and makes the `range` array when it is first read: a parse holds
    // tens of thousands of scalars, and only the few a finding points at are ever asked for their range (the arrays
    // were a fifth of the server's heap on a 2,000-document file).
    function FastScalar(this: LazyRangeScalar, value: unknown, start: number, valueEnd: number, end: number, source: string, type: Scalar.Type): void {
      this.value = value;
      this.source = source;
      this.type = type;
      this.rangeStart = start;
      this.rangeValueEnd = valueEnd;
      this.rangeEnd = end;
    }
    function FastMap(this: YAMLMap): void {
      this.items = [];
    }
    function FastSeq(this: YAMLSeq): void {
      this.items = [];
    }
    function FastPair(this: Pair, key: Scalar, value: unknown): void {
      this.key = key;
      this.value = value;
    }
    FastScalar.prototype = typed(Scalar.prototype, 'yaml.scalar', {
      range: {
        get(this: LazyRangeScalar): [number, number, number] {
          return (this.rangeArray ??= [this.rangeStart, this.rangeValueEnd, this.rangeEnd]);
        },
        set(this: LazyRangeScalar, range: [number, number, number]) {
          this.rangeArray = range;
        },
        configurable: true,
        enumerable: false,
      },
    });
    FastMap.prototype = typed(YAMLMap.prototype, 'yaml.map', schemaField);
    FastSeq.prototype = typed(YAMLSeq.prototype, 'yaml.seq', schemaField);
    FastPair.prototype = typed(Pair.prototype, 'yaml.pair');
    p = {
      Scalar: FastScalar as unknown as Protos['Scalar'],
      Map: FastMap as unknown as Protos['Map'],
      Seq: FastSeq as unknown as Protos['Seq'],
      Pair: FastPair as unknown as Protos['Pair'],
      valueTags: tags.filter((t) => t.default === true && t.test),
      keyTags: tags.filter((t) => (t.default === true || t.default === 'key') && t.test),
      str: (schema as unknown as Record<symbol, Tag | undefined>)[Symbol.for('yaml.scalar')],
      keys: new Map(),
      values: new Map(),
    };
    protosBySchema.set(schema, p);
  }
  return p;
}

/**
 * Resolved plain scalars are kept by source text, for the words a manifest repeats (keys, `true`, small numbers): a
 * hit skips the schema's dozen regular expressions. Values that are objects (timestamps) are not kept. Bounded in
 * entries (the map is emptied when full) and in the length of a text.
 */
const RESOLVED_MAX = 4096;
const RESOLVED_KEY_MAX = 64;

/** Thrown to give up on the fast path; caught once, at the top. One instance: no stack is captured per throw. */
class Decline extends Error {}
const DECLINE = new Decline("outside the fast reader's subset");

type Tag = { default?: boolean | 'key'; test?: RegExp; resolve: (value: string, onError: (m: string) => void, options: object) => unknown; format?: string };
type Node = Scalar | YAMLMap | YAMLSeq | Alias;

const SPACE = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
/** Deepest nesting of collections read here; Kubernetes objects stay under 20. */
const MAX_DEPTH = 100;

/** Characters that may not start a plain scalar (YAML 1.2 c-indicator), except `-`, `?` and `:` before a non-space. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/**
 * True when `text`, written as a plain scalar value, reads back as that string: no tag of the schema (null, booleans,
 * numbers, timestamps in YAML 1.1) claims it.
 */
export function resolvesToString(text: string, schema: Schema): boolean {
  return !protosOf(schema).valueTags.some((t) => (t.test as RegExp).test(text));
}

/**
 * `comments`: when given, receives the text of every comment of the document (after its `#`), one per line, in order;
 * the caller that compares the comments of two texts must read both the same way (this reader or the library).
 */
export function fastParse(text: string, schema: Schema, options: Record<string, unknown>, comments?: string[]): Document.Parsed | undefined {
  // Outside the subset wholesale: tabs (indentation rules), lone CRs (the caller normalises them), BOMs and the
  // Unicode line separators.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 0xfeff || (c === CR && text.charCodeAt(i + 1) !== NL) || c === 0x85 || c === 0x2028 || c === 0x2029) return undefined;
  }
  try {
    const parser = new FastParser(text, schema, options, comments !== undefined);
    const doc = parser.document();
    if (comments) comments.push(...parser.comments());
    return doc;
  } catch {
    // Declined (DECLINE), or a bug here: either way the library reads the document, and no parse is lost.
    return undefined;
  }
}

class FastParser {
  private readonly str: Tag;
  private readonly anchors = new Set<string>();
  private readonly protos: Protos;

  /** Where each comment starts (its `#`), when asked for: lines are looked at more than once, so a set. */
  private readonly commentStarts: Set<number> | undefined;

  constructor(
    private readonly s: string,
    private readonly schema: Schema,
    private readonly options: Record<string, unknown>,
    withComments = false,
  ) {
    this.commentStarts = withComments ? new Set() : undefined;
    this.protos = protosOf(schema);
    if (!this.protos.str) throw DECLINE;
    this.str = this.protos.str;
  }

  document(): Document.Parsed {
    const s = this.s;
    let line = this.skipBlank(0);
    let docStart = false;
    let offset = 0;
    if (line < s.length && s.startsWith('---', line) && this.endsAt(line + 3, true)) {
      const after = this.skipSpaces(line + 3);
      if (!this.atEnd(after)) throw DECLINE;
      this.noteComment(after);
      offset = line;
      docStart = true;
      line = this.skipBlank(this.nextLine(line));
    }
    if (line >= s.length) throw DECLINE;
    const indent = this.indentAt(line);
    if (!docStart) offset = line;
    const contents = this.blockNode(line, indent, -1);
    // Nothing may follow the root collection but blank and comment lines.
    if (this.next < s.length) throw DECLINE;
    const doc = new Document(undefined, { ...this.options, schema: this.schema }) as Document.Parsed;
    if (docStart) doc.directives.docStart = true;
    doc.contents = contents as Document.Parsed['contents'];
    const contentEnd = endOf(contents, 0);
    doc.range = [offset, contentEnd, this.endsEmpty ? contentEnd : s.length];
    return doc;
  }

  /** Set by endOfEntry: the start of the next content line after a collection's entry, or the text's length. */
  private next = 0;
  /** Set by endOfEntry: where the entry's own text ended (blank and comment lines after it not included). */
  private lastEnd = 0;
  /** Set by endOfEntry: the largest indentation of the comment lines after the entry, -1 if none. */
  private lastCommentIndent = -1;
  /** Set when the document ends with an empty value. */
  private endsEmpty = false;

  /** Position after the end of the line holding `pos` (after its line break). */
  private nextLine(pos: number): number {
    const nl = this.s.indexOf('\n', pos);
    return nl < 0 ? this.s.length : nl + 1;
  }

  /** From a line start, skips blank and comment-only lines; returns the start of the next content line or the length. */
  private skipBlank(pos: number): number {
    const s = this.s;
    while (pos < s.length) {
      const p = this.skipSpaces(pos);
      if (!this.atEnd(p)) return pos;
      this.noteComment(p);
      pos = this.nextLine(pos);
    }
    return s.length;
  }

  /** Like skipBlank, and gives the largest indentation of the comment lines skipped (-1 if none). */
  private skipBlankNoting(pos: number): { pos: number; commentIndent: number } {
    const s = this.s;
    let commentIndent = -1;
    while (pos < s.length) {
      const p = this.skipSpaces(pos);
      if (!this.atEnd(p)) break;
      if (s.charCodeAt(p) === HASH) {
        commentIndent = Math.max(commentIndent, p - pos);
        this.noteComment(p);
      }
      pos = this.nextLine(pos);
    }
    return { pos: Math.min(pos, s.length), commentIndent };
  }

  private skipSpaces(pos: number): number {
    while (this.s.charCodeAt(pos) === SPACE) pos++;
    return pos;
  }

  private indentAt(lineStart: number): number {
    return this.skipSpaces(lineStart) - lineStart;
  }

  /** True at a line break, the end, or a comment (`#` here, after white space). */
  private atEnd(pos: number): boolean {
    const c = this.s.charCodeAt(pos);
    return pos >= this.s.length || c === NL || (c === CR && this.s.charCodeAt(pos + 1) === NL) || c === HASH;
  }

  /** True when `pos` is a line end or white space (`-`, `:` and `---` need one after them). */
  private endsAt(pos: number, orEnd: boolean): boolean {
    const c = this.s.charCodeAt(pos);
    return c === SPACE || (orEnd && (pos >= this.s.length || c === NL || (c === CR && this.s.charCodeAt(pos + 1) === NL)));
  }

  /** Position after trailing spaces, a comment and one line break: where a node that ends its line ends. */
  private lineTail(pos: number): number {
    const p = this.skipSpaces(pos);
    if (!this.atEnd(p)) throw DECLINE;
    this.noteComment(p);
    return this.nextLine(p);
  }

  /** Notes a comment starting at `pos`, if there is one and comments are asked for. */
  private noteComment(pos: number): void {
    if (this.commentStarts && this.s.charCodeAt(pos) === HASH) this.commentStarts.add(pos);
  }

  /** The comments noted, in order: each one's text after the `#`, to the end of its line. */
  comments(): string[] {
    const s = this.s;
    return [...(this.commentStarts ?? [])]
      .sort((a, b) => a - b)
      .map((p) => {
        let end = s.indexOf('\n', p);
        if (end < 0) end = s.length;
        if (s.charCodeAt(end - 1) === CR) end--;
        return s.slice(p + 1, end);
      });
  }

  private isSeqItem(pos: number): boolean {
    return this.s.charCodeAt(pos) === DASH && this.endsAt(pos + 1, true);
  }

  /**
   * A block collection whose first entry starts the line at `lineStart` (column `indent`), inside a parent indented
   * `parentIndent`.
   */
  private blockNode(lineStart: number, indent: number, parentIndent: number): YAMLMap | YAMLSeq {
    if (indent <= parentIndent) throw DECLINE;
    const at = lineStart + indent;
    return this.isSeqItem(at) ? this.blockSeq(at, indent) : this.blockMap(at, indent);
  }

  /** Nesting depth of the collections being read. */
  private depth = 0;

  /**
   * One level deeper. Past MAX_DEPTH the document goes to the library, which reports what nesting that deep does to
   * it (and this reader's recursion stays far from the stack's limit).
   */
  private deeper(): void {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
  }

  /**
   * Ends an entry of a collection at column `indent`: finds the next content line, which must not be more indented.
   * Comment lines in between are declined where the library would give them to a node's range: one indented deeper
   * than the collection (it extends the value before it), or one at the collection's column or deeper after its last
   * entry (it extends the collection; at column 0 it goes to what follows instead).
   */
  private endOfEntry(afterValue: number, indent: number): number {
    const { pos, commentIndent } = this.skipBlankNoting(afterValue);
    this.next = pos;
    this.lastEnd = afterValue;
    this.lastCommentIndent = commentIndent;
    if (commentIndent > indent) throw DECLINE;
    if (pos >= this.s.length) {
      if (commentIndent >= indent && indent > 0) throw DECLINE;
      return -1;
    }
    const ind = this.indentAt(pos);
    if (ind > indent) throw DECLINE;
    if (ind < indent && commentIndent >= indent && indent > 0) throw DECLINE;
    return ind;
  }

  private blockMap(start: number, indent: number): YAMLMap {
    this.deeper();
    const map = this.newMap();
    let pos = start;
    let offset = start;
    for (;;) {
      const key = this.key(pos);
      const { value, end } = this.value(key.after, indent, false);
      map.items.push(this.pair(key.node, value));
      offset = endOf(value, end);
      const ind = this.endOfEntry(end, indent);
      if (ind !== indent) break;
      pos = this.next + indent;
      // A sequence at the map's own column belongs to a key with no value on its line; here it is an error.
      if (this.isSeqItem(pos)) throw DECLINE;
    }
    map.items = trimmed(map.items);
    map.range = [start, offset, offset];
    this.depth--;
    return map;
  }

  private blockSeq(start: number, indent: number): YAMLSeq {
    this.deeper();
    const seq = this.newSeq();
    let pos = start;
    let offset = start;
    for (;;) {
      const { value, end } = this.seqItem(pos, indent);
      seq.items.push(value);
      offset = endOf(value, end);
      const ind = this.endOfEntry(end, indent);
      if (ind !== indent) break;
      pos = this.next + indent;
      // At the seq's column, anything else than `-` ends it (a seq that is a map value at the map's column); comment
      // lines at that column before it would extend the sequence's range.
      if (!this.isSeqItem(pos)) {
        if (this.lastCommentIndent >= indent && indent > 0) throw DECLINE;
        break;
      }
    }
    seq.items = trimmed(seq.items);
    seq.range = [start, offset, offset];
    this.depth--;
    return seq;
  }

  /** A mapping key at `pos` and the position after its `:`. */
  private key(pos: number): { node: Scalar; after: number } {
    const s = this.s;
    const c = s.charCodeAt(pos);
    if (c === 34 || c === 39) {
      const q = this.quoted(pos);
      if (s.charCodeAt(q.end) !== COLON || !this.endsAt(q.end + 1, true)) throw DECLINE;
      return { node: this.scalar(q.value, q.type, pos, q.end, q.end, true), after: q.end + 1 };
    }
    if (!this.plainStart(pos, false)) throw DECLINE;
    let i = pos;
    for (;;) {
      const k = s.charCodeAt(i);
      if (i >= s.length || k === NL || k === CR) throw DECLINE;
      if (k === COLON && this.endsAt(i + 1, true)) break;
      if (k === HASH && s.charCodeAt(i - 1) === SPACE) throw DECLINE;
      i++;
    }
    if (s.charCodeAt(i - 1) === SPACE) throw DECLINE;
    const source = s.slice(pos, i);
    if (source === '<<') throw DECLINE;
    return { node: this.scalar(source, Scalar.PLAIN, pos, i, i, true), after: i + 1 };
  }

  /** True when a plain scalar may start at `pos` (in flow context, flow indicators end it). */
  private plainStart(pos: number, flow: boolean): boolean {
    const s = this.s;
    const c = s.charCodeAt(pos);
    if (pos >= s.length || c === NL || c === CR || c === SPACE) return false;
    if (!INDICATORS.has(c)) return true;
    if (c === DASH || c === 63 /* ? */ || c === COLON) {
      const n = s.charCodeAt(pos + 1);
      if (pos + 1 >= s.length || n === SPACE || n === NL || n === CR) return false;
      return !(flow && (n === 44 || n === 91 || n === 93 || n === 123 || n === 125));
    }
    return false;
  }

  /** The item after a `-` at `pos`, for a sequence at column `indent`. */
  private seqItem(pos: number, indent: number): { value: Node; end: number } {
    const after = pos + 1;
    const p = this.skipSpaces(after);
    // `- - x` and `- ? x` are outside the subset.
    if (this.isSeqItem(p) || this.s.charCodeAt(p) === 63) throw DECLINE;
    return this.value(after, indent, true);
  }

  /**
   * A node after an indicator (`:` or `-`) at `pos`, on the same line or, when the line ends there, on the lines
   * below. `inSeq`: after `- `, where a `key: value` starts a compact mapping.
   */
  private value(pos: number, indent: number, inSeq: boolean): { value: Node; end: number } {
    const s = this.s;
    const p = this.skipSpaces(pos);
    let anchor: string | undefined;
    let q = p;
    if (s.charCodeAt(q) === 38 /* & */) {
      let e = q + 1;
      while (e < s.length && !this.endsAt(e, true) && !isFlowIndicator(s.charCodeAt(e))) e++;
      anchor = s.slice(q + 1, e);
      if (anchor === '' || !this.endsAt(e, true)) throw DECLINE;
      q = this.skipSpaces(e);
    }
    if (this.atEnd(q)) {
      this.noteComment(q);
      // Nothing more on this line: a collection on the lines below, or an empty value.
      const lineEnd = this.nextLine(q);
      const next = this.skipBlank(lineEnd);
      if (next < s.length) {
        const ind = this.indentAt(next);
        const first = next + ind;
        if (ind > indent || (!inSeq && ind === indent && this.isSeqItem(first))) {
          // A comment on the indicator's line becomes the node's comment; ranges stay the same.
          const node = this.blockNode(next, ind, inSeq || !this.isSeqItem(first) ? indent : indent - 1);
          return { value: this.anchored(node, anchor), end: this.lastEnd };
        }
      }
      if (anchor !== undefined || inSeq) throw DECLINE;
      // Comment and space-only lines after an empty value are shared out by rules not modelled here.
      const after = this.skipBlankNoting(lineEnd);
      if (after.commentIndent >= 0) throw DECLINE;
      // A comment on the value's line takes the value's range to the end of the blank lines after it.
      if (s.charCodeAt(q) === HASH && after.pos !== lineEnd) throw DECLINE;
      // The document's range ends with an empty value that ends it, not with the line breaks after it.
      if (after.pos >= s.length) this.endsEmpty = true;
      // An empty value: a null scalar where the spaces after the indicator end. A comment there is in its range, which
      // then goes on to the next line's first character (past its indentation), as in the library.
      const end = s.charCodeAt(q) === HASH ? (lineEnd < s.length ? lineEnd + this.indentAt(lineEnd) : lineEnd) : q;
      const node = this.scalar('', Scalar.PLAIN, q, q, end, false);
      return { value: node, end: lineEnd };
    }
    const c = s.charCodeAt(q);
    if (c === 42 /* * */) {
      if (anchor !== undefined) throw DECLINE;
      let e = q + 1;
      while (e < s.length && !this.endsAt(e, true) && !isFlowIndicator(s.charCodeAt(e))) e++;
      const name = s.slice(q + 1, e);
      if (name === '' || name.endsWith(':') || !this.anchors.has(name)) throw DECLINE;
      const end = this.lineTail(e);
      this.noContinuation(end, indent);
      const alias = new Alias(name);
      alias.range = [q, e, end];
      return { value: alias, end };
    }
    let node: Node;
    let end: number;
    if (c === 91 /* [ */ || c === 123 /* { */) {
      const flow = this.flowCollection(q);
      end = this.lineTail(flow.end);
      node = flow.node;
      (node.range as [number, number, number])[2] = end;
      this.noContinuation(end, indent);
    } else if (c === 124 /* | */ || c === 62 /* > */) {
      const block = this.blockScalar(q, indent);
      node = block.node;
      end = block.end;
    } else if (c === 34 || c === 39) {
      const qs = this.quoted(q);
      if (s.charCodeAt(this.skipSpaces(qs.end)) === COLON) throw DECLINE;
      end = this.lineTail(qs.end);
      node = this.scalar(qs.value, qs.type, q, qs.end, end, false);
      this.noContinuation(end, indent);
    } else {
      if (!this.plainStart(q, false)) throw DECLINE;
      // A plain scalar to the end of the line or a comment; `key: value` after `- ` is a compact mapping.
      let i = q;
      let last = q;
      for (;;) {
        const k = s.charCodeAt(i);
        if (i >= s.length || k === NL || (k === CR && s.charCodeAt(i + 1) === NL)) break;
        if (k === HASH && s.charCodeAt(i - 1) === SPACE) break;
        if (k === COLON && this.endsAt(i + 1, true)) {
          if (!inSeq || anchor !== undefined) throw DECLINE;
          const map = this.blockMap(q, q - this.lineStartOf(q));
          return { value: map, end: this.lastEnd };
        }
        if (k !== SPACE) last = i + 1;
        i++;
      }
      end = this.lineTail(last);
      node = this.scalar(s.slice(q, last), Scalar.PLAIN, q, last, end, false);
      this.noContinuation(end, indent);
    }
    return { value: this.anchored(node, anchor), end };
  }

  private lineStartOf(pos: number): number {
    return this.s.lastIndexOf('\n', pos - 1) + 1;
  }

  /** A scalar or flow node that ends its line must not be continued by a more indented line (a multi-line scalar). */
  private noContinuation(end: number, indent: number): void {
    const next = this.skipBlank(end);
    if (next < this.s.length && this.indentAt(next) > indent) throw DECLINE;
  }

  private newMap(): YAMLMap {
    return new this.protos.Map();
  }

  private newSeq(): YAMLSeq {
    return new this.protos.Seq();
  }

  private pair(key: Scalar, value: Node): Pair {
    return new this.protos.Pair(key, value);
  }

  private anchored<T extends Node>(node: T, anchor: string | undefined): T {
    if (anchor !== undefined) {
      (node as { anchor?: string }).anchor = anchor;
      this.anchors.add(anchor);
    }
    return node;
  }

  private scalar(source: string, type: Scalar.Type, start: number, valueEnd: number, end: number, atKey: boolean): Scalar {
    let value: unknown;
    let format: string | undefined;
    if (type === Scalar.PLAIN) {
      const resolved = this.plain(source, atKey);
      value = resolved.value;
      format = resolved.format;
      // The kept copy of the text, so that the parse of a file holds one string per distinct word, not per use.
      source = resolved.source;
    } else {
      value = this.str.resolve(source, () => undefined, this.options);
    }
    // A tag may build the node itself (floats keep their fraction digits on it).
    let node: Scalar;
    if (value instanceof Scalar) {
      node = value;
      node.range = [start, valueEnd, end];
      node.source = source;
      node.type = type;
    } else node = new this.protos.Scalar(value, start, valueEnd, end, source, type);
    if (format) node.format = format;
    return node;
  }

  /** A plain scalar's value, as the library resolves it: the first of the schema's tags whose test matches. */
  private plain(source: string, atKey: boolean): Resolved {
    const cache = atKey ? this.protos.keys : this.protos.values;
    const known = cache.get(source);
    if (known) return known;
    let tag: Tag = this.str;
    for (const t of atKey ? this.protos.keyTags : this.protos.valueTags) {
      if ((t.test as RegExp).test(source)) {
        tag = t;
        break;
      }
    }
    let failed = false;
    const value = tag.resolve(source, () => (failed = true), this.options);
    // A tag that warns is left to the library.
    if (failed) throw DECLINE;
    const resolved: Resolved = { value, format: tag.format, source };
    if ((typeof value !== 'object' || value === null) && source.length <= RESOLVED_KEY_MAX) {
      if (cache.size >= RESOLVED_MAX) cache.clear();
      cache.set(source, resolved);
    }
    return resolved;
  }

  /** A quoted scalar on one line (no escapes: backslashes were declined up front). */
  private quoted(pos: number): { value: string; type: Scalar.Type; end: number } {
    const s = this.s;
    const q = s.charCodeAt(pos);
    let i = pos + 1;
    let value = '';
    let from = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (i >= s.length || c === NL || c === CR || (c === 92 && q === 34)) throw DECLINE;
      if (c === q) {
        if (q === 39 && s.charCodeAt(i + 1) === 39) {
          value += s.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        break;
      }
      i++;
    }
    value += s.slice(from, i);
    return { value, type: q === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, end: i + 1 };
  }

  /** A flow collection that closes on the line it opens. */
  private flowCollection(pos: number): { node: YAMLMap | YAMLSeq; end: number } {
    const s = this.s;
    this.deeper();
    const isMap = s.charCodeAt(pos) === 123;
    const close = isMap ? 125 : 93;
    const node = isMap ? this.newMap() : this.newSeq();
    node.flow = true;
    let i = this.skipSpaces(pos + 1);
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === close) break;
      if (isMap) {
        const key = this.flowScalar(i, true);
        if (s.charCodeAt(key.end) !== COLON || !this.endsAt(key.end + 1, false)) throw DECLINE;
        const v = this.flowItem(this.skipSpaces(key.end + 1));
        (node as YAMLMap).items.push(this.pair(key.node, v.node));
        i = v.end;
      } else {
        const v = this.flowItem(i);
        (node as YAMLSeq).items.push(v.node);
        i = v.end;
      }
      const d = s.charCodeAt(i);
      if (d === 44 /* , */) {
        i = this.skipSpaces(i + 1);
        continue;
      }
      if (d !== close) throw DECLINE;
    }
    node.items = trimmed(node.items);
    node.range = [pos, i + 1, i + 1];
    this.depth--;
    return { node, end: i + 1 };
  }

  /** An item of a flow collection at `pos`; `end` is after the spaces that follow it. */
  private flowItem(pos: number): { node: Node; end: number } {
    const c = this.s.charCodeAt(pos);
    if (c === 91 || c === 123) {
      const f = this.flowCollection(pos);
      // Like a scalar's, a nested collection's range takes in the spaces after it.
      const end = this.skipSpaces(f.end);
      (f.node.range as [number, number, number])[2] = end;
      return { node: f.node, end };
    }
    const v = this.flowScalar(pos, false);
    // A `key: value` inside a flow sequence is a one-pair mapping: outside the subset.
    if (this.s.charCodeAt(v.end) === COLON) throw DECLINE;
    return v;
  }

  /** A scalar inside a flow collection; `end` is after trailing spaces (which plain scalars' ranges include). */
  private flowScalar(pos: number, atKey: boolean): { node: Scalar; end: number } {
    const s = this.s;
    const c = s.charCodeAt(pos);
    if (c === 34 || c === 39) {
      const q = this.quoted(pos);
      const end = this.skipSpaces(q.end);
      // A key's range stops at its closing quote, a value's takes in the spaces after it.
      if (atKey && end !== q.end) throw DECLINE;
      return { node: this.scalar(q.value, q.type, pos, q.end, end, atKey), end };
    }
    if (c === 42 || c === 38 || !this.plainStart(pos, true)) throw DECLINE;
    let i = pos;
    let last = pos;
    for (;;) {
      const k = s.charCodeAt(i);
      if (i >= s.length || k === NL || k === CR) throw DECLINE;
      if (k === 44 || k === 91 || k === 93 || k === 123 || k === 125) break;
      if (k === COLON) {
        const n = s.charCodeAt(i + 1);
        if (n === SPACE || n === 44 || n === 93 || n === 125) break;
        throw DECLINE;
      }
      if (k === HASH && s.charCodeAt(i - 1) === SPACE) throw DECLINE;
      if (k !== SPACE) last = i + 1;
      i++;
    }
    if (last === pos) throw DECLINE;
    return { node: this.scalar(s.slice(pos, last), Scalar.PLAIN, pos, last, i, atKey), end: i };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator is at `pos`, for a parent at column `indent`.
   * Folded scalars only when every line has the same indentation and none is empty (folding rules otherwise).
   */
  private blockScalar(pos: number, indent: number): { node: Scalar; end: number } {
    const s = this.s;
    const literal = s.charCodeAt(pos) === 124;
    let i = pos + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const h = s.charCodeAt(i);
    if (h === DASH) chomp = 'strip';
    else if (h === 43 /* + */) chomp = 'keep';
    if (chomp !== 'clip') i++;
    // Explicit indentation indicators are outside the subset.
    if (!this.endsAt(i, true) && !this.atEnd(i)) throw DECLINE;
    const headerEnd = this.lineTail(i);
    const lines: string[] = [];
    let blockIndent = -1;
    let p = headerEnd;
    let contentEnd = headerEnd;
    let trailingEmpty = 0;
    while (p < s.length) {
      const ind = this.indentAt(p);
      const q = p + ind;
      const lineEnd = s.indexOf('\n', q);
      const eol = lineEnd < 0 ? s.length : lineEnd;
      const textEnd = s.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
      const after = lineEnd < 0 ? s.length : lineEnd + 1;
      if (q >= textEnd) {
        // An empty line (spaces only): part of the scalar if more content follows; must not be over-indented first.
        if (blockIndent < 0 && ind > indent + 1) throw DECLINE;
        if (blockIndent >= 0 && ind > blockIndent) throw DECLINE;
        lines.push('');
        trailingEmpty++;
        p = after;
        continue;
      }
      if (blockIndent < 0) {
        if (ind <= indent) break;
        blockIndent = ind;
      }
      if (ind < blockIndent) break;
      if (!literal && ind !== blockIndent) throw DECLINE;
      lines.push(s.slice(p + blockIndent, textEnd));
      trailingEmpty = 0;
      contentEnd = after;
      p = after;
    }
    if (blockIndent < 0) throw DECLINE;
    // Empty lines after the content belong to the next node's leading space unless kept.
    const content = lines.slice(0, lines.length - trailingEmpty);
    if (trailingEmpty > 0 && chomp === 'keep') throw DECLINE;
    if (!literal && content.some((l) => l === '')) throw DECLINE;
    let value = literal ? content.join('\n') : content.join(' ');
    if (chomp !== 'strip' && contentEnd > headerEnd && s.charCodeAt(contentEnd - 1) === NL) value += '\n';
    else if (chomp !== 'strip' && contentEnd === s.length && s.charCodeAt(contentEnd - 1) !== NL) throw DECLINE;
    const node = this.scalar(value, literal ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED, pos, contentEnd, contentEnd, false);
    return { node, end: contentEnd };
  }
}

/** Where a node's range ends, without making a scalar's range array; `fallback` for a node without a range. */
function endOf(node: Node, fallback: number): number {
  const lazy = node as Partial<LazyRangeScalar>;
  if (lazy.rangeArray === undefined && lazy.rangeEnd !== undefined) return lazy.rangeEnd;
  return node.range ? node.range[2] : fallback;
}

/**
 * The items in an array of their own size: an array grown by push keeps room for 16 or more, and the parse of a
 * manifest is mostly mappings of two or three keys, kept for as long as the file is open.
 */
function trimmed<T>(items: T[]): T[] {
  return items.length < 16 ? items.slice() : items;
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
