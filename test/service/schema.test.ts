// Schema validation against the bundled Kubernetes API definitions (issue 6). Expected findings are caret lines
// under the exact text they cover, followed by the message id (see support/rule-tester.ts):
//
//           periodSecond: 5
//   #       ^^^^^^^^^^^^ unknownFieldDidYouMean
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisCache, analyse, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import { objectsOf } from '../../server/src/k8s/model';
import type { Fix } from '../../server/src/engine/rule';
import {
  didYouMean,
  editDistance,
  fieldDocs,
  findSchemaDir,
  quantitySuggestions,
  SchemaFinding,
  validatedKinds,
  validateObject,
} from '../../server/src/k8s/schema';
import { BUNDLED_MINORS, KubeVersion, parseVersion } from '../../server/src/k8s/versions';
import { DocView } from '../../server/src/yaml/view';
import { applyChanges, parseAnnotated, positionOf } from '../support/rule-tester';

function version(v: string): KubeVersion {
  const parsed = parseVersion(v);
  assert.ok(parsed, `version ${v}`);
  return parsed;
}

/** Every schema finding of a file, with file offsets, through the same chunking the engine uses. */
function findings(text: string, v = '1.36'): (SchemaFinding & { fileStart: number; fileEnd: number })[] {
  const out: (SchemaFinding & { fileStart: number; fileEnd: number })[] = [];
  for (const chunk of new AnalysisCache().chunks.parse(text)) {
    if (chunk.parsed.fatal.length > 0) continue;
    for (const obj of objectsOf(new DocView(chunk.parsed))) {
      for (const f of validateObject(obj, version(v))) out.push({ ...f, fileStart: chunk.start + f.start, fileEnd: chunk.start + f.end });
    }
  }
  return out;
}

