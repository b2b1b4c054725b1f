import { rule } from '../../server/src/rules/prestop-exceeds-grace';
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
`;

run(rule, {
  valid: [
    {
      name: 'a sleep shorter than the default grace period',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "20"]`),
    },
    {
      name: 'a sleep action inside an explicit grace period',
      code: deployment(`      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep: {seconds: 30}`),
    },
    {
      name: 'a shell preStop whose sleeps add up to less than the grace period',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 10; nginx -s quit; sleep 5"]`),
    },
    {
      name: 'on 1.29 the sleep action is dropped: sleep-action-unsupported reports it, not this rule',
      version: '1.29',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep: {seconds: 40}`),
    },
    {
      name: 'with a grace period of 0 an exec hook is not run at all (termination-grace-zero)',
      code: deployment(`      terminationGracePeriodSeconds: 0
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec: {command: ["sleep", "5"]}`),
    },
    {
      name: 'a templated grace period is unknown',
      code: deployment(`      terminationGracePeriodSeconds: {{ .Values.grace }}
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec: {command: ["sleep", "40"]}`),
    },
    {
      name: 'an httpGet hook has no known duration',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              httpGet: {path: /drain, port: 8080}`),
    },
    {
      name: 'a plain init container cannot have hooks at all (another rule)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: init
      image: i
      lifecycle:
        preStop:
          exec: {command: ["sleep", "60"]}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'exec sleep longer than the default grace period; the fix inserts the grace period',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "40"]
#                                  ^^^^ exceeds`),
      messages: ['Deployment web › app: preStop sleeps 40 s, longer than the grace period 30 s (the default)'],
      fixTitles: ['Set terminationGracePeriodSeconds to 55 (the preStop sleep plus 15 s to shut down)'],
      output: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "40"]
      terminationGracePeriodSeconds: 55`),
    },
    {
      name: 'a sleep action exactly as long as an explicit grace period passes validation but leaves no time',
      code: deployment(`      terminationGracePeriodSeconds: 30   # keep
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep:
                seconds: 30
#                        ^^ exceeds`),
      messages: ['Deployment web › app: preStop sleeps 30 s, longer than the grace period 30 s.'],
      output: deployment(`      terminationGracePeriodSeconds: 45   # keep
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep:
                seconds: 30`),
    },
    {
      name: 'a sleep action longer than the grace period is rejected by the API server: error',
      code: deployment(`      terminationGracePeriodSeconds: 20
      containers:
        - name: app
          image: a
          lifecycle:
            preStop: {sleep: {seconds: 25}}`),
      errors: [
        {
          messageId: 'rejected',
          line: 16,
          column: 40,
          endLine: 16,
          endColumn: 42,
          severity: 'error',
          message: 'sleeps 25 s, longer than the grace period 20 s',
        },
      ],
      output: deployment(`      terminationGracePeriodSeconds: 40
      containers:
        - name: app
          image: a
          lifecycle:
            preStop: {sleep: {seconds: 25}}`),
    },
    {
      name: 'the version edge: from 1.30 the sleep action exists and is checked',
      version: '1.30',
      code: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep: {seconds: 45}
#                              ^^ rejected`),
      output: deployment(`      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep: {seconds: 45}
      terminationGracePeriodSeconds: 60`),
    },
    {
      name: 'sleep inside sh -c in a StatefulSet with 4-space indentation: the script is reported, the grace period raised',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels: {app: db}
    template:
        metadata:
            labels: {app: db}
        spec:
            terminationGracePeriodSeconds: 30
            containers:
                -   name: db
                    image: d
                    lifecycle:
                        preStop:
                            exec:
                                command: ["sh", "-c", "sleep 35 && pg_ctl stop -m fast"]
#                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ exceeds
`,
      messages: ['sleeps 35 s, longer than the grace period 30 s.'],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels: {app: db}
    template:
        metadata:
            labels: {app: db}
        spec:
            terminationGracePeriodSeconds: 50
            containers:
                -   name: db
                    image: d
                    lifecycle:
                        preStop:
                            exec:
                                command: ["sh", "-c", "sleep 35 && pg_ctl stop -m fast"]
`,
    },
    {
      name: 'the seconds through an alias are reported on the alias',
      code: deployment(`      containers:
        - name: app
          image: a
          env:
            - {name: DRAIN, value: &drain 60}
          lifecycle:
            preStop:
              sleep: {seconds: *drain}
#                              ^^^^^^ rejected`),
      output: deployment(`      containers:
        - name: app
          image: a
          env:
            - {name: DRAIN, value: &drain 60}
          lifecycle:
            preStop:
              sleep: {seconds: *drain}
      terminationGracePeriodSeconds: 75`),
    },
    {
      name: 'a grace period merged in from an anchor is not edited',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector:
        matchLabels: {app: agent}
      template:
        metadata:
          labels: {app: agent}
        spec:
          <<: &defaults
            terminationGracePeriodSeconds: 10
          containers:
            - name: agent
              image: a
              lifecycle:
                preStop:
                  exec: {command: ["/bin/sleep", "10s"]}
#                                                ^^^^^ exceeds
`,
      messages: ['sleeps 10 s, longer than the grace period 10 s.'],
    },
    {
      name: 'a native sidecar that sleeps forever in a CronJob: no fix can cover that',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: proxy
              image: p
              restartPolicy: Always
              lifecycle:
                preStop:
                  exec:
                    command: [sleep, infinity]
#                                    ^^^^^^^^ exceeds
          containers:
            - {name: job, image: j}
`,
      messages: ['CronJob nightly › proxy: preStop sleeps forever, longer than the grace period 30 s (the default)'],
    },
  ],
});
