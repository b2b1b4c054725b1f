import { rule } from '../../server/src/rules/termination-grace-zero';
import { run } from '../support/rule-tester';

const statefulSet = (podSpec: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
${podSpec}
      containers:
        - {name: db, image: d}
`;

run(rule, {
  valid: [
    { name: 'the default grace period', code: statefulSet('      hostname: db') },
    { name: 'an explicit non-zero grace period', code: statefulSet('      terminationGracePeriodSeconds: 30') },
    { name: 'one second is short but not a forced deletion', code: statefulSet('      terminationGracePeriodSeconds: 1') },
    { name: 'a templated value is unknown', code: statefulSet('      terminationGracePeriodSeconds: {{ .Values.grace }}') },
    { name: 'a quoted "0" is not a number (the API server rejects it as a type error)', code: statefulSet('      terminationGracePeriodSeconds: "0"') },
    {
      name: 'a probe-level terminationGracePeriodSeconds is a different field',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: a
      livenessProbe:
        httpGet: {path: /, port: 80}
        terminationGracePeriodSeconds: 0
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment: warning, set back to 30',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 0  # fast shutdown
#                                    ^ zero
      containers:
        - {name: app, image: a}
`,
      messages: [
        'Deployment web: terminationGracePeriodSeconds 0 leaves no time to shut down. A deleted pod is removed from the API at once, as if force-deleted; on the node its preStop hooks get at most 1 s and its containers are killed about 2 s after SIGTERM',
      ],
      fixTitles: ['Set terminationGracePeriodSeconds to 30 (the default)', 'Remove terminationGracePeriodSeconds (the default is 30 s)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 30  # fast shutdown
      containers:
        - {name: app, image: a}
`,
    },
    {
      name: 'a StatefulSet: error, because a replacement with the same identity can start beside the old process',
      code: statefulSet('      terminationGracePeriodSeconds: 0'),
      errors: [{ messageId: 'statefulSet', line: 12, column: 38, endLine: 12, endColumn: 39, severity: 'error', message: 'A deleted pod of StatefulSet "db"' }],
      output: statefulSet('      terminationGracePeriodSeconds: 30'),
    },
    {
      name: 'the second fix removes the field',
      code: statefulSet('      terminationGracePeriodSeconds: 0\n      hostname: db'),
      errors: [{ messageId: 'statefulSet', line: 12, column: 38, endLine: 12, endColumn: 39 }],
      fix: 1,
      output: statefulSet('      hostname: db'),
    },
    {
      name: 'a CronJob with 4-space indentation and a flow-style pod spec',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec: {restartPolicy: OnFailure, terminationGracePeriodSeconds: 0, containers: [{name: job, image: j}]}
#                                                                               ^ zero
`,
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec: {restartPolicy: OnFailure, terminationGracePeriodSeconds: 30, containers: [{name: job, image: j}]}
`,
    },
    {
      name: 'a bare Pod in a List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      terminationGracePeriodSeconds: 0
#                                    ^ zero
      containers:
        - {name: app, image: a}
`,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - {name: app, image: a}
`,
    },
    {
      name: 'a value merged in from shared defaults is reported on the merge key, without a fix',
      code: statefulSet(`      <<: &fast
#     ^^ statefulSet
        terminationGracePeriodSeconds: 0`),
    },
    {
      name: 'a value through an alias is reported on the alias, without a fix',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {grace: &zero 0}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: *zero
#                                    ^^^^^ zero
      containers:
        - {name: app, image: a}
`,
    },
    {
      name: 'an anchored value that another List item aliases is reported but not edited',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      terminationGracePeriodSeconds: &zero 0
#                                          ^ zero
      containers: [{name: a, image: a}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      terminationGracePeriodSeconds: *zero
#                                    ^^^^^ zero
      containers: [{name: b, image: b}]
`,
    },
  ],
});
