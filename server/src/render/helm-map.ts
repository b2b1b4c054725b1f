// Maps findings on `helm template` output back onto the files the user edits: the template line that produced each
// rendered line (a bounded weighted alignment), and the values.yaml key a templated value comes from. Pure: no I/O.
import { isMap, isScalar, isSeq, Node, parseDocument, Scalar } from 'yaml';
import type { Problem, RelatedProblem } from '../engine/analyze';
import { LOCAL_URI } from '../engine/analyze';
import type { Fix, TextChange } from '../yaml/edits';
import { lineStarts, positionAt } from '../yaml/lines';
import { formatMessage, Locale } from '../l10n/locale';
import type { ChartSources, MappedProblems, SourceFile, UriOf } from './types';

/** The English messages of the Helm mapping; placeholders in `{name}` form (formatMessage). */
export const HELM_MAP_MESSAGES = {
  /** Suffix of a finding whose place in the template is an action, not the rendered text itself. */
  renderedAt: '{message} (rendered: {object}, at {path})',
  renderedObject: '{message} (rendered: {object})',
  /** Suffix of a finding that could not be placed on a template line. */
  unmapped: '{message} (in the rendered {object}, at {path})',
  unmappedObject: '{message} (in the rendered {object})',
  /** Suffix of a finding outside any template's output. */
  unmappedNoSource: '{message} (in the helm output, not from a known template)',
  /** Related place: the values key a templated value comes from. */
  valueFrom: 'the value comes from {file}: {key}',
  /** The copy of a finding placed on the values key the template copies. */
  valueCopy: '{message} (through {template} line {line})',
  /** Related place of a values copy: the template line that uses the value. */
  usedBy: '{template} line {line} uses this value',
} as const;

type MessageId = keyof typeof HELM_MAP_MESSAGES;

const HELM_MAP_ZH_CN: { readonly [K in MessageId]: string } = {
  renderedAt: '{message}（渲染结果：{object}，位于 {path}）',
  renderedObject: '{message}（渲染结果：{object}）',
  unmapped: '{message}（在渲染出的 {object} 中，位于 {path}）',
  unmappedObject: '{message}（在渲染出的 {object} 中）',
  unmappedNoSource: '{message}（在 helm 输出中，不来自已知模板）',
  valueFrom: '该值来自 {file}：{key}',
  valueCopy: '{message}（经由 {template} 第 {line} 行）',
  usedBy: '{template} 第 {line} 行使用此值',
};

function say(locale: Locale | undefined, id: MessageId, data: Readonly<Record<string, string | number>>): string {
  return formatMessage((locale === 'zh-cn' ? HELM_MAP_ZH_CN : HELM_MAP_MESSAGES)[id], data);
}

// ---------------------------------------------------------------------------------------------------------------
// The template model: its actions and what each line can produce.

interface Action {
  /** Offsets in the template text of `{{` and past `}}`. */
  readonly start: number;
  readonly end: number;
  readonly body: string;
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
  readonly kind: 'control' | 'output';
  /** The values path `.` stands for here (inside `with .Values.x`), or undefined. */
  readonly dot: string | undefined;
}

type LineKind = 'static' | 'blank' | 'control' | 'pattern' | 'multi';

interface TemplateLine {
  readonly start: number;
  readonly end: number;
  /** The line without trailing whitespace. */
  readonly text: string;
  readonly kind: LineKind;
  /** Actions starting on this line, in order. */
  readonly actions: readonly Action[];
  /** For pattern lines: the static text before the first action and after the last one (trims applied). */
  readonly prefix: string;
  readonly suffix: string;
  /** Static text between consecutive actions (trims applied); length actions - 1. */
  readonly middles: readonly string[];
  /** The action's output may run over several rendered lines (toYaml, include, nindent...). */
  readonly multi: boolean;
  /** The exact rendered text when every action is a resolvable copy of a value. */
  readonly expected: string | undefined;
}

interface TemplateModel {
  readonly text: string;
  readonly lines: readonly TemplateLine[];
}

const CONTROL_WORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'break', 'continue']);
const MULTI_HINT = /\b(?:include|toYaml|nindent|indent|tpl|template)\b/;
const ASSIGNMENT = /^\$\w*\s*:?=/;
const MAX_ACTIONS = 100000;
const MAX_NESTING = 200;

/** The actions of a template, in order, with the values path `.` stands for in `with` blocks. */
function actionsOf(text: string): Action[] {
  const out: Action[] = [];
  const scopes: (string | undefined | null)[] = []; // with path, null for a scope that changes dot unknowably, undefined for if
  let pos = 0;
  let tooDeep = 0; // blocks opened past MAX_NESTING, closed before the stack is popped again
  while (out.length < MAX_ACTIONS) {
    const open = text.indexOf('{{', pos);
    if (open < 0) break;
    const inner = open + 2;
    const isComment = text.startsWith('/*', inner) || text.startsWith('- /*', inner);
    let close = isComment ? text.indexOf('*/', inner) : inner;
    if (close < 0) close = inner;
    close = text.indexOf('}}', close);
    if (close < 0) close = text.length;
    const end = Math.min(text.length, close + 2);
    let body = text.slice(inner, close);
    const trimLeft = /^-\s/.test(body);
    const trimRight = /\s-$/.test(body);
    body = body.slice(trimLeft ? 1 : 0, trimRight ? body.length - 1 : body.length).trim();
    const word = /^[a-z]+/.exec(body)?.[0] ?? '';
    const control = isComment || body.startsWith('/*') || CONTROL_WORDS.has(word) || ASSIGNMENT.test(body);
    const dot = currentDot(scopes);
    if (word === 'end') {
      if (tooDeep > 0) tooDeep--;
      else scopes.pop();
    } else if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') {
      if (scopes.length >= MAX_NESTING) tooDeep++;
      else scopes.push(word === 'if' ? undefined : word === 'with' ? (valuesPaths(body.slice(4), dot)[0] ?? null) : null);
    }
    out.push({ start: open, end, body, trimLeft, trimRight, kind: control ? 'control' : 'output', dot });
    pos = end;
  }
  return out;
}

function currentDot(scopes: readonly (string | undefined | null)[]): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (s === null) return undefined;
    if (s !== undefined) return s;
  }
  return undefined;
}

