// A controller whose selector is missing, empty, or does not select the pods of its own template.
import type { Node, YAMLMap } from 'yaml';
import type { Fix, Rule, RuleContext, TextChange } from '../engine/rule';
import { indentUnit, insertBlock, insertField } from '../yaml/edits';
import { isBuiltin, K8sObject } from '../k8s/model';
import { describeRequirement, editableMap, readLabels, readLabelSelector, requirementMatches, SelectorRequirement, setField, yamlString } from '../k8s/rollout';
import type { DocView, Field } from '../yaml/view';

const APPS_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'] as const;

/** Labels that name an app rather than a release, in the order a selector usually uses them. */
const STABLE_LABELS = [['app.kubernetes.io/name', 'app.kubernetes.io/instance'], ['app'], ['k8s-app'], ['name']] as const;

export const rule: Rule = {
  meta: {
    id: 'selector-mismatch',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        "A Deployment, ReplicaSet, StatefulSet, DaemonSet or ReplicationController whose selector does not match its pod template's labels, or (apps/v1) is missing or empty.",
      why:
        'A controller finds its pods by its selector. If the selector does not match the labels of the pods it creates, it would create ' +
        'pods forever without ever counting them, so the API server rejects the object ("`selector` does not match template `labels`"). ' +
        'In apps/v1 the selector is required and may not be empty; it is also immutable after creation, so fix the template labels ' +
        "rather than the selector of a live object. A ReplicationController without a selector takes its template's labels.",
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: example/web:1.0
`,
      appliesTo: 'Built-in apps/v1 Deployments, ReplicaSets, StatefulSets and DaemonSets, and ReplicationControllers.',
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
      sources: [
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go: ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec ("spec.selector: Required value"; "empty selector is invalid for …"), ValidatePodTemplateSpecForReplicaSet, ValidatePodTemplateSpecForStatefulSet and ValidateDaemonSetSpec ("`selector` does not match template `labels`").',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidatePodTemplateSpecForRC: a ReplicationController selector must match the template labels; pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController copies the template labels into an empty selector.',
        'k8s.io/apimachinery labels selector semantics: matchLabels are `key In (value)`; In, NotIn (also true when the label is absent), Exists, DoesNotExist.',
        'kubernetes.io concepts/workloads/controllers/deployment "Selector": ".spec.selector must match .spec.template.metadata.labels, or it will be rejected by the API." and "In API version apps/v1, a Deployment\'s label selector is immutable after it gets created."',
      ],
      fixSafety:
        'Adding the label to the pod template makes the new pods match. Changing a label that a Service or NetworkPolicy selects changes which of them picks the pods up, so review the fix.',
    },
    messages: {
      mismatch:
        'the selector does not match the pod template labels. It requires {requirement}, but {found}: the API server rejects the {kind} ("`selector` does not match template `labels`").',
      missing: 'no spec.selector, which apps/v1 requires. The API server rejects the {kind}.',
      empty: 'the selector is empty, which is invalid. The API server rejects the {kind} ("empty selector is invalid").',
    },
  },
  check(obj, ctx) {
    const apps = APPS_KINDS.some((k) => isBuiltin(obj, k)) && obj.apiVersion === 'apps/v1';
    const rc = isBuiltin(obj, 'ReplicationController');
    // Selectors and labels are very often written by template helpers that this reading cannot see.
    if ((!apps && !rc) || obj.incomplete) return;
    const { view } = obj;
    const specField = view.field(obj.root, 'spec');
    const spec = view.map(specField?.value);
    const templateField = view.field(spec, 'template');
    const template = view.map(templateField?.value);
    if (!specField || !spec || !templateField || !template) return;
    const labels = readLabels(view, view.at(template, 'metadata', 'labels'));
    if (!labels) return;
    const selectorField = view.field(spec, 'selector');
    const kind = obj.kind;

    let requirements: SelectorRequirement[] | undefined;
    if (rc) {
      // An empty ReplicationController selector is defaulted to the template labels.
      if (!selectorField || view.isEmpty(selectorField.value)) return;
      requirements = readLabelSelectorMap(view, selectorField.value);
      if (!requirements || requirements.length === 0) return;
    } else {
      if (!selectorField || view.isEmpty(selectorField.value)) {
        ctx.report({ at: specField.mergedVia ?? specField.key, messageId: 'missing', data: { kind }, fixes: missingSelectorFix(obj, labels, ctx) });
        return;
      }
      requirements = readLabelSelector(view, selectorField.value);
      if (!requirements) return;
      if (requirements.length === 0) {
        ctx.report({ at: selectorField.mergedVia ?? selectorField.key, messageId: 'empty', data: { kind } });
        return;
      }
    }
    for (const r of requirements) {
      if (requirementMatches(r, labels)) continue;
      const actual = labels.get(r.key);
      const found =
        actual === undefined
          ? ctx.say({ en: `the pod template has no label "${r.key}"`, 'zh-cn': `Pod 模板没有标签 "${r.key}"` })
          : ctx.say({ en: `the pod template has ${r.key}=${actual}`, 'zh-cn': `Pod 模板中为 ${r.key}=${actual}` });
      const fixes: Fix[] = [];
      const wanted = r.operator === 'In' ? r.values[0] : undefined;
      if (wanted !== undefined) {
        const changes = setTemplateLabel(view, templateField, r.key, wanted, ctx.eol);
        if (changes)
          fixes.push({
            title: ctx.say({ en: `Set the pod template label ${r.key}: ${wanted}`, 'zh-cn': `将 Pod 模板的标签设为 \`${r.key}: ${wanted}\`` }),
            changes,
            isPreferred: true,
          });
      }
      ctx.report({ at: r.node, messageId: 'mismatch', data: { requirement: describeRequirement(r), found, kind }, fixes });
    }
  },
};

