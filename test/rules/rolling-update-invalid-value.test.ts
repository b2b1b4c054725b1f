import { rule } from '../../server/src/rules/rolling-update-invalid-value';
import { run } from '../support/rule-tester';

const deployment = (strategy: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector:
    matchLabels: {app: web}
${strategy}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`;

const daemonSet = (strategy: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector:
    matchLabels: {app: agent}
${strategy}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - {name: agent, image: example/agent:1.0}
`;

const statefulSet = (strategy: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: Parallel
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
    { name: 'integers and percentages', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 2\n      maxUnavailable: 25%') },
    { name: 'a Deployment maxSurge over 100% is allowed', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 200%\n      maxUnavailable: 0') },
    {
      name: 'quoted percentages are strings, as they should be',
      code: deployment('  strategy:\n    rollingUpdate: {maxSurge: "50%", maxUnavailable: \'0%\'}'),
    },
    {
      name: 'templated values are unknown',
      code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: {{ .Values.surge }}\n      maxUnavailable: "{{ .Values.unavailable }}"'),
    },
    {
      name: 'rollingUpdate is not validated for Recreate (it is refused as a whole, not value by value)',
      code: deployment('  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: "5"'),
    },
    { name: 'DaemonSet OnDelete', code: daemonSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate: {maxUnavailable: -1}') },
    { name: 'before 1.22 a DaemonSet maxSurge is dropped', version: '1.21', code: daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 150%') },
    {
      name: 'a StatefulSet maxUnavailable before the field existed (1.24)',
      version: '1.23',
      code: statefulSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0'),
    },
    { name: 'a valid StatefulSet maxUnavailable', code: statefulSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 50%') },
    { name: 'fixed: integer', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 5\n      maxUnavailable: 0') },
  ],
  invalid: [
    {
      name: 'a quoted number is a string that is not a percentage',
      code: deployment(`  strategy:
    rollingUpdate:
      maxSurge: "5"
#               ^^^ notPercent
      maxUnavailable: 0`),
      messages: ['maxSurge "5" is neither an integer nor a percentage'],
      fixTitles: ['Use the integer 5 (pods)', 'Use 5%'],
      output: deployment(`  strategy:
    rollingUpdate:
      maxSurge: 5
      maxUnavailable: 0`),
    },
    {
      name: 'the percentage reading of a quoted number',
      code: deployment(`  strategy:
    rollingUpdate:
      maxSurge: '5'
#               ^^^ notPercent
      maxUnavailable: 0`),
      fix: 1,
      output: deployment(`  strategy:
    rollingUpdate:
      maxSurge: 5%
      maxUnavailable: 0`),
    },
    {
      name: 'a percentage with a space or a word, flow style',
      code: deployment(`  strategy:
    rollingUpdate: {maxSurge: 25 %, maxUnavailable: 20Percent}
#                             ^^^^ notPercent
#                                                   ^^^^^^^^^ notPercent`),
      messages: ['maxSurge "25 %"', 'maxUnavailable "20Percent"'],
      fixTitles: ['Use 25%'],
      output: deployment(`  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 20Percent}`),
    },
    {
      name: 'a negative percentage and a negative integer have no fix',
      code: deployment(`  strategy:
    rollingUpdate:
      maxSurge: -1
#               ^^ negative
      maxUnavailable: "-10%"
#                     ^^^^^^ notPercent`),
      messages: ['maxSurge -1 must be greater than or equal to 0. The API server rejects the Deployment', 'maxUnavailable "-10%"'],
    },
    {
      name: 'maxUnavailable over 100%, reached through an alias',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {limit: &all 110%}
spec:
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate:
      maxUnavailable: *all
#                     ^^^^ over100
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
      messages: ['maxUnavailable 110% must not be greater than 100%'],
    },
    {
      name: 'a DaemonSet caps maxSurge at 100% too; merged values are reported on the merge key',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy:
    rollingUpdate:
      <<: {maxSurge: 150%}
#     ^^ over100
      maxUnavailable: 0
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: example/agent:1.0}]
`,
      messages: ['maxSurge 150% must not be greater than 100%. The API server rejects the DaemonSet'],
    },
    {
      name: 'StatefulSet maxUnavailable 0 is an error where the feature is on by default (1.35)',
      version: '1.35',
      code: statefulSet(`  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
      maxUnavailable: 0`),
      errors: [
        {
          messageId: 'statefulSet',
          line: 14,
          column: 23,
          endLine: 14,
          endColumn: 24,
          severity: 'error',
          message: 'StatefulSet db: maxUnavailable 0 cannot be 0',
        },
      ],
    },
    {
      name: 'StatefulSet maxUnavailable "2" is a warning in 1.36, where the field is dropped',
      version: '1.36',
      code: statefulSet(`  updateStrategy:
    rollingUpdate:
      maxUnavailable: "2"`),
      errors: [
        {
          messageId: 'statefulSet',
          line: 12,
          column: 23,
          endLine: 12,
          endColumn: 26,
          severity: 'warning',
          message: 'StatefulSet db: maxUnavailable "2" is not an integer or a percentage',
        },
      ],
      output: statefulSet(`  updateStrategy:
    rollingUpdate:
      maxUnavailable: 2`),
    },
  ],
});
