import { rule } from '../../server/src/rules/sidecar-unsupported-version';
import { run } from '../support/rule-tester';

/** A Deployment with a sidecar; `id` puts a caret line under restartPolicy's value (lines 10, columns 26-32). */
const sidecar = (extra: string, id?: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
${id ? `#                        ^^^^^^ ${id}\n` : ''}${extra}      containers:
        - {name: app, image: a}
`;

const code = sidecar('', 'unsupported');

run(rule, {
  valid: [
    { name: 'from 1.29 on', code, version: '1.29' },
    { name: 'the newest version', code },
    { name: 'probes are fine on a sidecar from 1.29', code: sidecar('          readinessProbe: {tcpSocket: {port: 15021}}\n', 'sidecarOnly'), version: '1.29' },
  ],
  invalid: [
    {
      name: '1.28: SidecarContainers is alpha and off; a warning while nothing else breaks',
      code: sidecar(''),
      version: '1.28',
      errors: [{ messageId: 'unsupported', line: 10, column: 26, endLine: 10, endColumn: 32, severity: 'warning' }],
    },
    {
      name: '1.28: the message',
      code,
      version: '1.28',
      messages: ['Deployment d › proxy: native sidecars need Kubernetes 1.29; on 1.28 this is a plain init container. The API server drops restartPolicy'],
    },
    {
      name: 'before 1.28 the field is unknown: strict field validation rejects it, other clients drop it',
      code: sidecar('', 'unknown'),
      version: 'v1.27.3',
      messages: [
        'Deployment d › proxy: native sidecars need Kubernetes 1.29; 1.27 does not know restartPolicy here. kubectl\'s strict field validation rejects it ("unknown field"), and a client that does not validate drops it',
      ],
    },
    {
      name: 'a sidecar with probes: an error, the pod is rejected once restartPolicy is gone',
      code: sidecar('          readinessProbe: {tcpSocket: {port: 15021}}\n'),
      version: '1.28',
      errors: [{ messageId: 'sidecarOnly', line: 10, column: 26, endLine: 10, endColumn: 32, severity: 'error' }],
      messages: ['a plain init container may not have `readinessProbe`, so the API server rejects the pod'],
    },
    {
      name: 'a sidecar that never exits: an error, the app never starts',
      code: sidecar('          command: ["sleep", "infinity"]\n'),
      version: '1.28',
      errors: [{ messageId: 'neverExits', line: 10, column: 26, endLine: 10, endColumn: 32, severity: 'error' }],
      messages: ['it never exits ('],
    },
  ],
});
