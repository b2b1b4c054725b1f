// Draws a workload's lifecycle (the server's `kubeGraceful/lifecycle` answer) as one SVG: start-up and shutdown as
// timelines with a lane per container, the rollout as a column of pods per step. Pure: no VS Code API, so it can be
// unit-tested; colours come from VS Code theme variables through CSS classes (see LIFECYCLE_CSS).
import type { BarView, FieldRef, LaneView, LifecycleView, MarkView, PhaseView, RolloutView } from '../../server/src/features/lifecycle';

const WIDTH = 800;
const LABEL = 120;
const RIGHT = 24;
const PLOT = WIDTH - LABEL - RIGHT;
const ROW = 20;
const GAP = 8;
const BAR = 14;

/** Escapes text for SVG/XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Attributes that make an element clickable to reveal a field, and focusable from the keyboard. */
function reveal(field: FieldRef | null): string {
  if (!field) return '';
  return ` data-range="${esc(JSON.stringify(field.range))}" tabindex="0" role="button"`;
}

/** A tick step that gives at most ~8 ticks over `max` seconds. */
export function tickStep(max: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000, 86400];
  return steps.find((s) => max / s <= 8) ?? Math.ceil(max / 8);
}

/** The time the phase's axis spans: its bound and every finite time drawn, with a little room on the right. */
function spanOf(phase: PhaseView): number {
  let max = phase.bound;
  for (const lane of phase.lanes) {
    for (const b of lane.bars) max = Math.max(max, b.start, b.end ?? 0);
    for (const m of lane.marks) max = Math.max(max, m.at);
  }
  return Math.max(1, Math.ceil(max * 1.08));
}

function barSvg(b: BarView, x: (t: number) => number, y: number): string {
  const x0 = x(b.start);
  const open = b.end === null;
  const x1 = open ? LABEL + PLOT : x(b.end);
  const w = Math.max(3, x1 - x0);
  const cls = `bar k-${b.kind}${open ? ' open' : ''}${b.field ? ' link' : ''}`;
  return `<g class="${cls}"${reveal(b.field)}><title>${esc(b.tooltip)}</title><rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" rx="2"/></g>`;
}

function markSvg(m: MarkView, x: (t: number) => number, y: number): string {
  const cx = x(m.at);
  const d = `M${cx.toFixed(1)} ${y - 3} l4 ${BAR / 2 + 3} l-4 ${BAR / 2 + 3} l-4 ${-(BAR / 2 + 3)} z`;
  return `<g class="mark m-${m.kind}${m.field ? ' link' : ''}"${reveal(m.field)}><title>${esc(m.tooltip)}</title><path d="${d}"/></g>`;
}

function axisSvg(span: number, x: (t: number) => number, top: number, height: number, unit: string): string {
  const step = tickStep(span);
  const parts: string[] = [];
  for (let t = 0; t <= span; t += step) {
    const px = x(t).toFixed(1);
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${top}" y2="${top + height}"/>`);
    parts.push(`<text class="tick" x="${px}" y="${top + height + 14}" text-anchor="middle">${t} ${esc(unit)}</text>`);
  }
  return parts.join('');
}

/** One timeline (start-up or shutdown): heading, summary, a lane per container, the axis, notes. */
function phaseSvg(phase: PhaseView, id: string, top: number, unit: string): { svg: string; height: number } {
  const span = spanOf(phase);
  const x = (t: number): number => LABEL + (Math.min(t, span) / span) * PLOT;
  const out: string[] = [`<g class="phase" id="${id}">`];
  out.push(`<text class="heading" x="0" y="${top + 16}">${esc(phase.heading)}</text>`);
  out.push(`<text class="summary" x="0" y="${top + 36}">${esc(phase.summary)}</text>`);
  const lanesTop = top + 48;
  // One row per bar, so that overlapping bars of a container (startup window, readiness delay, ready) stay apart;
  // the container's name and its marks go on its first row.
  const rows = (lane: LaneView): number => Math.max(1, lane.bars.length);
  const lanesHeight =
    Math.max(
      1,
      phase.lanes.reduce((n, l) => n + rows(l), 0),
    ) *
      ROW +
    (phase.lanes.length - 1) * GAP;
  out.push(axisSvg(span, x, lanesTop, lanesHeight, unit));
  let y = lanesTop + (ROW - BAR) / 2;
  for (const lane of phase.lanes) {
    out.push(`<text class="lane" x="0" y="${y + BAR - 2}">${esc(lane.name)}</text>`);
    lane.bars.forEach((b, i) => out.push(barSvg(b, x, y + i * ROW)));
    for (const m of lane.marks) out.push(markSvg(m, x, y));
    y += rows(lane) * ROW + GAP;
  }
  let height = lanesHeight + 70;
  for (const note of phase.notes) {
    out.push(`<text class="note" x="0" y="${top + height}">${esc(note)}</text>`);
    height += 18;
  }
  out.push('</g>');
  return { svg: out.join(''), height: height + 8 };
}

