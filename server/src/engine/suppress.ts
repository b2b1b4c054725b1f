// In-file suppression comments, in the spirit of ESLint's:
//   # kube-graceful-disable-next-line rule-a, rule-b   (the next line; no ids: every rule)
//   # kube-graceful-disable-line rule-a                (at the end of the line it silences)
//   # kube-graceful-disable rule-a                     (the whole YAML document it stands in)
// Only real comments count: the same words inside a quoted string or a block scalar are data, not a directive.
import { isScalar, visit } from 'yaml';
import type { ParsedChunk } from '../yaml/documents';
import { lineStarts, positionAt } from '../yaml/lines';

export interface Suppressions {
  suppressed(ruleId: string, offset: number): boolean;
}

const DIRECTIVE = /(?:^|[ \t])#[ \t]*kube-graceful-disable(-next-line|-line)?(?=[ \t]|$)([^\n\r]*)/gm;

const NONE: Suppressions = { suppressed: () => false };

/**
 * Reads the suppression comments of one YAML document's text. With the document's parse, a directive that sits
 * inside a scalar (an env value, a script) is data and ignored.
 */
export function suppressionsOf(text: string, parsed?: ParsedChunk): Suppressions {
  if (!text.includes('kube-graceful-disable')) return NONE;
  const inStrings = parsed ? scalarsHolding(parsed, 'kube-graceful-disable') : [];
  const insideString = (offset: number): boolean => inStrings.some(([s, e]) => s <= offset && offset < e);
  const starts = lineStarts(text);
  const lineOf = (offset: number): number => positionAt(starts, offset).line;
  const wholeDocument = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const ALL = '*';
  for (const m of text.matchAll(DIRECTIVE)) {
    if (insideString(text.indexOf('#', m.index ?? 0))) continue;
    const ids = parseIds(m[2] ?? '');
    const targets = ids.length > 0 ? ids : [ALL];
    const commentLine = lineOf(m.index ?? 0);
    if (m[1] === undefined) {
      targets.forEach((t) => wholeDocument.add(t));
      continue;
    }
    const line = m[1] === '-next-line' ? commentLine + 1 : commentLine;
    const set = byLine.get(line) ?? new Set<string>();
    targets.forEach((t) => set.add(t));
    byLine.set(line, set);
  }
  return {
    suppressed(ruleId: string, offset: number): boolean {
      if (wholeDocument.has(ALL) || wholeDocument.has(ruleId)) return true;
      const set = byLine.get(lineOf(offset));
      return set !== undefined && (set.has(ALL) || set.has(ruleId));
    },
  };
}

/** Rule ids after the directive, separated by commas or spaces; a `--` starts a free-text reason. */
function parseIds(rest: string): string[] {
  const beforeReason = rest.split(/\s--\s|\s--$/)[0] ?? '';
  return beforeReason
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9-]+$/.test(s));
}

/** The ranges of the scalars whose text contains `needle` (one walk over the document's nodes, aliases not followed). */
function scalarsHolding(parsed: ParsedChunk, needle: string): [number, number][] {
  const out: [number, number][] = [];
  const contents = parsed.doc.contents;
  if (!contents) return out;
  visit(contents, {
    Scalar: (_key, node) => {
      if (!isScalar(node) || !node.range) return;
      const [start, end] = node.range;
      if (end - start >= needle.length && parsed.text.slice(start, end).includes(needle)) out.push([start, end]);
    },
  });
  return out;
}
