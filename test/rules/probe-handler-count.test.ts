import { rule } from '../../server/src/rules/probe-handler-count';
import { run } from '../support/rule-tester';

const pod = (container: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: a
${container}
`;

run(rule, {
  valid: [
    {
      name: 'one handler per probe and hook',
      code: pod(`      readinessProbe: {httpGet: {path: /, port: 80}}
      livenessProbe:
        tcpSocket: {port: 80}
      startupProbe: {grpc: {port: 9090}}
      lifecycle:
        preStop: {sleep: {seconds: 5}}
        postStart: {exec: {command: ["true"]}}`),
    },
    {
      name: 'an empty probe is no probe, and a handler key without a value is not a handler',
      code: pod(`      readinessProbe:
      livenessProbe:
        exec:
        httpGet: {path: /, port: 80}`),
    },
    {
      name: 'Helm if/else leaves both branches in the text: the count is not known',
      code: pod(`      readinessProbe:
        {{- if .Values.http }}
        httpGet: {path: /, port: 80}
        {{- else }}
        tcpSocket: {port: 80}
        {{- end }}`),
    },
    {
      name: 'probes of plain init containers are rejected as a whole (init-container-probe)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, readinessProbe: {}}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'two handlers in a readinessProbe: the second one is removed',
      code: pod(`      readinessProbe:
#     ^^^^^^^^^^^^^^ many
        httpGet:
          path: /ready
          port: 80
        tcpSocket:
          port: 80
        periodSeconds: 5`),
      messages: ['Pod p › app: readinessProbe has 2 handlers (httpGet, tcpSocket)'],
      fixTitles: ['Keep only httpGet (remove tcpSocket)'],
      output: pod(`      readinessProbe:
        httpGet:
          path: /ready
          port: 80
        periodSeconds: 5`),
    },
    {
      name: 'a probe with timings but no handler',
      code: pod(`      livenessProbe: {periodSeconds: 5}
#     ^^^^^^^^^^^^^ none`),
      messages: ['Pod p › app: livenessProbe has no handler. It needs exactly one of exec, httpGet, tcpSocket, grpc'],
    },
    {
      name: 'flow style: three handlers, the first written is kept',
      code: pod(`      startupProbe: {tcpSocket: {port: 80}, exec: {command: [x]}, periodSeconds: 1, grpc: {port: 80}}
#     ^^^^^^^^^^^^ many`),
      messages: ['has 3 handlers (tcpSocket, exec, grpc)'],
      output: pod(`      startupProbe: {tcpSocket: {port: 80}, periodSeconds: 1}`),
    },
    {
      name: 'lifecycle hooks: two handlers in preStop, none in postStart (grpc is not a hook handler)',
      code: pod(`      lifecycle:
        preStop:
#       ^^^^^^^ many
          exec: {command: [nginx, -s, quit]}
          sleep: {seconds: 5}
        postStart: {grpc: {port: 80}}
#       ^^^^^^^^^ none`),
      messages: ['Pod p › app: lifecycle.preStop has 2 handlers (exec, sleep)', 'It needs exactly one of exec, httpGet, tcpSocket, sleep'],
      output: pod(`      lifecycle:
        preStop:
          exec: {command: [nginx, -s, quit]}
        postStart: {grpc: {port: 80}}`),
    },
    {
      name: 'a native sidecar in a Deployment, 4-space indentation',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: d
spec:
    template:
        spec:
            initContainers:
                -   name: proxy
                    image: p
                    restartPolicy: Always
                    livenessProbe:
#                   ^^^^^^^^^^^^^ many
                        exec:
                            command:
                                - /bin/check
                        httpGet:
                            path: /
                            port: 15020
            containers:
                -   name: app
                    image: a
`,
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: d
spec:
    template:
        spec:
            initContainers:
                -   name: proxy
                    image: p
                    restartPolicy: Always
                    livenessProbe:
                        exec:
                            command:
                                - /bin/check
            containers:
                -   name: app
                    image: a
`,
    },
    {
      name: 'a handler merged in from an anchor comes first and is kept; the own one is removed',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: a
          readinessProbe: &ready
            httpGet: {path: /, port: 80}
          livenessProbe:
#         ^^^^^^^^^^^^^ many
            <<: *ready
            tcpSocket: {port: 80}
            periodSeconds: 20
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: a
          readinessProbe: &ready
            httpGet: {path: /, port: 80}
          livenessProbe:
            <<: *ready
            periodSeconds: 20
`,
    },
    {
      name: 'a merged handler written after the own one cannot be removed here: no fix',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: a
          livenessProbe:
#         ^^^^^^^^^^^^^ many
            tcpSocket: {port: 80}
            <<: {httpGet: {path: /, port: 80}}
`,
    },
  ],
});