function where(text: string, start: number, end: number): string {
  const s = positionOf(text, start);
  const e = positionOf(text, end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
}

/** Checks the findings against the caret lines of `code`; returns the findings for further checks. */
function expectFindings(code: string, v = '1.36'): { text: string; found: ReturnType<typeof findings> } {
  const { text, expected } = parseAnnotated(code);
  const found = findings(text, v);
  assert.deepEqual(
    found.map((f) => `${f.messageId}@${where(text, f.fileStart, f.fileEnd)}`),
    expected.map((e) => `${e.messageId}@${e.line}:${e.column}-${e.endLine}:${e.endColumn}`),
    found.map((f) => f.message).join('\n'),
  );
  for (const f of found) assert.doesNotMatch(f.message, /\{\w+\}/, 'every placeholder is filled');
  return { text, found };
}

function expectClean(text: string, v = '1.36'): void {
  assert.deepEqual(
    findings(text, v).map((f) => `${where(text, f.fileStart, f.fileEnd)} ${f.message}`),
    [],
  );
}

/** Applies a fix, and checks that the output parses and has no schema finding at all. */
function applyFix(text: string, fix: Fix | undefined, v = '1.36'): string {
  assert.ok(fix, 'a fix is offered');
  const output = applyChanges(text, fix.changes);
  expectClean(output, v);
  return output;
}

const POD = (container: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
${container}${extra}`;

describe('schema: the bundled data', () => {
  it('is found from the compiled tests and covers every bundled version and kind', () => {
    const dir = findSchemaDir();
    assert.ok(dir, 'schemas/ is found');
    for (const minor of BUNDLED_MINORS) {
      assert.deepEqual(validatedKinds({ major: 1, minor }), [
        'apps/v1 DaemonSet',
        'apps/v1 Deployment',
        'apps/v1 ReplicaSet',
        'apps/v1 StatefulSet',
        'autoscaling/v1 HorizontalPodAutoscaler',
        'autoscaling/v2 HorizontalPodAutoscaler',
        'batch/v1 CronJob',
        'batch/v1 Job',
        'policy/v1 PodDisruptionBudget',
        'v1 Pod',
        'v1 PodTemplate',
        'v1 ReplicationController',
        'v1 Service',
      ]);
    }
  });

  it('stays a reasonable size', () => {
    const dir = findSchemaDir() as string;
    const total = ['index.json', 'definitions.json', 'descriptions.json', 'validators.js'].reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    assert.ok(total < 3 * 1024 * 1024, `schemas/ is ${total} bytes`);
    assert.doesNotMatch(readFileSync(join(dir, 'validators.js'), 'utf8'), /\brequire\(/, 'the validators need no runtime module');
  });

  it('has Lifecycle.stopSignal from 1.33 on, as the upstream definitions do', () => {
    const path = ['spec', 'containers', 0, 'lifecycle', 'stopSignal'];
    assert.equal(fieldDocs('v1', 'Pod', path, version('1.32')), undefined);
    const docs = fieldDocs('v1', 'Pod', path, version('1.33'));
    assert.equal(docs?.type, 'string');
    assert.match(docs?.description ?? '', /signal/i);
  });

  it('keeps descriptions for hover', () => {
    const docs = fieldDocs('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'], version('1.36'));
    assert.equal(docs?.typeName, 'Probe');
    assert.match(docs?.description ?? '', /readiness/i);
    assert.match(docs?.typeDescription ?? '', /health check/i);
    assert.match(fieldDocs('v1', 'Pod', ['spec', 'containers', 0, 'readinessProbe', 'periodSeconds'], version('1.36'))?.description ?? '', /How often/);
    assert.equal(fieldDocs('example.com/v1', 'Pod', ['spec'], version('1.36')), undefined);
  });
});

describe('schema: wrong types', () => {
  it('puts the finding on the value and says what was expected', () => {
    const { found } = expectFindings(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, version: 1.0}
#                             ^^^ type
spec:
  replicas: "3"
#           ^^^ type
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx
          command: {sh: -c}
#                  ^^^^^^^^ type
          args: [1, two]
#                ^ type
          ports:
            - containerPort: "8080"
#                            ^^^^^^ type
          env:
            - name: PORT
              value: 8080
#                    ^^^^ type
`);
    assert.deepEqual(
      found.map((f) => f.message),
      [
        '`labels.version` must be a string; found the number 1.0.',
        '`replicas` must be an integer; found the string "3".',
        '`command` must be a list; found a mapping.',
        '`args[0]` must be a string; found the number 1.',
        '`containerPort` must be an integer; found the string "8080".',
        '`value` must be a string; found the number 8080.',
      ],
    );
  });

  it('offers to quote a number where a string is wanted, and to unquote a number written as a string', () => {
    const text = POD("      env:\n        - {name: PORT, value: 8080}\n      ports:\n        - containerPort: '8080'\n");
    const [quote, unquote] = findings(text);
    assert.equal(quote?.fixes[0]?.title, 'Quote the value: "8080"');
    assert.equal(quote?.fixes[0]?.safe, true);
    assert.equal(unquote?.fixes[0]?.title, 'Remove the quotes: 8080');
    const once = applyChanges(text, quote?.fixes[0]?.changes ?? []);
    assert.ok(once.includes('value: "8080"'));
    const output = applyFix(once, findings(once)[0]?.fixes[0]);
    assert.ok(output.includes('containerPort: 8080\n'));
  });

  it('names the type of a mapping and shows a block value by its key', () => {
    expectFindings(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx
      resources:
#     ^^^^^^^^^ type
        - cpu
`);
    const text = POD('      livenessProbe: yes\n');
    assert.deepEqual(
      findings(text).map((f) => f.message),
      ['`livenessProbe` must be a mapping (Probe); found yes, which YAML 1.1 reads as true.'],
    );
    const yes = POD('      env: [{name: DEBUG, value: yes}]\n');
    const [f] = findings(yes);
    assert.equal(f?.message, '`value` must be a string; found yes, which YAML 1.1 reads as true.');
    assert.ok(applyFix(yes, f?.fixes[0]).includes('value: "yes"'));
  });

  it('says when an integer is out of range', () => {
    const { found } = expectFindings(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3000000000
#           ^^^^^^^^^^ range
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx}]
`);
    assert.match(found[0]?.message ?? '', /between -2147483648 and 2147483647 \(a 32-bit integer\)/);
  });

  it('checks timestamps as RFC 3339, keeping unquoted YAML timestamps as the text written', () => {
    expectClean(`apiVersion: v1
kind: Pod
metadata:
  name: p
  creationTimestamp: 2024-05-01T12:00:00Z
spec:
  containers: [{name: app, image: nginx}]
`);
    expectFindings(`apiVersion: v1
kind: Pod
metadata:
  name: p
  creationTimestamp: 2024-05-01
#                    ^^^^^^^^^^ dateTime
spec:
  containers: [{name: app, image: nginx}]
`);
  });

  it('reads YAML 1.1 values as Kubernetes does: sexagesimal-looking text stays a string', () => {
    expectClean(POD('      env:\n        - {name: AT, value: 1:30}\n'));
  });
});

