// The lifecycle of a workload as plain text, for a terminal (`kube-graceful explain`): the same worded model the
// panel draws (features/lifecycle.ts), laid out as three timelines and the rollout's steps.
import type { BarView, LaneView, LifecycleView, MarkView, PhaseView, RolloutView } from './lifecycle';

/** Seconds as the panel says them: whole seconds, or minutes and seconds from 2 minutes on. */
function seconds(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '∞';
  const s = Math.round(value * 10) / 10;
  return `${s} ${unit}`.trim();
}

function span(bar: BarView, unit: string, open: string): string {
  return bar.end === null ? `${seconds(bar.start, unit)} → ${open}` : `${seconds(bar.start, unit)} → ${seconds(bar.end, unit)}`;
}

function field(f: { readonly path: string } | null): string {
  return f ? `  [${f.path}]` : '';
}

function lane(l: LaneView, unit: string, open: string, width: number): string[] {
  const lines: string[] = [];
  const events: { at: number; text: string }[] = [
    ...l.bars.map((b: BarView) => ({ at: b.start, text: `${b.label.padEnd(width)} ${span(b, unit, open)}${field(b.field)}` })),
    ...l.marks.map((m: MarkView) => ({ at: m.at, text: `${`◆ ${m.label}`.padEnd(width)} ${seconds(m.at, unit)}${field(m.field)}` })),
  ];
  events.sort((a, b) => a.at - b.at);
  lines.push(`  ${l.name}`);
  for (const e of events) lines.push(`    ${e.text}`);
  return lines;
}

function phase(p: PhaseView, unit: string, open: string): string[] {
  const width = Math.min(40, Math.max(12, ...p.lanes.flatMap((l) => [...l.bars.map((b) => b.label.length), ...l.marks.map((m) => m.label.length + 2)])));
  const out = [p.heading, `  ${p.summary}`];
  for (const l of p.lanes) out.push(...lane(l, unit, open, width));
  for (const n of p.notes) out.push(`  · ${n}`);
  return out;
}

function rollout(r: RolloutView): string[] {
  const out = [r.heading, `  ${r.summary}`];
  if (r.steps.length > 0) {
    const header = ['#', 'step', 'new', 'old', 'total', 'available', 'terminating'];
    const rows = r.steps.map((s, i) => [
      String(i + 1),
      s.label,
      String(s.newPods),
      String(s.oldPods),
      String(s.total),
      String(s.available),
      String(s.terminating),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
    const line = (cells: string[]): string => `  ${cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')}`;
    out.push(line(header), ...rows.map(line));
  }
  for (const n of r.notes) out.push(`  · ${n}`);
  return out;
}

/** The whole lifecycle of one workload as lines of text. */
export function explainText(view: LifecycleView): string {
  const unit = view.words.seconds;
  const open = view.words.unknownEnd;
  const lines = [
    `${view.kind} ${view.name}: ${view.lens}`,
    '',
    ...phase(view.startup, unit, open),
    '',
    ...phase(view.shutdown, unit, open),
    '',
    ...rollout(view.rollout),
  ];
  if (view.pdb) lines.push('', `PodDisruptionBudget ${view.pdb.name}: ${view.pdb.allowed} / ${view.pdb.healthy}`);
  return `${lines.join('\n')}\n`;
}
