// The engine's behaviour on whole files: bad input, suppressions, severities, isolation of failing rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules';
import { AnalysisCache, analyse, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import type { Rule } from '../../server/src/engine/rule';
import { positionOf } from '../support/rule-tester';
import { normalizeSettings, toAnalysisOptions } from '../../server/src/workspace/settings';

const BAD_POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - {name: app, image: a}
`;

function codes(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}

function where(text: string, p: Problem): string {
  const s = positionOf(text, p.start);
  const e = positionOf(text, p.end);
  return `${p.code}@${s.line}:${s.column}-${e.line}:${e.column}`;
}

describe('analyse: documents and bad input', () => {
  it('reports a syntax error where it is and still analyses the other documents', () => {
    const text = `${BAD_POD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n---\n${BAD_POD}`;
    const problems = analyse(text, RULES);
    assert.deepEqual(codes(problems), ['init-container-probe', 'yaml-syntax', 'init-container-probe']);
    const syntax = problems[1];
    assert.equal(positionOf(text, syntax.start).line, 15);
    assert.match(syntax.message, /^YAML syntax error: /);
  });

  it('positions in later documents are exact', () => {
    const text = `${BAD_POD}---\n${BAD_POD}`;
    assert.deepEqual(
      analyse(text, RULES).map((p) => where(text, p)),
      ['init-container-probe@8:7-8:21', 'init-container-probe@19:7-19:21'],
    );
  });

  it('says nothing about syntax in YAML that is not Kubernetes', () => {
    assert.deepEqual(analyse('name: CI\non: [push\njobs: {}\n', RULES), []);
  });

  it('gives no parser noise for Helm templates, and still checks what it can', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      initContainers:
        - name: migrate
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          readinessProbe:
            {{- toYaml .Values.probe | nindent 12 }}
      containers:
        - name: {{ .Chart.Name }}
          image: x
`;
    assert.deepEqual(codes(analyse(text, RULES)), ['init-container-probe']);
  });

  it('stays silent on Helm templates that do not parse even masked', () => {
    const text = 'apiVersion: v1\nkind: Pod\n{{ if .Values.x }}: {\n  spec: [\n';
    assert.deepEqual(analyse(text, RULES), []);
  });

  it('survives an alias bomb quickly', () => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('spec:', '  containers:', '    - name: c', '      image: i', '      command: *a29', '      args: *a29');
    const started = Date.now();
    const problems = analyse(lines.join('\n'), RULES);
    assert.ok(Date.now() - started < 2000, 'an alias bomb must not make the analysis slow');
    assert.deepEqual(codes(problems), []);
  });

  it('skips files over the size limit with one message', () => {
    const text = BAD_POD + '#'.repeat(200);
    const problems = analyse(text, RULES, { ...DEFAULT_OPTIONS, maxFileSize: 100 });
    assert.deepEqual(codes(problems), ['file-too-large']);
  });

  it('handles wrong types without complaint or crash', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: [1, 2]
spec:
  initContainers: "not a list"
  containers:
    - 42
    - name: [x]
      command: {a: b}
      resources: {requests: {memory: lots}}
    - null
`;
    const problems = analyse(text, RULES);
    // Only schema validation speaks: metadata, initContainers, containers[0], name, command and the quantity.
    assert.deepEqual(codes(problems), Array(6).fill('schema'));
    assert.deepEqual(codes(analyse(text, RULES, { ...DEFAULT_OPTIONS, levels: { schema: 'off' } })), []);
  });

  it('reports duplicate keys on the whole key but keeps analysing', () => {
    const text = BAD_POD.replace('      image: m\n', '      image: m\n      "image": n\n');
    const problems = analyse(text, RULES);
    assert.deepEqual(
      problems.map((p) => where(text, p)),
      ['duplicate-key@8:7-8:14', 'init-container-probe@9:7-9:21'],
    );
    assert.match(problems[0]?.message ?? '', /^Duplicate key "image": /);
  });
});

describe('analyse: suppression and severity', () => {
  it('disable-next-line with and without ids', () => {
    const withId = BAD_POD.replace('      readinessProbe', '      # kube-graceful-disable-next-line init-container-probe\n      readinessProbe');
    assert.deepEqual(codes(analyse(withId, RULES)), []);
    const otherId = BAD_POD.replace('      readinessProbe', '      # kube-graceful-disable-next-line init-container-lifecycle\n      readinessProbe');
    assert.deepEqual(codes(analyse(otherId, RULES)), ['init-container-probe']);
    const all = BAD_POD.replace('      readinessProbe', '      # kube-graceful-disable-next-line -- reviewed\n      readinessProbe');
    assert.deepEqual(codes(analyse(all, RULES)), []);
  });

  it('disable-line at the end of a line, and a whole-document disable that stays in its document', () => {
    const endOfLine = BAD_POD.replace('{command: ["true"]}}', '{command: ["true"]}} # kube-graceful-disable-line init-container-probe');
    assert.deepEqual(codes(analyse(endOfLine, RULES)), []);
    const doc = `# kube-graceful-disable init-container-probe\n${BAD_POD}---\n${BAD_POD}`;
    assert.equal(codes(analyse(doc, RULES)).length, 1);
  });

  it('the kube-graceful.io/ignore annotation silences rules on that object', () => {
    const text = BAD_POD.replace(
      'metadata: {name: p}',
      'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "duplicate-container-name, init-container-probe"',
    );
    assert.deepEqual(codes(analyse(text, RULES)), []);
  });

  it('rule levels from settings: off, and a changed severity', () => {
    assert.deepEqual(codes(analyse(BAD_POD, RULES, { ...DEFAULT_OPTIONS, levels: { 'init-container-probe': 'off' } })), []);
    const [p] = analyse(BAD_POD, RULES, { ...DEFAULT_OPTIONS, levels: { 'init-container-probe': 'hint' } });
    assert.equal(p?.severity, 'hint');
  });
});