const VALUES_REF = /\$?\.Values\.([A-Za-z0-9_.-]+)/g;
const DOT_REF = /(?:^|[\s(])\.([A-Za-z0-9_.-]*)/g;
const TOP_FIELDS = new Set(['Values', 'Release', 'Chart', 'Capabilities', 'Template', 'Files', 'Subcharts']);

/** The values paths (dotted) an action's body reads: `.Values.a.b`, `$.Values.a.b`, and `.b` inside `with .Values.a`. */
function valuesPaths(body: string, dot: string | undefined): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(VALUES_REF)) {
    const path = cleanPath(m[1]);
    if (path) out.push(path);
  }
  if (dot !== undefined) {
    for (const m of body.matchAll(DOT_REF)) {
      const rest = cleanPath(m[1]);
      if (TOP_FIELDS.has(rest.split('.')[0])) continue;
      out.push(rest ? `${dot}.${rest}` : dot);
    }
  }
  return [...new Set(out)];
}

function cleanPath(path: string): string {
  return path
    .split('.')
    .filter((p) => p.length > 0)
    .join('.');
}

const PASS_THROUGH = new Set(['quote', 'squote', 'int', 'int64', 'float64', 'toString', 'toYaml', 'trim', 'default', 'nindent', 'indent']);

/** The values path an output action only copies (`.Values.a.b | quote`, `toYaml .Values.a`, `. | nindent 4`), if it does. */
function copiedPath(action: Action): { path: string; quote: '' | '"' | "'" } | undefined {
  if (action.kind !== 'output') return undefined;
  const parts = action.body.split('|').map((p) => p.trim());
  let first = parts[0];
  for (const fn of ['toYaml ', 'quote ', 'squote ', 'toString ']) if (first.startsWith(fn)) first = first.slice(fn.length).trim();
  let quote: '' | '"' | "'" = action.body.startsWith('quote ') ? '"' : action.body.startsWith('squote ') ? "'" : '';
  for (const p of parts.slice(1)) {
    const fn = p.split(/\s/)[0];
    if (!PASS_THROUGH.has(fn)) return undefined;
    if (fn === 'quote') quote = '"';
    if (fn === 'squote') quote = "'";
  }
  let path: string | undefined;
  const m = /^\$?\.Values\.([A-Za-z0-9_.-]+)$/.exec(first);
  if (m) path = cleanPath(m[1]);
  else if (action.dot !== undefined && /^\.[A-Za-z0-9_.-]*$/.test(first)) {
    const rest = cleanPath(first.slice(1));
    path = rest ? `${action.dot}.${rest}` : action.dot;
  }
  return path ? { path, quote } : undefined;
}

/** A scalar's text as helm prints it (for the expected text of a line), or undefined when not a printable scalar. */
function printed(value: unknown, quote: '' | '"' | "'"): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const s = String(value);
  if (quote === '"') return JSON.stringify(s);
  if (quote === "'") return `'${s}'`;
  return s;
}

/** The model of a template: per line, its kind and the static parts its rendered lines must show. */
function templateModel(text: string, values: ValuesIndex | undefined): TemplateModel {
  const actions = actionsOf(text);
  const starts = lineStarts(text);
  const lines: TemplateLine[] = [];
  let a = 0;
  let spanning: Action | undefined; // an action started on an earlier line that is still open
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    let end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
    if (end > start && text[end - 1] === '\r') end--;
    const raw = text.slice(start, end);
    const inside = spanning !== undefined && spanning.end > start;
    const own: Action[] = [];
    while (a < actions.length && actions[a].start < end) own.push(actions[a++]);
    const last = own.length > 0 ? own[own.length - 1] : inside ? spanning : undefined;
    if (last && last.end > end) spanning = last;
    else if (own.length > 0 || !inside) spanning = undefined;
    const base = { start, end, text: raw.trimEnd(), actions: own, prefix: '', suffix: '', middles: [] as string[], multi: false, expected: undefined };
    if (inside) {
      lines.push({ ...base, kind: 'control', actions: [] });
      continue;
    }
    if (own.length === 0) {
      lines.push({ ...base, kind: raw.trim() === '' ? 'blank' : 'static' });
      continue;
    }
    let prefix = text.slice(start, own[0].start);
    if (own[0].trimLeft) prefix = prefix.trimEnd();
    const lastEnd = Math.min(end, own[own.length - 1].end);
    let suffix = text.slice(lastEnd, end);
    if (own[own.length - 1].trimRight) suffix = suffix.trimStart();
    suffix = suffix.trimEnd();
    const middles: string[] = [];
    for (let k = 1; k < own.length; k++) {
      let mid = text.slice(own[k - 1].end, own[k].start);
      if (own[k - 1].trimRight) mid = mid.trimStart();
      if (own[k].trimLeft) mid = mid.trimEnd();
      middles.push(mid);
    }
    const outputs = own.filter((x) => x.kind === 'output');
    const staticText = prefix + middles.join('') + suffix;
    if (outputs.length === 0 && staticText.trim() === '') {
      lines.push({ ...base, kind: 'control' });
      continue;
    }
    const multi = outputs.some((x) => MULTI_HINT.test(x.body));
    let expected: string | undefined;
    if (values && outputs.length === own.length) {
      let built: string | undefined = prefix;
      for (let k = 0; k < own.length && built !== undefined; k++) {
        const copy = copiedPath(own[k]);
        const v = copy && !/\b(?:toYaml|nindent|indent)\b/.test(own[k].body) ? printed(values.get(copy.path)?.value, copy.quote) : undefined;
        built = v === undefined ? undefined : built + v + (k < middles.length ? middles[k] : '');
      }
      if (built !== undefined) expected = (built + suffix).trimEnd();
    }
    const kind: LineKind = staticText.trim() === '' ? 'multi' : 'pattern';
    lines.push({ ...base, kind, prefix, suffix, middles, multi: kind === 'multi' || multi, expected });
  }
  return { text, lines };
}

// ---------------------------------------------------------------------------------------------------------------
// Alignment of rendered lines to template lines.

/** How a rendered line was produced: a template line with the same text, a line with actions, or unknown. */
export type AlignKind = 'static' | 'action' | 'none';

