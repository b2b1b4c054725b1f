import { rule } from '../../server/src/rules/invalid-port-name';
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
      name: 'valid names: 15 characters, digits, inner hyphens; numbers',
      code: pod(`      ports:
        - {name: http, containerPort: 80}
        - {name: abcdefghij-1234, containerPort: 81}
        - {name: h2c, containerPort: 82}
        - {containerPort: 83, name: ""}
      readinessProbe: {httpGet: {path: /, port: http}}
      livenessProbe: {tcpSocket: {port: 81}}
      startupProbe: {grpc: {port: 82}}`),
    },
    {
      name: 'a templated name is not known; a grpc port is a number field (a string there is not a name)',
      code: pod(`      ports:
        - {name: {{ .Values.name }}, containerPort: 80}
      readinessProbe: {httpGet: {path: /, port: {{ .Values.port }}}}
      startupProbe: {grpc: {port: "9090"}}`),
    },
    {
      name: 'probes of plain init containers and ephemeral containers are rejected as a whole by other rules',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, readinessProbe: {tcpSocket: {port: "80"}}}
  containers:
    - {name: app, image: a}
  ephemeralContainers:
    - {name: debug, image: d, ports: [{name: HTTP, containerPort: 80}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a quoted number as a probe port',
      code: pod(`      ports: [{containerPort: 8080}]
      readinessProbe:
        httpGet:
          path: /ready
          port: "8080"
#               ^^^^^^ quotedNumber`),
      messages: ['Pod p › app: port "8080" of readinessProbe.httpGet is a quoted number. A string is read as a port name'],
      fixTitles: ['Write port 8080 as a number'],
      output: pod(`      ports: [{containerPort: 8080}]
      readinessProbe:
        httpGet:
          path: /ready
          port: 8080`),
    },
    {
      name: 'single quotes, flow style, a tcpSocket preStop hook in a native sidecar',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: p, restartPolicy: Always, lifecycle: {preStop: {tcpSocket: {port: '15000'}}}}
#                                                                                                ^^^^^^^ quotedNumber
      containers:
        - {name: app, image: a}
`,
      messages: ['Deployment d › proxy: port "15000" of lifecycle.preStop.tcpSocket'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: p, restartPolicy: Always, lifecycle: {preStop: {tcpSocket: {port: 15000}}}}
      containers:
        - {name: app, image: a}
`,
    },
    {
      name: 'invalid names in ports and probes: no fix',
      code: pod(`      ports:
        - name: HTTP
#               ^^^^ invalid
          containerPort: 80
        - name: metrics--port
#               ^^^^^^^^^^^^^ invalid
          containerPort: 9090
        - name: a-very-long-port-name
#               ^^^^^^^^^^^^^^^^^^^^^ invalid
          containerPort: 9091
      livenessProbe: {httpGet: {path: /, port: -http}}
#                                              ^^^^^ invalid`),
      messages: [
        'Pod p › app: port name "HTTP" of ports is not valid. The API server rejects the pod: it may contain only lowercase letters, digits and "-"; it needs at least one letter.',
        'it may not contain "--"',
        'it is longer than 15 characters',
        'Pod p › app: port name "-http" of livenessProbe.httpGet is not valid. The API server rejects the pod: it may not begin or end with "-"',
      ],
    },
    {
      name: 'a quoted number as a container port name has no number fix (names are strings); 4-space indentation',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            initContainers:
                -   name: migrate
                    image: m
                    ports:
                        -   name: "5432"
#                                 ^^^^^^ invalid
                            containerPort: 5432
            containers:
                -   name: db
                    image: d
`,
      messages: ['it needs at least one letter'],
    },
    {
      name: 'out-of-range numbers and merged values are reported without a fix',
      code: pod(`      livenessProbe: {tcpSocket: {port: "70000"}}
#                                       ^^^^^^^ invalid
      readinessProbe:
        tcpSocket:
          <<: {port: "8080"}
#         ^^ quotedNumber`),
    },
  ],
});
