import { rule } from '../../server/src/rules/sleep-action-unsupported';
import { run } from '../support/rule-tester';

const pod = (containers: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  containers:
${containers}
`;

run(rule, {
  valid: [
    {
      name: 'from 1.30 the sleep action is on by default',
      version: '1.30',
      code: pod('    - name: app\n      image: a\n      lifecycle:\n        preStop:\n          sleep: {seconds: 5}'),
    },
    {
      name: 'from 1.33 zero seconds are allowed',
      version: '1.33',
      code: pod('    - name: app\n      image: a\n      lifecycle:\n        preStop:\n          sleep: {seconds: 0}'),
    },
    { name: 'zero seconds on the newest version', code: pod('    - {name: app, image: a, lifecycle: {postStart: {sleep: {seconds: 0}}}}') },
    {
      name: 'exec sleep works on any version',
      version: '1.29',
      code: pod('    - name: app\n      image: a\n      lifecycle:\n        preStop:\n          exec: {command: ["sleep", "5"]}'),
    },
    {
      name: 'a hook with both sleep and exec is a different mistake (two handlers); on 1.29 the exec survives',
      version: '1.29',
      code: pod(
        '    - name: app\n      image: a\n      lifecycle:\n        preStop:\n          sleep: {seconds: 5}\n          exec: {command: ["sleep", "5"]}',
      ),
    },
    {
      name: 'a postStart sleep as long as the grace period passes validation',
      code: pod('    - name: app\n      image: a\n      lifecycle:\n        postStart:\n          sleep: {seconds: 30}'),
    },
    {
      name: 'a templated number is unknown',
      version: '1.31',
      code: pod('    - name: app\n      image: a\n      lifecycle:\n        preStop:\n          sleep: {seconds: {{ .Values.drain }}}'),
    },
    {
      name: 'a plain init container may not have hooks at all (init-container-lifecycle reports it)',
      version: '1.29',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: init
      image: i
      lifecycle: {preStop: {sleep: {seconds: 1}}}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'a block-style sleep action on 1.29 (gate off: the hook is dropped silently) becomes exec of sleep',
      version: '1.29',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              sleep:
#             ^^^^^ dropped
                seconds: 5   # drain
`,
      messages: [
        'Deployment web › app: `preStop` uses the `sleep` action, which Kubernetes 1.29 silently drops. It is off by default there (on from 1.30): the API server drops the whole hook and accepts the pod, so it runs with no preStop at all.',
      ],
      fixTitles: ['Replace the sleep action of "app" with exec of `sleep 5` (needs a sleep binary in the image)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: a
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "5"]   # drain
`,
    },
    {
      name: 'before 1.29 the field is unknown: rejected (strict field validation), or dropped and then rejected as a hook with no handler',
      version: '1.27',
      code: pod(`    - name: app
      image: a
      lifecycle:
        preStop:
          sleep: {seconds: 5}
#         ^^^^^ unsupported`),
      messages: ['Pod p › app: `preStop` uses the `sleep` action, which Kubernetes 1.27 does not support. It needs 1.30, so the API server rejects the pod.'],
      output: pod(`    - name: app
      image: a
      lifecycle:
        preStop:
          exec: {command: ["sleep", "5"]}`),
    },
    {
      name: 'a flow-style postStart sleep on 1.28 in a DaemonSet with 4-space indentation',
      version: '1.28',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels: {app: agent}
    template:
        metadata:
            labels: {app: agent}
        spec:
            containers:
                -   name: agent
                    image: a
                    lifecycle:
                        postStart: {sleep: {seconds: 3}}
#                                   ^^^^^ unsupported
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent
spec:
    selector:
        matchLabels: {app: agent}
    template:
        metadata:
            labels: {app: agent}
        spec:
            containers:
                -   name: agent
                    image: a
                    lifecycle:
                        postStart: {exec: {command: ["sleep", "3"]}}
`,
    },
    {
      name: 'zero seconds before 1.33: the zero-second hook is removed, with lifecycle when it was the only hook',
      version: '1.32',
      code: pod(`    - name: app
      image: a
      lifecycle:
        preStop:
          sleep:
            seconds: 0
#                    ^ zero`),
      messages: ['Pod p › app: `preStop` sleeps 0 s, which Kubernetes 1.32 rejects. The `sleep` action must last more than 0 s there (0 is allowed from 1.33)'],
      fixTitles: ['Remove the zero-second preStop hook of "app"'],
      output: pod(`    - name: app
      image: a`),
    },
    {
      name: 'the version edge: 1.30 has the sleep action but not zero; the other hook stays',
      version: '1.30',
      code: pod(`    - name: app
      image: a
      lifecycle:
        postStart: {exec: {command: ["/warm-up"]}}
        preStop: {sleep: {seconds: 0}}
#                                  ^ zero`),
      output: pod(`    - name: app
      image: a
      lifecycle:
        postStart: {exec: {command: ["/warm-up"]}}`),
    },
    {
      name: 'a postStart sleep longer than the grace period is rejected',
      code: pod(
        `    - name: app
      image: a
      lifecycle:
        postStart:
          sleep: {seconds: 40}
#                          ^^ postStartTooLong`,
        '  terminationGracePeriodSeconds: 20\n',
      ),
      messages: ['Pod p › app: `postStart` sleeps 40 s, longer than the grace period 20 s'],
    },
    {
      name: 'a native sidecar of a Job on 1.29; a sleep mapping from an anchor is reported but not rewritten',
      version: '1.29',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
          lifecycle:
            preStop:
              sleep: &pause {seconds: 5}
#             ^^^^^ dropped
      containers:
        - name: job
          image: j
          lifecycle:
            preStop:
              sleep: *pause
#             ^^^^^ dropped
`,
    },
    {
      name: 'a sleep handler merged into the hook is reported on the merge key',
      version: '1.29',
      code: pod(`    - name: app
      image: a
      lifecycle:
        preStop:
          <<: {sleep: {seconds: 5}}
#         ^^ dropped`),
    },
  ],
});
