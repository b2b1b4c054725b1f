import { rule } from '../../server/src/rules/probe-success-threshold';
import { run } from '../support/rule-tester';

const deployment = (probes: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
${probes}
`;

run(rule, {
  valid: [
    {
      name: '1, 0 (defaulted to 1) and not written',
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, successThreshold: 1}
          startupProbe: {tcpSocket: {port: 80}, successThreshold: 0}
        - name: b
          image: b
          livenessProbe: {tcpSocket: {port: 80}}`),
    },
    {
      name: 'a readinessProbe may require several successes',
      code: deployment(`          readinessProbe: {httpGet: {path: /, port: 80}, successThreshold: 3}`),
    },
    {
      name: 'a templated or quoted value is not known',
      code: deployment(`          livenessProbe:
            tcpSocket: {port: 80}
            successThreshold: {{ .Values.success }}
          startupProbe: {tcpSocket: {port: 80}, successThreshold: "2"}`),
    },
    {
      name: 'probes of a plain init container are rejected as a whole by another rule',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, livenessProbe: {exec: {command: ["true"]}, successThreshold: 2}}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'a livenessProbe with successThreshold 2',
      code: deployment(`          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            successThreshold: 2
#                             ^ notOne`),
      messages: ['Deployment d › app: livenessProbe has successThreshold 2, but it must be 1'],
      fixTitles: ['Set livenessProbe.successThreshold to 1'],
      output: deployment(`          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            successThreshold: 1`),
    },
    {
      name: 'a startupProbe of a native sidecar, flow style',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, startupProbe: {tcpSocket: {port: 15001}, successThreshold: 3}}
#                                                                                                               ^ notOne
  containers:
    - {name: app, image: a}
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, startupProbe: {tcpSocket: {port: 15001}, successThreshold: 1}}
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: 'a negative value is rejected too; 4-space indentation in a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: c
spec:
    schedule: "0 * * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: Never
                    containers:
                        -   name: job
                            image: j
                            livenessProbe:
                                exec:
                                    command: ["true"]
                                successThreshold: -1
#                                                 ^^ notOne
`,
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: c
spec:
    schedule: "0 * * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: Never
                    containers:
                        -   name: job
                            image: j
                            livenessProbe:
                                exec:
                                    command: ["true"]
                                successThreshold: 1
`,
    },
    {
      name: 'through an alias: the alias is replaced, the anchor is kept',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: s}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: a
              readinessProbe: {tcpSocket: {port: 80}, successThreshold: &two 2}
              livenessProbe: {tcpSocket: {port: 80}, successThreshold: *two}
#                                                                      ^^^^ notOne
`,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: s}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: a
              readinessProbe: {tcpSocket: {port: 80}, successThreshold: &two 2}
              livenessProbe: {tcpSocket: {port: 80}, successThreshold: 1}
`,
    },
    {
      name: 'a value merged in from a shared mapping is reported on the merge key, without a fix',
      code: deployment(`          livenessProbe:
            <<: &strict {successThreshold: 2}
#           ^^ notOne
            tcpSocket: {port: 80}`),
    },
    {
      name: 'a value that defines an anchor is not edited',
      code: deployment(`          startupProbe:
            tcpSocket: {port: 80}
            successThreshold: &s 5
#                                ^ notOne`),
    },
  ],
});
