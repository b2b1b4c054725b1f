// Minimal text edits on YAML that keep the user's comments, indentation and flow/block style: remove a key,
// replace a value, add a key beside its siblings. All offsets are local to one YAML document.
import { isMap, isScalar, Node, Pair, visit, YAMLMap } from 'yaml';
import type { DocView, Field } from './view';

/** A text replacement in the document being read; offsets are local to that YAML document. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A named set of text changes: one quick-fix. */
export interface Fix {
  readonly title: string;
  readonly changes: readonly TextChange[];
  /** The obvious repair: editors apply it on "auto fix". */
  readonly isPreferred?: boolean;
  /** Safe to apply in a fix-all pass without review. */
  readonly safe?: boolean;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

/** End of the line holding `offset`, past its line break. */
function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

/** Where a pair's text ends: after its value, or after its key when it has none. */
export function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  const key = pair.key as Node;
  return value?.range ? value.range[1] : (key.range?.[1] ?? 0);
}

/** True when the mapping is written in flow style: `{ a: 1, b: 2 }`. */
function isFlow(map: YAMLMap): boolean {
  return map.flow === true;
}

/** Removes a key and its value. The field must belong to the mapping it was read from, not a merged one. */
export function removeField(view: DocView, map: YAMLMap, field: Field): TextChange[] {
  const text = view.chunk.text;
  const index = map.items.indexOf(field.pair);
  const keyStart = (field.key.range ?? [0])[0];
  const end = pairEnd(field.pair);
  if (isFlow(map)) {
    const next = map.items[index + 1];
    if (next) return [{ start: keyStart, end: (next.key as Node).range?.[0] ?? end, newText: '' }];
    const prev = map.items[index - 1];
    const from = prev ? pairEnd(prev) : keyStart;
    return [{ start: from, end, newText: '' }];
  }
  const startOfLine = lineStart(text, keyStart);
  const before = text.slice(startOfLine, keyStart);
  if (before.trim() !== '') {
    // The key shares its line with a sequence dash (`- key: v`): move the next key up onto that line instead.
    const next = map.items[index + 1];
    if (!next) return [{ start: keyStart, end, newText: '{}' }];
    return [{ start: keyStart, end: (next.key as Node).range?.[0] ?? end, newText: '' }];
  }
  return [{ start: startOfLine, end: nextLineStart(text, Math.max(end - 1, keyStart)), newText: '' }];
}

/** Replaces a scalar value, keeping a quoted value quoted in the same style. */
export function replaceScalar(view: DocView, node: Node, newValue: string): TextChange[] {
  const range = node.range;
  if (!range) return [];
  let newText = newValue;
  if (isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(newValue);
    else if (node.type === 'QUOTE_SINGLE') newText = `'${newValue.replace(/'/g, "''")}'`;
  }
  void view;
  return [{ start: range[0], end: range[1], newText }];
}

/** The column at which the keys of a block mapping start. */
function keyColumn(text: string, map: YAMLMap): number {
  const first = map.items[0]?.key as Node | undefined;
  const offset = first?.range?.[0] ?? map.range?.[0] ?? 0;
  return offset - lineStart(text, offset);
}

/** The indentation step the document uses (2 or 4 spaces, ...), for nested blocks a fix inserts. */
export function indentUnit(text: string): number {
  const known = indentCache.get(text);
  if (known !== undefined) return known;
  const unit = measureIndentUnit(text);
  // Fixes ask for every document of a file on every analysis, so the answer is kept, but by bytes: a map keyed by
  // text keeps each text alive, and two thousand versions of a 1 MB file exhausted the heap while typing.
  indentCache.set(text, unit);
  indentCacheCharsNow += text.length;
  for (const old of indentCache.keys()) {
    if (indentCacheCharsNow <= INDENT_CACHE_CHARS || old === text) break;
    indentCache.delete(old);
    indentCacheCharsNow -= old.length;
  }
  return unit;
}

/** Characters of text the indentation cache keeps alive now (for the memory tests). */
export function indentCacheChars(): number {
  return indentCacheCharsNow;
}

/** The most characters of text the indentation cache keeps alive (about 2 MB of UTF-16). */
const INDENT_CACHE_CHARS = 1 << 20;
const indentCache = new Map<string, number>();
let indentCacheCharsNow = 0;

