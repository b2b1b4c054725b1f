import { rule } from '../../server/src/rules/liveness-kill-grace-long';
import { run } from '../support/rule-tester';

const db = (grace: string, probe: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
${grace}
      containers:
        - name: db
          image: example/db:1.0
${probe}`;

const liveness = '          livenessProbe:\n            tcpSocket: {port: 5432}\n';

run(rule, {
  valid: [
    { name: 'the default grace period', code: db('      hostname: db', liveness) },
    { name: '60 s is not over the threshold', code: db('      terminationGracePeriodSeconds: 60', liveness) },
    {
      name: 'the probe has its own grace period',
      code: db('      terminationGracePeriodSeconds: 300', liveness + '            terminationGracePeriodSeconds: 20\n'),
    },
    { name: 'no livenessProbe', code: db('      terminationGracePeriodSeconds: 300', '          readinessProbe:\n            tcpSocket: {port: 5432}\n') },
    { name: 'a higher threshold as an option', options: { maxSeconds: 600 }, code: db('      terminationGracePeriodSeconds: 300', liveness) },
    { name: 'before 1.25 the probe-level field is off by default', version: '1.24', code: db('      terminationGracePeriodSeconds: 300', liveness) },
    {
      name: 'Knative sets the grace period itself',
      code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 300\n      containers:\n        - image: example/hello:1\n          livenessProbe: {httpGet: {path: /}}\n',
    },
  ],
  invalid: [
    {
      name: '300 s and a liveness probe without its own grace period',
      code: db(
        '      terminationGracePeriodSeconds: 300',
        `          livenessProbe:
#         ^^^^^^^^^^^^^ long
            tcpSocket: {port: 5432}
            periodSeconds: 10
`,
      ),
      messages: [
        "StatefulSet db › db: a failed liveness probe kills only after 300 s. The pod's grace period is 300 s and the livenessProbe sets no terminationGracePeriodSeconds, so a hung container is killed only after 300 s.",
      ],
      output: db(
        '      terminationGracePeriodSeconds: 300',
        '          livenessProbe:\n            tcpSocket: {port: 5432}\n            periodSeconds: 10\n            terminationGracePeriodSeconds: 30\n',
      ),
      fixTitles: ['Add terminationGracePeriodSeconds: 30 to the livenessProbe'],
    },
    {
      name: 'a lower threshold as an option, flow-style probe',
      options: { maxSeconds: 20 },
      code: db(
        '      terminationGracePeriodSeconds: 45',
        `          livenessProbe: {httpGet: {path: /healthz, port: 8080}}
#         ^^^^^^^^^^^^^ long
`,
      ),
      output: db(
        '      terminationGracePeriodSeconds: 45',
        '          livenessProbe: {httpGet: {path: /healthz, port: 8080}, terminationGracePeriodSeconds: 20}\n',
      ),
    },
  ],
});