/** The rollout: one column per step, old pods below new pods, terminating pods outlined on top; lines at the bounds. */
function rolloutSvg(r: RolloutView, columns: LifecycleView['words']['columns'], top: number): { svg: string; height: number } {
  const out: string[] = ['<g class="phase" id="rollout">'];
  out.push(`<text class="heading" x="0" y="${top + 16}">${esc(r.heading)}</text>`);
  let y = top + 36;
  if (r.summary) {
    out.push(`<text class="summary" x="0" y="${y}">${esc(r.summary)}</text>`);
    y += 12;
  }
  const steps = r.steps;
  if (steps.length > 0) {
    const chartTop = y + 8;
    const chartHeight = 120;
    const most = Math.max(1, r.maxTotal, ...steps.map((s) => s.total + s.terminating));
    const h = (n: number): number => (n / most) * chartHeight;
    const col = Math.min(48, PLOT / steps.length);
    const base = chartTop + chartHeight;
    out.push(`<text class="lane" x="0" y="${chartTop + 12}">${esc(columns.total)} ≤ ${r.maxTotal}</text>`);
    out.push(`<text class="lane" x="0" y="${chartTop + 30}">${esc(columns.available)} ≥ ${r.minAvailable}</text>`);
    steps.forEach((s, i) => {
      const x0 = LABEL + i * col + 2;
      const w = Math.max(2, col - 4);
      const tip = `${s.label}: ${columns.newPods} ${s.newPods}, ${columns.oldPods} ${s.oldPods}, ${columns.total} ${s.total}, ${columns.available} ${s.available}${s.terminating ? `, ${columns.terminating} ${s.terminating}` : ''}`;
      const oldH = h(s.oldPods);
      const newH = h(s.newPods);
      const termH = h(s.terminating);
      out.push(`<g class="step${r.field ? ' link' : ''}"${reveal(r.field)}><title>${esc(tip)}</title>`);
      out.push(`<rect class="old" x="${x0.toFixed(1)}" y="${(base - oldH).toFixed(1)}" width="${w.toFixed(1)}" height="${oldH.toFixed(1)}"/>`);
      out.push(`<rect class="new" x="${x0.toFixed(1)}" y="${(base - oldH - newH).toFixed(1)}" width="${w.toFixed(1)}" height="${newH.toFixed(1)}"/>`);
      if (termH > 0)
        out.push(
          `<rect class="terminating" x="${x0.toFixed(1)}" y="${(base - oldH - newH - termH).toFixed(1)}" width="${w.toFixed(1)}" height="${termH.toFixed(1)}"/>`,
        );
      out.push(
        `<rect class="availability" x="${(x0 + w / 2 - 1).toFixed(1)}" y="${(base - h(s.available)).toFixed(1)}" width="2" height="${h(s.available).toFixed(1)}"/>`,
      );
      out.push('</g>');
    });
    // The bounds go over the columns, so that they stay visible.
    for (const [value, cls] of [
      [r.maxTotal, 'limit max'],
      [r.minAvailable, 'limit min'],
    ] as const) {
      const ly = (base - h(value)).toFixed(1);
      out.push(`<line class="${cls}" x1="${LABEL}" x2="${LABEL + col * steps.length}" y1="${ly}" y2="${ly}"/>`);
    }
    const legendY = base + 18;
    const legend: [string, string][] = [
      ['old', columns.oldPods],
      ['new', columns.newPods],
      ['terminating', columns.terminating],
      ['availability', columns.available],
    ];
    legend.forEach(([cls, word], i) => {
      const lx = LABEL + i * 130;
      out.push(
        `<rect class="${cls}" x="${lx}" y="${legendY - 10}" width="12" height="12"/><text class="tick" x="${lx + 18}" y="${legendY}">${esc(word)}</text>`,
      );
    });
    y = legendY + 12;
  }
  let height = y - top + 14;
  for (const note of r.notes) {
    out.push(`<text class="note" x="0" y="${top + height}">${esc(note)}</text>`);
    height += 18;
  }
  out.push('</g>');
  return { svg: out.join(''), height: height + 8 };
}

/** The whole drawing: start-up, shutdown and rollout, one under the other. */
export function renderLifecycleSvg(model: LifecycleView): string {
  const parts: string[] = [];
  let top = 0;
  const startup = phaseSvg(model.startup, 'startup', top, model.words.seconds);
  parts.push(startup.svg);
  top += startup.height;
  const shutdown = phaseSvg(model.shutdown, 'shutdown', top, model.words.seconds);
  parts.push(shutdown.svg);
  top += shutdown.height;
  const rollout = rolloutSvg(model.rollout, model.words.columns, top);
  parts.push(rollout.svg);
  top += rollout.height;
  const title = `${model.kind} ${model.name}`.trim();
  return `<svg xmlns="http://www.w3.org/2000/svg" class="lifecycle" role="img" aria-label="${esc(title)}" viewBox="0 0 ${WIDTH} ${Math.ceil(top)}" width="${WIDTH}" height="${Math.ceil(top)}">${parts.join('')}</svg>`;
}

