import { rule } from '../../server/src/rules/init-container-probe';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'probes on app containers',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
  containers:
    - name: app
      image: a
      readinessProbe:
        httpGet: {path: /, port: 8080}
`,
    },
    {
      name: 'a native sidecar may have probes',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
          startupProbe:
            tcpSocket: {port: 15001}
          livenessProbe:
            tcpSocket: {port: 15001}
      containers:
        - name: app
          image: a
`,
    },
    {
      name: 'a ConfigMap holding the same keys is not a pod',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  initContainers: |
    - name: x
      readinessProbe: {}
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
      initContainers:
        - name: x
          readinessProbe: {exec: {command: ["true"]}}
`,
    },
  ],
  invalid: [
    {
      name: 'readinessProbe on a plain init container in a Pod',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      readinessProbe:
#     ^^^^^^^^^^^^^^ probe
        exec:
          command: ["true"]
  containers:
    - name: app
      image: a
`,
      messages: ['Pod p › migrate: `readinessProbe` is not allowed on an init container'],
      fixTitles: ['Remove readinessProbe from init container "migrate"'],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
  containers:
    - name: app
      image: a
`,
    },
    {
      name: 'all three probes, in a CronJob, 4-space indentation and comments kept',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: OnFailure
                    initContainers:
                        - name: prepare   # fetch inputs
                          image: busybox
                          livenessProbe: {exec: {command: ["true"]}}
#                         ^^^^^^^^^^^^^ probe
                          startupProbe:
#                         ^^^^^^^^^^^^ probe
                              exec:
                                  command: ["true"]
                          # keep this comment
                          readinessProbe:
#                         ^^^^^^^^^^^^^^ probe
                              exec: {command: ["true"]}
                    containers:
                        - name: job
                          image: j
`,
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
    name: nightly
spec:
    schedule: "0 3 * * *"
    jobTemplate:
        spec:
            template:
                spec:
                    restartPolicy: OnFailure
                    initContainers:
                        - name: prepare   # fetch inputs
                          image: busybox
                          startupProbe:
                              exec:
                                  command: ["true"]
                          # keep this comment
                          readinessProbe:
                              exec: {command: ["true"]}
                    containers:
                        - name: job
                          image: j
`,
    },
    {
      name: 'List items and PodTemplate are reached',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: t}
    template:
      spec:
        initContainers:
          - {name: a, image: a, readinessProbe: {exec: {command: ["true"]}}}
#                               ^^^^^^^^^^^^^^ probe
        containers:
          - {name: b, image: b}
`,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: t}
    template:
      spec:
        initContainers:
          - {name: a, image: a}
        containers:
          - {name: b, image: b}
`,
    },
    {
      name: 'a probe merged in from an anchor is reported on the merge key, with no removal fix',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      <<: &probes
#     ^^ probe
        readinessProbe: {exec: {command: ["true"]}}
  containers:
    - name: app
      image: a
`,
    },
    {
      name: 'a never-ending init container is offered the native-sidecar fix',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: envoy
      command: ["sleep", "infinity"]
      startupProbe:
#     ^^^^^^^^^^^^ probe
        tcpSocket: {port: 15001}
  containers:
    - name: app
      image: a
`,
      fixTitles: ['Remove startupProbe from init container "proxy"', 'Make "proxy" a native sidecar (restartPolicy: Always)'],
      fix: 1,
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      restartPolicy: Always
      image: envoy
      command: ["sleep", "infinity"]
      startupProbe:
        tcpSocket: {port: 15001}
  containers:
    - name: app
      image: a
`,
    },
  ],
});