describe('schema: unknown fields', () => {
  it('puts the finding on the key, with a did-you-mean and its fix', () => {
    const { text, found } = expectFindings(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      readinessProbe:
        httpGet: {path: /ready, port: 8080}
        periodSecond: 5
#       ^^^^^^^^^^^^ unknownFieldDidYouMean
`);
    const f = found[0] as SchemaFinding;
    assert.equal(f.message, 'Unknown field `periodSecond` in `readinessProbe` (Probe); did you mean `periodSeconds`?');
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0]?.title, 'Change to `periodSeconds`');
    assert.equal(f.fixes[0]?.isPreferred, true);
    assert.equal(f.fixes[0]?.safe, false);
    const output = applyFix(text, f.fixes[0]);
    assert.ok(output.includes('        periodSeconds: 5\n'));
  });

  it('suggests a field written in the wrong case, keeping the key quoted, as a safe fix', () => {
    const text = POD('      "ImagePullPolicy": Always\n');
    const [f] = findings(text);
    assert.equal(f?.messageId, 'unknownFieldDidYouMean');
    assert.equal(f?.fixes[0]?.safe, true);
    assert.ok(applyFix(text, f?.fixes[0]).includes('      "imagePullPolicy": Always\n'));
  });

  it('lists the fields of a small type when nothing is close', () => {
    const { found } = expectFindings(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx
      lifecycle:
        preStop:
          sleep: {seconds: 5, unit: s}
#                             ^^^^ unknownFieldExpected
`);
    assert.equal(found[0]?.message, 'Unknown field `unit` in `sleep` (SleepAction); expected one of: `seconds`.');
  });

  it('does not suggest a field the mapping already has', () => {
    const text = POD('      resources: {}\n      Resources: {}\n');
    const [f] = findings(text);
    assert.equal(f?.messageId, 'unknownField');
    assert.deepEqual(f?.fixes, []);
  });

  it('reports unknown fields at the root, in metadata, in list items and in maps of objects', () => {
    expectFindings(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  label: {app: web}
# ^^^^^ unknownFieldDidYouMean
spec:
  replica: 2
# ^^^^^^^ unknownFieldDidYouMean
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx
          port: 80
#         ^^^^ unknownFieldDidYouMean
      volumes:
        - name: data
          emptydir: {}
#         ^^^^^^^^ unknownFieldDidYouMean
status: {}
`);
  });

  it('reports an unknown field at the root on its key, listing the fields of the kind', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nextra: true\n`;
    const [f, ...rest] = findings(text);
    assert.deepEqual(rest, []);
    assert.equal(where(text, f?.start ?? 0, f?.end ?? 0), '4:1-4:6');
    assert.equal(f?.message, 'Unknown field `extra` in Service; expected one of: `apiVersion`, `kind`, `metadata`, `spec`, `status`.');
  });

  it('reports an unknown field even when its value is empty, as strict field validation does', () => {
    expectFindings(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx
      resource:
#     ^^^^^^^^ unknownFieldDidYouMean
`);
  });
});

describe('schema: fields newer than the target', () => {
  const STOP_SIGNAL = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx
      lifecycle:
        stopSignal: SIGUSR1
#       ^^^^^^^^^^ newerField
`;

  it('says which version a field needs', () => {
    const { found } = expectFindings(STOP_SIGNAL, '1.32');
    assert.equal(found[0]?.message, '`stopSignal` needs Kubernetes 1.33; the target is 1.32.');
    assert.deepEqual(found[0]?.fixes, []);
  });

  it('is silent from the version that has the field', () => {
    expectClean(parseAnnotated(STOP_SIGNAL).text, '1.33');
    expectClean(parseAnnotated(STOP_SIGNAL).text, '1.36');
  });

  it('validates targets older than 1.29 with the 1.29 definitions and names the real target', () => {
    const { found } = expectFindings(STOP_SIGNAL, '1.27');
    assert.equal(found[0]?.message, '`stopSignal` needs Kubernetes 1.33; the target is 1.27.');
  });

  it('still gives a did-you-mean for a field that no version has', () => {
    const text = parseAnnotated(STOP_SIGNAL).text.replace('stopSignal', 'stopSignl');
    assert.equal(findings(text, '1.36')[0]?.messageId, 'unknownFieldDidYouMean');
  });
});

describe('schema: int-or-string and quantities', () => {
  it('accepts integers and strings for int-or-string fields', () => {
    expectClean(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx
          ports: [{name: http, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /, port: http}}
          livenessProbe: {tcpSocket: {port: 8080}}
`);
  });

  it('reports a wrong int-or-string once, not once per branch', () => {
    const { found } = expectFindings(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate: {maxSurge: 1.5, maxUnavailable: [1]}
#                             ^^^ intOrString
#                                                  ^^^ intOrString
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx}]
`);
    assert.equal(found[0]?.message, '`maxSurge` must be an integer or a string; found the number 1.5.');
  });

  it('accepts every quantity form the API server parses', () => {
    expectClean(
      POD(`      resources:
        requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 1Gi, example.com/gpu: 1}
        limits: {cpu: 0.5, memory: "129M", hugepages-2Mi: 1e3, example.com/x: "2", nvidia.com/gpu: +1, other: .5, k: 1k, e: 1E3}
`),
    );
  });

  it('reports a malformed quantity once, with the suffix it probably means', () => {
    const { text, found } = expectFindings(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx
      resources:
        requests:
          memory: 1GB
#                 ^^^ quantitySyntaxDidYouMean
          cpu: lots
#              ^^^^ quantitySyntax
        limits:
          memory: 2gi
#                 ^^^ quantitySyntaxDidYouMean
          cpu: [1]
#              ^^^ quantity
`);
    assert.equal(found[0]?.message, '"1GB" is not a valid quantity for `requests.memory`; did you mean 1G (powers of 1000) or 1Gi (powers of 1024)?');
    assert.deepEqual(
      found[0]?.fixes.map((f) => f.title),
      ['Change to 1G', 'Change to 1Gi'],
    );
    assert.deepEqual(
      found[2]?.fixes.map((f) => [f.title, f.isPreferred]),
      [['Change to 2Gi', true]],
    );
    assert.match(found[3]?.message ?? '', /^`limits.cpu` must be a quantity/);
    assert.ok(applyChanges(text, found[0]?.fixes[1]?.changes ?? []).includes('memory: 1Gi\n'));
  });

  it('knows the usual ways sizes are mistyped', () => {
    assert.deepEqual(quantitySuggestions('1GB'), ['1G', '1Gi']);
    assert.deepEqual(quantitySuggestions('512mb'), ['512M', '512Mi']);
    assert.deepEqual(quantitySuggestions('1 Gi'), ['1Gi']);
    assert.deepEqual(quantitySuggestions('2KiB'), ['2Ki']);
    assert.deepEqual(quantitySuggestions('10kb'), ['10k', '10Ki']);
    assert.deepEqual(quantitySuggestions('100 m'), ['100m']);
    assert.deepEqual(quantitySuggestions('1K'), ['1k', '1Ki']);
    assert.deepEqual(quantitySuggestions('lots'), []);
  });
});

describe('schema: empty values and required fields', () => {
  it('takes an empty value as unset, as the API server does', () => {
    expectClean(
      POD(`      resources:
      livenessProbe:
      env:
        - name: A
          value:
      securityContext:
        capabilities:
`),
    );
    expectClean(`apiVersion: v1
kind: Pod
metadata:
  name: p
  creationTimestamp: null
  labels:
spec:
  containers: [{name: app, image: nginx}]
  volumes:
    - name: scratch
      emptyDir:
status: {}
`);
  });

  it('reports a missing required field on the key of the mapping that lacks it', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n';
    const [spec, ...rest] = findings(deployment);
    assert.deepEqual(rest, []);
    assert.equal(where(deployment, spec?.start ?? 0, spec?.end ?? 0), '4:1-4:5');
    assert.equal(spec?.message, 'Missing required fields `selector` and `template` in `spec` (DeploymentSpec).');
    const { found } = expectFindings(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - image: nginx
#     ^^^^^ required
      env:
        - value: x
#         ^^^^^ required
`);
    assert.equal(found[0]?.message, 'Missing required field `name` in `containers[0]` (Container).');
  });
});

/** A valid manifest of every validated kind; each must be clean in every bundled version. */
const VALID: Record<string, string> = {
  Pod: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
  labels: {app: web}
  annotations: {kube-graceful.io/ignore: "prestop-missing"}
spec:
  terminationGracePeriodSeconds: 45
  restartPolicy: Always
  securityContext: {runAsNonRoot: true, fsGroup: 2000, seccompProfile: {type: RuntimeDefault}}
  initContainers:
    - name: migrate
      image: example/migrate:1
      command: ["sh", "-c", "migrate up"]
      resources: {requests: {cpu: 100m, memory: 64Mi}}
  containers:
    - name: app
      image: example/app:1
      imagePullPolicy: IfNotPresent
      args: ["--port=8080"]
      ports: [{name: http, containerPort: 8080, protocol: TCP}]
      env:
        - {name: MODE, value: "production"}
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
        - name: MEM
          valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
      envFrom: [{configMapRef: {name: web-config}}]
      readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5, failureThreshold: 3}
      livenessProbe: {tcpSocket: {port: 8080}, initialDelaySeconds: 10}
      startupProbe: {exec: {command: ["true"]}, failureThreshold: 30}
      lifecycle:
        preStop: {exec: {command: ["sh", "-c", "sleep 5"]}}
      resources:
        requests: {cpu: 250m, memory: 256Mi}
        limits: {memory: 512Mi}
      volumeMounts: [{name: data, mountPath: /data, readOnly: true}]
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
  volumes:
    - {name: data, persistentVolumeClaim: {claimName: data}}
    - {name: config, configMap: {name: web-config, defaultMode: 0644}}
    - {name: tmp, emptyDir: {sizeLimit: 1Gi}}
  tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}
  topologySpreadConstraints:
    - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
`,
  Deployment: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  minReadySeconds: 10
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]
`,
  StatefulSet: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
`,
  DaemonSet: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent:1}]
`,
  ReplicaSet: `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  replicas: 2
  selector: {matchExpressions: [{key: app, operator: In, values: [rs]}]}
  template:
    metadata: {labels: {app: rs}}
    spec:
      containers: [{name: app, image: nginx}]
`,
  ReplicationController: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 2
  selector: {app: rc}
  template:
    metadata: {labels: {app: rc}}
    spec:
      containers: [{name: app, image: nginx}]
`,
  Job: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: 2
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: migrate:1, command: ["migrate", "up"]}]
`,
  CronJob: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: job:1}]
`,
  PodTemplate: `apiVersion: v1
kind: PodTemplate
metadata: {name: tpl}
template:
  metadata: {labels: {app: tpl}}
  spec:
    containers: [{name: app, image: nginx}]
`,
  PodDisruptionBudget: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 50%
  selector: {matchLabels: {app: web}}
`,
  'HorizontalPodAutoscaler v2': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
    - type: Resource
      resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies: [{type: Percent, value: 10, periodSeconds: 60}]
`,
  'HorizontalPodAutoscaler v1': `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  targetCPUUtilizationPercentage: 80
`,
  Service: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: ClusterIP
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http, protocol: TCP}
    - {name: metrics, port: 9090, targetPort: 9090}
`,
};

