import { rule } from '../../server/src/rules/init-failure-fails-pod';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'OnFailure retries the init container',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      initContainers: [{name: wait, image: b}]
      containers: [{name: job, image: j}]
`,
    },
    {
      name: 'Never without init containers',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers: [{name: job, image: j}]
`,
    },
    {
      name: 'from 1.35 an init container may override the pod policy',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers: [{name: wait, image: b, restartPolicy: OnFailure}]
  containers: [{name: job, image: j}]
`,
    },
  ],
  invalid: [
    {
      name: 'a Job with restartPolicy Never and two init containers (a sidecar is exempt)',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait-for-db
#               ^^^^^^^^^^^ failsPod
          image: b
        - name: proxy
          image: p
          restartPolicy: Always
        - name: migrate
#               ^^^^^^^ failsPod
          image: m
      containers: [{name: job, image: j}]
`,
    },
    {
      name: 'an init container with its own restartPolicy Never (1.35+)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: setup
#           ^^^^^ containerNever
      image: s
      restartPolicy: Never
  containers: [{name: app, image: a}]
`,
    },
  ],
});
