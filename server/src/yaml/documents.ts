// Splits a YAML file into its documents and parses each one on its own, so that an edit re-parses only the
// document it touched. Never throws: parse problems become `ParseProblem`s.
import { fastParse, resolvesToString as plainIsString } from './fast-parse';
import {
  Composer,
  CST,
  Document,
  Node,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  parseDocument,
  Parser,
  Schema,
  YAMLError,
  YAMLParseError,
} from 'yaml';

/** One YAML document of a file: its text, where it starts in the file, and its parse. */
export interface Chunk {
  /** Offset of the chunk's first character in the whole file. */
  readonly start: number;
  readonly text: string;
  /** The document's parse, computed on first read: an analysis out of time leaves the documents it did not reach unparsed. */
  readonly parsed: ParsedChunk;
  /** True once `parsed` has been computed (reading it is free then). */
  readonly isParsed: boolean;
  /**
   * Parses until done or until `deadline` (a `Date.now()` value), whichever comes first; undefined when time ran out.
   * The work done is kept: the next call (the next analysis) goes on from there, so no document, however large,
   * holds the server for longer than one time budget.
   */
  parseUntil(deadline: number): ParsedChunk | undefined;
}

export interface ParsedChunk {
  /** The document's text as written (before template masking). */
  readonly text: string;
  readonly doc: Document.Parsed;
  /** Parser errors that make the document's structure unreliable. */
  readonly fatal: readonly ParseProblem[];
  /** Problems worth reporting that leave the structure intact (duplicate keys). */
  readonly minor: readonly ParseProblem[];
  /** Offsets (chunk-local) of Helm/Go template expressions that were masked before parsing. */
  readonly templateSpans: readonly (readonly [number, number])[];
  /** Each alias and the node its anchor names (the last one defined before it); empty without aliases. */
  readonly aliasTargets: ReadonlyMap<Node, Node>;
  /**
   * The document's comments (text after `#`, one per line), when they were asked for and the fast reader read it; the
   * library's parse carries them on its nodes instead.
   */
  readonly comments?: readonly string[];
}

export interface ParseProblem {
  readonly start: number;
  readonly end: number;
  readonly code: string;
  readonly message: string;
}

const DOC_START = /^---(?:[ \t]|$)/;
const DOC_END = /^\.\.\.(?:[ \t]|$)/;

/**
 * Cuts `text` at its document markers. A `---` line or a directive starts a new document unless the current one
 * holds only comments, blank lines and directives, so that leading comments belong to the document below them,
 * as they do for the YAML parser. A `...` line ends the document it closes.
 */
export function splitDocuments(text: string): { start: number; text: string }[] {
  const chunks: { start: number; text: string }[] = [];
  let chunkStart = 0;
  let hasContent = false;
  let hasMarker = false;
  let splitBeforeNext = false;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    const next = eol < 0 ? text.length : eol + 1;
    if (eol < 0) eol = text.length;
    const line = text.charCodeAt(eol - 1) === 13 ? text.slice(pos, eol - 1) : text.slice(pos, eol);
    const first = line.charCodeAt(0);
    if (splitBeforeNext) {
      if (pos > chunkStart) chunks.push({ start: chunkStart, text: text.slice(chunkStart, pos) });
      chunkStart = pos;
      hasContent = hasMarker = splitBeforeNext = false;
    }
    if (first === 45 /* - */ && DOC_START.test(line)) {
      if ((hasContent || hasMarker) && pos > chunkStart) {
        chunks.push({ start: chunkStart, text: text.slice(chunkStart, pos) });
        chunkStart = pos;
        hasContent = false;
      }
      hasMarker = true;
      // Content after the marker (`--- {a: 1}`) belongs to this document.
      if (line.slice(3).trim() !== '' && !line.slice(3).trim().startsWith('#')) hasContent = true;
    } else if (first === 46 /* . */ && DOC_END.test(line)) {
      splitBeforeNext = true;
    } else if (first === 37 /* % */) {
      if ((hasContent || hasMarker) && pos > chunkStart) {
        chunks.push({ start: chunkStart, text: text.slice(chunkStart, pos) });
        chunkStart = pos;
        hasContent = hasMarker = false;
      }
    } else if (!hasContent && !isBlankOrComment(line)) {
      hasContent = true;
    }
    pos = next;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, text: text.slice(chunkStart) });
  return chunks;
}

function isBlankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35; /* # */
  }
  return true;
}

/**
 * Replaces Go template expressions (`{{ ... }}`) with text of the same length so that offsets stay exact: a line
 * that holds nothing but template actions becomes blank; an expression inside a value becomes a filler scalar.
 * Linear in the text: 50,000 expressions on one line cost one pass, not one pass each.
 */