describe('schema: valid manifests of every kind are clean in every bundled version', () => {
  for (const [kind, text] of Object.entries(VALID)) {
    it(kind, () => {
      for (const minor of [24, ...BUNDLED_MINORS]) expectClean(text, `1.${minor}`);
    });
  }

  it('the checks run on these manifests (a bad field in each is reported)', () => {
    for (const [kind, text] of Object.entries(VALID)) {
      const found = findings(`${text}statuss: {}\n`);
      assert.deepEqual(
        found.map((f) => f.data['field']),
        ['statuss'],
        kind,
      );
    }
  });
});

describe('schema: what is not validated', () => {
  it('ignores custom resources, removed API versions and kinds it does not bundle', () => {
    expectClean(`apiVersion: example.com/v1
kind: Deployment
metadata: {name: x}
spec: {anything: [1, 2], replicas: "many"}
---
apiVersion: apps/v1beta1
kind: Deployment
metadata: {name: old}
spec: {replicas: "x", bogus: true}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m}
spec: {endpoints: [{port: web, interval: 30s}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {a: "1"}
`);
  });

  it('skips documents with template expressions', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  bogus: 1
  template:
    spec:
      containers: [{name: app, image: nginx}]
`;
    assert.deepEqual(
      analyse(text, []).map((p) => p.code),
      [],
    );
  });

  it('survives an alias bomb quickly and says nothing about it', () => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++)
      lines.push(
        `    a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('spec:', '  containers:', '    - name: c', '      image: i', '      command: *a29', '      args: *a29');
    const started = Date.now();
    assert.deepEqual(findings(lines.join('\n')), []);
    assert.ok(Date.now() - started < 1000, 'an alias bomb must not make validation slow');
  });
});

