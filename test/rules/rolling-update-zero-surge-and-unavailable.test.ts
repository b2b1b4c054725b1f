import { rule } from '../../server/src/rules/rolling-update-zero-surge-and-unavailable';
import { run } from '../support/rule-tester';

const deployment = (strategy: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
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

const daemonSet = (strategy: string, container = '        - {name: agent, image: example/agent:1.0}'): string => `apiVersion: apps/v1
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
${container}
`;

run(rule, {
  valid: [
    { name: 'no strategy: 25% / 25%', code: deployment('  minReadySeconds: 5') },
    {
      name: 'maxUnavailable 10% of 3 replicas rounds to 0, but validation compares the written value and accepts it',
      code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 10%'),
    },
    { name: 'only maxSurge 0: maxUnavailable stays 25%', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0') },
    { name: 'only maxUnavailable 0: maxSurge stays 25%', code: deployment('  strategy:\n    rollingUpdate: {maxUnavailable: 0}') },
    { name: 'Recreate has no rolling update', code: deployment('  strategy:\n    type: Recreate') },
    {
      name: 'an invalid string is left to rolling-update-invalid-value',
      code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: "20Percent"'),
    },
    { name: 'templated values are unknown', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: {{ .Values.surge }}\n      maxUnavailable: 0') },
    { name: 'DaemonSet defaults (maxUnavailable 1, maxSurge 0)', code: daemonSet('  minReadySeconds: 0') },
    { name: 'DaemonSet surge update', code: daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 10%\n      maxUnavailable: 0') },
    { name: 'DaemonSet OnDelete', code: daemonSet('  updateStrategy:\n    type: OnDelete') },
    {
      name: 'before 1.22 a DaemonSet maxSurge is dropped, so maxSurge 1 with the default maxUnavailable is accepted',
      version: '1.21',
      code: daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1'),
    },
    {
      name: 'a CRD reusing the kind name is left alone',
      code: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec:
  strategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
`,
    },
    // The fix outputs below must be clean for this rule too.
    { name: 'fixed: maxSurge 1', code: deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0') },
  ],
  invalid: [
    {
      name: 'Deployment with both 0',
      code: deployment(`  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 0   # no extra pods
      maxUnavailable: 0
#                     ^ deploymentZero`),
      messages: ['maxUnavailable 0 and maxSurge 0 are both 0'],
      fixTitles: ['Set maxSurge: 1 (start a new pod before stopping an old one)'],
      output: deployment(`  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1   # no extra pods
      maxUnavailable: 0`),
    },
    {
      name: '"0%" counts as 0, flow style',
      code: deployment(`  strategy:
    rollingUpdate: {maxSurge: "0%", maxUnavailable: 0%}
#                                                   ^^ deploymentZero`),
      messages: ['maxUnavailable 0% and maxSurge 0% are both 0'],
      output: deployment(`  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0%}`),
    },
    {
      name: 'numeric strings are read as numbers by validation',
      code: deployment(`  strategy:
    rollingUpdate:
      maxSurge: "0"
      maxUnavailable: '0'
#                     ^^^ deploymentZero`),
      messages: ['maxUnavailable "0" and maxSurge "0" are both 0'],
      output: deployment(`  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: '0'`),
    },
    {
      name: 'values merged in from an anchor are reported on the merge key, without a fix',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      strategy:
        rollingUpdate:
          <<: &noRoom {maxSurge: 0, maxUnavailable: 0}
#         ^^ deploymentZero
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: example/web:1.0}]
`,
    },
    {
      name: 'DaemonSet maxUnavailable 0 with the default maxSurge, 4-space indentation',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels:
            app: agent
    updateStrategy:
        type: RollingUpdate
        rollingUpdate:
            maxUnavailable: 0
#                           ^ daemonSetZero
    template:
        metadata:
            labels:
                app: agent
        spec:
            containers:
                - name: agent
                  image: example/agent:1.0
`,
      messages: ['maxUnavailable 0 and maxSurge 0 (the default) are both 0'],
      fixTitles: [
        'Set maxSurge: 1 (start the new pod on a node before stopping the old one)',
        'Set maxUnavailable: 1 (stop the old pod on a node before starting the new one)',
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels:
            app: agent
    updateStrategy:
        type: RollingUpdate
        rollingUpdate:
            maxUnavailable: 0
            maxSurge: 1
    template:
        metadata:
            labels:
                app: agent
        spec:
            containers:
                - name: agent
                  image: example/agent:1.0
`,
    },
    {
      name: 'DaemonSet with a hostPort: the preferred fix sets maxUnavailable, since a surge pod could not start',
      code: daemonSet(
        `  updateStrategy:
    rollingUpdate:
      maxSurge: 0%
      maxUnavailable: 0%
#                     ^^ daemonSetZero`,
        '        - name: agent\n          image: example/agent:1.0\n          ports: [{containerPort: 9100, hostPort: 9100}]',
      ),
      output: daemonSet(
        `  updateStrategy:
    rollingUpdate:
      maxSurge: 0%
      maxUnavailable: 1`,
        '        - name: agent\n          image: example/agent:1.0\n          ports: [{containerPort: 9100, hostPort: 9100}]',
      ),
    },
    {
      name: 'DaemonSet maxSurge alone: the default maxUnavailable 1 makes both non-zero',
      code: daemonSet(`  updateStrategy:
    rollingUpdate:
      maxSurge: 1
#               ^ daemonSetBoth`),
      messages: ['maxSurge 1 and maxUnavailable 1 (the default) are both non-zero'],
      fixTitles: [
        'Set maxUnavailable: 0 (surge: start the new pod before stopping the old one)',
        'Set maxSurge: 0 (stop the old pod before starting the new one)',
      ],
      output: daemonSet(`  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0`),
    },
    {
      name: 'DaemonSet both non-zero with hostNetwork: the preferred fix drops the surge',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
#                                            ^^^ daemonSetBoth
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: example/agent:1.0
          ports: [{containerPort: 9100}]
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: example/agent:1.0
          ports: [{containerPort: 9100}]
`,
    },
    {
      name: 'before 1.22 a DaemonSet maxUnavailable may not be 0 at all (maxSurge is dropped)',
      version: '1.21',
      code: daemonSet(`  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
#                     ^ daemonSetZeroNoSurge`),
      messages: ['Kubernetes 1.21 has no DaemonSet maxSurge'],
      output: daemonSet(`  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 1`),
    },
  ],
});
