// Code actions at the service level: quick-fixes, disable comments and annotations, fix-all, documentation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/rules';
import { analyse, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { FIX_ALL_KIND, KubeGracefulService } from '../../server/src/features/service';

const service = new KubeGracefulService();

function actionsFor(text: string, code: string): { doc: TextDocument; actions: CodeAction[] } {
  const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const diagnostics = service.doValidation(doc).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `expected a ${code} diagnostic`);
  return { doc, actions: service.getCodeActions(doc, diagnostics[0]!.range, diagnostics) };
}

function apply(doc: TextDocument, action: CodeAction | undefined): string {
  assert.ok(action?.edit?.changes, 'the action has an edit');
  return TextDocument.applyEdits(doc, action.edit.changes[doc.uri] as TextEdit[]);
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
    ['existing annotations', 'metadata:\n  name: p\n  annotations:\n    team: web', 'metadata:\n  name: p\n  annotations:\n    team: web\n    kube-graceful.io/ignore: "init-container-probe"'],
    ['an existing ignore list', 'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "duplicate-container-name"', 'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "duplicate-container-name,init-container-probe"'],
    ['empty annotations', 'metadata:\n  name: p\n  annotations:', 'metadata:\n  name: p\n  annotations:\n    kube-graceful.io/ignore: "init-container-probe"'],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      const { doc, actions } = actionsFor(POD(before), 'init-container-probe');
      const action = actions.find((a) => a.title === 'Disable init-container-probe for this object');
      const output = apply(doc, action);
      assert.equal(output, POD(after));
      assert.deepEqual(analyse(output, RULES).map((p) => p.code), []);
    });
  }
});

describe('code actions: the menu for one diagnostic', () => {
  it('offers the fix, the two disables and the documentation, in that order', () => {
    const { actions } = actionsFor(POD('metadata: {name: p}'), 'init-container-probe');
    assert.deepEqual(actions.map((a) => a.title), [
      'Remove readinessProbe from init container "migrate"',
      'Disable init-container-probe for this line',
      'Disable init-container-probe for this object',
      'Show documentation for init-container-probe',
    ]);
    assert.deepEqual(actions[3]?.command, { title: 'Show documentation for init-container-probe', command: 'kubeGraceful.showRuleDocumentation', arguments: ['init-container-probe'] });
  });

  it('speaks Chinese when the locale is zh-cn', () => {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, POD('metadata: {name: p}'));
    const options = { ...DEFAULT_OPTIONS, locale: 'zh-cn' as const };
    const diagnostics = service.doValidation(doc, options);
    const titles = service.getCodeActions(doc, diagnostics[0]!.range, diagnostics, options).map((a) => a.title);
    assert.equal(titles.length, 4);
    for (const t of titles) assert.match(t, /[\u4e00-\u9fff]/, t);
    assert.match(service.ruleDocumentation('init-container-probe', 'zh-cn') ?? '', /## 为什么有问题/);
  });

  it('ignores diagnostics of other sources', () => {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, POD('metadata: {name: p}'));
    const d = service.doValidation(doc)[0]!;
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
    assert.deepEqual(analyse(output, RULES).map((p) => p.code), []);
    assert.equal((action?.edit?.changes?.[doc.uri] ?? []).length, 1);
  });

  it('offers nothing when nothing is safely fixable', () => {
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a}]\n');
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
