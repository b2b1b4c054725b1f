// Code actions at the service level: quick-fixes, disable comments and annotations, fix-all, documentation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/rules';
import { analyse, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { FIX_ALL_KIND, KubeGracefulService } from '../../server/src/features/service';

const service = new KubeGracefulService();

function actionsFor(text: string, code: string): { doc: TextDocument; actions: CodeAction[] } {
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const diagnostics = service.doValidation(doc).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `expected a ${code} diagnostic`);
  return { doc, actions: service.getCodeActions(doc, diagnostics[0].range, diagnostics) };
}

function apply(doc: TextDocument, action: CodeAction | undefined): string {
  assert.ok(action?.edit?.changes, 'the action has an edit');
  return TextDocument.applyEdits(doc, action.edit.changes[doc.uri]);
}

const POD = (metadata: string): string => `apiVersion: v1
kind: Pod
${metadata}
spec:
  initContainers:
    - name: migrate
      image: m
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - {name: app, image: a}
`;

describe('code actions: disable for this object', () => {
  const cases: [string, string, string][] = [
    ['metadata without annotations', 'metadata:\n  name: p', 'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "init-container-probe"'],
    ['flow metadata', 'metadata: {name: p}', 'metadata: {name: p, annotations: {kube-graceful.io/ignore: "init-container-probe"}}'],
    [
      'existing annotations',
      'metadata:\n  name: p\n  annotations:\n    team: web',
      'metadata:\n  name: p\n  annotations:\n    team: web\n    kube-graceful.io/ignore: "init-container-probe"',
    ],
    [
      'an existing ignore list',
      'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "duplicate-container-name"',
      'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "duplicate-container-name,init-container-probe"',
    ],
    ['empty annotations', 'metadata:\n  name: p\n  annotations:', 'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "init-container-probe"'],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      const { doc, actions } = actionsFor(POD(before), 'init-container-probe');
      const action = actions.find((a) => a.title === 'Disable init-container-probe for this object');
      const output = apply(doc, action);
      assert.equal(output, POD(after));
      assert.deepEqual(
        analyse(output, RULES).map((p) => p.code),
        [],
      );
    });
  }
});

describe('code actions: the menu for one diagnostic', () => {
  it('offers the fix, the documentation and the two disables, in that order', () => {
    const { actions } = actionsFor(POD('metadata: {name: p}'), 'init-container-probe');
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Remove readinessProbe from init container "migrate"',
        'Show documentation for init-container-probe',
        'Disable init-container-probe for this line',
        'Disable init-container-probe for this object',
      ],
    );
    assert.deepEqual(actions[1]?.command, {
      title: 'Show documentation for init-container-probe',
      command: 'kubeGraceful.showRuleDocumentation',
      arguments: ['init-container-probe'],
    });
  });

  it('speaks Chinese when the locale is zh-cn', () => {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, POD('metadata: {name: p}'));
    const options = { ...DEFAULT_OPTIONS, locale: 'zh-cn' as const };
    const diagnostics = service.doValidation(doc, options);
    const titles = service.getCodeActions(doc, diagnostics[0].range, diagnostics, options).map((a) => a.title);
    assert.equal(titles.length, 4);
    for (const t of titles) assert.match(t, /[\u4e00-\u9fff]/, t);
    assert.match(service.ruleDocumentation('init-container-probe', 'zh-cn') ?? '', /## 为什么有问题/);
  });

  it('ignores diagnostics of other sources', () => {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, POD('metadata: {name: p}'));
    const d = service.doValidation(doc)[0];
    assert.deepEqual(service.getCodeActions(doc, d.range, [{ ...d, source: 'yaml' }]), []);
  });
});

describe('code actions: fix all', () => {
  it('applies every safe fix in the file as one minimal edit, across documents', () => {
    const text = `${POD('metadata: {name: a}')}---\n${POD('metadata: {name: b}').replace('readinessProbe', 'lifecycle: {postStart: {exec: {command: ["true"]}}}\n      livenessProbe')}`;
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const action = service.getFixAllAction(doc, DEFAULT_OPTIONS);
    assert.equal(action?.kind, FIX_ALL_KIND);
    assert.equal(action?.title, 'Fix all kube-graceful problems (3)');
    const output = apply(doc, action);
    assert.deepEqual(
      analyse(output, RULES).map((p) => p.code),
      [],
    );
    assert.equal((action?.edit?.changes?.[doc.uri] ?? []).length, 1);
  });

  it('offers nothing when nothing is safely fixable', () => {
    const doc = TextDocument.create(
      'file:///t.yaml',
      'yaml',
      1,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a}]\n',
    );
    assert.equal(service.getFixAllAction(doc), undefined);
  });
});

describe('rule documentation', () => {
  it('renders every rule from its docs', () => {
    for (const rule of RULES) {
      const md = service.ruleDocumentation(rule.meta.id) ?? '';
      assert.match(md, new RegExp(`^# ${rule.meta.id}`));
      assert.match(md, /## Why is this bad\?/);
      assert.ok(md.includes(rule.meta.docs.url));
    }
    assert.equal(service.ruleDocumentation('nope'), undefined);
  });
});

describe('code actions: menu order', () => {
  it('fixes of the most severe findings first, then documentation, then silencing; isPreferred only on fixes', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 100%}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          ports: [{name: http, containerPort: 8080}]
          livenessProbe: {httpGet: {path: /, port: http}}
          readinessProbe: {httpGet: {path: /, port: http}}
`;
    const doc = TextDocument.create('file:///order.yaml', 'yaml', 1, text);
    const diagnostics = service.doValidation(doc);
    const severities = new Set(diagnostics.map((d) => d.severity));
    assert.ok(severities.size >= 2, `findings of several severities: ${diagnostics.map((d) => `${d.code}:${d.severity}`).join(', ')}`);
    const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const actions = service.getCodeActions(doc, whole, diagnostics);
    const group = (a: CodeAction): number => (a.command?.command === 'kubeGraceful.showRuleDocumentation' ? 1 : /^Disable /.test(a.title) ? 2 : 0);
    const groups = actions.map(group);
    assert.deepEqual(
      groups,
      [...groups].sort((a, b) => a - b),
      `fixes, then docs, then disable: ${actions.map((a) => a.title).join(' | ')}`,
    );
    const fixSeverities = actions.filter((a) => group(a) === 0).map((a) => a.diagnostics?.[0]?.severity ?? 4);
    assert.ok(fixSeverities.length >= 2, 'several fixes');
    assert.deepEqual(
      fixSeverities,
      [...fixSeverities].sort((a, b) => a - b),
      'the most severe finding first',
    );
    assert.ok(
      actions.filter((a) => group(a) !== 0).every((a) => a.isPreferred !== true),
      'never preferred: docs and disable',
    );
    assert.equal(actions[0]?.isPreferred, true, 'the first action is the preferred fix of the most severe finding');
  });
});