/** A ReplicationController selector: a plain map, each entry `key In (value)`. */
function readLabelSelectorMap(view: DocView, node: unknown): SelectorRequirement[] | undefined {
  if (!view.map(node)) return undefined;
  const out: SelectorRequirement[] = [];
  for (const f of view.fields(node)) {
    const value = view.isEmpty(f.value) ? '' : view.str(f.value);
    if (value === undefined) return undefined;
    out.push({ key: String(f.key.value), operator: 'In', values: [value], node: f.mergedVia ?? f.key, matchLabel: true });
  }
  return out;
}

/** Edits that give the pod template the label `key: value`, adding `labels` (and `metadata`) where missing. */
function setTemplateLabel(view: DocView, templateField: Field, key: string, value: string, eol: string): TextChange[] | undefined {
  if (yamlString(key) !== key) return undefined;
  const valueText = yamlString(value);
  const template = editableMap(view, templateField);
  if (!template) return undefined;
  const metadataField = view.field(template, 'metadata');
  if (!metadataField) return prependMetadata(view, template, `${key}: ${valueText}`, eol);
  const metadata = editableMap(view, metadataField);
  if (!metadata) return undefined;
  const labelsField = view.field(metadata, 'labels');
  if (!labelsField) {
    const changes = insertBlock(view, metadata, 'labels', [`${key}: ${valueText}`], eol);
    return changes.length > 0 ? changes : undefined;
  }
  const labels = editableMap(view, labelsField);
  return labels ? setField(view, labels, key, valueText, eol) : undefined;
}

/** Writes `metadata: {labels: …}` as the template's first key, where readers expect it (before `spec`). */
function prependMetadata(view: DocView, template: YAMLMap, line: string, eol: string): TextChange[] | undefined {
  const text = view.chunk.text;
  const first = template.items[0]?.key as Node | undefined;
  const start = first?.range?.[0];
  if (template.flow || start === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (indent.trim() !== '') return undefined;
  const step = ' '.repeat(indentUnit(text));
  return [{ start: lineStart, end: lineStart, newText: `${indent}metadata:${eol}${indent}${step}labels:${eol}${indent}${step}${step}${line}${eol}` }];
}

/** Adds `selector.matchLabels` built from the template's app-naming labels (all of them if none is recognised). */
function missingSelectorFix(obj: K8sObject, labels: ReadonlyMap<string, string>, ctx: RuleContext): Fix[] {
  const { eol } = ctx;
  const { view } = obj;
  const spec = editableMap(view, view.field(obj.root, 'spec'));
  if (!spec || labels.size === 0) return [];
  const chosen = STABLE_LABELS.map((keys) => keys.filter((k) => labels.has(k))).find((keys) => keys.length > 0) ?? [...labels.keys()];
  if (chosen.some((k) => yamlString(k) !== k)) return [];
  const pairs = chosen.map((k) => `${k}: ${yamlString(labels.get(k) ?? '')}`);
  const replicas = view.field(spec, 'replicas');
  const after = replicas && !replicas.mergedVia ? replicas : undefined;
  const step = ' '.repeat(indentUnit(view.chunk.text));
  const changes = spec.flow
    ? insertField(view, spec, 'selector', [`{matchLabels: {${pairs.join(', ')}}}`], eol, after)
    : insertField(view, spec, 'selector', ['matchLabels:', ...pairs.map((p) => `${step}${p}`)], eol, after, true);
  const shown = chosen.map((k) => `${k}=${labels.get(k) ?? ''}`).join(', ');
  const title = ctx.say({ en: `Add a selector matching the pod template (${shown})`, 'zh-cn': `添加与 Pod 模板匹配的选择器（${shown}）` });
  return changes.length > 0 ? [{ title, changes, isPreferred: true }] : [];
}
