// CRD workloads and custom resources (issue 15): false-positive guards on minimal manifests in the style of the Argo
// Rollouts, OpenKruise and Knative docs, the customWorkloads setting, hovers, and validation against a CRD's schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, AnalysisCache, AnalysisOptions, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import { normalizeSettings, toAnalysisOptions } from '../../server/src/workspace/settings';
import { convertCrdSchema, crdSchemasInText } from '../../server/src/k8s/crd';
import { ChunkCache } from '../../server/src/yaml/documents';
import { applyChanges } from '../support/rule-tester';
import { doHover } from '../../server/src/features/hover';
import type { Locale } from '../../server/src/l10n/locale';
import { NEWEST } from '../../server/src/k8s/versions';

/** Hovers at the `‸` in the text (the marker is removed first). */
function hoverAt(marked: string, locale: Locale = 'en'): string | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the text needs a ‸ marker');
  return doHover(marked.replace('‸', ''), offset, NEWEST, locale)?.markdown;
}

const ARGO_CANARY = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollouts-demo
spec:
  replicas: 5
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: {}
        - setWeight: 40
        - pause: {duration: 10}
  revisionHistoryLimit: 2
  selector:
    matchLabels:
      app: rollouts-demo
  template:
    metadata:
      labels:
        app: rollouts-demo
    spec:
      containers:
        - name: rollouts-demo
          image: argoproj/rollouts-demo:blue
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          readinessProbe:
            httpGet: {path: /, port: http}
          lifecycle:
            preStop:
              sleep: {seconds: 5}
          resources:
            requests: {memory: 32Mi, cpu: 5m}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: rollouts-demo
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: rollouts-demo
`;

const ARGO_BLUE_GREEN = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollout-bluegreen
spec:
  replicas: 2
  revisionHistoryLimit: 2
  selector:
    matchLabels:
      app: rollout-bluegreen
  template:
    metadata:
      labels:
        app: rollout-bluegreen
    spec:
      containers:
        - name: rollouts-demo
          image: argoproj/rollouts-demo:blue
          imagePullPolicy: Always
          ports:
            - containerPort: 8080
          readinessProbe:
            tcpSocket: {port: 8080}
          lifecycle:
            preStop:
              sleep: {seconds: 5}
  strategy:
    blueGreen:
      activeService: rollout-bluegreen-active
      previewService: rollout-bluegreen-preview
      autoPromotionEnabled: false
      previewReplicaCount: 1
      scaleDownDelaySeconds: 30
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: rollout-bluegreen
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: rollout-bluegreen
`;

const KRUISE = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  labels:
    app: sample
  name: sample
spec:
  replicas: 5
  selector:
    matchLabels:
      app: sample
  template:
    metadata:
      labels:
        app: sample
    spec:
      containers:
        - name: nginx
          image: nginx:alpine
  updateStrategy:
    type: InPlaceIfPossible
    partition: 2
    maxUnavailable: 20%
    maxSurge: 3
---
apiVersion: apps.kruise.io/v1beta1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  podManagementPolicy: Parallel
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      readinessGates:
        - conditionType: InPlaceUpdateReady
      containers:
        - name: nginx
          image: nginx:alpine
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      podUpdatePolicy: InPlaceIfPossible
      maxUnavailable: 2
`;

const KNATIVE = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    metadata:
      annotations:
        autoscaling.knative.dev/min-scale: "1"
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:latest
          ports:
            - containerPort: 8080
          env:
            - name: TARGET
              value: World
          readinessProbe:
            httpGet:
              path: /healthz
          livenessProbe:
            tcpSocket: {}
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:latest
---
apiVersion: serving.knative.dev/v1
kind: Revision
metadata:
  name: hello-00001
spec:
  containerConcurrency: 0
  timeoutSeconds: 300
  containers:
    - image: ghcr.io/knative/helloworld-go:latest
      ports:
        - containerPort: 8080
`;

/** Errors and warnings only: info and hints are advice, not false alarms. */
function loud(text: string, options: AnalysisOptions = DEFAULT_OPTIONS): string[] {
  return analyse(text, RULES, options)
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .map((p) => `${p.code}: ${p.message}`);
}

