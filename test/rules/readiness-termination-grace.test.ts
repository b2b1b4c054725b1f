import { rule } from '../../server/src/rules/readiness-termination-grace';
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
      name: 'liveness and startup probes may set their own grace period',
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 10}
          startupProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 10}
          readinessProbe: {tcpSocket: {port: 80}}`),
    },
    {
      name: 'a key with no value is null, which is "not set"; a templated value may render as nothing',
      code: deployment(`          readinessProbe:
            tcpSocket: {port: 80}
            terminationGracePeriodSeconds:
        - name: b
          image: b
          readinessProbe:
            tcpSocket: {port: 80}
            terminationGracePeriodSeconds: {{ .Values.grace }}`),
    },
    {
      name: 'Kubernetes 1.20 does not know the field (it came in 1.21) and drops it',
      version: '1.20',
      code: deployment(`          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            terminationGracePeriodSeconds: 10`),
    },
  ],
  invalid: [
    {
      name: 'copied from a livenessProbe',
      code: deployment(`          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            terminationGracePeriodSeconds: 10
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notAllowed
            periodSeconds: 5`),
      messages: ['Deployment d › app: readinessProbe may not set terminationGracePeriodSeconds'],
      fixTitles: ['Remove terminationGracePeriodSeconds from the readinessProbe'],
      output: deployment(`          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            periodSeconds: 5`),
    },
    {
      name: 'from 1.21, when the field came, with the gate still off',
      version: '1.21',
      code: deployment(`          readinessProbe: {exec: {command: [check]}, terminationGracePeriodSeconds: 10}
#                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notAllowed`),
      output: deployment(`          readinessProbe: {exec: {command: [check]}}`),
    },
    {
      name: 'flow style in a native sidecar',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 1}, terminationGracePeriodSeconds: 5}}
#                                                                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notAllowed
  containers:
    - {name: app, image: a}
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 1}}}
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: '4-space indentation in a StatefulSet, comments kept',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            containers:
                -   name: db
                    image: d
                    readinessProbe:
                        # the database answers quickly
                        terminationGracePeriodSeconds: 0
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notAllowed
                        exec: {command: [pg_isready]}
`,
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            containers:
                -   name: db
                    image: d
                    readinessProbe:
                        # the database answers quickly
                        exec: {command: [pg_isready]}
`,
    },
    {
      name: 'merged in from a probe shared with liveness: reported on the merge key, not removed',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          livenessProbe: &probe
            tcpSocket: {port: 80}
            terminationGracePeriodSeconds: 10
          readinessProbe:
            <<: *probe
#           ^^ notAllowed
            periodSeconds: 5
`,
    },
  ],
});