export function maskTemplates(text: string): { masked: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  if (!text.includes('{{')) return { masked: text, spans };
  let i = text.indexOf('{{');
  while (i >= 0) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    spans.push([i, end]);
    i = close < 0 ? -1 : text.indexOf('{{', end);
  }
  // blankAfter[k]: the rest of the line where span k ends holds nothing but blanks and other spans. Computed from
  // the last span back, so each character is looked at once.
  const blankAfter: boolean[] = new Array<boolean>(spans.length).fill(false);
  for (let k = spans.length - 1; k >= 0; k--) {
    const e = spans[k][1];
    let lineEnd = text.indexOf('\n', e);
    if (lineEnd < 0) lineEnd = text.length;
    const next = spans[k + 1];
    const segmentEnd = next && next[0] < lineEnd ? next[0] : lineEnd;
    let blank = isBlank(text, e, segmentEnd);
    // A next span on the same line: its own rest decides, unless it runs past this line's end (then nothing is left).
    if (blank && next && next[0] < lineEnd && next[1] < lineEnd) blank = blankAfter[k + 1];
    blankAfter[k] = blank;
  }
  const out = text.split('');
  // One forward scan keeps the start of the current line and the last non-blank character before each span.
  let pos = 0;
  let lineStart = 0;
  let lastNonBlank = -1;
  spans.forEach(([s, e], k) => {
    for (; pos < s; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10) lineStart = pos + 1;
      else if (!isBlankCode(c)) lastNonBlank = pos;
    }
    const alone = lastNonBlank < lineStart && blankAfter[k] === true;
    for (let j = s; j < e; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) continue;
      out[j] = alone ? ' ' : 'x';
    }
  });
  return { masked: out.join(''), spans };
}