describe("CRD workloads: valid manifests in the style of the projects' docs give no error or warning", () => {
  for (const [name, text] of Object.entries({
    'Argo Rollouts canary': ARGO_CANARY,
    'Argo Rollouts blue-green': ARGO_BLUE_GREEN,
    'OpenKruise CloneSet and Advanced StatefulSet': KRUISE,
    'Knative Service, Configuration and Revision': KNATIVE,
  })) {
    it(name, () => assert.deepEqual(loud(text), []));
  }

  it('Knative: no finding at all, not even advice, about what Knative fills in (readiness probe, preStop, probe ports)', () => {
    const codes = analyse(KNATIVE, RULES).map((p) => p.code);
    for (const code of ['readiness-probe-missing', 'prestop-missing', 'probe-port-not-declared', 'duplicate-container-name', 'schema'])
      assert.ok(!codes.includes(code), code);
  });

  it('the pod templates are analysed: a mistake in each is found', () => {
    const broken = (text: string): string[] =>
      analyse(text.replace(/(\n {4}spec:\n|\nspec:\n(?= {2}containerConcurrency))/, '$1      terminationGracePeriodSeconds: 0\n'), RULES).map((p) => p.code);
    assert.ok(broken(ARGO_CANARY).includes('termination-grace-zero'));
    assert.ok(broken(KRUISE).includes('termination-grace-zero'));
    // Knative sets the grace period itself and rejects one in the template: not reported as a shutdown problem.
    assert.ok(!broken(KNATIVE).includes('termination-grace-zero'));
  });
});

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: w}}
    spec:
      containers:
        - name: app
          image: example/app:1
          ports: [{name: http, containerPort: 80}]
          readinessProbe:
            httpGet: {path: /, port: htp}
