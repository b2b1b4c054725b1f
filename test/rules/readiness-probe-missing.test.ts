import { rule } from '../../server/src/rules/readiness-probe-missing';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a serving container with a readinessProbe',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          readinessProbe: {tcpSocket: {port: 8080}}
`,
    },
    {
      name: 'a Job is not a serving workload',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: job, image: j, ports: [{containerPort: 8080}]}
`,
    },
    {
      name: 'a bare Pod is not replaced by a rolling update',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: app, image: a, ports: [{containerPort: 8080}]}
`,
    },
    {
      name: 'a container that declares no ports (a worker)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: worker
          image: w
          ports: []
`,
    },
    {
      name: 'a native sidecar with ports is not an app container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: p, restartPolicy: Always, ports: [{containerPort: 15001}]}
      containers:
        - {name: app, image: a, readinessProbe: {exec: {command: ["true"]}}, ports: [{containerPort: 80}]}
`,
    },
    {
      name: 'Helm template: the probe may come from an include',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: {{ .Release.Name }}}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          {{- include "probes" . | nindent 10 }}
`,
    },
    {
      name: 'a CronJob never serves',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: c, image: c, ports: [{containerPort: 9090}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment whose port is named http gets an HTTP probe on it',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
#               ^^^ missing
          image: a
          ports:
            - name: http
              containerPort: 8080
          resources: {}
`,
      messages: ['Deployment d › app: serves port http but has no readinessProbe'],
      fixTitles: ['Add a readinessProbe: HTTP GET / on port http'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /
              port: http
          resources: {}
`,
    },
    {
      name: 'a StatefulSet with 4-space indentation and a numbered port gets a TCP probe',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    template:
        spec:
            containers:
                -   name: db   # the database
#                         ^^ missing
                    image: postgres
                    ports:
                        -   containerPort: 5432
`,
      messages: ['serves port 5432'],
      fixTitles: ['Add a readinessProbe: TCP connect to port 5432'],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    template:
        spec:
            containers:
                -   name: db   # the database
                    image: postgres
                    ports:
                        -   containerPort: 5432
                    readinessProbe:
                        tcpSocket:
                            port: 5432
`,
    },
    {
      name: 'a DaemonSet container in flow style gets a flow probe',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - {name: agent, image: a, ports: [{name: metrics, containerPort: 9100}]}
#                ^^^^^ missing
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - {name: agent, image: a, ports: [{name: metrics, containerPort: 9100}], readinessProbe: {tcpSocket: {port: metrics}}}
`,
    },
    {
      name: 'a ReplicaSet in a List, port named https: HTTPS probe',
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
            - name: tls
#                   ^^^ missing
              image: t
              ports:
              - {name: https, containerPort: 8443}
`,
      fixTitles: ['Add a readinessProbe: HTTPS GET / on port https'],
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
            - name: tls
              image: t
              ports:
              - {name: https, containerPort: 8443}
              readinessProbe:
                httpGet:
                  path: /
                  port: https
                  scheme: HTTPS
`,
    },
    {
      name: 'with a default-timed livenessProbe the new probe runs every 5 s, so it is not the same check',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
#               ^^^ missing
          image: a
          ports:
            - containerPort: 8080
          livenessProbe:
            tcpSocket: {port: 8080}
`,
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          ports:
            - containerPort: 8080
          readinessProbe:
            tcpSocket:
              port: 8080
            periodSeconds: 5
          livenessProbe:
            tcpSocket: {port: 8080}
`,
    },
    {
      name: 'an empty readinessProbe is no probe; no fix, since the key is already there',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: app
#               ^^^ missing
          image: a
          ports: [{containerPort: 80}]
          readinessProbe:
`,
    },
    {
      name: 'ports merged in from an anchor; a container without a name is reported on its first key',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - <<: &serving
#         ^^ missing
            ports: [{containerPort: 80, protocol: TCP}]
          image: a
`,
      messages: ['Deployment d › containers[0]: serves port 80'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - <<: &serving
            ports: [{containerPort: 80, protocol: TCP}]
          image: a
          readinessProbe:
            tcpSocket:
              port: 80
`,
    },
    {
      name: 'a UDP port gets no probe suggestion',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: dns}
spec:
  template:
    spec:
      containers:
        - name: dns
#               ^^^ missing
          image: d
          ports: [{containerPort: 53, protocol: UDP}]
`,
    },
  ],
});
