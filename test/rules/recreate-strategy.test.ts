import { rule } from '../../server/src/rules/recreate-strategy';
import { run } from '../support/rule-tester';

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
${spec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`;

run(rule, {
  valid: [
    { name: 'no strategy: RollingUpdate', code: deployment('  replicas: 2') },
    { name: 'RollingUpdate', code: deployment('  replicas: 2\n  strategy:\n    type: RollingUpdate') },
    { name: 'scaled to zero', code: deployment('  replicas: 0\n  strategy:\n    type: Recreate') },
    { name: 'templated type', code: deployment('  replicas: 2\n  strategy:\n    type: {{ .Values.strategy }}') },
    {
      name: 'StatefulSets and DaemonSets have no Recreate',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: Recreate}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: example/agent:1.0}]
`,
    },
  ],
  invalid: [
    {
      name: 'Recreate with 3 replicas',
      code: deployment(`  replicas: 3
  strategy:
    type: Recreate
#         ^^^^^^^^ recreate`),
      messages: ['It stops all 3 pod(s) before it creates any new one'],
    },
    {
      name: 'replicas not set, flow style, quoted',
      code: deployment(`  strategy: {type: "Recreate"}
#                  ^^^^^^^^^^ recreate`),
      messages: ['stops all 1 (replicas not set) pod(s)'],
    },
    {
      name: 'through a merge key, in a List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: {{ .Values.replicas }}
      selector: {matchLabels: {app: web}}
      strategy:
        <<: &recreate {type: Recreate}
#       ^^ recreate
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: example/web:1.0}]
`,
      messages: ['stops all the pod(s)'],
    },
  ],
});