`;

describe('kubeGraceful.customWorkloads', () => {
  const settings = normalizeSettings({
    kubeGraceful: { customWorkloads: [{ apiVersion: 'example.com/v1', kind: 'Widget', podTemplate: 'spec.template', replicas: 'spec.replicas' }] },
  });

  it("gives a custom kind's pods the same analysis", () => {
    assert.deepEqual(settings.problems, []);
    const codes = analyse(WIDGET, RULES, toAnalysisOptions(settings)).map((p) => p.code);
    assert.ok(codes.includes('probe-port-not-declared'), codes.join());
  });

  it('without the setting, the custom kind is not analysed', () => {
    assert.deepEqual(
      analyse(WIDGET, RULES).map((p) => p.code),
      [],
    );
  });

  it('the setting is part of the cache key: changing it re-analyses the document', () => {
    const cache = new AnalysisCache();
    assert.equal(analyse(WIDGET, RULES, DEFAULT_OPTIONS, cache).length, 0);
    assert.ok(analyse(WIDGET, RULES, toAnalysisOptions(settings), cache).length > 0);
  });

  it("hovers reach the custom kind's pod template", () => {
    const options = toAnalysisOptions(settings);
    const marked = WIDGET.replace('          readinessProbe:', '          ‸readinessProbe:');
    const h = doHover(marked.replace('‸', ''), marked.indexOf('‸'), options.version, 'en', undefined, options.customWorkloads);
    assert.match(h?.markdown ?? '', /Earliest ready/);
  });

  it('bad entries are reported and ignored, good ones kept', () => {
    const s = normalizeSettings({
      customWorkloads: [
        { apiVersion: 'example.com/v1', kind: 'Widget', podTemplate: 'spec.template' },
        { apiVersion: 'nogroup', kind: 'Widget', podTemplate: 'spec.template' },
        { apiVersion: 'example.com/v1', kind: 'Gadget', podTemplate: 'spec..template' },
        'Widget',
      ],
    });
    assert.equal(s.customWorkloads.length, 1);
    assert.equal(s.problems.length, 3);
    assert.match(s.problems[0] ?? '', /customWorkloads\[1\] is ignored: apiVersion must be "group\/version"/);
    assert.match(s.problems[1] ?? '', /customWorkloads\[2\] is ignored: podTemplate must be a dotted path/);
    assert.match(s.problems[2] ?? '', /customWorkloads\[3\] must be an object/);
    assert.match(normalizeSettings({ customWorkloads: 'Widget' }).problems[0] ?? '', /must be a list/);
  });
});

describe('hover on CRD workloads', () => {
  it("canary maxSurge: the Deployment arithmetic with Argo's defaults", () => {
    const h = hoverAt(ARGO_CANARY.replace('    canary:\n', '    canary:\n      ‸maxSurge: 1\n'));
    assert.match(h ?? '', /Default: 25%\. Here: 1\./);
    assert.match(h ?? '', /With \*\*5\*\* replicas: maxSurge 1 → \*\*1\*\* pod\(s\) \(rounded up\), maxUnavailable 25% → \*\*1\*\* pod\(s\)/);
    assert.match(h ?? '', /at most 6 pods\*\* in total, \*\*at least 4 available/);
  });

  it('blue-green scaleDownDelaySeconds and previewReplicaCount', () => {
    assert.match(
      hoverAt(ARGO_BLUE_GREEN.replace('      scaleDownDelaySeconds', '      ‸scaleDownDelaySeconds')) ?? '',
      /old pods keep running \*\*30 s\*\* before they are scaled down/,
    );
    assert.match(
      hoverAt(ARGO_BLUE_GREEN.replace('      previewReplicaCount', '      ‸previewReplicaCount')) ?? '',
      /The preview runs \*\*1\*\* of 2 replica\(s\) until promotion/,
    );
    assert.match(
      hoverAt(
        ARGO_BLUE_GREEN.replace('      previewReplicaCount: 1\n', '')
          .replace('      scaleDownDelaySeconds: 30\n', '')
          .replace('    blueGreen:', '    ‸blueGreen:'),
      ) ?? '',
      /\*\*30 s\*\* \(default\)[\s\S]*Not set: the preview runs all \*\*2\*\* replica/,
    );
    assert.match(
      hoverAt(ARGO_BLUE_GREEN.replace('      previewReplicaCount', '      ‸previewReplicaCount'), 'zh-cn') ?? '',
      /预览版本只运行 2 个副本中的 \*\*1\*\* 个/,
    );
  });

  it('CloneSet maxUnavailable and partition: both rounded up', () => {
    assert.match(
      hoverAt(KRUISE.replace('    maxUnavailable: 20%', '    ‸maxUnavailable: 20%')) ?? '',
      /maxSurge 3 → \*\*3\*\* pod\(s\), maxUnavailable 20% → \*\*1\*\* pod\(s\) \(a CloneSet rounds both up\)/,
    );
    assert.match(
      hoverAt(KRUISE.replace('    partition: 2', '    ‸partition: 2')) ?? '',
      /Partition 2 with 5 replicas: \*\*3\*\* pod\(s\) are updated, 2 keep the old revision/,
    );
  });

  it("Knative probe hovers work on the template's containers, and fields get the core API description", () => {
    assert.match(hoverAt(KNATIVE.replace('          livenessProbe:', '          ‸livenessProbe:')) ?? '', /\*\*Restarted:\*\*/);
    assert.match(
      hoverAt(ARGO_CANARY.replace('imagePullPolicy', 'imagePullPolicy').replace('          image: argoproj', '          ‸image: argoproj')) ?? '',
      /Container image name/,
    );
  });
});

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1, maximum: 10}
                color: {type: string, enum: [red, blue]}
                port: {x-kubernetes-int-or-string: true}
                name: {type: string, pattern: "^(a+)+$", maxLength: 100000}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                ratio: {type: number, minimum: 0, exclusiveMinimum: true}
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;

const WIDGET_CR = (spec: string): string => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
${spec}
`;

function schemaFindings(text: string, options: AnalysisOptions = DEFAULT_OPTIONS): { line: number; message: string; text: string; fixes: string[] }[] {
  return analyse(text, RULES, options)
    .filter((p) => p.code === 'schema')
    .map((p) => ({
      line: text.slice(0, p.start).split('\n').length,
      message: p.message,
      text: text.slice(p.start, p.end),
      fixes: p.fixes.map((f) => f.title),
    }));
}

