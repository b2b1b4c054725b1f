import { rule } from '../../server/src/rules/sidecar-unsupported-version';
import { run } from '../support/rule-tester';

const code = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
#                        ^^^^^^ unsupported
      containers:
        - {name: app, image: a}
`;

run(rule, {
  valid: [
    { name: 'from 1.29 on', code, version: '1.29' },
    { name: 'the newest version', code },
  ],
  invalid: [
    { name: '1.28: SidecarContainers is alpha and off', code, version: '1.28', messages: ['needs Kubernetes 1.29; on the target 1.28'] },
    { name: 'v-prefixed patch versions are understood', code, version: 'v1.27.3', messages: ['on the target 1.27'] },
  ],
});