/**
 * The styles of the drawing: VS Code theme colours only, so it reads in light, dark and high-contrast themes; bars of
 * unknown length fade out; high-contrast themes outline everything with the contrast border.
 */
export const LIFECYCLE_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
svg.lifecycle { width: 100%; min-width: 640px; height: auto; max-width: 1200px; }
svg.lifecycle text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 12px; }
svg.lifecycle text.heading { font-size: 15px; font-weight: 600; }
svg.lifecycle text.summary, svg.lifecycle text.note { fill: var(--vscode-descriptionForeground); }
svg.lifecycle text.tick { fill: var(--vscode-descriptionForeground); font-size: 10px; }
svg.lifecycle line.grid { stroke: var(--vscode-editorIndentGuide-background, var(--vscode-charts-lines)); stroke-width: 1; }
svg.lifecycle .bar rect { fill: var(--vscode-charts-blue); stroke: var(--vscode-contrastBorder, transparent); }
svg.lifecycle .k-init rect { fill: var(--vscode-charts-purple); }
svg.lifecycle .k-initNeverExits rect, svg.lifecycle .k-extension rect { fill: var(--vscode-charts-red); }
svg.lifecycle .k-sidecar rect { fill: var(--vscode-charts-purple); opacity: 0.55; }
svg.lifecycle .k-startupWindow rect { fill: var(--vscode-charts-yellow); }
svg.lifecycle .k-readinessDelay rect { fill: var(--vscode-charts-lines, var(--vscode-descriptionForeground)); }
svg.lifecycle .k-ready rect { fill: var(--vscode-charts-green); }
svg.lifecycle .k-minReady rect { fill: var(--vscode-charts-green); opacity: 0.6; }
svg.lifecycle .k-endpoints rect { fill: var(--vscode-charts-lines, var(--vscode-descriptionForeground)); }
svg.lifecycle .k-preStop rect { fill: var(--vscode-charts-yellow); }
svg.lifecycle .k-afterSigterm rect { fill: var(--vscode-charts-orange); }
svg.lifecycle .k-sidecarStop rect { fill: var(--vscode-charts-purple); }
svg.lifecycle .open rect { opacity: 0.55; stroke-dasharray: 4 3; stroke: var(--vscode-foreground); }
svg.lifecycle .mark path { fill: var(--vscode-foreground); stroke: var(--vscode-editor-background); stroke-width: 1; }
svg.lifecycle .m-restart path, svg.lifecycle .m-sigkill path { fill: var(--vscode-charts-red); }
svg.lifecycle .m-available path, svg.lifecycle .m-podReady path, svg.lifecycle .m-earliestReady path { fill: var(--vscode-charts-green); }
svg.lifecycle rect.old { fill: var(--vscode-charts-blue); stroke: var(--vscode-contrastBorder, transparent); }
svg.lifecycle rect.new { fill: var(--vscode-charts-green); stroke: var(--vscode-contrastBorder, transparent); }
svg.lifecycle rect.terminating { fill: none; stroke: var(--vscode-charts-orange); stroke-dasharray: 3 2; }
svg.lifecycle rect.availability { fill: var(--vscode-foreground); }
svg.lifecycle line.limit { stroke-width: 2; stroke-dasharray: 6 4; }
svg.lifecycle line.max { stroke: var(--vscode-charts-red); }
svg.lifecycle line.min { stroke: var(--vscode-charts-green); }
svg.lifecycle .link { cursor: pointer; }
svg.lifecycle .link:hover rect, svg.lifecycle .link:hover path, svg.lifecycle .link:focus rect, svg.lifecycle .link:focus path { stroke: var(--vscode-focusBorder); stroke-width: 2; }
svg.lifecycle :focus { outline: none; }
`;

/**
 * The panel's HTML: the drawing, its styles and a small script, all inline with one nonce under a Content-Security-
 * Policy that allows nothing else (no remote content, no eval, no inline handlers).
 */
export function lifecycleHtml(svg: string, nonce: string, title: string, cspSource: string): string {
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(title)}</title>
<style nonce="${nonce}">${LIFECYCLE_CSS}</style>
</head>
<body>
<div id="drawing">${svg}</div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const target = (e) => e.target instanceof Element ? e.target.closest('[data-range]') : null;
  const send = (el) => vscode.postMessage({ type: 'reveal', range: JSON.parse(el.getAttribute('data-range')) });
  document.addEventListener('click', (e) => { const el = target(e); if (el) send(el); });
  document.addEventListener('keydown', (e) => { const el = target(e); if (el && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); send(el); } });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && m.type === 'update' && typeof m.svg === 'string') document.getElementById('drawing').innerHTML = m.svg;
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
