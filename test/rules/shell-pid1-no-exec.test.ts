import { rule } from '../../server/src/rules/shell-pid1-no-exec';
import { run } from '../support/rule-tester';

const deployment = (container: string): string => `apiVersion: apps/v1
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
${container}
`;

run(rule, {
  valid: [
    { name: 'a single simple command: the shell execs it itself', code: deployment('          command: ["sh", "-c", "./server --port $PORT"]') },
    { name: 'the last command is exec-ed', code: deployment('          command: ["sh", "-c", "./migrate && exec ./server"]') },
    {
      name: 'exec on the last line of a block script',
      code: deployment('          command:\n            - /bin/bash\n            - -ec\n            - |\n              cd /app\n              exec ./server'),
    },
    { name: 'separators inside quotes do not count', code: deployment(`          command: ["sh", "-c", "nginx -g 'daemon off;'"]`) },
    {
      name: 'a script that traps TERM and forwards it',
      code: deployment('          command: ["sh", "-c", "./server & pid=$!; trap \'kill -TERM $pid\' TERM; wait $pid"]'),
    },
    { name: 'no shell: the program is PID 1', code: deployment('          command: ["./server", "--port", "8080"]') },
    {
      name: 'an init process in front of the shell forwards signals',
      code: deployment('          command: ["tini", "--", "sh", "-c", "./migrate && ./server"]'),
    },
    { name: 'only args: the entrypoint is unknown', code: deployment('          args: ["-c", "./migrate && ./server"]') },
    {
      name: 'here-documents are beyond this reader',
      code: deployment(
        '          command:\n            - sh\n            - -c\n            - |\n              cat > /etc/app.conf <<EOF\n              port: 8080\n              EOF\n              ./server',
      ),
    },
    { name: 'an if block at the end is left alone', code: deployment('          command: ["sh", "-c", "if [ -f /x ]; then ./a; else ./b; fi"]') },
    { name: 'a templated script is unknown', code: deployment('          command: ["sh", "-c", "{{ .Values.script }}"]') },
    {
      name: 'a plain init container runs to completion',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, command: ["sh", "-c", "./fetch && ./unpack"]}
  containers:
    - {name: app, image: a}
`,
    },
    {
      name: "a Job's app container finishes on its own",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: job, image: j, command: ["sh", "-c", "./prepare && ./run"]}
`,
    },
  ],
  invalid: [
    {
      name: 'a JSON-style command in a Deployment; the fix adds exec inside the quotes',
      code: deployment(`          command: ["sh", "-c", "./migrate && ./server --port 8080"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notExec`),
      messages: [
        /^Deployment web › app: the shell stays PID 1 and may not pass SIGTERM on\. The script runs several commands and does not `exec` the last one \(`\.\/server --port 8080`\).*grace period \(30 s, the default\)/,
      ],
      fixTitles: ['Start the last command of "app" with exec'],
      output: deployment('          command: ["sh", "-c", "./migrate && exec ./server --port 8080"]'),
    },
    {
      name: 'the last line of a block script in a StatefulSet with 4-space indentation',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels: {app: db}
    template:
        metadata:
            labels: {app: db}
        spec:
            terminationGracePeriodSeconds: 60
            containers:
                -   name: db
                    image: d
                    command:
                        - /bin/bash
                        - -c
                        - |
                          chown -R 999 /data
                          ./docker-entrypoint.sh postgres
`,
      errors: [{ messageId: 'notExec', line: 20, column: 27, endLine: 22, endColumn: 58, message: 'grace period (60 s)' }],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchLabels: {app: db}
    template:
        metadata:
            labels: {app: db}
        spec:
            terminationGracePeriodSeconds: 60
            containers:
                -   name: db
                    image: d
                    command:
                        - /bin/bash
                        - -c
                        - |
                          chown -R 999 /data
                          exec ./docker-entrypoint.sh postgres
`,
    },
    {
      name: 'a plain scalar in command + args in a DaemonSet',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: a
          command: [/bin/sh, -c]
          args:
            - cd /opt/agent; ./agent --config /etc/agent.yaml
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notExec
`,
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: a
          command: [/bin/sh, -c]
          args:
            - cd /opt/agent; exec ./agent --config /etc/agent.yaml
`,
    },
    {
      name: 'a single-quoted script keeps its quoting and escapes',
      code: deployment(`          command: ['sh', '-c', 'echo ''starting''; ./server']
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notExec`),
      output: deployment(`          command: ['sh', '-c', 'echo ''starting''; exec ./server']`),
    },
    {
      name: 'a pipeline at the end keeps the shell as PID 1: no fix',
      code: deployment(`          command: ["sh", "-c", "./server 2>&1 | tee /var/log/app.log"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays`),
      messages: ['Deployment web › app: the app never gets SIGTERM. The script ends in a pipeline, which the shell waits for as PID 1'],
    },
    {
      name: 'a loop at the end',
      code: deployment(`          command: ["sh", "-c", "while true; do ./poll; sleep 10; done"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays`),
      messages: ['ends in a loop, which the shell runs itself as PID 1'],
    },
    {
      name: 'wait without a TERM trap',
      code: deployment(`          command: ["bash", "-c", "./worker & ./server & wait"]
#                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays`),
      messages: ['ends in `wait` with no TERM trap'],
    },
    {
      name: 'the app fed to a later builtin',
      code: deployment(`          command: ["sh", "-c", "./server; echo server exited"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays`),
      messages: ['ends in the shell builtin `echo`'],
    },
    {
      name: 'tail -f at the end: exec would not help, so no fix',
      code: deployment(`          command: ["sh", "-c", "./server > /log 2>&1 & tail -F /log"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays`),
      messages: ['ends in `tail -f`, which ignores SIGTERM as PID 1 just as the shell does'],
    },
    {
      name: 'after || the app may be the left side: reported without a fix',
      code: deployment(`          command: ["sh", "-c", "./server || ./report-crash"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notExec`),
    },
    {
      name: 'leading assignments: exec cannot go in front of them, so no fix',
      code: deployment(`          command: ["sh", "-c", "cd /app && PORT=80 ./server"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ notExec`),
    },
    {
      name: 'a script through an alias is reported on the alias, without a fix',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    start: &start "./migrate && ./server"
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
          command: ["sh", "-c", *start]
#                               ^^^^^^ notExec
`,
    },
    {
      name: 'a native sidecar of a Job is stopped with SIGTERM when the job ends',
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
          command: ["sh", "-c", "./proxy --listen 15001 & sleep infinity"]
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ stays
      containers:
        - {name: job, image: j}
`,
      messages: ['ends in `sleep`, which ignores SIGTERM as PID 1'],
    },
    {
      name: 'a bare Pod in a List, script over several lines in a folded plain scalar: reported, no fix',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: a
          command:
            - sh
            - -c
            - ./migrate &&
              ./server
`,
      errors: [{ messageId: 'notExec', line: 14, column: 15, endLine: 15, endColumn: 23 }],
    },
  ],
});
