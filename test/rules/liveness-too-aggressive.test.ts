import { rule } from '../../server/src/rules/liveness-too-aggressive';
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
      name: 'defaults give 30 s; exactly 10 s is enough',
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}}
        - name: b
          image: b
          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5, failureThreshold: 2}`),
    },
    {
      name: 'readiness and startup probes may be quick; a 0 is defaulted; templated values are not known',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 1, failureThreshold: 1}
          startupProbe: {tcpSocket: {port: 80}, periodSeconds: 1, failureThreshold: 3}
          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 0, failureThreshold: 0}
        - name: b
          image: b
          livenessProbe:
            tcpSocket: {port: 80}
            periodSeconds: {{ .Values.period }}
            failureThreshold: 1`),
    },
    {
      name: 'below a lowered minimum (option minSeconds)',
      options: { minSeconds: 3 },
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 1, failureThreshold: 3}`),
    },
  ],
  invalid: [
    {
      name: 'three checks one second apart',
      code: deployment(`          livenessProbe:
#         ^^^^^^^^^^^^^ aggressive
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 1
            failureThreshold: 3`),
      messages: [
        'Deployment d › app: liveness probe restarts after about 3 s of failures. That is failureThreshold 3 × periodSeconds 1 s: a GC pause or a burst of load that long kills a healthy container. Allow at least 10 s.',
      ],
    },
    {
      name: 'a single failure: 1 × 10 s (the default period) is enough, 1 × 5 s is not; flow style; a sidecar',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, livenessProbe: {tcpSocket: {port: 1}, periodSeconds: 5, failureThreshold: 1}}
#                                                    ^^^^^^^^^^^^^ aggressive
  containers:
    - {name: app, image: a, livenessProbe: {tcpSocket: {port: 1}, failureThreshold: 1}}
`,
      messages: ['after about 5 s of failures. That is failureThreshold 1 × periodSeconds 5 s'],
    },
    {
      name: 'a raised minimum (option minSeconds); values through a merge key; 4-space indentation',
      options: { minSeconds: 60 },
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
                    livenessProbe:
#                   ^^^^^^^^^^^^^ aggressive
                        <<: &timing {periodSeconds: 10, failureThreshold: 5}
                        exec: {command: [pg_isready]}
`,
      messages: [/about 50 s .*Allow at least 60 s\./],
    },
    {
      name: 'an invalid option value falls back to 10 s',
      options: { minSeconds: -5 },
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 2, failureThreshold: 2}
#         ^^^^^^^^^^^^^ aggressive`),
      messages: ['Allow at least 10 s.'],
    },
  ],
});
