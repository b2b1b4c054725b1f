import { rule } from '../../server/src/rules/template-restart-policy';
import { run } from '../support/rule-tester';

const deployment = (podSpec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${podSpec}
      containers:
        - name: web
          image: example/web:1.0
`;

const job = (podSpec: string, jobSpec = '  backoffLimit: 3'): string => `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
${jobSpec}
  template:
    spec:
${podSpec}
      containers:
        - name: migrate
          image: example/migrate:1.0
`;

run(rule, {
  valid: [
    { name: 'Deployment without restartPolicy (defaults to Always)', code: deployment('      terminationGracePeriodSeconds: 30') },
    { name: 'Deployment with Always', code: deployment('      restartPolicy: Always') },
    { name: 'Job with OnFailure', code: job('      restartPolicy: OnFailure') },
    {
      name: 'Job with Never and a podFailurePolicy',
      code: job('      restartPolicy: Never', '  podFailurePolicy:\n    rules:\n      - action: FailJob\n        onExitCodes: {operator: In, values: [42]}'),
    },
    {
      name: 'before 1.26 a podFailurePolicy is dropped, so OnFailure is accepted',
      version: '1.25',
      code: job(
        '      restartPolicy: OnFailure',
        '  podFailurePolicy:\n    rules:\n      - action: FailJob\n        onExitCodes: {operator: In, values: [42]}',
      ),
    },
    {
      name: 'a bare Pod may use any policy',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: a, image: a}]\n',
    },
    { name: 'templated value', code: job('      restartPolicy: {{ .Values.restartPolicy }}') },
    { name: 'a templated Job may get restartPolicy from the template', code: job('      {{- include "pod.policy" . | nindent 6 }}') },
    {
      name: 'a CRD reusing the kind name is left alone',
      code: 'apiVersion: example.com/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]\n',
    },
  ],
  invalid: [
    {
      name: 'OnFailure in a Deployment',
      code: deployment(`      restartPolicy: OnFailure
#                    ^^^^^^^^^ notAlways`),
      messages: [
        'Deployment web: restartPolicy "OnFailure" is rejected in a Deployment pod template. Deployment pod templates must restart containers in place',
      ],
      fixTitles: ['Set restartPolicy: Always'],
      output: deployment('      restartPolicy: Always'),
    },
    {
      name: 'Never in a StatefulSet and a DaemonSet (List items, flow style)',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec: {restartPolicy: "Never", containers: [{name: db, image: example/db:1.0}]}
#                             ^^^^^^^ notAlways
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata: {labels: {app: agent}}
        spec: {restartPolicy: Never, containers: [{name: agent, image: example/agent:1.0}]}
#                             ^^^^^ notAlways
`,
      messages: ['StatefulSet pod templates', 'DaemonSet pod templates'],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec: {restartPolicy: Always, containers: [{name: db, image: example/db:1.0}]}
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata: {labels: {app: agent}}
        spec: {restartPolicy: Never, containers: [{name: agent, image: example/agent:1.0}]}
`,
    },
    {
      name: 'ReplicationController, merged in from an anchor: reported on the merge key, no fix',
      code: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 2
  selector: {app: rc}
  template:
    metadata: {labels: {app: rc}}
    spec:
      <<: &jobLike {restartPolicy: OnFailure}
#     ^^ notAlways
      containers: [{name: a, image: a}]
`,
    },
    {
      name: 'a Job without restartPolicy is defaulted to Always and rejected',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
#   ^^^^ jobMissing
      containers:
        - name: migrate
          image: example/migrate:1.0
`,
      messages: ['Job migrate: the pod template sets no restartPolicy, and the default "Always" is rejected'],
      fixTitles: ['Set restartPolicy: OnFailure'],
      output: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: example/migrate:1.0
      restartPolicy: OnFailure
`,
    },
    {
      name: 'a CronJob with Always, 4-space indentation',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: Always
#                                  ^^^^^^ job
                    containers:
                        - name: job
                          image: example/job:1.0
`,
      messages: ['restartPolicy "Always" is rejected in a CronJob pod template'],
      fixTitles: ['Set restartPolicy: OnFailure', 'Set restartPolicy: Never'],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: OnFailure
                    containers:
                        - name: job
                          image: example/job:1.0
`,
    },
    {
      name: 'a Job with a podFailurePolicy accepts only Never',
      code: job(
        `      restartPolicy: OnFailure
#                    ^^^^^^^^^ podFailurePolicy`,
        '  podFailurePolicy:\n    rules:\n      - action: FailJob\n        onExitCodes: {operator: In, values: [42]}',
      ),
      output: job('      restartPolicy: Never', '  podFailurePolicy:\n    rules:\n      - action: FailJob\n        onExitCodes: {operator: In, values: [42]}'),
    },
    {
      name: 'a Job without restartPolicy but with a podFailurePolicy gets Never, in a flow pod spec',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  podFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}
  template:
    spec: {containers: [{name: migrate, image: example/migrate:1.0}]}
#   ^^^^ jobMissing
`,
      output: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  podFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}
  template:
    spec: {containers: [{name: migrate, image: example/migrate:1.0}], restartPolicy: Never}
`,
    },
  ],
});