export interface LineAlignment {
  /** The 0-based template line, or -1 for 'none'. */
  readonly line: number;
  readonly kind: AlignKind;
}

/** The largest alignment table (rendered lines × template lines) solved exactly; larger ones use a greedy match. */
export const MAX_ALIGN_CELLS = 4_000_000;

const INF = 1 << 29;
const COST_UNMATCHED = 20;
const COST_PATTERN = 2;
const COST_MULTI = 3;
const COST_CONTINUE = 1;
const MOVE_SKIP = 0;
const MOVE_UNMATCHED = 1;
const MOVE_CONTINUE = 2;
const MOVE_MATCH = 3;
const GREEDY_WINDOW = 400;
/** Line comparisons the greedy match and the repair of unmatched lines may make per document: the window shrinks to fit. */
const MAX_SCAN_WORK = 20_000_000;

/** How far to look for a line's match so that `lines` lookups stay within the work bound. */
function windowFor(lines: number): number {
  return Math.max(8, Math.min(GREEDY_WINDOW, Math.floor(MAX_SCAN_WORK / Math.max(1, lines))));
}
const MAX_ALIGN_LINES = 100000;
/** The exact alignment cells one render may use over all its documents. */
const MAX_RENDER_CELLS = 64_000_000;

function fits(line: string, t: TemplateLine): boolean {
  return line.length >= t.prefix.length + t.suffix.length && line.startsWith(t.prefix) && line.endsWith(t.suffix);
}

function matchCost(line: string, t: TemplateLine): number {
  switch (t.kind) {
    case 'static':
      return line === t.text ? 0 : INF;
    case 'blank':
      return line === '' ? 0 : INF;
    case 'pattern':
      if (t.expected !== undefined && line === t.expected) return 0;
      return fits(line, t) ? COST_PATTERN : INF;
    case 'multi':
      return COST_MULTI;
    default:
      return INF;
  }
}

function skipCost(t: TemplateLine): number {
  return t.kind === 'control' ? 0 : 1;
}

/**
 * Aligns rendered lines (trailing whitespace ignored) with a template's lines: for each rendered line, the template
 * line that produced it and whether the texts are the same ('static') or the line holds actions ('action').
 */
export function alignTemplate(renderedLines: readonly string[], templateLines: readonly string[]): LineAlignment[] {
  return alignLines(
    renderedLines.map((l) => l.trimEnd()),
    templateModel(templateLines.join('\n'), undefined),
  );
}

/**
 * `budget`: exact cells this alignment may use; `window`: how far the greedy match and the repair look (windowFor the
 * lines of the whole render, so that all documents together stay within MAX_SCAN_WORK).
 */
function alignLines(rendered: readonly string[], model: TemplateModel, budget = MAX_ALIGN_CELLS, window = windowFor(2 * rendered.length)): LineAlignment[] {
  const t = model.lines;
  const n = rendered.length;
  const m = t.length;
  const result = (n + 1) * (m + 1) <= Math.min(budget, MAX_ALIGN_CELLS) ? alignExact(rendered, t) : alignGreedy(rendered, t, window);
  return repairUnmatched(rendered, t, result, window);
}

/** Weighted monotonic alignment by dynamic programming: O(n·m) time, two cost rows and one byte per cell of moves. */
function alignExact(rendered: readonly string[], t: readonly TemplateLine[]): LineAlignment[] {
  const n = rendered.length;
  const m = t.length;
  const width = m + 1;
  const moves = new Uint8Array((n + 1) * width);
  let prev = new Int32Array(width);
  let cur = new Int32Array(width);
  for (let j = 1; j <= m; j++) {
    prev[j] = prev[j - 1] + skipCost(t[j - 1]);
    moves[j] = MOVE_SKIP;
  }
  for (let i = 1; i <= n; i++) {
    const line = rendered[i - 1];
    cur[0] = prev[0] + COST_UNMATCHED;
    moves[i * width] = MOVE_UNMATCHED;
    for (let j = 1; j <= m; j++) {
      const tl = t[j - 1];
      let best = prev[j] + COST_UNMATCHED;
      let move = MOVE_UNMATCHED;
      if (tl.multi && prev[j] + COST_CONTINUE < best) {
        best = prev[j] + COST_CONTINUE;
        move = MOVE_CONTINUE;
      }
      const match = prev[j - 1] + matchCost(line, tl);
      if (match < best) {
        best = match;
        move = MOVE_MATCH;
      }
      const skip = cur[j - 1] + skipCost(tl);
      // On a tie, skip: the traceback then keeps the earliest template lines (template order).
      if (skip <= best) {
        best = skip;
        move = MOVE_SKIP;
      }
      cur[j] = best;
      moves[i * width + j] = move;
    }
    [prev, cur] = [cur, prev];
  }
  const out: LineAlignment[] = new Array<LineAlignment>(n);
  let i = n;
  let j = m;
  while (i > 0) {
    const move = j === 0 ? MOVE_UNMATCHED : moves[i * width + j];
    if (move === MOVE_SKIP) j--;
    else {
      i--;
      if (move === MOVE_UNMATCHED) out[i] = { line: -1, kind: 'none' };
      else {
        const tl = t[j - 1];
        out[i] = { line: j - 1, kind: tl.kind === 'static' || tl.kind === 'blank' ? 'static' : 'action' };
        if (move === MOVE_MATCH) j--;
      }
    }
  }
  return out;
}

/** For tables too large to solve exactly: match forward within a window, cheapest first. */
function alignGreedy(rendered: readonly string[], t: readonly TemplateLine[], window: number): LineAlignment[] {
  const out: LineAlignment[] = [];
  let j = 0;
  let last = -1;
  for (const line of rendered) {
    let found = -1;
    let cost = INF;
    for (let k = j; k < t.length && k < j + window && cost > 0; k++) {
      const c = matchCost(line, t[k]);
      if (c < cost) [found, cost] = [k, c];
    }
    if (found >= 0 && (cost <= COST_PATTERN || last < 0 || !t[last].multi)) {
      const tl = t[found];
      out.push({ line: found, kind: tl.kind === 'static' || tl.kind === 'blank' ? 'static' : 'action' });
      last = found;
      j = found + 1;
    } else if (last >= 0 && t[last].multi) out.push({ line: last, kind: 'action' });
    else out.push({ line: -1, kind: 'none' });
  }
  return out;
}

