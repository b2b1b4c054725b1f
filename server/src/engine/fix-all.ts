// Applies every safe fix in a file at once: passes of non-overlapping fixes over the text, re-analysing between
// passes (a fix can reveal another), returned as one minimal edit.
import type { Rule } from './rule';
import { AnalysisOptions, analyse } from './analyze';
import { editIsSound } from './verify';

const MAX_PASSES = 10;
/** Fix-all runs on save: past this many milliseconds it returns what it has fixed so far. */
const FIX_ALL_TIME_BUDGET_MS = 2000;

export interface FixAllResult {
  readonly text: string;
  readonly applied: number;
}

export function fixAll(text: string, rules: readonly Rule[], options: AnalysisOptions): FixAllResult {
  let current = text;
  let applied = 0;
  // Texts already produced: a pass that leads back to one of them would loop (and each save would edit again).
  const seen = new Set<string>([text]);
  const deadline = Date.now() + FIX_ALL_TIME_BUDGET_MS;
  for (let pass = 0; pass < MAX_PASSES && Date.now() < deadline; pass++) {
    const changes: { start: number; end: number; newText: string }[] = [];
    let count = 0;
    for (const problem of analyse(current, rules, options)) {
      const fix = problem.fixes.find((f) => f.safe);
      if (!fix) continue;
      // A fix is applied whole or not at all, and never over another fix's text in the same pass.
      const overlaps = fix.changes.some((c) => changes.some((d) => (c.start < d.end && d.start < c.end) || (c.start === c.end && c.start === d.start)));
      if (overlaps) continue;
      // Only a fix whose result is proven sound (editIsSound) is applied unasked.
      if (Date.now() > deadline || !editIsSound(current, fix.changes)) continue;
      changes.push(...fix.changes);
      count++;
    }
    if (changes.length === 0) break;
    changes.sort((a, b) => b.start - a.start);
    let next = current;
    for (const c of changes) next = next.slice(0, c.start) + c.newText + next.slice(c.end);
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
    applied += count;
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