describe('analyse: one failing rule does not take down the others', () => {
  it('logs the failure and keeps the other rules', () => {
    const broken: Rule = {
      meta: { id: 'broken', severity: 'error', docs: RULES[0].meta.docs, messages: { m: 'm' } },
      check() {
        throw new Error('boom');
      },
    };
    const logs: string[] = [];
    const problems = analyse(BAD_POD, [broken, ...RULES], DEFAULT_OPTIONS, undefined, (m) => logs.push(m));
    assert.deepEqual(codes(problems), ['init-container-probe']);
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /rule broken failed on Pod p: Error: boom/);
  });
});

describe('analyse: the cache', () => {
  it('gives the same results with and without a cache, across edits and setting changes', () => {
    const cache = new AnalysisCache();
    const texts = [BAD_POD, `${BAD_POD}---\n${BAD_POD}`, `${BAD_POD}---\n${BAD_POD.replace('readinessProbe', 'livenessProbe')}`];
    for (const text of texts) {
      assert.deepEqual(analyse(text, RULES, DEFAULT_OPTIONS, cache), analyse(text, RULES));
      const off = { ...DEFAULT_OPTIONS, levels: { 'init-container-probe': 'off' as const } };
      assert.deepEqual(analyse(text, RULES, off, cache), analyse(text, RULES, off));
    }
  });
});

describe('analyse: kustomize patches', () => {
  const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          ports: [{containerPort: 8080}]
          resourcess: {}
`;
  it('a patch is incomplete on purpose: no absence rules, no selector or schema findings', () => {
    assert.deepEqual(codes(analyse(PATCH, RULES, { ...DEFAULT_OPTIONS, patch: true })), []);
  });
  it('the same text as a full manifest gets them', () => {
    const found = codes(analyse(PATCH, RULES));
    for (const code of ['pdb-missing', 'selector-mismatch', 'readiness-probe-missing', 'schema'])
      assert.ok(found.includes(code), `${code} in ${found.join(', ')}`);
  });
});

describe('analyse: file-scope rules and the cache', () => {
  it('a PDB added or removed in another document updates pdb-missing on the workload', () => {
    const workload =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: w}]\n';
    const pdb =
      '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n';
    const cache = new AnalysisCache();
    const has = (text: string): boolean => analyse(text, RULES, DEFAULT_OPTIONS, cache).some((p) => p.code === 'pdb-missing');
    assert.equal(has(workload), true);
    assert.equal(has(workload + pdb), false);
    assert.equal(has(workload + pdb.replace('app: web}}', 'app: other}}')), true);
    assert.equal(has(workload + pdb), false);
    assert.equal(has(workload.replace('replicas: 3', 'replicas: 4')), true);
  });
});

describe('syntax errors are levelled like rules', () => {
  const broken = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\nspec: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: 1\n  a: 2\n';
  it('on by default: yaml-syntax as error, duplicate-key as warning', () => {
    const found = analyse(broken, RULES, DEFAULT_OPTIONS).map((p) => `${p.code}:${p.severity}`);
    assert.ok(found.includes('yaml-syntax:error') && found.includes('duplicate-key:warning'), found.join());
  });
  it('kubeGraceful.rules can level or turn them off', () => {
    const found = analyse(broken, RULES, { ...DEFAULT_OPTIONS, levels: { 'yaml-syntax': 'off', 'duplicate-key': 'info' } }).map(
      (p) => `${p.code}:${p.severity}`,
    );
    assert.deepEqual(found, ['duplicate-key:info']);
  });
  it('kubeGraceful.syntaxErrors: off turns both off; auto and on keep them', () => {
    const off = toAnalysisOptions(normalizeSettings({ syntaxErrors: 'off' }));
    assert.deepEqual(
      analyse(broken, RULES, off).map((p) => p.code),
      [],
    );
    for (const value of ['auto', 'on']) {
      const on = toAnalysisOptions(normalizeSettings({ syntaxErrors: value }));
      assert.deepEqual([...new Set(analyse(broken, RULES, on).map((p) => p.code))].sort(), ['duplicate-key', 'yaml-syntax']);
    }
  });
});
