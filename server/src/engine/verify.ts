// Proves an edit before it is offered: the text it produces still parses, no key is duplicated, every comment
// survives, and every value outside the edited text (aliases resolved) is still there. A fix that fails is dropped.
import { isAlias, isCollection, isScalar, Node, visit } from 'yaml';
import { parseChunk, splitDocuments } from '../yaml/documents';
import type { TextChange } from './rule';

/**
 * What an edit may change. `fix`: the values it replaces or removes (its target). `comment`: nothing but comments
 * added (the "disable for this line" action), so even a string it lands in must stay the same.
 */
export type EditPurpose = 'fix' | 'comment';

/** One parsed region of text, reduced to what an edit must keep. */
interface Summary {
  readonly fatal: number;
  readonly duplicates: number;
  readonly documents: number;
  /** Every comment's text, joined: an edit may add comments but must keep the old ones intact. */
  readonly comments: string;
  readonly commentList: readonly string[];
  /** Keys and values (aliases read through), with where they are written. */
  readonly leaves: readonly Leaf[];
  /** Every document was read by the fast reader (comments as its lines), not the library (comments on nodes). */
  readonly fast: boolean;
}

interface Leaf {
  readonly start: number;
  readonly end: number;
  readonly repr: string;
}

/** The most nodes the check reads per region; a bigger region is accepted unchecked rather than stall the server. */
const NODE_LIMIT = 200_000;
/**
 * The largest region (the documents an edit touches) checked, in characters: parsing it twice per fix would make a
 * light bulb on a 1 MB document take seconds. Bigger regions are accepted unchecked, like NODE_LIMIT.
 */
const REGION_LIMIT = 512 * 1024;

/** The summary of the last region read: the fixes offered for one document all start from the same text. */
let lastBefore: { text: string; summary: Summary | undefined } | undefined;

/** The documents of the last text checked (one entry: the text of the document being edited). */
let lastSplit: { readonly text: string; readonly chunks: ReturnType<typeof splitDocuments> } | undefined;

/**
 * True when applying `changes` (offsets into `text`, not overlapping) keeps the documents they touch sound. Only the
 * YAML documents the changes fall in are parsed again, so checking a fix in a big file costs one document's parse.
 */
export function editIsSound(text: string, changes: readonly TextChange[], purpose: EditPurpose = 'fix'): boolean {
  if (changes.length === 0) return false;
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    if (c.start < 0 || c.end < c.start || c.end > text.length) return false;
    const next = sorted[i + 1];
    if (next && next.start < c.end) return false;
  }
  const lo = sorted[0].start;
  const hi = Math.max(...sorted.map((c) => c.end));
  // The light bulb checks several actions on the same text: the documents of the file are split once for them.
  if (lastSplit?.text !== text) lastSplit = { text, chunks: splitDocuments(text) };
  const chunks = lastSplit.chunks;
  let from = 0;
  let to = text.length;
  for (const c of chunks) {
    if (c.start <= lo) from = c.start;
    if (c.start <= hi) to = c.start + c.text.length;
  }
  const region = text.slice(from, to);
  if (region.length > REGION_LIMIT) return true;
  let after = region;
  for (const c of [...sorted].reverse()) after = after.slice(0, c.start - from) + c.newText + after.slice(c.end - from);
  if (lastBefore?.text !== region) lastBefore = { text: region, summary: summarize(region) };
  let before = lastBefore.summary;
  let result = summarize(after);
  // Comments are compared only between parses that read them the same way: the fast reader's lines, or the library's
  // nodes. When one text is outside the fast reader's subset, both are read by the library.
  if (before && result && before.fast !== result.fast) {
    before = summarize(region, true);
    result = summarize(after, true);
  }
  if (!before || !result) return true;
  if (result.fatal > before.fatal || result.duplicates > before.duplicates || result.documents < before.documents) return false;
  const local = sorted.map((c) => ({ start: c.start - from, end: c.end - from, removed: region.slice(c.start - from, c.end - from) }));
  // Every comment survives, unless the edit removed the text it was written in.
  for (const comment of before.commentList) {
    if (result.comments.includes(comment)) continue;
    if (purpose === 'fix' && local.some((c) => c.removed.includes(comment))) continue;
    return false;
  }
  // Every key and value survives, unless (for a fix) it is written where the edit changes the text.
  const available = new Map<string, number>();
  for (const leaf of result.leaves) available.set(leaf.repr, (available.get(leaf.repr) ?? 0) + 1);
  for (const leaf of before.leaves) {
    if (purpose === 'fix' && local.some((c) => touches(leaf, c))) continue;
    const left = available.get(leaf.repr) ?? 0;
    if (left === 0) return false;
    available.set(leaf.repr, left - 1);
  }
  return true;
}

/** True when a change replaces text of the leaf or inserts inside it, edges included (an empty value has no text). */
function touches(leaf: Leaf, c: { start: number; end: number }): boolean {
  return c.start <= leaf.end && leaf.start <= c.end;
}

/**
 * Parses the documents of `text` and lists what an edit must keep; undefined past NODE_LIMIT nodes. `library`: every
 * document is read by the library.
 */
function summarize(text: string, library = false): Summary | undefined {
  let fatal = 0;
  let duplicates = 0;
  let nodes = 0;
  let fast = true;
  const comments: string[] = [];
  const leaves: Leaf[] = [];
  const docs = splitDocuments(text);
  for (const { start, text: docText } of docs) {
    const parsed = parseChunk(docText, { comments: true, library });
    fatal += parsed.fatal.length;
    duplicates += parsed.minor.length;
    const { doc } = parsed;
    // The fast reader lists the comments; the library leaves them on the nodes (read in the walk below).
    const nodeComments = parsed.comments === undefined;
    if (parsed.comments) comments.push(...parsed.comments);
    else {
      fast = false;
      if (doc.commentBefore) comments.push(doc.commentBefore);
      if (doc.comment) comments.push(doc.comment);
    }
    if (!doc.contents || parsed.fatal.length > 0) continue;
    let tooBig = false;
    visit(doc.contents, {
      Node: (_key, node) => {
        if (++nodes > NODE_LIMIT) {
          tooBig = true;
          return visit.BREAK;
        }
        const n = node;
        if (nodeComments && n.commentBefore) comments.push(n.commentBefore);
        if (nodeComments && n.comment) comments.push(n.comment);
        if (isAlias(node)) {
          // The parse already knows each alias's node (the last anchor of its name defined before it).
          const target = parsed.aliasTargets.get(node);
          if (target && node.range) leaves.push({ start: start + node.range[0], end: start + node.range[1], repr: `*${reprOf(target)}` });
          return visit.SKIP;
        }
        if (isScalar(node) && node.range) leaves.push({ start: start + node.range[0], end: start + node.range[1], repr: reprOf(node) });
        return undefined;
      },
    });
    if (tooBig) return undefined;
  }
  return { fatal, duplicates, documents: docs.length, comments: comments.join('\n'), commentList: comments, leaves, fast };
}

/** A scalar's type and value (8080 and "8080" differ); a collection by its kind and size. */
function reprOf(node: Node): string {
  if (isScalar(node)) {
    const v = node.value;
    return `${typeof v}:${typeof v === 'symbol' ? '<<' : String(v)}`;
  }
  if (isCollection(node)) return `collection:${node.items.length}`;
  return 'node';
}
