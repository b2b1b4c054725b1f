import { rule } from '../../server/src/rules/liveness-probe-missing';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a serving container with a livenessProbe',
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
          livenessProbe: {tcpSocket: {port: 8080}}
`,
    },
    {
      name: 'a Job, a bare Pod and a container without ports are not serving',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: job, image: j, ports: [{containerPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: app, image: a, ports: [{containerPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - {name: worker, image: w}
`,
    },
    {
      name: 'Helm template: the probe may come from an include',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
{{ include "liveness" . | indent 10 }}
`,
    },
    {
      name: 'a CRD reusing the kind name is left alone',
      code: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - {name: app, image: a, ports: [{containerPort: 80}]}
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment that only has a readinessProbe',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: web
#               ^^^ missing
          image: a
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe: {httpGet: {path: /ready, port: http}}
`,
      messages: ['Deployment d › web: serves port http but has no livenessProbe. If it hangs without exiting, the kubelet never restarts it.'],
    },
    {
      name: 'StatefulSet and DaemonSet, flow style, 4-space indentation, an empty probe',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            containers:
                -   {name: db, image: d, ports: [{containerPort: 5432}]}
#                          ^^ missing
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      containers:
        - name: agent
#               ^^^^^ missing
          image: a
          ports: [{containerPort: 9100}]
          livenessProbe:
`,
      messages: ['serves port 5432', 'serves port 9100'],
    },
    {
      name: 'a ReplicationController inside a List; ports through an alias',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers:
            - name: app
#                   ^^^ missing
              image: a
              ports: &ports [{containerPort: 80}]
            - name: admin
#                   ^^^^^ missing
              image: a
              ports: *ports
`,
    },
  ],
});
