// Applies every safe fix in a file at once: passes of non-overlapping fixes over the text, re-analysing between
// passes (a fix can reveal another), returned as one minimal edit.
import type { Rule } from './rule';
import { AnalysisOptions, analyse } from './analyze';

const MAX_PASSES = 10;

export interface FixAllResult {
  readonly text: string;
  readonly applied: number;
}

export function fixAll(text: string, rules: readonly Rule[], options: AnalysisOptions): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const changes: { start: number; end: number; newText: string }[] = [];
    for (const problem of analyse(current, rules, options)) {
      const fix = problem.fixes.find((f) => f.safe);
      if (!fix) continue;
      // A fix is applied whole or not at all, and never over another fix's text in the same pass.
      const overlaps = fix.changes.some((c) => changes.some((d) => c.start < d.end && d.start < c.end || (c.start === c.end && c.start === d.start)));
      if (overlaps) continue;
      changes.push(...fix.changes);
      applied++;
    }
    if (changes.length === 0) break;
    changes.sort((a, b) => b.start - a.start);
    for (const c of changes) current = current.slice(0, c.start) + c.newText + current.slice(c.end);
  }
  return { text: current, applied };
}

/** The smallest single replacement that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
