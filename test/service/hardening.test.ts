// Regression tests for issue 19 (hardening): one test per finding of the attack, each named after it. Sizes are the
// fast slice (about 50 KB); KG_LONG=1 also runs 200 KB and 1 MB.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/rules';
import { analyse, ANALYSIS_TIME_BUDGET_MS, AnalysisCache, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix-all';
import { editIsSound } from '../../server/src/engine/verify';
import { suppressionsOf } from '../../server/src/engine/suppress';
import { KubeGracefulService } from '../../server/src/features/service';
import { maskTemplates, parseChunk } from '../../server/src/yaml/documents';
import { indentCacheChars, indentUnit } from '../../server/src/yaml/edits';
import { DocView } from '../../server/src/yaml/view';
import { normalizeSettings, SettingsCache } from '../../server/src/workspace/settings';
import { parseVersion } from '../../server/src/k8s/versions';
import { scriptNeverExits } from '../../server/src/k8s/shell';
import { parseQuantity } from '../../server/src/k8s/quantity';
import * as hostile from '../support/hostile';

const LONG = process.env['KG_LONG'] === '1';
const SIZES = LONG ? [50_000, 200_000, 1_000_000] : [50_000];
/** Generous for a shared 2-core machine: the budget the issue sets is 2 s per file. */
const LIMIT_MS = 2000;
/** The options the server analyses with: its time budget included. */
const SERVER_OPTIONS = { ...DEFAULT_OPTIONS, timeBudgetMs: ANALYSIS_TIME_BUDGET_MS };

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = Date.now();
  const value = f();
  return { value, ms: Date.now() - t0 };
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

function apply(text: string, edits: readonly TextEdit[]): string {
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  return TextDocument.applyEdits(doc, [...edits]);
}

function editsOf(action: CodeAction): TextEdit[] {
  return Object.values(action.edit?.changes ?? {})[0] ?? [];
}

const service = new KubeGracefulService();

function actionsFor(text: string): { doc: TextDocument; diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  const diagnostics = service.doValidation(doc);
  const actions = diagnostics.flatMap((d) => service.getCodeActions(doc, d.range, [d]));
  return { doc, diagnostics, actions };
}

const DEPLOYMENT = (spec: string, metadata = '  name: web\n'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
${metadata}spec:
${spec}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
`;

describe('issue 19: every pathological class is answered in time', () => {
  for (const size of SIZES) {
    for (const c of hostile.hostileCases(size)) {
      it(`${c.name} at ${size / 1000} KB`, () => {
        const { value, ms } = timed(() => analyse(c.text, RULES, SERVER_OPTIONS));
        assert.ok(ms < LIMIT_MS * (size / 50_000 > 4 ? 4 : 1), `${c.name}: ${ms} ms`);
        assert.ok(Array.isArray(value));
      });
    }
  }
});

describe('issue 19 High', () => {
  it('1. merge-key bomb: depth 8 (737 bytes, was 77 s) and depth 40 are read once per mapping', () => {
    for (const depth of [8, 40]) {
      const text = hostile.mergeBomb(0, depth);
      const { ms } = timed(() => analyse(text, RULES));
      assert.ok(ms < 1000, `depth ${depth}: ${ms} ms`);
    }
    // The view's lookups see each merged mapping once.
    const parsed = parseChunk(hostile.mergeBomb(0, 40));
    const view = new DocView(parsed);
    const spec = view.field(view.root(), 'spec');
    assert.equal(view.field(spec?.value, 'nothing-here'), undefined);
    assert.ok(view.workDone < 1000, `work ${view.workDone}`);
    assert.equal(view.fields(spec?.value).length, 43);
  });

  it('1. a document past its work budget reports one analysis-limit info and keeps its findings', () => {
    const text = hostile.mergeBomb(0, 12);
    const parsed = parseChunk(text);
    const view = new DocView(parsed, 10);
    view.fields(view.field(view.root(), 'spec')?.value);
    assert.equal(view.exhausted, true);
    // The engine's time budget: with none left, rules stop and the document says so once.
    const problems = analyse(hostile.unknownKeys(20_000), RULES, { ...DEFAULT_OPTIONS, timeBudgetMs: -1 });
    const limits = problems.filter((p) => p.code === 'analysis-limit');
    assert.equal(limits.length, 1);
    assert.match(limits[0].message, /^Analysis stopped after \d+ ms \/ \d+ nodes: /);
    assert.equal(limits[0].severity, 'info');
  });

  it('2. quadratic schema explanations: 10,000 unknown keys give 100 findings quickly', () => {
    const text = hostile.unknownKeys(330_000);
    const { value, ms } = timed(() => analyse(text, RULES));
    assert.equal(value.filter((p) => p.code === 'schema').length, 100);
    assert.ok(ms < LIMIT_MS * 2, `${ms} ms`);
  });

  it('3. out of memory while typing: the indent cache is bounded in characters, not entries', () => {
    const base = 'a:\n  b: 1\n'.repeat(10_000);
    for (let i = 0; i < 300; i++) indentUnit(`${base}# ${i}\n`);
    assert.ok(indentCacheChars() <= 2 * base.length + (1 << 20), `${indentCacheChars()} chars kept`);
  });
});

