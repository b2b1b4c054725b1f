// Rules on the pod templates and rollout settings of CRD workloads (issue 15): Argo Rollouts (canary and blue-green),
// OpenKruise CloneSet and Advanced StatefulSet, Knative Service. The same data-driven tests as each rule's own file.
import { rule as zeroSurge } from '../../server/src/rules/rolling-update-zero-surge-and-unavailable';
import { rule as invalidValue } from '../../server/src/rules/rolling-update-invalid-value';
import { rule as progressDeadline } from '../../server/src/rules/progress-deadline-not-greater';
import { rule as readinessMissing } from '../../server/src/rules/readiness-probe-missing';
import { rule as preStopMissing } from '../../server/src/rules/prestop-missing';
import { rule as probePort } from '../../server/src/rules/probe-port-not-declared';
import { rule as restartPolicy } from '../../server/src/rules/template-restart-policy';
import { rule as graceZero } from '../../server/src/rules/termination-grace-zero';
import { rule as pdbMissing } from '../../server/src/rules/pdb-missing';
import { run } from '../support/rule-tester';

/** An Argo Rollout in the style of the Argo Rollouts getting-started example. */
const rollout = (strategy: string, extra = '', container = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollouts-demo
spec:
  replicas: 5
${extra}  strategy:
${strategy}
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
${
  container ||
  `          readinessProbe:
            httpGet: {path: /, port: http}`
}
`;

/** An OpenKruise CloneSet in the style of the OpenKruise user manual. */
const cloneSet = (updateStrategy: string, replicas = 5, container = ''): string => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: sample
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: sample
${updateStrategy}
  template:
    metadata:
      labels:
        app: sample
    spec:
      containers:
        - name: nginx
          image: nginx:alpine
${container}`;

/** A Knative Service in the style of the Knative "hello world" example: one nameless container, probes without ports. */
const knative = (container = ''): string => `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:latest
          ports:
            - containerPort: 8080
          env:
            - name: TARGET
              value: World
${container}`;

const canary = (surge: string, unavailable: string): string => `    canary:
      maxSurge: ${surge}
      maxUnavailable: ${unavailable}
      steps:
        - setWeight: 20
        - pause: {}`;

run(zeroSurge, {
  valid: [
    { name: 'canary with the defaults (25% and 25%)', code: rollout('    canary:\n      steps:\n        - setWeight: 20') },
    { name: 'canary with maxUnavailable 0 and a surge', code: rollout(canary('"25%"', '0')) },
    { name: 'a string without % is read by Argo as a percentage, not as 0', code: rollout(canary('"5"', '0')) },
    { name: 'blue-green: no canary settings', code: rollout('    blueGreen:\n      activeService: active\n      previewService: preview') },
    { name: 'CloneSet with the defaults (maxUnavailable 20%, maxSurge 0)', code: cloneSet('  updateStrategy:\n    type: InPlaceIfPossible') },
    { name: 'CloneSet: 10% of 3 rounds up to 1', code: cloneSet('  updateStrategy:\n    maxUnavailable: 10%', 3) },
    { name: 'CloneSet with 0 replicas is not checked', code: cloneSet('  updateStrategy:\n    maxUnavailable: 0', 0) },
  ],
  invalid: [
    {
      name: 'canary with both 0',
      code: rollout(`    canary:
      maxSurge: 0
      maxUnavailable: "0%"
#                     ^^^^ canaryZero
      steps:
        - setWeight: 20`),
      messages: ['Argo Rollouts marks the Rollout InvalidSpec'],
      fixTitles: ['Set maxSurge: 1 (start a new pod before stopping an old one)'],
      output: rollout(`    canary:
      maxSurge: 1
      maxUnavailable: "0%"
      steps:
        - setWeight: 20`),
    },
    {
      name: 'CloneSet with maxUnavailable 0 and the default maxSurge 0',
      code: cloneSet(`  updateStrategy:
    type: InPlaceIfPossible
    maxUnavailable: 0
#                   ^ cloneSetBelowOne`),
      messages: ['both come to less than 1 pod. Of 5 pods'],
      fixTitles: ['Set maxSurge: 1 (start a new pod before stopping an old one)', 'Set maxUnavailable: 1 (stop an old pod before starting a new one)'],
      output: cloneSet(`  updateStrategy:
    type: InPlaceIfPossible
    maxUnavailable: 0
    maxSurge: 1`),
    },
    {
      name: 'CloneSet InPlaceOnly cannot surge: the fix raises maxUnavailable',
      code: cloneSet(`  updateStrategy:
    type: InPlaceOnly
    maxUnavailable: 0%
#                   ^^ cloneSetBelowOne`),
      fixTitles: ['Set maxUnavailable: 1 (stop an old pod before starting a new one)'],
      output: cloneSet(`  updateStrategy:
    type: InPlaceOnly
    maxUnavailable: 1`),
    },
  ],
});

run(invalidValue, {
  valid: [
    { name: 'CloneSet: fractional percentages are accepted by OpenKruise', code: cloneSet('  updateStrategy:\n    maxUnavailable: "10.5%"\n    partition: 2') },
    { name: 'Rollout: Argo does not reject a string without %', code: rollout(canary('"5"', '1')) },
  ],
  invalid: [
    {
      name: 'CloneSet partition written as a quoted number',
      code: cloneSet(`  updateStrategy:
    partition: "3"
#              ^^^ kruiseNotPercent`),
      fixTitles: ['Use the integer 3 (pods)', 'Use 3%'],
      output: cloneSet(`  updateStrategy:
    partition: 3`),
    },
  ],
});

run(progressDeadline, {
  valid: [{ name: 'Rollout with the default deadline', code: rollout(canary('1', '0'), '  minReadySeconds: 30\n') }],
  invalid: [
    {
      name: 'Rollout minReadySeconds above the default deadline',
      code: rollout(canary('1', '0'), '  minReadySeconds: 700\n#                  ^^^ rolloutDefaultDeadline\n'),
      output: rollout(canary('1', '0'), '  minReadySeconds: 700\n  progressDeadlineSeconds: 1300\n'),
    },
    {
      name: 'blue-green Rollout with a deadline below minReadySeconds',
      code: rollout(
        '    blueGreen:\n      activeService: active',
        '  minReadySeconds: 60\n  progressDeadlineSeconds: 30\n#                          ^^ rolloutNotGreater\n',
      ),
      output: rollout('    blueGreen:\n      activeService: active', '  minReadySeconds: 60\n  progressDeadlineSeconds: 660\n'),
    },
  ],
});

run(readinessMissing, {
  valid: [
    { name: 'Knative adds a TCP readiness probe itself', code: knative() },
    { name: 'Rollout with a readiness probe', code: rollout(canary('1', '0')) },
  ],
  invalid: [
    {
      name: 'the pod template of a blue-green Rollout is checked like a Deployment',
      code: rollout('    blueGreen:\n      activeService: active', '', '          resources: {}'),
      errors: [{ messageId: 'missing', line: 20, column: 17, endLine: 20, endColumn: 30 }],
      output: rollout(
        '    blueGreen:\n      activeService: active',
        '',
        '          readinessProbe:\n            httpGet:\n              path: /\n              port: http\n          resources: {}',
      ),
    },
  ],
});

run(preStopMissing, {
  valid: [{ name: 'Knative drains through its queue-proxy and rejects lifecycle', code: knative() }],
  invalid: [],
});

run(probePort, {
  valid: [
    {
      name: 'Knative fills the probe port',
      code: knative('          readinessProbe:\n            httpGet: {path: /healthz}\n          livenessProbe:\n            tcpSocket: {}\n'),
    },
    {
      name: 'Knative names the serving port "http" and points the probes of its serving container at it',
      code: knative('          readinessProbe:\n            httpGet: {path: /healthz, port: http}\n'),
    },
  ],
  invalid: [
    {
      name: 'a CloneSet container probing a port name it does not declare',
      code: cloneSet(
        '  updateStrategy:\n    maxUnavailable: 1',
        5,
        `          ports:
            - {name: http, containerPort: 80}
          livenessProbe:
            httpGet: {path: /, port: htp}
#                                    ^^^ name
`,
      ),
      output: cloneSet(
        '  updateStrategy:\n    maxUnavailable: 1',
        5,
        `          ports:
            - {name: http, containerPort: 80}
          livenessProbe:
            httpGet: {path: /, port: http}
`,
      ),
    },
  ],
});

run(restartPolicy, {
  valid: [
    {
      name: 'Advanced StatefulSet with restartPolicy Always',
      code: cloneSet('')
        .replace('apps.kruise.io/v1alpha1\nkind: CloneSet', 'apps.kruise.io/v1beta1\nkind: StatefulSet')
        .replace('    spec:\n', '    spec:\n      restartPolicy: Always\n'),
    },
  ],
  invalid: [
    {
      name: 'a Rollout template with restartPolicy Never',
      code: rollout(canary('1', '0')).replace(
        '    spec:\n      containers:',
        '    spec:\n      restartPolicy: Never\n#                    ^^^^^ notAlways\n      containers:',
      ),
      messages: ['Rollout'],
      output: rollout(canary('1', '0')).replace('    spec:\n      containers:', '    spec:\n      restartPolicy: Always\n      containers:'),
    },
  ],
});

run(graceZero, {
  valid: [],
  invalid: [
    {
      name: 'an Advanced StatefulSet gets the StatefulSet identity warning',
      code: `apiVersion: apps.kruise.io/v1beta1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: 0
#                                    ^ statefulSet
      containers:
        - {name: db, image: example/db:1}
`,
      output: `apiVersion: apps.kruise.io/v1beta1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - {name: db, image: example/db:1}
`,
    },
  ],
});

run(pdbMissing, {
  valid: [{ name: 'Knative scales its pods itself: no replica count to protect', code: knative() }],
  invalid: [
    {
      name: 'a Rollout with 5 replicas and no budget',
      code: rollout(canary('1', '0')).replace('kind: Rollout', 'kind: Rollout\n#     ^^^^^^^ missing'),
      output: `${rollout(canary('1', '0'))}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: rollouts-demo-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: rollouts-demo
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
    },
  ],
});