/** Rendered lines the monotonic alignment left out (repeated `range` output): the nearest template line that fits. */
function repairUnmatched(rendered: readonly string[], t: readonly TemplateLine[], out: LineAlignment[], window: number): LineAlignment[] {
  let anchor = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i].kind !== 'none') {
      anchor = out[i].line;
      continue;
    }
    let found = -1;
    let cost = COST_MULTI; // only static, expected or pattern matches
    for (let d = 0; d < window && cost > 0; d++) {
      for (const k of d === 0 ? [anchor] : [anchor - d, anchor + d]) {
        if (k < 0 || k >= t.length) continue;
        const c = matchCost(rendered[i], t[k]);
        if (c < cost) [found, cost] = [k, c];
      }
    }
    if (found >= 0) out[i] = { line: found, kind: t[found].kind === 'static' || t[found].kind === 'blank' ? 'static' : 'action' };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Values files.

interface ValueHit {
  readonly file: SourceFile;
  readonly key: readonly [number, number];
  readonly node: Node | null;
  readonly value: unknown;
}

interface ValuesIndex {
  get(path: string): ValueHit | undefined;
}

const MAX_PATH_DEPTH = 64;

/** The values prefix of a subchart's template: `charts/db/templates/x.yaml` reads the parent's `db.` values. */
function subchartScope(templatePath: string): string {
  const parts = templatePath.split('/');
  const names: string[] = [];
  for (let i = 0; i + 1 < parts.length && parts[i] === 'charts'; i += 2) names.push(parts[i + 1]);
  return names.map((n) => `${n}.`).join('');
}

function scoped(values: ValuesIndex, scope: string): ValuesIndex {
  return scope === '' ? values : { get: (path) => values.get(scope + path) };
}

function valuesIndex(files: readonly SourceFile[]): ValuesIndex {
  const docs = files.map((file) => ({ file, doc: parseDocument(file.text, { uniqueKeys: false }) }));
  const cache = new Map<string, ValueHit | undefined>();
  return {
    get(path) {
      if (cache.has(path)) return cache.get(path);
      let hit: ValueHit | undefined;
      const keys = path.split('.');
      if (keys.length <= MAX_PATH_DEPTH) {
        for (let f = docs.length - 1; f >= 0 && !hit; f--) hit = lookup(docs[f].file, docs[f].doc.contents, keys);
      }
      cache.set(path, hit);
      return hit;
    },
  };
}

function lookup(file: SourceFile, root: Node | null, keys: readonly string[]): ValueHit | undefined {
  let node: Node | null = root;
  let key: [number, number] | undefined;
  for (const k of keys) {
    if (isMap(node)) {
      // The last of duplicate keys wins, as when helm reads the file.
      let pair: (typeof node.items)[number] | undefined;
      for (let i = node.items.length - 1; i >= 0 && !pair; i--) {
        const key = node.items[i].key;
        if ((isScalar(key) ? String(key.value) : String(key)) === k) pair = node.items[i];
      }
      if (!pair) return undefined;
      const range = (pair.key as Node | null)?.range;
      key = range ? [range[0], range[1]] : undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node) && /^\d+$/.test(k)) {
      const item = node.items[Number(k)] as Node | undefined;
      if (!item) return undefined;
      key = item.range ? [item.range[0], item.range[1]] : undefined;
      node = item;
    } else return undefined;
  }
  if (!key) return undefined;
  return { file, key, node, value: isScalar(node) ? node.value : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// The rendered stream.

interface RenderedDoc {
  /** The template path relative to the chart (`templates/x.yaml`), or undefined outside any `# Source:`. */
  readonly source: string | undefined;
  /** Rendered lines [first, last) of the document's content (without `---` and `# Source:`). */
  readonly first: number;
  readonly last: number;
  alignment?: LineAlignment[];
  parsed?: { kind: string; name: string; root: Node | null; offset: number };
}

const SOURCE_HEADER = /^# Source: (.*)$/;

/**
 * The documents of the render; `docOf` gives each line's document (-1 for the `---` and `# Source:` lines), `ownerOf`
 * also gives the header lines the document they open (for findings reported on a header).
 */
function documentsOf(lines: readonly string[], chartName: string): { docs: RenderedDoc[]; docOf: Int32Array; ownerOf: Int32Array } {
  const docs: RenderedDoc[] = [];
  const docOf = new Int32Array(lines.length).fill(-1);
  let current: { source: string | undefined; first: number } = { source: undefined, first: 0 };
  const close = (last: number): void => {
    if (last > current.first || current.source !== undefined) docs.push({ source: current.source, first: current.first, last });
  };
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i].trimEnd() === '---' && i + 1 < lines.length ? SOURCE_HEADER.exec(lines[i + 1].trimEnd()) : null;
    if (!header) continue;
    close(i);
    const full = header[1];
    current = { source: full.startsWith(`${chartName}/`) ? full.slice(chartName.length + 1) : undefined, first: i + 2 };
    i++;
  }
  close(lines.length);
  docs.forEach((d, k) => docOf.fill(k, d.first, d.last));
  const ownerOf = Int32Array.from(docOf);
  docs.forEach((d, k) => {
    if (d.first >= 2) ownerOf.fill(k, Math.max(0, d.first - 2), d.first);
  });
  return { docs, docOf, ownerOf };
}

// ---------------------------------------------------------------------------------------------------------------
// The mapping.

interface Place {
  readonly file: SourceFile;
  readonly offset: number;
  /** The template line (0-based) when the place is in a template. */
  readonly line: number;
  /** The place is the rendered text itself (a static line); false: an action's span stands for it. */
  readonly exact: boolean;
  readonly actions: readonly Action[];
  readonly model: TemplateModel;
  readonly rendered: number;
}

interface Located {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly exact: boolean;
  readonly actions: readonly Action[];
  readonly model: TemplateModel;
  readonly renderedLine: number;
}

/**
 * Maps findings on the output of `helm template` back onto the chart's templates and values files. Related places
 * in the render (`sameDocument`, or `renderUri`) are mapped too; none is dropped: what cannot be placed goes on the
 * first line of its template (or of the first template by path) with the rendered object and path in the message.
 */