describe('custom resources validated against their CRD', () => {
  it('a valid custom resource gives nothing', () => {
    assert.deepEqual(schemaFindings(`${CRD}---\n${WIDGET_CR('  size: 3\n  color: red\n  port: http\n  extra: {anything: [1, 2]}\n  ratio: 0.5')}`), []);
  });

  it("an invalid custom resource: the built-in kinds' messages, positions and fixes", () => {
    const text = `${CRD}---\n${WIDGET_CR('  sise: 3\n  color: green\n  port: [1]\n  ratio: 0')}`;
    const found = schemaFindings(text);
    assert.deepEqual(
      found.map((f) => [f.line, f.text, f.message]),
      [
        [34, 'spec', 'Widget w: Missing required field `size` in `spec`.'],
        [35, 'sise', 'Widget w: Unknown field `sise` in `spec`; did you mean `size`?'],
        [36, 'green', 'Widget w: `color` must be one of `red`, `blue`; found the string "green".'],
        [37, '[1]', 'Widget w: `port` must be an integer or a string; found a list.'],
        [38, '0', 'Widget w: `ratio` must be > 0; found the number 0.'],
      ],
    );
    const fix = analyse(text, RULES).find((p) => p.code === 'schema' && p.message.includes('did you mean'))?.fixes[0];
    assert.ok(fix);
    assert.match(applyChanges(text, fix.changes), /\n {2}size: 3\n/);
  });

  it('messages in Chinese', () => {
    const found = schemaFindings(`${CRD}---\n${WIDGET_CR('  size: 30')}`, { ...DEFAULT_OPTIONS, locale: 'zh-cn' });
    assert.deepEqual(
      found.map((f) => f.message),
      ['Widget w：`size` 必须在 1 到 10 之间；实际为数字 30。'],
    );
  });

  it('no CRD, no validation', () => {
    assert.deepEqual(schemaFindings(WIDGET_CR('  sise: 3\n  color: green')), []);
  });

  it('another version or kind of the group is not validated against this one', () => {
    assert.deepEqual(schemaFindings(`${CRD}---\n${WIDGET_CR('  sise: 3').replace('example.com/v1', 'example.com/v2')}`), []);
  });

  it('a CRD known elsewhere comes through options.crdSchema', () => {
    const schemas = crdSchemasInText(CRD, new ChunkCache());
    const options: AnalysisOptions = { ...DEFAULT_OPTIONS, crdSchema: (g, v, k) => schemas.get(`${g}/${v}/${k}`) };
    assert.deepEqual(
      schemaFindings(WIDGET_CR('  size: 3\n  colour: red'), options).map((f) => f.message),
      ['Widget w: Unknown field `colour` in `spec`; did you mean `color`?'],
    );
  });

  it('a CRD pattern is not run: a value that would make a backtracking regex take ages is checked at once', () => {
    const started = Date.now();
    assert.deepEqual(schemaFindings(`${CRD}---\n${WIDGET_CR(`  size: 3\n  name: "${'a'.repeat(5000)}!"`)}`), []);
    assert.ok(Date.now() - started < 2000);
  });

  it('templated documents and objects whose annotation names schema are not validated', () => {
    assert.deepEqual(schemaFindings(`${CRD}---\n${WIDGET_CR('  sise: {{ .Values.size }}')}`), []);
    assert.deepEqual(
      schemaFindings(
        `${CRD}---\n${WIDGET_CR('  sise: 3').replace('metadata: {name: w}', 'metadata: {name: w, annotations: {kube-graceful.io/ignore: schema}}')}`,
      ),
      [],
    );
  });

  it('a schema too big to validate is left alone', () => {
    let node: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 200; i++) node = { type: 'object', properties: { a: node } };
    assert.equal(convertCrdSchema(node), undefined);
  });

  it('the schema level applies: off turns CRD validation off too', () => {
    assert.deepEqual(schemaFindings(`${CRD}---\n${WIDGET_CR('  sise: 3')}`, { ...DEFAULT_OPTIONS, levels: { schema: 'off' } }), []);
  });
});