/** True for white space as String.prototype.trim() removes it. */
function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isBlankCode(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Parses one document with the settings Kubernetes' own YAML decoder implies (YAML 1.1, merge keys). `comments`: the
 * document's comments are wanted: from the fast reader as `comments`, or on the library's nodes. `library`: the
 * library reads it (for a caller comparing with another parse the library made).
 */
export function parseChunk(text: string, { comments = false, library = false } = {}): ParsedChunk {
  return new ParseJob(text, !library, comments).run(Infinity) as ParsedChunk;
}

/**
 * Documents up to this size are first offered to the fast reader, which parses in one piece (about 5 ms for the
 * largest); a larger one goes through the library in steps, so that no parse holds the server past its time budget.
 */
const FAST_PARSE_MAX_CHARS = 256 * 1024;

/**
 * One document's parse, done in steps: the same lexer, parser and composer `parseDocument` chains, driven token by
 * token so that it can stop at a deadline and go on later.
 */
class ParseJob {
  private readonly masked: string;
  private readonly spans: [number, number][];
  /** The library's lexer, parser and composer, made when the fast reader declines the document. */
  private library: { readonly lexemes: Generator<string, void>; readonly parser: Parser; readonly composer: Composer } | undefined;
  /** The fast reader is asked once: a parse the library goes on with across deadlines does not ask it again. */
  private fastTried: boolean;
  private lexed = false;
  private doc: Document.Parsed | undefined;
  private result: ParsedChunk | undefined;

  constructor(
    private readonly text: string,
    fast = true,
    private readonly withComments = false,
  ) {
    const { masked: templatesMasked, spans } = maskTemplates(text);
    // Line breaks that are a lone CR (classic Mac files) are line breaks to YAML; the parser reads them as content
    // otherwise. Same length, so offsets stay exact.
    this.masked = hasLoneCr(templatesMasked) ? templatesMasked.replace(/\r(?!\n)/g, '\n') : templatesMasked;
    this.spans = spans;
    this.fastTried = !fast;
  }

  /** The parse, or undefined when the deadline came first (call again to go on). */
  run(deadline: number): ParsedChunk | undefined {
    if (this.result) return this.result;
    if (!this.fastTried && this.masked.length <= FAST_PARSE_MAX_CHARS) {
      this.fastTried = true;
      const comments = this.withComments ? [] : undefined;
      const doc = fastParse(this.masked, sharedSchema(), PARSE_OPTIONS, comments);
      if (doc) {
        const parsed = finishParse(this.text, this.masked, doc, this.spans);
        this.result = comments ? { ...parsed, comments } : parsed;
        return this.result;
      }
    }
    // uniqueKeys off: the parser compares each key with every earlier key of its mapping (quadratic: 11 s per
    // keystroke on a 40,000-key ConfigMap); duplicateKeys() below does the same check with a set.
    const library = (this.library ??= {
      lexemes: new Lexer().lex(this.masked, false),
      parser: new Parser(),
      composer: new Composer({ ...PARSE_OPTIONS, schema: sharedSchema() }),
    });
    try {
      // What Parser.parse does, one lexeme at a time: the parse of even one huge document can stop and go on. Only
      // composing a finished document into nodes is done in one piece.
      for (let n = 1; !this.lexed; n++) {
        const next = library.lexemes.next();
        if (next.done) {
          this.lexed = true;
          this.compose(library.composer, library.parser.end());
          break;
        }
        this.compose(library.composer, library.parser.next(next.value));
        if (this.result) return this.result;
        // Checking the clock every thousand lexemes costs nothing next to the parse.
        if ((n & 1023) === 0 && Date.now() > deadline) return undefined;
      }
      for (const d of library.composer.end(true, this.masked.length)) this.take(d);
    } catch (e) {
      // The parser is not expected to throw; if it does, treat the document as unparseable rather than crash.
      const message = e instanceof RangeError ? TOO_DEEP : e instanceof Error ? e.message : String(e);
      this.result = {
        text: this.text,
        doc: parseDocument('', { version: '1.1' }),
        fatal: [{ start: 0, end: Math.min(this.text.length, 1), code: 'IMPOSSIBLE', message }],
        minor: [],
        templateSpans: this.spans,
        aliasTargets: NO_ALIASES,
      };
      return this.result;
    }
    this.result = finishParse(this.text, this.masked, this.doc as Document.Parsed, this.spans);
    return this.result;
  }

  private compose(composer: Composer, tokens: Generator<CST.Token, void>): void {
    for (const token of tokens) for (const d of composer.next(token)) this.take(d);
  }

  /** As `parseDocument`: the first document is the parse; a second one is an error and ends it. */
  private take(d: Document.Parsed): void {
    if (!this.doc) {
      this.doc = d;
      return;
    }
    this.doc.errors.push(
      new YAMLParseError(d.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
    );
    this.result = finishParse(this.text, this.masked, this.doc, this.spans);
  }
}

function finishParse(text: string, masked: string, doc: Document.Parsed, spans: [number, number][]): ParsedChunk {
  const fatal: ParseProblem[] = [];
  const minor: ParseProblem[] = [];
  for (const err of doc.errors) fatal.push(toProblem(err, masked.length));
  let aliasTargets: ReadonlyMap<Node, Node> = NO_ALIASES;
  try {
    aliasTargets = structureProblems(doc, masked, fatal, minor);
  } catch (e) {
    // A walk this deep overflowed the stack: the document is unreadable for the rules too.
    fatal.push({ start: 0, end: Math.min(text.length, 1), code: 'IMPOSSIBLE', message: e instanceof RangeError ? TOO_DEEP : String(e) });
  }
  return { text, doc, fatal, minor, templateSpans: spans, aliasTargets };
}

const NO_ALIASES: ReadonlyMap<Node, Node> = new Map();

const PARSE_OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;
let schema: Schema | undefined;

/**
 * One YAML 1.1 schema for every document: the parser only reads it, and building one per document was a large part
 * of the cost of a file of thousands of tiny documents.
 */
function sharedSchema(): Schema {
  schema ??= parseDocument('', PARSE_OPTIONS).schema;
  return schema;
}

/**
 * True when `text`, written as a plain scalar, reads back as that string: no tag of the YAML 1.1 schema (null,
 * booleans, numbers, timestamps) claims it. Only the scalar's resolution is judged: the caller keeps to characters
 * that cannot start or end anything else.
 */
export function resolvesToString(text: string): boolean {
  return plainIsString(text, sharedSchema());
}

const TOO_DEEP = 'the document is nested too deeply to be read (more than about a thousand levels)';

function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

/**
 * One walk over the parsed nodes (aliases not followed) for what the parser does not report cheaply: duplicate keys
 * in a mapping (minor: the structure is intact; found with a set per mapping) and aliases to an anchor that is not
 * defined before them (fatal: Kubernetes' decoder rejects the document with "unknown anchor"). Returns the node each
 * alias stands for, which reads of the document follow.
 */
function structureProblems(doc: Document.Parsed, text: string, fatal: ParseProblem[], minor: ParseProblem[]): ReadonlyMap<Node, Node> {
  const contents = doc.contents;
  if (!contents) return NO_ALIASES;
  const anchors = new Map<string, Node>();
  let targets: Map<Node, Node> | undefined;
  // Depth first in document order (an alias may only name an anchor defined before it), with an explicit stack: no
  // recursion to overflow, and far cheaper than the library's generic visitor on every document of a file.
  const stack: unknown[] = [contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) (targets ??= new Map()).set(node, target);
      else if (node.range) {
        fatal.push({
          start: node.range[0],
          end: Math.max(node.range[1], node.range[0] + 1),
          code: 'UNKNOWN_ANCHOR',
          message: `unknown anchor '${node.source}' referenced`,
        });
      }
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isNode(node)) continue;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        // A key's range is read only for a duplicate: the fast reader makes it on first read.
        if (seen.has(key.value)) {
          if (!key.range) continue;
          const [start, end] = key.range;
          minor.push({ start, end: Math.min(Math.max(end, start + 1), text.length), code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
        } else seen.add(key.value);
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets ?? NO_ALIASES;
}

function toProblem(err: YAMLError, length: number): ParseProblem {
  const start = Math.max(0, Math.min(err.pos[0], length));
  const end = Math.max(start, Math.min(err.pos[1], length));
  // The parser turns a stack overflow on deep nesting into an error of its own: say what it means.
  const message = /Maximum call stack size exceeded/.test(err.message) ? TOO_DEEP : (err.message.split('\n')[0] ?? err.message);
  return { start, end, code: err.code, message };
}

/**
 * Keeps the parsed documents of one file between edits. Documents whose text did not change are reused as they
 * are, so a keystroke costs one document's parse. The caller owns one cache per open file.
 */
export class ChunkCache {
  private byText = new Map<string, ParsedChunk>();
  /** Documents whose parse an analysis started but ran out of time for, by text: the next one goes on with them. */
  private pending = new Map<string, ParseJob>();
  /** The text last split and its documents. */
  private last: { readonly text: string; readonly chunks: Chunk[] } | undefined;

  parse(text: string): Chunk[] {
    // Code actions, hovers and the lifecycle ask again for the text just analysed: the split is not redone.
    if (this.last && this.last.text === text) return this.last.chunks;
    const next = new Map<string, ParsedChunk>();
    // Documents of the previous text that are read (parsed) only after this call are still found there.
    const previous = this.byText;
    // Parses cut short are kept only for documents the new text still has.
    const pending = new Map<string, ParseJob>();
    // Lone CRs are line breaks: document markers after them must split the file too (same length, same offsets).
    const lines = hasLoneCr(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
    const chunks = splitDocuments(lines).map(({ start, text: chunkText }) => {
      const known = next.get(chunkText) ?? this.byText.get(chunkText);
      if (known) next.set(chunkText, known);
      const job = known ? undefined : this.pending.get(chunkText);
      if (job) pending.set(chunkText, job);
      return new LazyChunk(start, chunkText, next, previous, pending, known);
    });
    this.byText = next;
    this.pending = pending;
    this.last = { text, chunks };
    return chunks;
  }
}

/**
 * The same text in a string of its own. A document's text is a slice of the whole file's, and V8 keeps a slice's
 * parent alive: every parse kept across edits (and every scalar sliced out of it) would hold on to the whole text of
 * the file as it was when that document was parsed, one copy per edit (2 MB per keystroke on a 2,000-document file).
 * A UTF-16 round trip is exact for any string, lone surrogates included.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

const NO_PARSES: ReadonlyMap<string, ParsedChunk> = new Map();

/** A document whose parse is computed when first read, and then kept in its cache's map for the next edit. */
class LazyChunk implements Chunk {
  constructor(
    readonly start: number,
    readonly text: string,
    private readonly store: Map<string, ParsedChunk>,
    /** The previous text's parses, until this document is parsed: they keep that whole text alive (its slices). */
    private previous: ReadonlyMap<string, ParsedChunk>,
    private readonly pending: Map<string, ParseJob>,
    private value: ParsedChunk | undefined,
  ) {
    if (value) this.previous = NO_PARSES;
  }

  get isParsed(): boolean {
    return this.value !== undefined;
  }

  get parsed(): ParsedChunk {
    return this.parseUntil(Infinity) as ParsedChunk;
  }

  parseUntil(deadline: number): ParsedChunk | undefined {
    if (this.value) return this.value;
    const known = this.store.get(this.text) ?? this.previous.get(this.text);
    if (known) {
      this.value = known;
    } else {
      const job = this.pending.get(this.text) ?? new ParseJob(ownCopy(this.text));
      const result = job.run(deadline);
      if (!result) {
        this.pending.set(this.text, job);
        return undefined;
      }
      this.pending.delete(this.text);
      this.value = result;
    }
    this.store.set(this.text, this.value);
    this.previous = NO_PARSES;
    return this.value;
  }
}