export function mapHelmProblems(
  rendered: string,
  problems: readonly Problem[],
  chart: ChartSources,
  uriOf: UriOf,
  locale?: Locale,
  renderUri?: string,
): MappedProblems {
  const starts = lineStarts(rendered);
  const lines = starts.map((s, i) => {
    let e = i + 1 < starts.length ? starts[i + 1] - 1 : rendered.length;
    if (e > s && rendered[e - 1] === '\r') e--;
    return rendered.slice(s, e);
  });
  const { docs, docOf, ownerOf } = documentsOf(lines, chart.name);
  const values = valuesIndex(chart.values);
  const models = new Map<string, TemplateModel>();
  const modelOf = (path: string): TemplateModel | undefined => {
    const file = chart.templates.get(path);
    if (!file) return undefined;
    let model = models.get(path);
    if (!model) models.set(path, (model = templateModel(file.text, scoped(values, subchartScope(path)))));
    return model;
  };
  const relOf = new Map([...chart.templates].map(([rel, f]) => [f.path, rel]));
  const fileStarts = new Map<string, number[]>();
  const startsOf = (file: SourceFile): number[] => {
    let s = fileStarts.get(file.path);
    if (!s) fileStarts.set(file.path, (s = lineStarts(file.text)));
    return s;
  };
  const relPath = (file: SourceFile): string => {
    const dir = chart.dir.endsWith('/') ? chart.dir : `${chart.dir}/`;
    return file.path.startsWith(dir) ? file.path.slice(dir.length) : (file.path.split('/').pop() ?? file.path);
  };

  // All documents together get a bounded number of exact alignment cells; past it, the greedy match.
  let cellBudget = MAX_RENDER_CELLS;
  const scanWindow = windowFor(2 * lines.length);
  const alignmentOf = (doc: RenderedDoc): LineAlignment[] | undefined => {
    const model = doc.source !== undefined ? modelOf(doc.source) : undefined;
    if (!model) return undefined;
    if (!doc.alignment) {
      const content = lines.slice(doc.first, doc.last).map((l) => l.trimEnd());
      doc.alignment = alignLines(content, model, cellBudget, scanWindow);
      cellBudget -= (content.length + 1) * (model.lines.length + 1);
    }
    return doc.alignment;
  };

  /** The template line a rendered line is aligned with, with its file and model; undefined when none is. */
  const alignedAt = (r: number): { file: SourceFile; model: TemplateModel; a: LineAlignment } | undefined => {
    if (r < 0 || r >= lines.length) return undefined;
    const d = docOf[r];
    if (d < 0) return undefined;
    const doc = docs[d];
    const alignment = alignmentOf(doc);
    const model = doc.source !== undefined ? modelOf(doc.source) : undefined;
    const file = doc.source !== undefined ? chart.templates.get(doc.source) : undefined;
    if (!alignment || !model || !file) return undefined;
    const a = alignment[r - doc.first];
    return a.kind === 'none' ? undefined : { file, model, a };
  };

  /** Where a rendered offset comes from; `side` picks an action span's start or end. */
  const place = (offset: number, side: 'start' | 'end'): Place | undefined => {
    const pos = positionAt(starts, Math.max(0, Math.min(offset, rendered.length)));
    const r = pos.line;
    const aligned = alignedAt(r);
    if (!aligned) return undefined;
    const { file, model, a } = aligned;
    const tl = model.lines[a.line];
    const line = lines[r];
    const col = Math.min(pos.character, line.length);
    const base = { file, line: a.line, model, rendered: r };
    if (a.kind === 'static') return { ...base, offset: tl.start + Math.min(col, tl.end - tl.start), exact: true, actions: [] };
    const outputs = tl.actions.filter((x) => x.kind === 'output');
    const whole = outputs.length > 0 ? outputs : tl.actions;
    const spanOf = (acts: readonly Action[]): Place => ({
      ...base,
      offset:
        side === 'start'
          ? acts.reduce((m, x) => Math.min(m, x.start), tl.end)
          : Math.min(
              tl.end,
              acts.reduce((m, x) => Math.max(m, x.end), tl.start),
            ),
      exact: false,
      actions: acts,
    });
    // A continuation line of a multi-line action, or a line whose static parts do not show: the output actions.
    if (tl.kind === 'multi' || !fits(line.trimEnd(), tl)) return spanOf(whole);
    if (col < tl.prefix.length) return { ...base, offset: tl.start + col, exact: true, actions: [] };
    const trimmed = line.trimEnd();
    const suffixAt = trimmed.length - tl.suffix.length;
    if (col >= suffixAt && tl.suffix.length > 0) {
      const tEnd = tl.start + tl.text.length;
      const tSuffix = tEnd - tl.suffix.length;
      return { ...base, offset: Math.min(tEnd, tSuffix + (col - suffixAt)), exact: true, actions: [] };
    }
    // Inside the actions: find which, by the static text between them (first occurrence, left to right).
    let at = tl.prefix.length;
    for (let k = 0; k < tl.middles.length; k++) {
      const mid = tl.middles[k];
      if (mid.length === 0) continue;
      const found = trimmed.indexOf(mid, at);
      if (found < 0 || found > suffixAt) return spanOf(tl.actions.slice(0, tl.actions.length));
      if (col < found) return spanOf([tl.actions[k]]);
      if (col < found + mid.length) return { ...base, offset: tl.actions[k].end + Math.max(0, col - found), exact: false, actions: [] };
      at = found + mid.length;
      if (k === tl.middles.length - 1) return spanOf([tl.actions[k + 1]]);
    }
    return spanOf(tl.middles.every((x) => x.length === 0) ? tl.actions : [tl.actions[tl.actions.length - 1]]);
  };

  const locate = (start: number, end: number): Located | undefined => {
    const s = place(start, 'start');
    if (!s) return undefined;
    const endAt = end > start ? end : start;
    const e = end > start ? place(Math.max(start, endAt - 1), 'end') : s;
    const lineEnd = s.model.lines[s.line].start + s.model.lines[s.line].text.length;
    let endOffset: number;
    if (e && e.file === s.file && e.offset >= s.offset) {
      // A place on text (not an action's span) is the last character itself: the end is one past it, on its line.
      const eLine = e.model.lines[e.line];
      endOffset = e.actions.length === 0 && end > start ? Math.min(e.offset + 1, eLine.start + eLine.text.length) : e.offset;
    } else endOffset = Math.max(s.offset, lineEnd);
    // An empty range on an action's output covers the action.
    if (s.actions.length > 0)
      endOffset = Math.max(
        endOffset,
        Math.min(
          lineEnd,
          s.actions.reduce((m, x) => Math.max(m, x.end), 0),
        ),
      );
    const actions = [...new Set([...s.actions, ...(e && e.file === s.file ? e.actions : [])])];
    return {
      file: s.file,
      start: s.offset,
      end: Math.max(s.offset, endOffset),
      line: s.line,
      exact: s.exact && (e?.exact ?? true),
      actions,
      model: s.model,
      renderedLine: s.rendered,
    };
  };

  // Rendered objects and YAML paths, for messages.
  const parsedOf = (doc: RenderedDoc): NonNullable<RenderedDoc['parsed']> => {
    if (!doc.parsed) {
      const offset = doc.first < starts.length ? starts[doc.first] : rendered.length;
      const end = doc.last < starts.length ? starts[doc.last] : rendered.length;
      const yamlDoc = parseDocument(rendered.slice(offset, end), { uniqueKeys: false });
      const kind = yamlDoc.get('kind');
      const name = yamlDoc.getIn(['metadata', 'name']);
      doc.parsed = {
        kind: typeof kind === 'string' ? kind : '',
        name: typeof name === 'string' ? name : '',
        root: yamlDoc.contents as Node | null,
        offset,
      };
    }
    return doc.parsed;
  };
  const describe = (offset: number): { object: string; path: string } => {
    const r = positionAt(starts, Math.max(0, Math.min(offset, rendered.length))).line;
    const d = ownerOf[r];
    if (d < 0) return { object: '?', path: '' };
    const p = parsedOf(docs[d]);
    const object = p.kind ? (p.name ? `${p.kind} ${p.name}` : p.kind) : '?';
    return { object, path: formatPath(yamlPath(p.root, offset - p.offset)) };
  };

  const fallbackFile = (offset: number): SourceFile | undefined => {
    const r = positionAt(starts, Math.max(0, Math.min(offset, rendered.length))).line;
    const d = ownerOf[r];
    const source = d >= 0 ? docs[d].source : undefined;
    const own = source !== undefined ? chart.templates.get(source) : undefined;
    if (own) return own;
    // The first manifest template by path (helpers such as _helpers.tpl render nothing of their own).
    const paths = [...chart.templates.keys()].sort();
    const first = paths.find((p) => /\.ya?ml$/.test(p)) ?? paths[0];
    return first !== undefined ? chart.templates.get(first) : chart.values[0];
  };

  const unmappedMessage = (message: string, where: { object: string; path: string }): string =>
    say(locale, where.path ? 'unmapped' : 'unmappedObject', { message, ...where });

  const inRender = (r: RelatedProblem): boolean => r.sameDocument === true || r.uri === (renderUri ?? LOCAL_URI);

  const positioned = (file: SourceFile, start: number, end: number): NonNullable<RelatedProblem['position']> => {
    const s = positionAt(startsOf(file), start);
    const e = positionAt(startsOf(file), end);
    return { line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
  };

  const firstLine = (file: SourceFile): [number, number] => {
    const nl = file.text.indexOf('\n');
    const e = nl < 0 ? file.text.length : nl;
    return [0, e > 0 && file.text[e - 1] === '\r' ? e - 1 : e];
  };

  const out: MappedProblems = new Map();
  const seen = new Set<string>();
  const publish = (file: SourceFile, p: Problem): void => {
    const key = JSON.stringify([file.path, p.code, p.start, p.end, p.message]);
    if (seen.has(key)) return;
    seen.add(key);
    let list = out.get(file.path);
    if (!list) out.set(file.path, (list = []));
    list.push(p);
  };

  for (const problem of problems) {
    const loc = locate(problem.start, problem.end);
    const where = describe(problem.start);
    let file: SourceFile | undefined;
    let start: number;
    let end: number;
    let message = problem.message;
    if (loc) {
      file = loc.file;
      start = loc.start;
      end = loc.end;
      if (!loc.exact) message = say(locale, where.path ? 'renderedAt' : 'renderedObject', { message, ...where });
    } else {
      file = fallbackFile(problem.start);
      if (!file) continue; // A chart with neither templates nor values: there is no file to publish on.
      [start, end] = firstLine(file);
      const known = ownerOf[positionAt(starts, Math.max(0, Math.min(problem.start, rendered.length))).line] >= 0;
      message = known && where.object !== '?' ? unmappedMessage(message, where) : say(locale, 'unmappedNoSource', { message });
    }
    const target = file;

    // Related places in the render follow the finding; others stay as they are.
    const related: RelatedProblem[] = [];
    for (const r of problem.related ?? []) {
      if (!inRender(r)) {
        related.push(r);
        continue;
      }
      const rl = locate(r.start, r.end);
      const rf = rl?.file ?? fallbackFile(r.start);
      if (!rf) continue;
      const [rs, re] = rl ? [rl.start, rl.end] : firstLine(rf);
      const rm = rl ? r.message : unmappedMessage(r.message, describe(r.start));
      related.push({
        uri: uriOf(rf.path),
        start: rs,
        end: re,
        position: positioned(rf, rs, re),
        message: rm,
        ...(rf === target ? { sameDocument: true } : {}),
      });
    }

    // Values the template line reads.
    const valueRelated: RelatedProblem[] = [];
    let copy: { hit: ValueHit; path: string } | undefined;
    if (loc) {
      const tl = loc.model.lines[loc.line];
      // The actions the finding sits on, or when it sits on the static text of a line with actions (the key of
      // `periodSeconds: {{ .Values.probe.period }}`), the line's actions.
      const acts = loc.actions.length > 0 ? loc.actions : tl.actions;
      // A subchart's `.Values.x` is the parent's `<sub>.x`.
      const scope = subchartScope(relOf.get(loc.file.path) ?? '');
      const paths = acts.flatMap((act) => valuesPaths(act.body, act.dot)).map((p) => scope + p);
      const copied = loc.actions.length === 1 ? copiedPath(loc.actions[0]) : undefined;
      if (copied) {
        const refined = scope + refinePath(copied.path, loc, problem.start);
        const hit = values.get(refined) ?? values.get(scope + copied.path);
        if (hit) copy = { hit, path: values.get(refined) ? refined : scope + copied.path };
      }
      for (const path of [...new Set(copy ? [copy.path, ...paths] : paths)]) {
        const hit = path === copy?.path ? copy.hit : values.get(path);
        if (!hit) continue;
        valueRelated.push({
          uri: uriOf(hit.file.path),
          start: hit.key[0],
          end: hit.key[1],
          position: positioned(hit.file, hit.key[0], hit.key[1]),
          message: say(locale, 'valueFrom', { file: relPath(hit.file), key: path }),
          ...(hit.file === target ? { sameDocument: true } : {}),
        });
      }
    }

    // Fixes: kept when every change maps onto the template, or moved onto the values copy when they edit the value.
    const fixes: Fix[] = [];
    const valueFixes: Fix[] = [];
    for (const fix of problem.fixes) {
      const onTemplate = loc ? mapStaticChanges(fix.changes, target) : undefined;
      if (onTemplate) {
        fixes.push({ ...fix, changes: onTemplate });
        continue;
      }
      const onValues = copy ? mapValueChange(fix.changes, copy.hit) : undefined;
      if (onValues) valueFixes.push({ ...fix, changes: [onValues] });
    }

    publish(target, placed(problem, { message, start, end, fixes, related: [...related, ...valueRelated] }));

    if (loc && copy) {
      const hit = copy.hit;
      const [vs, ve] = hit.node && isScalar(hit.node) && hit.node.range ? [hit.node.range[0], hit.node.range[1]] : hit.key;
      const template = relPath(loc.file);
      const line = loc.line + 1;
      publish(
        hit.file,
        placed(problem, {
          message: say(locale, 'valueCopy', { message: problem.message, template, line }),
          start: vs,
          end: ve,
          fixes: valueFixes,
          related: [
            {
              uri: uriOf(loc.file.path),
              start: loc.start,
              end: loc.end,
              position: positioned(loc.file, loc.start, loc.end),
              message: say(locale, 'usedBy', { template, line }),
            },
          ],
        }),
      );
    }
  }
  return out;

  /**
   * The values path a finding inside `toYaml` output stands for: the copied path plus the finding's path below the
   * node the output starts in (`resources` + `limits.memory`). The copied path itself when that cannot be told.
   */
  function refinePath(path: string, loc: Located, offset: number): string {
    const action = loc.actions[0];
    if (loc.actions.length !== 1 || !/\btoYaml\b/.test(action.body)) return path;
    const d = docOf[loc.renderedLine];
    const doc = docs[d];
    const alignment = d >= 0 ? alignmentOf(doc) : undefined;
    if (!alignment) return path;
    let r0 = loc.renderedLine;
    while (r0 - 1 >= doc.first && alignment[r0 - 1 - doc.first].line === loc.line && r0 > loc.renderedLine - MAX_ALIGN_LINES) r0--;
    if (loc.model.lines[loc.line].kind !== 'multi') r0++;
    if (r0 >= doc.last || r0 > loc.renderedLine) return path;
    const p = parsedOf(doc);
    const first = lines[r0];
    const indent = first.length - first.trimStart().length;
    // A mapping's first key is one level below the copied node; a sequence's dash is the copied node itself.
    const atDash = first.trimStart().startsWith('-');
    const here = yamlPath(p.root, starts[r0] + indent - p.offset);
    const base = atDash ? here : here.slice(0, -1);
    const full = yamlPath(p.root, offset - p.offset);
    if (full.length <= base.length || base.some((k, i) => full[i] !== k)) return path;
    return [path, ...full.slice(base.length).map(String)].join('.');
  }

  /** A fix's changes moved onto the template, when each touches only lines that render unchanged. */
  function mapStaticChanges(changes: readonly TextChange[], target: SourceFile): TextChange[] | undefined {
    const mapped: TextChange[] = [];
    for (const c of changes) {
      const after = c.start === c.end ? afterActionOutput(c.start) : undefined;
      if (after) {
        if (after.file !== target) return undefined;
        mapped.push({ start: after.offset, end: after.offset, newText: c.newText });
        continue;
      }
      const s = staticOffset(c.start, c.start === c.end);
      const e = c.end === c.start ? s : staticOffset(c.end, false, true);
      if (!s || !e || s.file !== target || e.file !== target || e.offset < s.offset) return undefined;
      if (s.line !== e.line || s.renderedLine !== e.renderedLine) {
        // Every rendered line in between must be the next template line.
        if (e.line - s.line !== e.renderedLine - s.renderedLine) return undefined;
        for (let r = s.renderedLine; r < e.renderedLine; r++) if (!staticAt(r)) return undefined;
      }
      mapped.push({ start: s.offset, end: e.offset, newText: c.newText });
    }
    return mapped;
  }

  /**
   * An insertion at the end of the last line a multi-line action produced (`{{- toYaml .Values.resources | nindent
   * 12 }}`, nothing after it on its line) goes right after the action: helm renders the same text.
   */
  function afterActionOutput(offset: number): { file: SourceFile; offset: number } | undefined {
    const pos = positionAt(starts, Math.max(0, Math.min(offset, rendered.length)));
    const r = pos.line;
    const d = docOf[r];
    if (d < 0 || pos.character !== lines[r].length) return undefined;
    const doc = docs[d];
    const alignment = alignmentOf(doc);
    const model = doc.source !== undefined ? modelOf(doc.source) : undefined;
    const file = doc.source !== undefined ? chart.templates.get(doc.source) : undefined;
    if (!alignment || !model || !file) return undefined;
    const a = alignment[r - doc.first];
    const next = r + 1 < doc.last ? alignment[r + 1 - doc.first] : undefined;
    if (a.kind !== 'action' || (next !== undefined && (next.line === a.line || next.kind === 'none'))) return undefined;
    const tl = model.lines[a.line];
    const last = tl.actions[tl.actions.length - 1];
    if (!tl.multi || tl.suffix !== '' || last.kind !== 'output' || last.end !== tl.start + tl.text.length) return undefined;
    return { file, offset: last.end };
  }

  function staticAt(r: number): { file: SourceFile; line: number; model: TemplateModel } | undefined {
    const aligned = alignedAt(r);
    if (!aligned || aligned.a.kind !== 'static') return undefined;
    const { file, model, a } = aligned;
    // Fixes need the very text, trailing whitespace included.
    const tl = model.lines[a.line];
    return file.text.slice(tl.start, tl.end) === lines[r] ? { file, line: a.line, model } : undefined;
  }

  /** A rendered offset on a static line as a template offset; an insertion at a line start needs the line before to be the template's line before. */
  function staticOffset(
    offset: number,
    insertion: boolean,
    isEnd = false,
  ): { file: SourceFile; offset: number; line: number; renderedLine: number } | undefined {
    const pos = positionAt(starts, Math.max(0, Math.min(offset, rendered.length)));
    let r = pos.line;
    let col = pos.character;
    // An end at a line start closes the line before, through its line break.
    if (isEnd && col === 0 && r > 0) {
      const before = staticAt(r - 1);
      if (!before) return undefined;
      const next = before.model.lines[before.line + 1];
      return { file: before.file, offset: next ? next.start : before.file.text.length, line: before.line + 1, renderedLine: r };
    }
    if (r >= lines.length) return undefined;
    const here = staticAt(r);
    if (!here) return undefined;
    if (insertion && col === 0 && r > 0) {
      const before = staticAt(r - 1);
      if (!before || before.file !== here.file || before.line !== here.line - 1) {
        if (docOf[r - 1] === docOf[r]) return undefined;
      }
    }
    const tl = here.model.lines[here.line];
    if (col > tl.end - tl.start) {
      // Past the line's end (its line break): the next line's start.
      const next = here.model.lines[here.line + 1];
      if (!next) return undefined;
      r += 1;
      col = 0;
      return { file: here.file, offset: next.start, line: here.line + 1, renderedLine: r };
    }
    return { file: here.file, offset: tl.start + col, line: here.line, renderedLine: r };
  }

  /** A single change that replaces the value an action copies, as a change of that value in its values file. */
  function mapValueChange(changes: readonly TextChange[], hit: ValueHit): TextChange | undefined {
    if (changes.length !== 1) return undefined;
    const c = changes[0];
    const node = hit.node;
    if (!node || !isScalar(node) || !node.range) return undefined;
    const type = node.type;
    if (type !== Scalar.PLAIN && type !== Scalar.QUOTE_DOUBLE && type !== Scalar.QUOTE_SINGLE) return undefined;
    const s = positionAt(starts, c.start);
    const e = positionAt(starts, c.end);
    if (s.line !== e.line) return undefined;
    const d = docOf[s.line];
    if (d < 0) return undefined;
    const doc = docs[d];
    const alignment = alignmentOf(doc);
    const model = doc.source !== undefined ? modelOf(doc.source) : undefined;
    if (!alignment || !model) return undefined;
    const a = alignment[s.line - doc.first];
    if (a.kind !== 'action') return undefined;
    const tl = model.lines[a.line];
    if (tl.kind !== 'pattern' || tl.actions.length !== 1 || !copiedPath(tl.actions[0])) return undefined;
    const line = lines[s.line].trimEnd();
    if (!fits(line, tl)) return undefined;
    // The change must replace the whole copied text, and nothing of the line's static parts.
    if (s.character !== tl.prefix.length || e.character !== line.length - tl.suffix.length) return undefined;
    const parsed = parseDocument(c.newText).contents;
    if (!isScalar(parsed)) return undefined;
    const text = encodeScalar(parsed.value, node);
    return text === undefined ? undefined : { start: node.range[0], end: node.range[1], newText: text };
  }
}

/** A finding moved to another place: code, severity, docs link and the incomplete mark kept; no empty `related`. */
function placed(problem: Problem, at: { message: string; start: number; end: number; fixes: readonly Fix[]; related: readonly RelatedProblem[] }): Problem {
  return {
    code: problem.code,
    message: at.message,
    severity: problem.severity,
    start: at.start,
    end: at.end,
    fixes: at.fixes,
    ...(problem.docsUrl !== undefined ? { docsUrl: problem.docsUrl } : {}),
    ...(problem.incomplete !== undefined ? { incomplete: problem.incomplete } : {}),
    ...(at.related.length > 0 ? { related: at.related } : {}),
  };
}

/** A new value written in the style of the scalar it replaces; undefined when it cannot be. */
function encodeScalar(value: unknown, old: Scalar): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const s = String(value);
  if (old.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(s);
  if (old.type === Scalar.QUOTE_SINGLE) return `'${s.replace(/'/g, "''")}'`;
  // Plain: keep the old value's type when the text reads back as it (a quoted number from `| quote` stays a number).
  const back = parseDocument(s).contents;
  const reads = isScalar(back) ? back.value : undefined;
  if (typeof value !== 'string' || reads === value || (typeof old.value !== 'string' && typeof reads === typeof old.value)) return s;
  return JSON.stringify(s);
}

/** A YAML path as messages show it: `spec.containers[0].image`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The YAML path (keys and indexes) of the deepest node holding an offset; bounded by depth. */
function yamlPath(root: Node | null, offset: number): (string | number)[] {
  const out: (string | number)[] = [];
  let node: Node | null = root;
  for (let depth = 0; depth < MAX_PATH_DEPTH && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = (p.key as Node | null)?.range;
        const v = (p.value as Node | null)?.range;
        return (k && offset >= k[0] && offset <= (v ? v[1] : k[1])) || false;
      });
      if (!pair) break;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out.push(key);
      node = pair.value as Node | null;
      const k = (pair.key as Node | null)?.range;
      if (k && offset < k[1]) break;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const r = (item as Node | null)?.range;
        return r !== undefined && r !== null && offset >= r[0] && offset <= r[1];
      });
      if (index < 0) break;
      out.push(index);
      node = node.items[index] as Node | null;
    } else break;
  }
  return out;
}
