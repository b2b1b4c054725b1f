import { rule } from '../../server/src/rules/probe-port-not-declared';
import { run } from '../support/rule-tester';

const deployment = (container: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
${container}${extra}
`;

run(rule, {
  valid: [
    {
      name: 'a declared name and a declared number',
      code: deployment(`          ports:
            - {name: http, containerPort: 8080}
            - {containerPort: 9090}
          readinessProbe: {httpGet: {path: /, port: http}}
          livenessProbe: {tcpSocket: {port: 9090}}
          startupProbe: {grpc: {port: 9090}}
          lifecycle:
            preStop: {httpGet: {path: /drain, port: http}}`),
    },
    {
      name: 'a number is fine when the container declares no ports at all',
      code: deployment(`          livenessProbe: {tcpSocket: {port: 8080}}`),
    },
    {
      name: 'a number another container of the pod declares (ports are shared in a pod)',
      code: deployment(
        `          ports: [{containerPort: 8080}]
          livenessProbe: {httpGet: {path: /stats, port: 15020}}`,
        `
        - name: proxy
          image: p
          ports: [{containerPort: 15020}]`,
      ),
    },
    {
      name: 'an httpGet to another host, a tcpSocket hook (never run), a grpc string and an invalid name are not judged here',
      code: deployment(`          ports: [{name: http, containerPort: 8080}]
          livenessProbe: {httpGet: {host: example.com, path: /, port: 443}}
          readinessProbe: {tcpSocket: {port: "8080"}}
          startupProbe: {grpc: {port: grpc}}
          lifecycle:
            postStart: {tcpSocket: {port: admin}}`),
    },
    {
      name: 'a templated list or name is not known',
      code: deployment(`          ports:
            - name: {{ .Values.portName }}
              containerPort: 8080
          readinessProbe: {httpGet: {path: /, port: web}}
        - name: b
          image: b
          ports: {{ toYaml .Values.ports | nindent 12 }}
          readinessProbe: {httpGet: {path: /, port: web}}`),
    },
    {
      name: "a plain init container's probe is another rule's finding",
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, readinessProbe: {tcpSocket: {port: web}}}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'a name the container does not declare; its only port is offered',
      code: deployment(`          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: web
#                   ^^^ name`),
      messages: [
        'Deployment d › app: readinessProbe uses port "web", which the container does not declare. The kubelet cannot resolve the name (it declares http (8080)), so every check errors and the pod never becomes ready.',
      ],
      fixTitles: ['Use port "http", the only port "app" declares'],
      output: deployment(`          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: http`),
    },
    {
      name: 'a quoted name with an unnamed port: the number is written bare',
      code: deployment(`          ports: [{containerPort: 8080}]
          livenessProbe: {tcpSocket: {port: "admin"}}
#                                           ^^^^^^^ name`),
      messages: ['every check errors and the kubelet throws the result away: the probe never restarts the container, even when the app hangs'],
      output: deployment(`          ports: [{containerPort: 8080}]
          livenessProbe: {tcpSocket: {port: 8080}}`),
    },
    {
      name: 'a name in a container that declares no ports, and in a preStop hook',
      code: deployment(`          livenessProbe: {tcpSocket: {port: http}}
#                                           ^^^^ name
          lifecycle:
            preStop:
              httpGet: {path: /drain, port: http}
#                                           ^^^^ name`),
      messages: ['(it declares none)', 'Deployment d › app: lifecycle.preStop uses port "http"'],
    },
    {
      name: 'a number the container does not declare: a warning, with a fix that declares it',
      code: deployment(`          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090   # prometheus
          livenessProbe:
            httpGet: {path: /healthz, port: 8081}`),
      errors: [
        {
          messageId: 'number',
          line: 16,
          column: 45,
          endLine: 16,
          endColumn: 49,
          severity: 'warning',
          message: 'checks port 8081, which the container does not declare. Make sure the process listens there (it declares http (8080), metrics (9090))',
        },
      ],
      fixTitles: ['Declare port 8081 in the ports of "app"'],
      output: deployment(`          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090   # prometheus
            - containerPort: 8081
          livenessProbe:
            httpGet: {path: /healthz, port: 8081}`),
    },
    {
      name: 'flow ports get a flow entry',
      code: deployment(`          ports: [{containerPort: 80}]
          startupProbe: {tcpSocket: {port: 8080}}
#                                          ^^^^ number`),
      output: deployment(`          ports: [{containerPort: 80}, {containerPort: 8080}]
          startupProbe: {tcpSocket: {port: 8080}}`),
    },
    {
      name: 'with hostNetwork a declared port becomes a host port: no fix',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: a
          ports: [{containerPort: 9100}]
          livenessProbe: {httpGet: {path: /, port: 9101}}
#                                                  ^^^^ number
`,
    },
    {
      name: 'a startup probe on an unknown name never completes: the pod stays unready, nothing restarts it',
      code: deployment(`          ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]
          startupProbe: {httpGet: {path: /, port: web}}
#                                                 ^^^ name`),
      messages: [
        'the container is never marked started, its readiness and liveness probes never run and the pod stays unready, so a rollout stalls (nothing restarts it: no CrashLoopBackOff)',
      ],
    },
    {
      name: 'a native sidecar, 4-space indentation, non-indented ports list',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            initContainers:
                -   name: proxy
                    image: p
                    restartPolicy: Always
                    ports:
                    -   name: admin
                        containerPort: 15000
                    startupProbe:
                        httpGet:
                            path: /ready
                            port: admn
#                                 ^^^^ name
            containers:
                -   name: app
                    image: a
`,
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            initContainers:
                -   name: proxy
                    image: p
                    restartPolicy: Always
                    ports:
                    -   name: admin
                        containerPort: 15000
                    startupProbe:
                        httpGet:
                            path: /ready
                            port: admin
            containers:
                -   name: app
                    image: a
`,
    },
    {
      name: 'two declared ports: no guess which one was meant',
      code: deployment(`          ports: [{name: http, containerPort: 80}, {name: grpc, containerPort: 9090}]
          readinessProbe: {httpGet: {path: /, port: htp}}
#                                                   ^^^ name`),
    },
  ],
});
