// A unified diff of two texts for `--fix-dry-run`: Myers' shortest edit script over lines, bounded, with three
// lines of context, in the format `patch` and `git apply` read.

/** The edit script as pairs of line ranges that differ: [aStart, aEnd, bStart, bEnd), 0-based. */
type Change = readonly [number, number, number, number];

/** More differing lines than this and the diff is one hunk over the changed middle (still a correct patch). */
const MAX_EDITS = 2000;

function changes(a: readonly string[], b: readonly string[]): Change[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 && m === 0) return [];
  const max = n + m;
  if (n === 0 || m === 0 || max > 4 * MAX_EDITS) return [[start, endA, start, endB]];
  // Myers' greedy forward search, keeping each round's frontier to walk the path back.
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDITS); d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return [[start, endA, start, endB]];
  // Walk back: every step is one deleted or inserted line; runs of them become changes.
  const steps: ('del' | 'ins' | 'eq')[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push('eq');
      x--;
      y--;
    }
    steps.push(down ? 'ins' : 'del');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    steps.push('eq');
    x--;
    y--;
  }
  steps.reverse();
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  let open: [number, number, number, number] | undefined;
  for (const s of steps) {
    if (s === 'eq') {
      if (open) out.push(open);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= [start + i, start + i, start + j, start + j];
    if (s === 'del') open[1] = start + ++i;
    else open[3] = start + ++j;
  }
  if (open) out.push(open);
  return out;
}

/** Splits into lines keeping each line's ending, so CRLF survives into the patch. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const list = changes(a, b);
  const out: string[] = [`--- a/${path}\n`, `+++ b/${path}\n`];
  let h = 0;
  while (h < list.length) {
    // Changes closer than twice the context share one hunk.
    let last = h;
    while (last + 1 < list.length && list[last + 1][0] - list[last][1] <= 2 * context) last++;
    const first = list[h];
    const end = list[last];
    const aStart = Math.max(0, first[0] - context);
    const aEnd = Math.min(a.length, end[1] + context);
    const bStart = first[2] - (first[0] - aStart);
    const bEnd = end[3] + (aEnd - end[1]);
    out.push(`@@ -${aStart + 1},${aEnd - aStart} +${bStart + 1},${bEnd - bStart} @@\n`);
    let ai = aStart;
    for (let c = h; c <= last; c++) {
      const [s1, e1, s2, e2] = list[c];
      for (; ai < s1; ai++) out.push(line(' ', a[ai]));
      for (let k = s1; k < e1; k++) out.push(line('-', a[k]));
      for (let k = s2; k < e2; k++) out.push(line('+', b[k]));
      ai = e1;
    }
    for (; ai < aEnd; ai++) out.push(line(' ', a[ai]));
    h = last + 1;
  }
  return out.join('');
}

function line(mark: string, text: string): string {
  return text.endsWith('\n') ? `${mark}${text}` : `${mark}${text}\n\\ No newline at end of file\n`;
}
