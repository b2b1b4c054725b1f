import { rule } from '../../server/src/rules/duplicate-container-name';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'distinct names',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: a, image: a}]
  containers: [{name: b, image: b}, {name: c, image: c}]
`,
    },
  ],
  invalid: [
    {
      name: 'an init container and an app container share a name',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: app
      image: m
  containers:
    - name: app
#           ^^^ duplicate
      image: a
`,
      messages: ['Pod p › app: container name "app" is already used by initContainers[0]'],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: app
      image: m
  containers:
    - name: app-2
      image: a
`,
    },
    {
      name: 'two app containers and an ephemeral one, quoted',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: web, image: a}
    - {name: "web", image: b}
#            ^^^^^ duplicate
  ephemeralContainers:
    - name: 'web'
#           ^^^^^ duplicate
      image: busybox
`,
      messages: ['already used by containers[0]', 'already used by containers[0]'],
      fixTitles: ['Rename this container to "web-2"'],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: web, image: a}
    - {name: "web-2", image: b}
  ephemeralContainers:
    - name: 'web'
      image: busybox
`,
    },
  ],
});
