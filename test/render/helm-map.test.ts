// Findings on the real `helm template` output of small fixture charts and of the corpus chart, mapped back onto
// template lines and values.yaml keys; and the line alignment alone, as tables.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyse, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import { alignTemplate, LineAlignment, mapHelmProblems, MAX_ALIGN_CELLS } from '../../server/src/render/helm-map';
import type { ChartSources, MappedProblems, SourceFile } from '../../server/src/render/types';
import type { TextChange } from '../../server/src/yaml/edits';
import { renderTools, REPO_ROOT } from '../support/render-tools';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'render', 'charts');
const CORPUS_CHART = join(REPO_ROOT, '..', 'shared', 'corpus', 'microservices-demo', 'helm-chart');
const scratch = mkdtempSync(join(tmpdir(), 'helm-map-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Renders a chart folder with the real helm, with empty helm homes and no cluster. */
function helmTemplate(dir: string, extra: readonly string[] = []): string {
  const home = mkdtempSync(join(scratch, 'home-'));
  const sub = (name: string): string => {
    const p = join(home, name);
    mkdirSync(p);
    return p;
  };
  return execFileSync(renderTools().helm, ['template', 'rel', dir, '--skip-tests', ...extra], {
    encoding: 'utf8',
    env: {
      PATH: '/usr/bin:/bin',
      HOME: home,
      HELM_CACHE_HOME: sub('cache'),
      HELM_CONFIG_HOME: sub('config'),
      HELM_DATA_HOME: sub('data'),
      HELM_PLUGINS: sub('plugins'),
      KUBECONFIG: '/dev/null',
    },
  });
}

/** A chart folder's templates (its own and its subcharts'), its values.yaml and more values files, as the mapper takes them. */
function chartSources(dir: string, name: string, moreValues: readonly string[] = []): ChartSources {
  const templates = new Map<string, SourceFile>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else templates.set(relative(dir, path).split('\\').join('/'), { path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(dir, 'templates'));
  const subcharts = join(dir, 'charts');
  if (existsSync(subcharts)) for (const sub of readdirSync(subcharts).sort()) walk(join(subcharts, sub, 'templates'));
  const values = [join(dir, 'values.yaml'), ...moreValues].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  return { dir, name, templates, values };
}

const uriOf = (path: string): string => `file://${path}`;

function render(
  dir: string,
  name: string,
  moreValues: readonly string[] = [],
): { rendered: string; problems: Problem[]; chart: ChartSources; mapped: MappedProblems } {
  const rendered = helmTemplate(
    dir,
    moreValues.flatMap((v) => ['-f', v]),
  );
  const problems = analyse(rendered, RULES, { ...DEFAULT_OPTIONS });
  const chart = chartSources(dir, name, moreValues);
  return { rendered, problems, chart, mapped: mapHelmProblems(rendered, problems, chart, uriOf) };
}

/** The 0-based line of a file's text holding a marker (the first, or the only one when `unique`). */
function lineOf(text: string, marker: string): number {
  const lines = text.split('\n');
  const hits = lines.map((l, i) => (l.includes(marker) ? i : -1)).filter((i) => i >= 0);
  assert.equal(hits.length, 1, `exactly one line holds ${JSON.stringify(marker)}`);
  return hits[0];
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

function apply(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.newText + out.slice(c.end);
  return out;
}

function stage(dir: string, chartYaml?: string): string {
  const target = mkdtempSync(join(scratch, 'chart-'));
  cpSync(dir, target, { recursive: true });
  if (chartYaml !== undefined) writeFileSync(join(target, 'Chart.yaml'), chartYaml);
  return target;
}

/**
 * A chart staged with some files replaced (by absolute path: the chart's files, or extra values files given to helm
 * with -f), rendered again.
 */
function rerenderWith(dir: string, edits: ReadonlyMap<string, string>, moreValues: readonly string[] = []): string {
  const staged = stage(dir);
  const values = moreValues.map((v) => {
    const text = edits.get(v);
    if (text === undefined) return v;
    const copy = join(mkdtempSync(join(scratch, 'values-')), 'values.yaml');
    writeFileSync(copy, text);
    return copy;
  });
  for (const [path, text] of edits) if (!moreValues.includes(path)) writeFileSync(join(staged, relative(dir, path)), text);
  return helmTemplate(
    staged,
    values.flatMap((v) => ['-f', v]),
  );
}

/**
 * Every fix the mapping keeps, applied to the file it is published on, makes the chart render exactly what the
 * original fix makes of the rendered text. Returns how many fixes were checked.
 */
function checkFixesRenderTheSame(dir: string, rendered: string, problems: readonly Problem[], chart: ChartSources, moreValues: readonly string[] = []): number {
  let checked = 0;
  for (const p of problems) {
    for (const [path, list] of mapHelmProblems(rendered, [p], chart, uriOf)) {
      const text = readFileSync(path, 'utf8');
      for (const q of list) {
        for (const fix of q.fixes) {
          const original = p.fixes.find((f) => f.title === fix.title);
          assert.ok(original, fix.title);
          const again = rerenderWith(dir, new Map([[path, apply(text, fix.changes)]]), moreValues);
          assert.equal(again, apply(rendered, original.changes), `${p.code}: ${fix.title} on ${relative(dir, path)}`);
          checked++;
        }
      }
    }
  }
  return checked;
}

describe('alignTemplate', () => {
  const A = (line: number, kind: LineAlignment['kind']): LineAlignment => ({ line, kind });
  const cases: { name: string; template: string[]; rendered: string[]; expected: LineAlignment[] }[] = [
    {
      name: 'static lines align one to one, trailing whitespace ignored',
      template: ['apiVersion: v1', 'kind: ConfigMap', 'data:  ', '  a: b'],
      rendered: ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: b'],
      expected: [A(0, 'static'), A(1, 'static'), A(2, 'static'), A(3, 'static')],
    },
    {
      name: 'a false if-block is skipped',
      template: ['kind: Pod', 'spec:', '  {{- if .Values.x }}', '  hostNetwork: true', '  {{- end }}', '  containers: []'],
      rendered: ['kind: Pod', 'spec:', '  containers: []'],
      expected: [A(0, 'static'), A(1, 'static'), A(5, 'static')],
    },
    {
      name: 'nindent output maps every line to the action',
      template: ['kind: Pod', 'metadata:', '  labels:', '    {{- toYaml .Values.labels | nindent 4 }}', 'spec: {}'],
      rendered: ['kind: Pod', 'metadata:', '  labels:', '    a: b', '    c: d', '    e: f', 'spec: {}'],
      expected: [A(0, 'static'), A(1, 'static'), A(2, 'static'), A(3, 'action'), A(3, 'action'), A(3, 'action'), A(4, 'static')],
    },
    {
      name: 'an inline action in a value matches by its static parts',
      template: ['spec:', '  image: "{{ .Values.repo }}:{{ .Values.tag }}"', '  name: web'],
      rendered: ['spec:', '  image: "nginx:1.27"', '  name: web'],
      expected: [A(0, 'static'), A(1, 'action'), A(2, 'static')],
    },
    {
      name: 'a rendered line equal to a later static line does not jump ahead',
      template: ['a:', '  name: {{ .Values.name }}', '  x: 1', '  y: 2', 'b:', '  name: web'],
      rendered: ['a:', '  name: web', '  x: 1', '  y: 2', 'b:', '  name: web'],
      expected: [A(0, 'static'), A(1, 'action'), A(2, 'static'), A(3, 'static'), A(4, 'static'), A(5, 'static')],
    },
    {
      name: 'comments and variables emit nothing; a line nothing produced is none',
      template: ['{{/* a comment */}}', '{{- $name := .Values.name }}', 'kind: Pod', 'spec: {}'],
      rendered: ['kind: Pod', 'oops: 1', 'spec: {}'],
      expected: [A(2, 'static'), A(-1, 'none'), A(3, 'static')],
    },
    {
      name: 'range output repeats its template lines',
      template: ['env:', '{{- range .Values.env }}', '  - name: {{ .name }}', '    value: {{ .value }}', '{{- end }}', 'x: 1'],
      rendered: ['env:', '  - name: a', '    value: 1', '  - name: b', '    value: 2', 'x: 1'],
      expected: [A(0, 'static'), A(2, 'action'), A(3, 'action'), A(2, 'action'), A(3, 'action'), A(5, 'static')],
    },
    {
      name: 'a key whose value is a multi-line include continues over the output',
      template: ['metadata:', '  labels: {{- include "x.labels" . | nindent 4 }}', 'spec: {}'],
      rendered: ['metadata:', '  labels:', '    a: b', '    c: d', 'spec: {}'],
      expected: [A(0, 'static'), A(1, 'action'), A(1, 'action'), A(1, 'action'), A(2, 'static')],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(alignTemplate(c.rendered, c.template), c.expected);
    });
  }
  it('above the exact bound the greedy match still aligns a long template, and skips a false if-block', () => {
    const template: string[] = [];
    const rendered: string[] = [];
    const expected: LineAlignment[] = [];
    for (let i = 0; i < 2200; i++) {
      if (i % 100 === 50) {
        template.push('{{- if .Values.off }}', `  off${i}: 1`, '{{- end }}');
        continue;
      }
      const templated = i % 3 === 0;
      template.push(templated ? `k${i}: {{ .Values.v${i} }}` : `k${i}: same`);
      rendered.push(`k${i}: ${templated ? 'x' : 'same'}`);
      expected.push(A(template.length - 1, templated ? 'action' : 'static'));
    }
    assert.ok((rendered.length + 1) * (template.length + 1) > MAX_ALIGN_CELLS);
    assert.deepEqual(alignTemplate(rendered, template), expected);
  });

  it('hostile templates and renders finish: many actions on a line, unclosed actions, many unmatched lines', () => {
    const started = Date.now();
    const many = `x: ${'{{ .Values.a }}'.repeat(200_000)}`;
    assert.equal(alignTemplate(['x: 1'], [many, '{{ unclosed', 'y: 1']).length, 1);
    const unmatched = Array.from({ length: 60_000 }, (_, i) => `u${i}: 1`);
    const template = Array.from({ length: 60_000 }, (_, i) => `t${i}: {{ .Values.t }}`);
    const out = alignTemplate(unmatched, template);
    assert.equal(out.length, unmatched.length);
    assert.ok(out.every((a) => a.kind === 'none'));
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });
});

describe('mapHelmProblems on the probe-from-values chart', () => {
  const dir = join(FIXTURES, 'probe-from-values');
  const { rendered, problems, chart, mapped } = render(dir, 'probe-from-values');
  const deployment = chart.templates.get('templates/deployment.yaml') as SourceFile;
  const services = chart.templates.get('templates/services.yaml') as SourceFile;
  const values = chart.values[0];
  const inFile = (file: SourceFile, code: string): Problem[] => (mapped.get(file.path) ?? []).filter((p) => p.code === code);
  const one = (file: SourceFile, code: string): Problem => {
    const found = inFile(file, code);
    assert.equal(found.length, 1, `one ${code} in ${file.path}: ${JSON.stringify(found.map((p) => p.message))}`);
    return found[0];
  };
  const rerender = (edits: Record<string, string>): string => rerenderWith(dir, new Map(Object.entries(edits).map(([rel, text]) => [join(dir, rel), text])));
  const codes = (list: readonly Problem[]): string[] => [...new Set(list.map((p) => p.code))].sort();

  it('a finding on a templated value lands on the action of its template line, with the values key as related information', () => {
    const p = one(deployment, 'probe-timeout-exceeds-period');
    assert.equal(lineAt(deployment.text, p.start), lineOf(deployment.text, 'timeoutSeconds: {{'));
    assert.equal(deployment.text.slice(p.start, p.end), '{{ .Values.probe.timeoutSeconds }}');
    assert.match(p.message, /rendered: Deployment rel-web, at spec\.template\.spec\.containers\[0\]\.readinessProbe\.timeoutSeconds/);
    const fromValues = (p.related ?? []).filter((r) => r.uri === uriOf(values.path));
    assert.equal(fromValues.length, 1);
    assert.equal(values.text.slice(fromValues[0].start, fromValues[0].end), 'timeoutSeconds');
    assert.equal(fromValues[0].position?.line, lineOf(values.text, 'timeoutSeconds:'));
    assert.match(fromValues[0].message, /values\.yaml: probe\.timeoutSeconds/);
  });

  it('a value the template only copies gets a copy of the finding on values.yaml, pointing back to the template line', () => {
    const copy = one(values, 'probe-timeout-exceeds-period');
    assert.equal(values.text.slice(copy.start, copy.end), '10');
    assert.equal(lineAt(values.text, copy.start), lineOf(values.text, 'timeoutSeconds:'));
    const templateLine = lineOf(deployment.text, 'timeoutSeconds: {{');
    assert.match(copy.message, new RegExp(`templates/deployment\\.yaml line ${templateLine + 1}\\)$`));
    assert.equal(copy.related?.length, 1);
    assert.equal(copy.related?.[0].uri, uriOf(deployment.path));
    assert.equal(copy.related?.[0].position?.line, templateLine);
  });

  it('a fix that replaces a copied value moves onto the values copy, and applying it removes the finding', () => {
    const original = problems.find((p) => p.code === 'probe-success-threshold');
    assert.ok(original && original.fixes.length === 1);
    assert.deepEqual(one(deployment, 'probe-success-threshold').fixes, []);
    const copy = one(values, 'probe-success-threshold');
    assert.equal(copy.fixes.length, 1);
    const fixed = apply(values.text, copy.fixes[0].changes);
    assert.match(fixed.split('\n')[lineOf(values.text, 'successThreshold:')], /^ {2}successThreshold: 1$/);
    // The chart renders exactly what the fix on the rendered text would have produced.
    const again = rerender({ 'values.yaml': fixed });
    assert.equal(again, apply(rendered, original.fixes[0].changes));
    assert.ok(!analyse(again, RULES, { ...DEFAULT_OPTIONS }).some((p) => p.code === 'probe-success-threshold'));
  });

  it('a fix on a static line maps column for column and applies cleanly', () => {
    const p = one(deployment, 'termination-grace-zero');
    assert.equal(lineAt(deployment.text, p.start), lineOf(deployment.text, 'terminationGracePeriodSeconds: 0'));
    assert.equal(deployment.text.slice(p.start, p.end), '0');
    assert.equal(p.fixes.length, 2);
    assert.ok(!/rendered:/.test(p.message), 'an exact place needs no note of the rendered object');
    const original = problems.find((q) => q.code === 'termination-grace-zero');
    assert.ok(original);
    p.fixes.forEach((fix, i) => {
      assert.equal(fix.title, original.fixes[i].title);
      // The chart renders exactly what the fix on the rendered text would have produced.
      const again = rerender({ 'templates/deployment.yaml': apply(deployment.text, fix.changes) });
      assert.equal(again, apply(rendered, original.fixes[i].changes), fix.title);
      assert.ok(!analyse(again, RULES, { ...DEFAULT_OPTIONS }).some((q) => q.code === 'termination-grace-zero'), fix.title);
    });
  });

  it('a finding in one of several documents from one template maps; its fix on a templated line is dropped; related places follow', () => {
    const original = problems.find((p) => p.code === 'service-port-mismatch');
    assert.ok(original && original.fixes.length === 1, 'the rendered finding offers a fix');
    const p = one(services, 'service-port-mismatch');
    assert.equal(lineAt(services.text, p.start), lineOf(services.text, 'targetPort: {{'));
    assert.equal(services.text.slice(p.start, p.end), '{{ .target }}');
    assert.deepEqual(p.fixes, []);
    assert.match(p.message, /Service web-admin/);
    const toDeployment = (p.related ?? []).filter((r) => r.uri === uriOf(deployment.path));
    assert.equal(toDeployment.length, 1);
    assert.equal(toDeployment[0].position?.line, lineOf(deployment.text, 'kind: Deployment'));
    assert.notEqual(toDeployment[0].sameDocument, true);
  });

  it('a finding inside toYaml output points at the values key below the copied one', () => {
    const limitsMemory = rendered.indexOf('memory: 64Mi', rendered.indexOf('limits:', rendered.indexOf('resources:')));
    const valueStart = limitsMemory + 'memory: '.length;
    const synthetic: Problem = { code: 'test-finding', message: 'A test finding.', severity: 'warning', start: valueStart, end: valueStart + 4, fixes: [] };
    const out = mapHelmProblems(rendered, [synthetic], chart, uriOf);
    const onTemplate = out.get(deployment.path) ?? [];
    assert.equal(onTemplate.length, 1);
    assert.equal(lineAt(deployment.text, onTemplate[0].start), lineOf(deployment.text, 'toYaml . | nindent 12'));
    assert.ok((onTemplate[0].related ?? []).some((r) => r.message.endsWith('values.yaml: resources.limits.memory')));
    const copy = out.get(values.path) ?? [];
    assert.equal(copy.length, 1);
    assert.equal(values.text.slice(copy[0].start, copy[0].end), '64Mi');
    assert.equal(lineAt(values.text, copy[0].start), lineOf(values.text, 'limits:') + 1);
  });

  it('a finding in a document of an unknown template goes on line 1 of the first manifest template, saying where it was', () => {
    const extra = `${rendered.trimEnd()}\n---\n# Source: probe-from-values/templates/missing.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  x: "1"\n`;
    const at = extra.indexOf('"1"', extra.indexOf('missing.yaml'));
    const synthetic: Problem = { code: 'test-finding', message: 'A test finding.', severity: 'info', start: at, end: at + 3, fixes: [] };
    const out = mapHelmProblems(extra, [synthetic], chart, uriOf);
    const first = chart.templates.get('templates/deployment.yaml') as SourceFile;
    const placed = out.get(first.path) ?? [];
    assert.equal(placed.length, 1);
    assert.equal(placed[0].start, 0);
    assert.equal(first.text.slice(placed[0].start, placed[0].end), first.text.split('\n')[0]);
    assert.equal(placed[0].message, 'A test finding. (in the rendered ConfigMap extra, at data.x)');
  });

  it('a finding on the key of a templated line maps exactly and points at the value the line reads, without a copy', () => {
    const key = rendered.indexOf('timeoutSeconds: 10');
    const synthetic: Problem = {
      code: 'test-finding',
      message: 'A test finding.',
      severity: 'info',
      start: key,
      end: key + 'timeoutSeconds'.length,
      fixes: [],
    };
    const out = mapHelmProblems(rendered, [synthetic], chart, uriOf);
    const onTemplate = out.get(deployment.path) ?? [];
    assert.equal(onTemplate.length, 1);
    assert.equal(deployment.text.slice(onTemplate[0].start, onTemplate[0].end), 'timeoutSeconds');
    assert.equal(lineAt(deployment.text, onTemplate[0].start), lineOf(deployment.text, 'timeoutSeconds: {{'));
    assert.equal(onTemplate[0].message, 'A test finding.');
    assert.deepEqual(
      (onTemplate[0].related ?? []).map((r) => r.message),
      ['the value comes from values.yaml: probe.timeoutSeconds'],
    );
    assert.equal(out.get(values.path), undefined);
  });

  it('a finding on a `# Source:` header goes on line 1 of that template, naming the rendered object', () => {
    const header = rendered.indexOf('# Source: probe-from-values/templates/services.yaml');
    const synthetic: Problem = { code: 'yaml-syntax', message: 'Bad.', severity: 'error', start: header, end: header + 9, fixes: [] };
    const placed = mapHelmProblems(rendered, [synthetic], chart, uriOf).get(services.path) ?? [];
    assert.equal(placed.length, 1);
    assert.equal(placed[0].start, 0);
    assert.equal(placed[0].message, 'Bad. (in the rendered Service web)');
  });

  it('every fix kept renders what the fix on the rendered text gives', () => {
    assert.equal(checkFixesRenderTheSame(dir, rendered, problems, chart), 3);
  });

  it('nothing is dropped: every finding is on a template, and each copied value adds one on values.yaml', () => {
    const onTemplates = [...chart.templates.values()].reduce((n, f) => n + (mapped.get(f.path)?.length ?? 0), 0);
    assert.equal(onTemplates, problems.length);
    assert.deepEqual(codes(mapped.get(values.path) ?? []), ['probe-success-threshold', 'probe-timeout-exceeds-period']);
    for (const list of mapped.values()) for (const p of list) assert.ok(!/in the rendered|helm output/.test(p.message), p.message);
  });
});

describe('mapHelmProblems on the with-subchart chart', () => {
  const dir = join(FIXTURES, 'with-subchart');
  const override = join(scratch, 'override.yaml');
  writeFileSync(override, "# The user's values.\ndb:\n  probe:\n    timeoutSeconds: 30\n");
  const { rendered, problems, chart, mapped } = render(dir, 'with-subchart', [override]);
  const statefulSet = chart.templates.get('charts/db/templates/statefulset.yaml') as SourceFile;
  const worker = chart.templates.get('templates/worker.yaml') as SourceFile;
  const overrides = chart.values[1];

  it("a subchart's template maps, and its value comes from the parent's key in the last values file that sets it", () => {
    const onTemplate = (mapped.get(statefulSet.path) ?? []).filter((p) => p.code === 'probe-timeout-exceeds-period');
    assert.equal(onTemplate.length, 1);
    assert.equal(lineAt(statefulSet.text, onTemplate[0].start), lineOf(statefulSet.text, 'timeoutSeconds: {{'));
    const related = (onTemplate[0].related ?? []).filter((r) => r.uri === uriOf(overrides.path));
    assert.equal(related.length, 1);
    assert.equal(related[0].position?.line, lineOf(overrides.text, 'timeoutSeconds:'));
    assert.match(related[0].message, /db\.probe\.timeoutSeconds$/);
    assert.ok(!(onTemplate[0].related ?? []).some((r) => r.uri === uriOf(chart.values[0].path)), 'the overridden value is not pointed at');
    const copies = (mapped.get(overrides.path) ?? []).filter((p) => p.code === 'probe-timeout-exceeds-period');
    assert.equal(copies.length, 1);
    assert.equal(overrides.text.slice(copies[0].start, copies[0].end), '30');
    assert.ok(!(mapped.get(chart.values[0].path) ?? []).some((p) => p.message.includes('statefulset.yaml')));
  });

  it('a static line after range output maps exactly; repeated range lines map to their template line', () => {
    const onWorker = (mapped.get(worker.path) ?? []).filter((p) => p.code === 'probe-timeout-exceeds-period');
    assert.equal(onWorker.length, 1);
    assert.equal(lineAt(worker.text, onWorker[0].start), lineOf(worker.text, 'timeoutSeconds: 9'));
    assert.equal(worker.text.slice(onWorker[0].start, onWorker[0].end), '9');
    const second = rendered.indexOf('value: "3"');
    const synthetic: Problem = { code: 'test-finding', message: 'A test finding.', severity: 'info', start: second + 7, end: second + 10, fixes: [] };
    const out = mapHelmProblems(rendered, [synthetic], chart, uriOf).get(worker.path) ?? [];
    assert.equal(out.length, 1);
    assert.equal(lineAt(worker.text, out[0].start), lineOf(worker.text, 'value: {{'));
    assert.equal(worker.text.slice(out[0].start, out[0].end), '{{ .value | quote }}');
    assert.match(out[0].message, /at spec\.template\.spec\.containers\[0\]\.env\[1\]\.value\)$/);
    assert.equal(problems.filter((p) => p.code === 'probe-timeout-exceeds-period').length, 3);
  });

  it('`.x` inside `with .Values.a` and `$.Values.a.b` name their values keys; the fix of a with-block value goes to values.yaml', () => {
    const api = chart.templates.get('templates/api.yaml') as SourceFile;
    const values = chart.values[0];
    const onApi = mapped.get(api.path) ?? [];
    const threshold = onApi.filter((p) => p.code === 'probe-success-threshold');
    assert.equal(threshold.length, 1);
    assert.equal(api.text.slice(threshold[0].start, threshold[0].end), '{{ .successThreshold }}');
    assert.deepEqual(threshold[0].fixes, []);
    assert.ok((threshold[0].related ?? []).some((r) => r.message.endsWith('values.yaml: api.liveness.successThreshold')));
    const timeout = onApi.filter((p) => p.code === 'probe-timeout-exceeds-period');
    assert.equal(timeout.length, 1);
    assert.equal(api.text.slice(timeout[0].start, timeout[0].end), '{{ $.Values.api.timeout | int }}');
    const onValues = mapped.get(values.path) ?? [];
    const copy = onValues.filter((p) => p.code === 'probe-success-threshold');
    assert.equal(copy.length, 1);
    assert.equal(lineAt(values.text, copy[0].start), lineOf(values.text, 'successThreshold: 2'));
    assert.equal(apply(values.text, copy[0].fixes[0].changes).split('\n')[lineOf(values.text, 'successThreshold: 2')], '    successThreshold: 1');
    const timeoutCopy = onValues.filter((p) => p.code === 'probe-timeout-exceeds-period');
    assert.equal(timeoutCopy.length, 1);
    assert.equal(values.text.slice(timeoutCopy[0].start, timeoutCopy[0].end), '7');
    assert.equal(checkFixesRenderTheSame(dir, rendered, problems, chart, [override]), 1);
  });
});

describe('mapHelmProblems on the corpus chart (microservices-demo)', { skip: !existsSync(CORPUS_CHART) && 'no ../shared/corpus' }, () => {
  it('every finding lands on a template line holding the field the rendered line is about', () => {
    const dir = stage(CORPUS_CHART, 'apiVersion: v2\nname: onlineboutique\nversion: 0.0.0\nappVersion: "0.0.0"\n');
    const { rendered, problems, chart, mapped } = render(dir, 'onlineboutique');
    assert.ok(problems.length > 0);
    const byTemplate = [...mapped.entries()].filter(([path]) => path !== chart.values[0].path);
    const total = byTemplate.reduce((n, [, list]) => n + list.length, 0);
    const keys = new Set(problems.map((p) => JSON.stringify([p.code, p.start, p.end, p.message])));
    assert.equal(total, keys.size, 'one mapped finding per distinct rendered finding');
    const renderedLines = rendered.split('\n');
    for (const p of problems) {
      const renderedLine = renderedLines[lineAt(rendered, p.start)];
      const key = /^\s*(?:- )?([\w.-]+):/.exec(renderedLine)?.[1];
      assert.ok(key, `a key on the rendered line ${renderedLine}`);
      const matches = byTemplate.flatMap(([path, list]) =>
        list
          .filter((q) => q.code === p.code && q.message.startsWith(p.message))
          .map((q) => (chart.templates.get(relative(dir, path)) as SourceFile).text.split('\n')[lineAt(readFileSync(path, 'utf8'), q.start)]),
      );
      assert.ok(
        matches.some((line) => line.includes(`${key}:`)),
        `${p.code} on "${renderedLine.trim()}" maps to a line with ${key}: (got ${JSON.stringify(matches)})`,
      );
    }
    for (const [, list] of byTemplate) for (const p of list) assert.ok(!/in the rendered|helm output/.test(p.message), p.message);
    // Fixes: the kept ones render what the rendered fix gives; an insertion after toYaml output is kept.
    assert.ok(checkFixesRenderTheSame(dir, rendered, problems, chart) >= problems.filter((p) => p.code === 'liveness-equals-readiness').length + 1);
  });
});