describe('issue 19 Medium', () => {
  it('4. regexes on user text are linear: trailing blanks, duplicate keys, tail -f, ${ variables, quantities', () => {
    const n = 50_000;
    const cases: [string, () => unknown][] = [
      ['tail flag cluster', () => scriptNeverExits(`tail ${'x '.repeat(n)}-${'f'.repeat(n)}!`)],
      ['tail -f found', () => assert.equal(scriptNeverExits('echo hi; tail -n 10 -f /var/log/x'), 'tail -f')],
      ['sleep after blank runs', () => scriptNeverExits(`;${'\n'.repeat(n)}x`)],
      ['while loop blank runs', () => scriptNeverExits(`while true${' '.repeat(n)}x`)],
      ['quantity digits', () => assert.equal(parseQuantity(`${'1'.repeat(n)}x`), undefined)],
      ['shell variables', () => analyse(hostile.shellVariables(n), RULES)],
      ['blank runs in values', () => analyse(hostile.whitespaceRuns(n), RULES)],
      ['duplicate keys after blanks', () => analyse(hostile.duplicateKeys(n), RULES)],
    ];
    for (const [name, f] of cases) {
      const { ms } = timed(f);
      assert.ok(ms < 500, `${name}: ${ms} ms`);
    }
  });

  it('5. masking {{ }} is linear (50,000 spans) and masks as before', () => {
    const text = `${'{{ . }}'.repeat(50_000)}\n`;
    const { ms } = timed(() => maskTemplates(text));
    assert.ok(ms < 500, `${ms} ms`);
    const cases = ['  {{ a }}\nb: {{ c }}\n', '{{ a }} {{ b }}\n', 'x: {{ a }} {{ b }}\n{{ c\n}} y\n', '{{- if x }}{{ end }}\n', 'a: "{{x}}"'];
    for (const c of cases) assert.equal(maskTemplates(c).masked, referenceMask(c), c);
  });

  it('6. fix-all never writes into a comment before a closing bracket, and converges', () => {
    const text = DEPLOYMENT('  replicas: 3\n').replace(
      '        - name: web\n          image: nginx\n',
      '        - name: web\n          image: nginx\n          ports: [\n            {containerPort: 8080}  # the only port\n          ]\n          readinessProbe: {\n            httpGet: {path: /, port: 9090},  # wrong port\n          }\n',
    );
    const once = fixAll(text, RULES, DEFAULT_OPTIONS);
    assert.ok(once.text.includes('# the only port\n'), once.text);
    assert.ok(once.text.includes('# wrong port\n'), once.text);
    assert.equal(parseDocument(once.text.split('---')[0]).errors.length, 0);
    const twice = fixAll(once.text, RULES, DEFAULT_OPTIONS);
    assert.equal(twice.text, once.text);
    assert.equal(twice.applied, 0);
  });

  for (const empty of ['~', 'null', 'Null', '!!null', '']) {
    it(`7. "Disable for this object" with annotations: ${empty || '(empty)'}`, () => {
      const text = DEPLOYMENT('  replicas: 3\n', `  name: web\n  annotations: ${empty}\n`);
      const { actions } = actionsFor(text);
      const action = actions.find((a) => a.title.startsWith('Disable pdb-missing for this object'));
      assert.ok(action, actions.map((a) => a.title).join('\n'));
      const out = apply(text, editsOf(action));
      const parsed = parseDocument(out);
      assert.equal(parsed.errors.length, 0, out);
      assert.deepEqual(parsed.toJS().metadata.annotations, { 'kube-graceful.io/ignore': 'pdb-missing' });
      assert.ok(!codes(analyse(out, RULES)).includes('pdb-missing'));
    });
  }

  it('8. fixes that add a key fill a present but empty key instead of duplicating it', () => {
    for (const empty of ['', ' ~', ' null']) {
      const text = DEPLOYMENT(`  replicas: 1\n  minReadySeconds: 700\n  progressDeadlineSeconds:${empty}\n`);
      const out = fixAll(text, RULES, DEFAULT_OPTIONS).text;
      const parsed = parseDocument(out, { uniqueKeys: true });
      assert.equal(parsed.errors.length, 0, out);
      assert.ok(!codes(analyse(out, RULES)).includes('duplicate-key'), out);
    }
    // "Add a selector" where `selector:` is written with no value.
    const noSelector = DEPLOYMENT('  replicas: 1\n').replace('  selector:\n    matchLabels: {app: web}\n', '  selector:\n');
    for (const a of actionsFor(noSelector).actions) {
      const out = apply(noSelector, editsOf(a));
      assert.ok(!codes(analyse(out, RULES)).includes('duplicate-key'), `${a.title}\n${out}`);
    }
  });

  it('9. "Disable for this line" is not offered inside a multi-line quoted string; directives in strings are data', () => {
    const text = DEPLOYMENT('  replicas: 3\n').replace(
      '          image: nginx\n',
      '          image: nginx\n          command: ["sh", "-c", "exec app\n            --flag"]\n          env:\n            - {name: X, value: "# kube-graceful-disable"}\n',
    );
    const problems = analyse(text, RULES);
    assert.ok(problems.length > 0, 'a directive inside a string must not silence the document');
    const parsed = parseChunk('a: "x\n  # kube-graceful-disable\n  y"\nb: 1\n');
    assert.equal(suppressionsOf(parsed.text, parsed).suppressed('any', 0), false);
    const multi = 'a: "one\n  two"\n';
    assert.equal(editIsSound(multi, [{ start: 9, end: 9, newText: '# kube-graceful-disable-next-line x\n' }], 'comment'), false);
  });

  it('9b. the edit check compares comments read the same way before and after, inside and outside the fast reader', () => {
    // Before: outside the fast reader (an escape); after: inside it. CRLF, where the two readers' comments differ.
    const before = 'a: "x\\ty"  # keep\r\n# one\r\n# two\r\nb: 1\r\n# end\r\n';
    const value = before.indexOf('"x');
    const replace = { start: value, end: before.indexOf('  #'), newText: '"xy"' };
    assert.equal(editIsSound(before, [replace]), true, 'an edit that keeps the comments is sound');
    // Removing the last comment is not (the edit does not replace the text it was written in).
    const end = before.indexOf('# end');
    assert.equal(editIsSound(before, [replace, { start: end, end: end + 5, newText: '' }], 'comment'), false);
    // Inside the fast reader on both sides: a comment on the line of a changed value survives, one elsewhere is missed.
    const plain = 'a: 1  # keep\nb: 2\n# end\n';
    assert.equal(editIsSound(plain, [{ start: 3, end: 4, newText: '2' }]), true);
    assert.equal(
      editIsSound(
        plain,
        [
          { start: 3, end: 4, newText: '2' },
          { start: plain.indexOf('# end'), end: plain.length - 1, newText: '' },
        ],
        'comment',
      ),
      false,
    );
  });

  it('10. no safe schema fix quotes an anchored value', () => {
    const text = DEPLOYMENT('  replicas: 1\n').replace(
      '          image: nginx\n',
      '          image: nginx\n          env:\n            - {name: PORT, value: &port 8080}\n          ports: [{containerPort: *port}]\n',
    );
    const schema = analyse(text, RULES).filter((p) => p.code === 'schema');
    assert.ok(schema.length > 0);
    assert.ok(
      schema.every((p) => p.fixes.every((f) => !f.safe)),
      JSON.stringify(schema),
    );
    assert.equal(fixAll(text, RULES, DEFAULT_OPTIONS).text.includes('"8080"'), false);
  });

  it('12. kubernetesVersion as the number 1.30 is 1.30, and a meaningless value is said, not clamped silently', () => {
    assert.equal(normalizeSettings({ kubernetesVersion: 1.3 }).kubernetesVersion, '1.30');
    assert.equal(normalizeSettings({ kubernetesVersion: 1.31 }).kubernetesVersion, '1.31');
    assert.equal(normalizeSettings({ kubernetesVersion: 'v1.30.2' }).kubernetesVersion, '1.30');
    assert.equal(normalizeSettings({ kubernetesVersion: '1.30.2' }).kubernetesVersion, '1.30');
    assert.equal(parseVersion(1.3)?.minor, 30);
    assert.match(normalizeSettings({ kubernetesVersion: 1.3 }).problems[0] ?? '', /number 1\.3; read as 1\.30/);
    assert.match(normalizeSettings({ kubernetesVersion: 'latest' }).problems[0] ?? '', /is not a Kubernetes version/);
    assert.match(normalizeSettings({ kubernetesVersion: '1.3' }).problems[0] ?? '', /older than 1\.20/);
    assert.match(normalizeSettings({ rules: { 'pdb-missing': 'loud' } }).problems[0] ?? '', /not a level/);
    assert.match(normalizeSettings({ maxFileSize: 'big' }).problems[0] ?? '', /maxFileSize/);
    assert.deepEqual(normalizeSettings({ kubernetesVersion: '1.31' }).problems, []);
  });
});

