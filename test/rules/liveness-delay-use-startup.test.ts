import { rule } from '../../server/src/rules/liveness-delay-use-startup';
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
      name: 'a short delay',
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 20}`),
    },
    {
      name: 'a long delay beside a startupProbe, and a long delay on a readinessProbe',
      code: deployment(`          startupProbe: {tcpSocket: {port: 80}, failureThreshold: 30}
          livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}
        - name: b
          image: b
          readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}`),
    },
    {
      name: 'below a raised threshold (option minDelaySeconds)',
      options: { minDelaySeconds: 90 },
      code: deployment(`          livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}`),
    },
    {
      name: 'a templated delay is not known',
      code: deployment(`          livenessProbe:
            tcpSocket: {port: 80}
            initialDelaySeconds: {{ .Values.delay }}`),
    },
  ],
  invalid: [
    {
      name: 'a 60 s delay becomes a startupProbe with failureThreshold 6 + 3',
      code: deployment(`          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            initialDelaySeconds: 60
#                                ^^ delay
            periodSeconds: 10
          readinessProbe: {httpGet: {path: /ready, port: 8080}}`),
      messages: ['Deployment d › app: liveness probe waits a fixed 60 s; use a startupProbe'],
      fixTitles: ['Move the 60 s delay into a startupProbe (failureThreshold 9)'],
      output: deployment(`          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 9
          readinessProbe: {httpGet: {path: /ready, port: 8080}}`),
    },
    {
      name: 'the delay is the last key; a multi-line handler is copied at the right depth; 4-space indentation',
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
                        exec:
                            command:
                                - pg_isready   # cheap
                                - -q
                        periodSeconds: 5
                        timeoutSeconds: 2
                        failureThreshold: 5
                        initialDelaySeconds: 45
#                                            ^^ delay
                    resources: {}
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
                    livenessProbe:
                        exec:
                            command:
                                - pg_isready   # cheap
                                - -q
                        periodSeconds: 5
                        timeoutSeconds: 2
                        failureThreshold: 5
                    startupProbe:
                        exec:
                            command:
                                - pg_isready   # cheap
                                - -q
                        periodSeconds: 5
                        timeoutSeconds: 2
                        failureThreshold: 14
                    resources: {}
`,
    },
    {
      name: 'a container in flow style',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - {name: agent, image: a, livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 30}}
#                                                                                             ^^ delay
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - {name: agent, image: a, livenessProbe: {tcpSocket: {port: 80}}, startupProbe: {tcpSocket: {port: 80}, failureThreshold: 6}}
`,
    },
    {
      name: 'a lowered threshold (option minDelaySeconds); a native sidecar',
      options: { minDelaySeconds: 10 },
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      livenessProbe:
        tcpSocket: {port: 15021}
        initialDelaySeconds: 15
#                            ^^ delay
  containers:
    - {name: app, image: a}
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      livenessProbe:
        tcpSocket: {port: 15021}
      startupProbe:
        tcpSocket: {port: 15021}
        failureThreshold: 5
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: 'an empty startupProbe key, a handler with an alias, a delay from a merge key: reported without a fix',
      code: deployment(`          startupProbe:
          livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 30}
#                                                                     ^^ delay
        - name: b
          image: b
          ports: [{containerPort: &port 80}]
          livenessProbe: {tcpSocket: {port: *port}, initialDelaySeconds: 30}
#                                                                        ^^ delay
        - name: c
          image: c
          livenessProbe:
            <<: {initialDelaySeconds: 120}
#           ^^ delay
            tcpSocket: {port: 80}`),
      messages: ['waits a fixed 30 s', 'waits a fixed 30 s', 'waits a fixed 120 s'],
    },
    {
      name: 'an invalid option value falls back to 30 s',
      options: { minDelaySeconds: 'soon' },
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: a
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: 8080
                periodSeconds: 0
                initialDelaySeconds: 31
#                                    ^^ delay
`,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      template:
        spec:
          containers:
            - name: app
              image: a
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: 8080
                periodSeconds: 0
              startupProbe:
                httpGet:
                  path: /healthz
                  port: 8080
                failureThreshold: 7
`,
    },
  ],
});
