import { rule } from '../../server/src/rules/statefulset-ondelete';
import { run } from '../support/rule-tester';

const statefulSet = (strategy: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
${strategy}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - {name: db, image: example/db:1.0}
`;

run(rule, {
  valid: [
    { name: 'no updateStrategy: RollingUpdate', code: statefulSet('  podManagementPolicy: OrderedReady') },
    { name: 'RollingUpdate with a partition', code: statefulSet('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {partition: 2}') },
    { name: 'templated', code: statefulSet('  updateStrategy:\n    type: {{ .Values.updateStrategy }}') },
    {
      name: 'a Deployment has no OnDelete',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy: {type: OnDelete}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
    },
  ],
  invalid: [
    {
      name: 'StatefulSet OnDelete',
      code: statefulSet(`  updateStrategy:
    type: OnDelete
#         ^^^^^^^^ onDelete`),
      messages: ['StatefulSet db: updateStrategy OnDelete: template changes wait for manual pod deletion'],
    },
    {
      name: 'DaemonSet OnDelete, flow style, 4-space indentation',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels: {app: agent}
    updateStrategy: {type: 'OnDelete'}
#                          ^^^^^^^^^^ onDelete
    template:
        metadata:
            labels: {app: agent}
        spec:
            containers:
                - {name: agent, image: example/agent:1.0}
`,
      messages: ['DaemonSet agent: updateStrategy OnDelete: template changes wait for manual pod deletion'],
    },
    {
      name: 'through an alias',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels: {strategy: &manual OnDelete}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  updateStrategy:
    type: *manual
#         ^^^^^^^ onDelete
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: example/db:1.0}]
`,
    },
  ],
});