describe('schema: aliases, merge keys and lists', () => {
  it('validates values reached through aliases and merge keys, reporting a problem where it is written', () => {
    expectFindings(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - &base
      name: app
      image: nginx
      resources: &res
        requests: {cpu: 1 core}
#                       ^^^^^^ quantitySyntax
    - <<: *base
      name: sidecar
      resources: *res
`);
  });

  it('validates the items of a List', () => {
    expectFindings(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      ports: [{port: http}]
#                    ^^^^ type
`);
  });
});

describe('schema: in the engine', () => {
  const BAD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx
      imagePullPolice: Always
`;

  function schemaProblems(text: string, options = DEFAULT_OPTIONS): Problem[] {
    return analyse(text, [], options).filter((p) => p.code === 'schema');
  }

  it('reports with code schema, severity error, file offsets and the documentation link', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${BAD}`;
    const [p] = schemaProblems(text);
    assert.equal(p?.severity, 'error');
    assert.equal(where(text, p?.start ?? 0, p?.end ?? 0), '12:7-12:22');
    assert.match(p?.docsUrl ?? '', /^https:\/\/kubernetes\.io\/docs\//);
    assert.equal(p?.fixes[0]?.changes[0]?.start, text.indexOf('imagePullPolice'));
  });

  it('honours levels, suppression comments and the ignore annotation', () => {
    assert.deepEqual(schemaProblems(BAD, { ...DEFAULT_OPTIONS, levels: { schema: 'off' } }), []);
    assert.equal(schemaProblems(BAD, { ...DEFAULT_OPTIONS, levels: { schema: 'warning' } })[0]?.severity, 'warning');
    assert.deepEqual(schemaProblems(BAD.replace('Always\n', 'Always # kube-graceful-disable-line schema\n')), []);
    assert.deepEqual(schemaProblems(BAD.replace('{name: p}', '{name: p, annotations: {kube-graceful.io/ignore: schema}}')), []);
  });

  it('follows the target version setting, and caches per document', () => {
    const text = BAD.replace('imagePullPolice: Always', 'lifecycle: {stopSignal: SIGTERM}');
    const cache = new AnalysisCache();
    assert.equal(schemaProblems(text, { ...DEFAULT_OPTIONS, version: version('1.32') }).length, 1);
    assert.deepEqual(analyse(text, [], { ...DEFAULT_OPTIONS, version: version('1.33') }, cache), []);
    assert.deepEqual(
      analyse(text, [], { ...DEFAULT_OPTIONS, version: version('1.32') }, cache).map((p) => p.message),
      ['Pod p › app: `stopSignal` needs Kubernetes 1.33; the target is 1.32.'],
    );
  });

  it('the fix of a did-you-mean leaves a clean file', () => {
    const [p] = schemaProblems(BAD);
    const output = applyChanges(BAD, p?.fixes[0]?.changes ?? []);
    assert.ok(output.includes('imagePullPolicy: Always'));
    assert.deepEqual(schemaProblems(output), []);
  });
});

