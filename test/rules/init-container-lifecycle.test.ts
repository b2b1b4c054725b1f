import { rule } from '../../server/src/rules/init-container-lifecycle';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'lifecycle on an app container and on a native sidecar',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
          lifecycle:
            preStop: {sleep: {seconds: 5}}
      containers:
        - name: app
          image: a
          lifecycle:
            preStop: {exec: {command: ["sleep", "5"]}}
`,
    },
  ],
  invalid: [
    {
      name: 'preStop on a plain init container of a DaemonSet',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: s
          lifecycle:
#         ^^^^^^^^^ lifecycle
            preStop:
              exec: {command: ["sleep", "5"]}
          command: ["sh", "-c", "sysctl -w net.core.somaxconn=1024"]
      containers:
        - name: agent
          image: a
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: s
          command: ["sh", "-c", "sysctl -w net.core.somaxconn=1024"]
      containers:
        - name: agent
          image: a
`,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  initContainers:\r\n    - name: i\r\n      lifecycle: {postStart: {exec: {command: ["true"]}}}\r\n      image: i\r\n  containers:\r\n    - {name: a, image: a}\r\n',
      errors: [{ messageId: 'lifecycle', line: 7, column: 7, endLine: 7, endColumn: 16 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  initContainers:\r\n    - name: i\r\n      image: i\r\n  containers:\r\n    - {name: a, image: a}\r\n',
    },
    {
      name: 'a sidecar of the wrong restartPolicy is still a plain init container',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers:
    - lifecycle: {postStart: {exec: {command: ["true"]}}}
#     ^^^^^^^^^ lifecycle
      name: i
      image: i
      restartPolicy: OnFailure
  containers:
    - {name: a, image: a}
`,
      version: '1.33',
      messages: ['Pod p › i: `lifecycle` is not allowed on an init container'],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  initContainers:
    - name: i
      image: i
      restartPolicy: OnFailure
  containers:
    - {name: a, image: a}
`,
    },
  ],
});
