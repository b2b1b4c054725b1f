import assert from 'node:assert/strict';
import { it } from 'node:test';
import { rule } from '../../server/src/rules/liveness-equals-readiness';
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
          ports: [{containerPort: 8080}]
${probes}
`;

run(rule, {
  valid: [
    {
      name: 'liveness checks a different endpoint',
      code: deployment(`          readinessProbe: {httpGet: {path: /ready, port: 8080}}
          livenessProbe: {httpGet: {path: /healthz, port: 8080}}`),
    },
    {
      name: 'same check, but liveness tolerates more failures',
      code: deployment(`          readinessProbe: {httpGet: {path: /health, port: 8080}}
          livenessProbe: {httpGet: {path: /health, port: 8080}, failureThreshold: 6}`),
    },
    {
      name: 'same check, different period',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}
          livenessProbe: {tcpSocket: {port: 8080}}`),
    },
    {
      name: 'a port by name and by number count as different (defaults are not resolved inside handlers)',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 8080}}
          livenessProbe: {tcpSocket: {port: http}}`),
    },
    {
      name: 'a templated timing is not known',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 8080}}
          livenessProbe:
            tcpSocket: {port: 8080}
            failureThreshold: {{ .Values.failures }}`),
    },
    {
      name: "only a livenessProbe; and a probe with two handlers is another rule's finding",
      code: deployment(`          livenessProbe: {tcpSocket: {port: 8080}}
        - name: b
          image: b
          readinessProbe: {tcpSocket: {port: 80}, exec: {command: ["true"]}}
          livenessProbe: {tcpSocket: {port: 80}, exec: {command: ["true"]}}`),
    },
  ],
  invalid: [
    {
      name: 'the same check with defaults applied (period 10 written on one side, a 0 threshold defaulted to 3)',
      code: deployment(`          readinessProbe:
            httpGet: {path: /health, port: 8080}
          livenessProbe:
#         ^^^^^^^^^^^^^ same
            httpGet: {path: /health, port: 8080}
            periodSeconds: 10
            initialDelaySeconds: 20
            failureThreshold: 0`),
      messages: [
        'Deployment d › app: liveness probe is the same check as readiness. Both are the same httpGet check and fail at the same moment (every 10 s, timeout 1 s, 3 failures)',
      ],
      fixTitles: ['Set the livenessProbe failureThreshold to 6 so readiness fails first'],
      output: deployment(`          readinessProbe:
            httpGet: {path: /health, port: 8080}
          livenessProbe:
            httpGet: {path: /health, port: 8080}
            periodSeconds: 10
            initialDelaySeconds: 20
            failureThreshold: 6`),
    },
    {
      name: 'explicit timings in a StatefulSet with 4-space indentation: twice the readiness threshold',
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
                        exec:
                            command: [pg_isready]
                        periodSeconds: 5
                        failureThreshold: 5
                    livenessProbe:   # keep this comment
#                   ^^^^^^^^^^^^^ same
                        exec:
                            command: [pg_isready]
                        periodSeconds: 5
                        failureThreshold: 5
                        timeoutSeconds: 1
`,
      messages: ['(every 5 s, timeout 1 s, 5 failures)'],
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
                        exec:
                            command: [pg_isready]
                        periodSeconds: 5
                        failureThreshold: 5
                    livenessProbe:   # keep this comment
                        exec:
                            command: [pg_isready]
                        periodSeconds: 5
                        failureThreshold: 10
                        timeoutSeconds: 1
`,
    },
    {
      name: 'flow style: the threshold is added inside the braces',
      code: deployment(`          readinessProbe: {exec: {command: [cat, /tmp/ok]}}
          livenessProbe: {exec: {command: [cat, /tmp/ok]}}
#         ^^^^^^^^^^^^^ same`),
      output: deployment(`          readinessProbe: {exec: {command: [cat, /tmp/ok]}}
          livenessProbe: {exec: {command: [cat, /tmp/ok]}, failureThreshold: 6}`),
    },
    {
      name: 'one probe used for both through an alias: reported, but editing it would change readiness too',
      code: deployment(`          readinessProbe: &probe
            tcpSocket: {port: 8080}
          livenessProbe: *probe
#         ^^^^^^^^^^^^^ same`),
    },
    {
      name: 'a liveness probe that merges the readiness one gets its own threshold',
      code: deployment(`          readinessProbe: &probe
            tcpSocket: {port: 8080}
          livenessProbe:
#         ^^^^^^^^^^^^^ same
            <<: *probe`),
      output: deployment(`          readinessProbe: &probe
            tcpSocket: {port: 8080}
          livenessProbe:
            <<: *probe
            failureThreshold: 6`),
    },
    {
      name: 'a native sidecar in a Pod',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      readinessProbe: {grpc: {port: 15020}}
      livenessProbe: {grpc: {port: 15020}}
#     ^^^^^^^^^^^^^ same
  containers:
    - {name: app, image: a}
`,
      messages: ['Pod p › proxy: liveness probe is the same check as readiness. Both are the same grpc check'],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      readinessProbe: {grpc: {port: 15020}}
      livenessProbe: {grpc: {port: 15020}, failureThreshold: 6}
  containers:
    - {name: app, image: a}
`,
    },
  ],
});

it('liveness-equals-readiness is an information: the docs allow identical probes (pod-lifecycle, "Types of probe")', () => {
  assert.equal(rule.meta.severity, 'info');
});