function measureIndentUnit(text: string): number {
  const counts = new Map<number, number>();
  let prev = 0;
  // One pass over the characters, without splitting the text into lines: this runs on every document.
  let pos = 0;
  while (pos < text.length) {
    let indent = 0;
    while (text.charCodeAt(pos + indent) === 32) indent++;
    const first = text.charCodeAt(pos + indent);
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const blank = pos + indent >= eol || first === 35 /* # */ || first === 13 || first === 9 || text.slice(pos + indent, eol).trim() === '';
    if (!blank) {
      if (indent > prev) counts.set(indent - prev, (counts.get(indent - prev) ?? 0) + 1);
      prev = indent;
    }
    pos = eol + 1;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (step >= 2 && step <= 8 && count > bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Adds `key: value` to a mapping. `valueLines` is the value as lines: one line is written after the colon; more
 * are written as a nested block, each line indented one step deeper than the key. In a block mapping the new key
 * goes after `after` (or after the last key); in a flow mapping, before the closing brace.
 */
export function insertField(
  view: DocView,
  map: YAMLMap,
  key: string,
  valueLines: readonly string[],
  eol: string,
  after?: Field,
  nested = valueLines.length > 1,
): TextChange[] {
  const text = view.chunk.text;
  // A key that is already written (even with no value) is never added twice: an empty one gets the value.
  const present = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (present) return fillEmpty(view, present, valueLines, eol, nested);
  if (isFlow(map) || map.items.length === 0) {
    const inline = valueLines.length === 1 ? valueLines[0] : undefined;
    if (inline === undefined) return [];
    const last = map.items[map.items.length - 1];
    if (last) {
      // Right after the last entry, never before the closing brace: a comment may stand between the two.
      const at = pairEnd(last);
      return [{ start: at, end: at, newText: `, ${key}: ${inline}` }];
    }
    const start = map.range?.[0] ?? -1;
    if (start < 0 || text.charAt(start) !== '{') return [];
    return [{ start: start + 1, end: start + 1, newText: `${key}: ${inline}` }];
  }
  const anchorPair = after && map.items.includes(after.pair) ? after.pair : map.items[map.items.length - 1];
  if (!anchorPair) return [];
  const column = keyColumn(text, map);
  const indent = ' '.repeat(column);
  const step = ' '.repeat(indentUnit(text));
  const at = lineEnd(text, Math.max(pairEnd(anchorPair) - 1, 0));
  const body = !nested ? `${indent}${key}: ${valueLines[0]}` : [`${indent}${key}:`, ...valueLines.map((l) => `${indent}${step}${l}`)].join(eol);
  const atEol = text.charCodeAt(at - 1) === 13 ? at - 1 : at;
  return [{ start: atEol, end: atEol, newText: `${eol}${body}` }];
}

/**
 * Gives a key written with no value (`key:`, `key: ~`, `key: null`) the value `valueLines`; a key that has a value is
 * left alone (no edit), since a fix that adds a key must not overwrite one.
 */
function fillEmpty(view: DocView, pair: Pair, valueLines: readonly string[], eol: string, nested: boolean): TextChange[] {
  const value = pair.value as Node | null;
  if (value && !(isScalar(value) && value.value === null)) return [];
  if (hasAnchor(value) || (value && isScalar(value) && value.tag !== undefined && value.tag !== 'tag:yaml.org,2002:null')) return [];
  const text = view.chunk.text;
  const keyRange = (pair.key as Node).range;
  if (!keyRange) return [];
  const colon = text.indexOf(':', keyRange[1]);
  if (colon < 0) return [];
  // Replace from after the colon to the end of the written null (`~`, `null`, `!!null`), keeping a comment after it.
  // An empty value's range is where the parser stopped (the line break, or a tag such as `!!null` before it).
  const end = value?.range && value.range[0] > colon && !text.slice(colon + 1, value.range[0]).includes('\n') ? value.range[1] : colon + 1;
  if (!nested || valueLines.length === 0) return [{ start: colon + 1, end, newText: ` ${valueLines[0] ?? ''}` }];
  const keyLineStart = lineStart(text, keyRange[0]);
  const indent = ' '.repeat(keyRange[0] - keyLineStart + indentUnit(text));
  return [{ start: colon + 1, end, newText: valueLines.map((l) => `${eol}${indent}${l}`).join('') }];
}

/** The field as written in this very mapping (not reached through a merge key), or undefined. */
export function ownField(view: DocView, map: YAMLMap, key: string): Field | undefined {
  const f = view.field(map, key);
  return f && !f.mergedVia && map.items.includes(f.pair) ? f : undefined;
}

export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow;
}

/**
 * Adds `key:` with a nested block of `lines` (each `k: v`). In a flow mapping the block is written as a flow
 * mapping instead: `key: {k: v}`.
 */
export function insertBlock(view: DocView, map: YAMLMap, key: string, lines: readonly string[], eol: string, after?: Field): TextChange[] {
  if (isFlow(map)) return insertField(view, map, key, [`{${lines.join(', ')}}`], eol, after);
  return insertField(view, map, key, lines, eol, after, true);
}

/**
 * True when a node or anything inside it defines an anchor (`&name`). Removing or rewriting such text would leave the
 * aliases that refer to it dangling, or change what they stand for.
 */
/** True when this node itself carries an anchor (`&name`): editing it would change every alias of it too. */
export function hasAnchor(node: unknown): boolean {
  return typeof (node as { anchor?: unknown } | null)?.anchor === 'string';
}

export function definesAnchor(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  let found = false;
  visit(node as Node, {
    Node: (_key, n) => {
      if ((n as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
