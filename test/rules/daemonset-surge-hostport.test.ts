import { rule } from '../../server/src/rules/daemonset-surge-hostport';
import { run } from '../support/rule-tester';

const daemonSet = (strategy: string, podSpec: string): string => `apiVersion: apps/v1
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
${podSpec}
`;

const hostPort =
  '      containers:\n        - name: agent\n          image: example/agent:1.0\n          ports:\n            - containerPort: 9100\n              hostPort: 9100';
const plainPort = '      containers:\n        - name: agent\n          image: example/agent:1.0\n          ports:\n            - containerPort: 9100';
const surge = '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0';

run(rule, {
  valid: [
    { name: 'surge without host ports', code: daemonSet(surge, plainPort) },
    { name: 'host port with the default update (maxUnavailable 1)', code: daemonSet('  minReadySeconds: 5', hostPort) },
    { name: 'host port, maxSurge 0', code: daemonSet('  updateStrategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}', hostPort) },
    { name: 'OnDelete', code: daemonSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}', hostPort) },
    {
      name: 'a host port on an init container does not count',
      code: daemonSet(surge, '      initContainers:\n        - {name: init, image: busybox, ports: [{containerPort: 80, hostPort: 80}]}\n' + plainPort),
    },
    { name: 'before 1.22 a DaemonSet has no surge', version: '1.21', code: daemonSet(surge, hostPort) },
    {
      name: 'maxSurge 1 with maxUnavailable 1 is rejected, and reported by another rule',
      code: daemonSet('  updateStrategy:\n    rollingUpdate: {maxSurge: 1}', hostPort),
    },
    {
      name: 'templated surge',
      code: daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: {{ .Values.surge }}\n      maxUnavailable: 0', hostPort),
    },
    { name: 'fixed', code: daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1', hostPort) },
  ],
  invalid: [
    {
      name: 'maxSurge 1 with a hostPort',
      code: daemonSet(
        `  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0`,
        hostPort,
      ),
      // An error: the surge pod can never be scheduled, so the rollout stalls deterministically.
      errors: [{ messageId: 'hostPort', line: 10, column: 17, endLine: 10, endColumn: 18, severity: 'error' }],
      messages: ['DaemonSet agent: maxSurge 1 stalls the rollout: container "agent" holds host port 9100. The new pod'],
      fixTitles: ['Set maxSurge: 0 and maxUnavailable: 1 (replace the pod on each node in place)'],
      output: daemonSet('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1', hostPort),
    },
    {
      name: 'a percentage with hostNetwork, flow style',
      code: daemonSet(
        `  updateStrategy: {rollingUpdate: {maxSurge: 10%, maxUnavailable: "0%"}}
#                                            ^^^ hostPort`,
        '      hostNetwork: true\n' + plainPort,
      ),
      messages: [/^DaemonSet agent: maxSurge 10% stalls the rollout: .* holds host port 9100 \(hostNetwork\)/],
      output: daemonSet('  updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}', '      hostNetwork: true\n' + plainPort),
    },
    {
      name: 'hostNetwork without declared ports: the new pod is scheduled, then cannot bind the node ports the old one holds (KEP-1591)',
      code: daemonSet(
        `  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0`,
        '      hostNetwork: true\n      containers:\n        - {name: agent, image: example/agent:1.0}',
      ),
      // A warning: it clashes only if the agent listens on a port, which the manifest does not say.
      errors: [{ messageId: 'hostNetwork', line: 9, column: 17, endLine: 9, endColumn: 18, severity: 'warning' }],
      messages: [
        'maxSurge 1 with hostNetwork may stall the rollout. The new pod on each node starts while the old one still runs and shares the node\'s network (`hostNetwork: true`): if it listens on a port, it cannot bind it ("address already in use") and crash-loops',
      ],
      output: daemonSet(
        '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1',
        '      hostNetwork: true\n      containers:\n        - {name: agent, image: example/agent:1.0}',
      ),
    },
    {
      name: 'merged in from an anchor, 4-space indentation: no fix',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels: {app: agent}
    updateStrategy:
        rollingUpdate:
            <<: &surgeFirst {maxSurge: 100%, maxUnavailable: 0}
#           ^^ hostPort
    template:
        metadata:
            labels: {app: agent}
        spec:
            containers:
                - name: proxy
                  image: example/proxy:1.0
                  ports: [{containerPort: 8080, hostPort: 80}]
`,
      messages: ['container "proxy" holds host port 80'],
    },
  ],
});
