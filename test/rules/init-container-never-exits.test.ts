import { rule } from '../../server/src/rules/init-container-never-exits';
import { run } from '../support/rule-tester';

const pod = (init: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
${init}
  containers:
    - {name: app, image: a}
`;

run(rule, {
  valid: [
    { name: 'a wait loop that ends', code: pod('    - name: wait\n      image: b\n      command: ["sh", "-c", "until nc -z db 5432; do sleep 2; done"]') },
    {
      name: 'a loop with a break',
      code: pod('    - name: wait\n      image: b\n      command: ["sh", "-c", "while true; do nc -z db 5432 && break; sleep 1; done"]'),
    },
    { name: 'a short sleep', code: pod('    - name: wait\n      image: b\n      command: ["sleep", "30"]') },
    { name: 'tail without follow', code: pod('    - name: t\n      image: b\n      command: ["tail", "-n", "20", "/etc/hosts"]') },
    { name: 'a native sidecar may run forever', code: pod('    - name: s\n      image: b\n      restartPolicy: Always\n      command: ["sleep", "infinity"]') },
    { name: 'only args: the entrypoint is unknown', code: pod('    - name: s\n      image: b\n      args: ["sleep", "infinity"]') },
    {
      name: 'a comment mentioning a loop',
      code: pod('    - name: s\n      image: b\n      command:\n        - sh\n        - -c\n        - |\n          # not: while true; do\n          echo done'),
    },
  ],
  invalid: [
    {
      name: 'sleep infinity',
      code: pod(`    - name: hold
      image: b
      command: ["sleep", "infinity"]
#                        ^^^^^^^^^^ neverExits`),
      messages: ['Pod p › hold: init container never exits (sleep infinity)'],
      output: pod(`    - name: hold
      restartPolicy: Always
      image: b
      command: ["sleep", "infinity"]`),
    },
    {
      name: 'tail -F through sh -c, block sequence, args split from command',
      code: pod(`    - name: shipper
      image: b
      command:
        - /bin/sh
        - -ec
      args:
        - tail -F /var/log/app.log | ship
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ neverExits`),
      messages: ['(tail -F)'],
      // As a sidecar, the shell running the pipeline is PID 1 and ignores SIGTERM: the next rule rightly says so.
      revealedByFix: ['shell-pid1-no-exec'],
      output: pod(`    - name: shipper
      restartPolicy: Always
      image: b
      command:
        - /bin/sh
        - -ec
      args:
        - tail -F /var/log/app.log | ship`),
    },
    {
      name: 'an endless while loop in a block scalar, in a Job',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      initContainers:
        - name: refresher
          image: b
          command: ["bash", "-c"]
          args:
            - |
              while :; do
                refresh-token
                sleep 60
              done
      containers:
        - {name: app, image: a}
`,
      errors: [{ messageId: 'neverExits', line: 13, column: 15, endLine: 17, endColumn: 19 }],
      messages: ['(while :; do … done)'],
      revealedByFix: ['shell-pid1-no-exec'],
      output: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      initContainers:
        - name: refresher
          restartPolicy: Always
          image: b
          command: ["bash", "-c"]
          args:
            - |
              while :; do
                refresh-token
                sleep 60
              done
      containers:
        - {name: app, image: a}
`,
    },
    {
      name: 'no sidecar fix where the target version has no native sidecars',
      version: '1.28',
      code: pod(`    - name: hold
      image: b
      command: [sleep, 365d]
#                      ^^^^ neverExits`),
    },
  ],
});