describe('schema: did you mean', () => {
  it('measures edits, counting an adjacent swap as one', () => {
    assert.equal(editDistance('periodsecond', 'periodseconds'), 1);
    assert.equal(editDistance('protectiondoamin', 'protectiondomain'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('prefers the same word in another case, gives up on ties and on distant words', () => {
    assert.equal(didYouMean('PeriodSeconds', ['periodSeconds', 'timeoutSeconds']), 'periodSeconds');
    assert.equal(didYouMean('imagePullPolice', ['image', 'imagePullPolicy']), 'imagePullPolicy');
    assert.equal(didYouMean('cpux', ['cpu', 'cpus']), undefined, 'a tie suggests nothing');
    assert.equal(didYouMean('banana', ['periodSeconds']), undefined);
    assert.equal(didYouMean('tty', ['tty', 'stdin']), 'tty');
  });
});

describe('schemas/ location', () => {
  it('is never taken from the working directory (the workspace): validators.js is code', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'kg-ws-'));
    mkdirSync(join(workspace, 'schemas'));
    writeFileSync(join(workspace, 'schemas', 'index.json'), '{}');
    writeFileSync(join(workspace, 'schemas', 'validators.js'), 'throw new Error("workspace code ran")');
    const before = process.cwd();
    try {
      process.chdir(workspace);
      const dir = findSchemaDir();
      assert.ok(dir && !dir.startsWith(workspace), `found ${dir}`);
    } finally {
      process.chdir(before);
    }
  });
});