describe('issue 19 Low', () => {
  it('the pdb-missing fix is not offered when its budget would not cover the pods (it could be applied again and again)', () => {
    const text = DEPLOYMENT('  replicas: 3\n').replace('      labels: {app: web}\n', '      labels: {app: web-v2}\n');
    const pdb = analyse(text, RULES).find((p) => p.code === 'pdb-missing');
    assert.ok(pdb);
    assert.deepEqual(pdb.fixes, []);
    const good = analyse(DEPLOYMENT('  replicas: 3\n'), RULES).find((p) => p.code === 'pdb-missing');
    assert.equal(good?.fixes.length, 1);
    const once = good.fixes[0].changes.reduce((t, c) => t.slice(0, c.start) + c.newText + t.slice(c.end), DEPLOYMENT('  replicas: 3\n'));
    assert.ok(!analyse(once, RULES).some((p) => p.code === 'pdb-missing'), 'the added budget covers the pods');
  });

  it('a UTF-8 BOM does not hide syntax and duplicate-key errors', () => {
    const text = '\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "1"\n  a: "2"\n';
    assert.deepEqual(codes(analyse(text, RULES)), ['duplicate-key']);
    assert.deepEqual(codes(analyse('\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n', RULES)), ['yaml-syntax']);
  });

  it('CR-only line endings give no bogus syntax errors, and split documents', () => {
    const text = 'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: x\r---\rapiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: y\r';
    assert.deepEqual(codes(analyse(text, RULES)), []);
    assert.deepEqual(codes(analyse(`${text}data:\r  a: "1"\r  a: "2"\r`, RULES)), ['duplicate-key']);
  });

  it('hovering a key named constructor or toString shows no function source', () => {
    const text = DEPLOYMENT('  replicas: 1\n  constructor: 1\n').replace(
      '          image: nginx\n',
      '          image: nginx\n          readinessProbe: {toString: 1, constructor: 2}\n',
    );
    const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    for (let offset = 0; offset < text.length; offset += 3) {
      const hover = service.doHover(doc, doc.positionAt(offset));
      const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.ok(!value.includes('native code') && !value.includes('function'), value);
    }
  });

  it('code actions match findings by code, range and message: each diagnostic gets its own fixes once', () => {
    const text = DEPLOYMENT('  replicas: 3\n');
    const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    const diagnostics = service.doValidation(doc);
    const d = diagnostics[0];
    const other: Diagnostic = { ...d, message: `${d.message} (changed)` };
    const quickFixes = (ds: Diagnostic[]): number => service.getCodeActions(doc, d.range, ds).filter((a) => a.edit && !a.title.startsWith('Disable')).length;
    assert.equal(quickFixes([other]), 0);
    assert.equal(quickFixes([d, d]), quickFixes([d]));
  });

  it('hover honours maxFileSize', () => {
    const text = DEPLOYMENT('  replicas: 1\n');
    const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    assert.ok(service.doHover(doc, { line: 5, character: 4 }));
    assert.equal(service.doHover(doc, { line: 5, character: 4 }, { ...DEFAULT_OPTIONS, maxFileSize: 100 }), undefined);
  });

  it('the duplicate-key check is linear: a 40,000-key ConfigMap no longer takes 11 s (25-40 s on this machine)', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: "v"\n`).join('')}  k7: "dup"\n`;
    const { value, ms } = timed(() => parseChunk(text));
    assert.equal(value.minor.length, 1);
    // The parse itself is about a second on a loaded 2-core machine; the quadratic check alone took 25-40 s.
    assert.ok(ms < 4 * LIMIT_MS, `${ms} ms`);
  });

  it('an unanswered workspace/configuration falls back to the defaults after the wait', async () => {
    const cache = new SettingsCache(() => new Promise(() => undefined), 50);
    const s = await cache.get('file:///x.yaml');
    assert.equal(s.enable, true);
  });

  it('a file of tiny documents is analysed without keeping a schema per document', () => {
    const text = hostile.tinyDocuments(50_000);
    const a = parseChunk('a: 1\n').doc.schema;
    const b = parseChunk('b: 2\n').doc.schema;
    assert.equal(a, b);
    const { ms } = timed(() => analyse(text, RULES, SERVER_OPTIONS));
    assert.ok(ms < LIMIT_MS, `${ms} ms`);
  });

  it('undefined aliases are reported', () => {
    const problems = analyse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: *nowhere}\n', RULES);
    assert.deepEqual(codes(problems), ['yaml-syntax']);
    assert.match(problems[0].message, /unknown anchor 'nowhere'/);
  });

  it('"Disable for this object" is offered at the first character after `...`', () => {
    const second = DEPLOYMENT('  replicas: 1\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n...\n${second}`;
    const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    const start = doc.positionAt(text.indexOf('apiVersion: apps/v1'));
    const d: Diagnostic = { range: { start, end: start }, message: 'm', code: 'single-replica-unavailable', source: 'kube-graceful' };
    const titles = service.getCodeActions(doc, d.range, [d]).map((a) => a.title);
    assert.ok(titles.includes('Disable single-replica-unavailable for this object'), titles.join('\n'));
  });

  it('YAML nested 1,500 levels deep is reported as a syntax problem, never as a stack overflow', () => {
    const problems = analyse(hostile.deepNesting(0), RULES);
    assert.ok(
      problems.every((p) => !/Maximum call stack/.test(p.message)),
      JSON.stringify(problems.slice(0, 2)),
    );
    const deeper = `apiVersion: v1\nkind: ConfigMap\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    assert.ok(analyse(deeper, RULES).every((p) => !/Maximum call stack/.test(p.message)));
  });
});

describe('issue 19: the cache keeps findings of documents skipped by the time budget for later', () => {
  it('documents not reached are analysed by the next run', () => {
    const text = hostile
      .tinyDocuments(5000)
      .replace(/ConfigMap/g, 'Pod')
      .replace(
        /\n---/g,
        '\nspec: {containers: [{name: a, image: b, readinessProbe: {exec: {command: ["true"]}}, livenessProbe: {exec: {command: ["true"]}}}]}\n---',
      );
    const cache = new AnalysisCache();
    const first = analyse(text, RULES, { ...DEFAULT_OPTIONS, timeBudgetMs: -1 }, cache);
    assert.ok(codes(first).includes('analysis-limit'));
    const second = analyse(text, RULES, DEFAULT_OPTIONS, cache);
    assert.ok(!codes(second).includes('analysis-limit'));
  });
});

/** The template masking before issue 19 (quadratic), kept as the reference the linear one must agree with. */
function referenceMask(text: string): string {
  const spans: [number, number][] = [];
  if (!text.includes('{{')) return text;
  const out = text.split('');
  let i = text.indexOf('{{');
  while (i >= 0) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    spans.push([i, end]);
    i = close < 0 ? -1 : text.indexOf('{{', end);
  }
  for (const [s, e] of spans) {
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    let lineEnd = text.indexOf('\n', e);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, s);
    let after = '';
    let k = e;
    for (const [a, b] of spans) {
      if (b <= k || a >= lineEnd) continue;
      if (a > k) after += text.slice(k, a);
      k = Math.max(k, b);
    }
    if (k < lineEnd) after += text.slice(k, lineEnd);
    const alone = before.trim() === '' && after.trim() === '';
    for (let j = s; j < e; j++) if (text[j] !== '\n' && text[j] !== '\r') out[j] = alone ? ' ' : 'x';
  }
  return out.join('');
}
