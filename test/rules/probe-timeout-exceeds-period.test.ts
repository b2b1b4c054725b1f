import { rule } from '../../server/src/rules/probe-timeout-exceeds-period';
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
      name: 'defaults (1 s timeout, 10 s period), and a timeout equal to the period (the next check still starts on time)',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 80}}
          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5, timeoutSeconds: 5}
          startupProbe: {tcpSocket: {port: 80}, periodSeconds: 1}`),
    },
    {
      name: 'a 0 period is defaulted to 10; a templated value is not known',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 0, timeoutSeconds: 9}
          livenessProbe:
            tcpSocket: {port: 80}
            periodSeconds: {{ .Values.period }}
            timeoutSeconds: 30`),
    },
  ],
  invalid: [
    {
      name: 'a 20 s timeout on a 5 s period',
      code: deployment(`          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            periodSeconds: 5
            timeoutSeconds: 20
#                           ^^ longer`),
      messages: [
        'Deployment d › app: readinessProbe timeout 20 s exceeds its period 5 s. A hanging check delays the next one, so 3 failures take about 60 s to count instead of 15 s.',
      ],
    },
    {
      name: 'a timeout longer than the default period; flow style; a native sidecar',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, livenessProbe: {exec: {command: [check]}, timeoutSeconds: 15, failureThreshold: 4}}
#                                                                                                              ^^ longer
  containers:
    - {name: app, image: a}
`,
      messages: [
        'livenessProbe timeout 15 s exceeds its period 10 s. A hanging check delays the next one, so 4 failures take about 60 s to count instead of 40 s',
      ],
    },
    {
      name: 'values through an anchor and a merge key; 4-space indentation',
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
                    startupProbe:
                        exec: {command: [pg_isready]}
                        periodSeconds: &p 2
                        timeoutSeconds: &t 3
#                                          ^ longer
                    livenessProbe:
                        <<: {periodSeconds: *p, timeoutSeconds: *t}
#                       ^^ longer
                        exec: {command: [pg_isready]}
`,
    },
  ],
});
