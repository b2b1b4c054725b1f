import { rule } from '../../server/src/rules/sidecar-shutdown-budget';
import { run } from '../support/rule-tester';

const pod = (grace: string, sidecarPreStop: string, appPreStop: string): string => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
${grace}
  initContainers:
    - name: proxy
      image: example/proxy:1.0
      restartPolicy: Always
${sidecarPreStop}
  containers:
    - name: web
      image: example/web:1.0
${appPreStop}
`;

const sleepAction = (n: number): string => `      lifecycle:\n        preStop:\n          sleep: {seconds: ${n}}`;

run(rule, {
  valid: [
    { name: '10 + 15 fits in 30', code: pod('  hostname: web', sleepAction(10), sleepAction(15)) },
    { name: '10 + 20 is exactly 30', code: pod('  hostname: web', sleepAction(10), sleepAction(20)) },
    { name: 'a longer grace period', code: pod('  terminationGracePeriodSeconds: 45', sleepAction(10), sleepAction(25)) },
    { name: 'the sidecar has no preStop', code: pod('  hostname: web', '      ports: [{containerPort: 15001}]', sleepAction(25)) },
    { name: 'the app has no preStop', code: pod('  hostname: web', sleepAction(25), '      ports: [{containerPort: 8080}]') },
    { name: "an app preStop that alone reaches the grace period is prestop-exceeds-grace's", code: pod('  hostname: web', sleepAction(10), sleepAction(30)) },
    { name: 'before native sidecars (1.28)', version: '1.28', code: pod('  hostname: web', sleepAction(10), sleepAction(25)) },
    {
      name: 'a plain init container is not a sidecar',
      code: pod('  hostname: web', sleepAction(10), sleepAction(25)).replace('      restartPolicy: Always\n', ''),
    },
  ],
  invalid: [
    {
      name: '25 s in the app and 10 s in the sidecar, in the default 30 s',
      code: pod(
        '  hostname: web',
        `      lifecycle:
        preStop:
          sleep: {seconds: 10}
#                          ^^ budget`,
        sleepAction(25),
      ),
      messages: [
        'Pod web › proxy: sidecar and app preStop pauses (35 s) exceed the grace period. The grace period is 30 s, the default; sidecar "proxy" pauses 10 s in its preStop and "web" pauses 25 s. The kubelet runs both hooks at once and sends "proxy" SIGTERM only after "web" has exited, so once the app is gone the sidecar has at most 5 s before SIGKILL, less than the 10 s its preStop provides for.',
      ],
    },
    {
      name: 'exec sleeps and an explicit grace period, the longest app pause counts',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 20
      initContainers:
        - name: logs
          image: example/logs:1.0
          restartPolicy: Always
          lifecycle:
            preStop:
              exec: {command: [sleep, "8"]}
#                                     ^^^ budget
      containers:
        - name: web
          image: example/web:1.0
          lifecycle: {preStop: {exec: {command: ["/bin/sh", "-c", "sleep 15"]}}}
        - name: worker
          image: example/worker:1.0
          lifecycle: {preStop: {sleep: {seconds: 5}}}
`,
      messages: [
        'Deployment web › logs: sidecar and app preStop pauses (23 s) exceed the grace period. The grace period is 20 s; sidecar "logs" pauses 8 s in its preStop and "web" pauses 15 s.',
      ],
    },
  ],
});
