import { rule } from '../../server/src/rules/sidecar-no-startup-probe';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a sidecar with a startupProbe',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      ports: [{containerPort: 15001}]
      startupProbe: {tcpSocket: {port: 15001}}
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: 'a sidecar without ports (a log shipper)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: logs
      image: p
      restartPolicy: Always
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: 'Helm template: the probe may come from the template',
      code: `apiVersion: v1
kind: Pod
metadata: {name: {{ .Release.Name }}}
spec:
  initContainers:
    - name: proxy
      image: p
      restartPolicy: Always
      ports: [{containerPort: 15001}]
      {{- include "probes" . | nindent 6 }}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'a proxy sidecar with ports and no startupProbe',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
#           ^^^^^ noStartupProbe
      image: p
      restartPolicy: Always
      ports:
        - containerPort: 15001
      readinessProbe: {tcpSocket: {port: 15001}}
  containers:
    - {name: app, image: a}
`,
      messages: ['Pod p › proxy: native sidecar serves port 15001 but has no startupProbe'],
    },
  ],
});
