// Splits a YAML file into its documents and parses each one on its own, so that an edit re-parses only the
// document it touched. Never throws: parse problems become `ParseProblem`s.
import { Document, parseDocument, YAMLError } from 'yaml';

/** One YAML document of a file: its text, where it starts in the file, and its parse. */
export interface Chunk {
  /** Offset of the chunk's first character in the whole file. */
  readonly start: number;
  readonly text: string;
  readonly parsed: ParsedChunk;
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
 */
export function maskTemplates(text: string): { masked: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  if (!text.includes('{{')) return { masked: text, spans };
  const out = text.split('');
  let i = text.indexOf('{{');
  while (i >= 0) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    spans.push([i, end]);
    i = close < 0 ? -1 : text.indexOf('{{', end);
  }
  for (const [s, e] of spans) {
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    let lineEnd = text.indexOf('\n', e);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, s);
    const after = stripSpans(text, e, lineEnd, spans);
    const alone = before.trim() === '' && after.trim() === '';
    for (let k = s; k < e; k++) {
      const c = text[k];
      if (c === '\n' || c === '\r') continue;
      out[k] = alone ? ' ' : 'x';
    }
  }
  return { masked: out.join(''), spans };
}

/** The text between `from` and `to` with every template span removed. */
function stripSpans(text: string, from: number, to: number, spans: [number, number][]): string {
  let result = '';
  let k = from;
  for (const [s, e] of spans) {
    if (e <= k || s >= to) continue;
    if (s > k) result += text.slice(k, s);
    k = Math.max(k, e);
  }
  if (k < to) result += text.slice(k, to);
  return result;
}

/** Parses one document with the settings Kubernetes' own YAML decoder implies (YAML 1.1, merge keys). */
export function parseChunk(text: string): ParsedChunk {
  const { masked, spans } = maskTemplates(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(masked, { version: '1.1', merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (e) {
    // The parser is not expected to throw; if it does, treat the document as unparseable rather than crash.
    doc = parseDocument('', { version: '1.1' });
    const message = e instanceof Error ? e.message : String(e);
    return { text, doc, fatal: [{ start: 0, end: Math.min(text.length, 1), code: 'IMPOSSIBLE', message }], minor: [], templateSpans: spans };
  }
  const fatal: ParseProblem[] = [];
  const minor: ParseProblem[] = [];
  for (const err of doc.errors) {
    const problem = toProblem(err, masked.length);
    if (err.code === 'DUPLICATE_KEY') minor.push(problem);
    else fatal.push(problem);
  }
  return { text, doc, fatal, minor, templateSpans: spans };
}

function toProblem(err: YAMLError, length: number): ParseProblem {
  const start = Math.max(0, Math.min(err.pos[0], length));
  const end = Math.max(start, Math.min(err.pos[1], length));
  const message = err.message.split('\n')[0] ?? err.message;
  return { start, end, code: err.code, message };
}

/**
 * Keeps the parsed documents of one file between edits. Documents whose text did not change are reused as they
 * are, so a keystroke costs one document's parse. The caller owns one cache per open file.
 */
export class ChunkCache {
  private byText = new Map<string, ParsedChunk>();

  parse(text: string): Chunk[] {
    const next = new Map<string, ParsedChunk>();
    const chunks = splitDocuments(text).map(({ start, text: chunkText }) => {
      const parsed = next.get(chunkText) ?? this.byText.get(chunkText) ?? parseChunk(chunkText);
      next.set(chunkText, parsed);
      return { start, text: chunkText, parsed };
    });
    this.byText = next;
    return chunks;
  }
}
