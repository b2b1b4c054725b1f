import { rule } from '../../server/src/rules/exec-shell-syntax';
import { run } from '../support/rule-tester';

const pod = (container: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: a
${container}
`;

const probe = (command: string): string =>
  pod(`      readinessProbe:
        exec:
          command: ${command}`);

run(rule, {
  valid: [
    { name: 'through sh -c', code: probe('["sh", "-c", "cat /tmp/ready && curl -fs localhost:8080 > /dev/null"]') },
    { name: 'through /bin/bash -ec', code: probe('["/bin/bash", "-ec", "test -f /tmp/ready || exit 1"]') },
    { name: 'through busybox sh', code: probe('["busybox", "sh", "-c", "wget -qO- localhost | grep ok"]') },
    { name: 'through cmd in a Windows container', code: probe('["C:\\\\Windows\\\\System32\\\\cmd.exe", "/c", "type C:\\\\ready.txt && exit 0"]') },
    { name: 'through a wrapper, then a shell', code: probe('["tini", "--", "/bin/sh", "-c", "test -f /tmp/ready"]') },
    {
      name: 'the kubelet expands $(VAR) in an exec probe from static env values, and $$(VAR) is an escape',
      code: pod(`      env:
        - {name: ADDR, value: "127.0.0.1"}
        - {name: PORT, value: "8080"}
      readinessProbe:
        exec:
          command: ["/app/check", "--addr=$(ADDR):8080", "$(PORT)", "$$(LITERAL)"]`),
    },
    {
      name: 'a templated env list may define anything',
      code: pod('      env: {{ toYaml .Values.env | nindent 8 }}\n      livenessProbe:\n        exec:\n          command: ["/check", "$(TOKEN)"]'),
    },
    {
      name: 'command and args expand $(VAR) from the whole environment, valueFrom included',
      code: pod('      env:\n        - name: POD_IP\n          valueFrom: {fieldRef: {fieldPath: status.podIP}}\n      command: ["/app", "--addr=$(POD_IP)"]'),
    },
    { name: 'a URL with a query string is not a glob', code: probe('["wget", "-qO-", "http://localhost:8080/health?full=1"]') },
    { name: 'a host:port URL with a query string', code: probe('["curl", "-f", "localhost:8080/ready?verbose=true"]') },
    { name: 'a regex given to grep is not a path', code: probe('["grep", "-q", "ready.*true", "/tmp/status"]') },
    { name: 'awk, jq, sed and python have their own $ and |', code: probe('["awk", "{ if ($1 > 5) exit 1 }", "/proc/loadavg"]') },
    { name: 'jq filters', code: probe(`["jq", "-e", ".status | test(\\"ok\\")", "/tmp/s.json"]`) },
    { name: 'python code', code: probe('["python3", "-c", "import sys; sys.exit(0 if open(\'/tmp/ok\').read() else 1)"]') },
    { name: 'SQL with ; and > in a query client', code: probe('["mysql", "-h", "127.0.0.1", "-e", "SELECT 1; SELECT count(*) > 0 FROM t"]') },
    { name: 'find -exec with its own ;', code: probe('["find", "/tmp", "-name", "*.lock", "-exec", "rm", "{}", ";"]') },
    { name: 'test / [ use < and >', code: probe('["[", "-f", "/tmp/ready", "]"]') },
    { name: 'a pattern that is not a path', code: probe('["/bin/check", "--include", "*.log"]') },
    { name: 'a Go template format with | is not a pipe', code: probe('["/bin/kubectl", "get", "pod", "-o", "go-template={{ .status.phase | printf }}"]') },
    {
      name: 'only args: the image entrypoint may well be a shell',
      code: pod(`      args: ["echo $HOME | wc -c"]`),
    },
    {
      name: 'a templated argument is not known',
      code: pod(`      command: ["/app", "{{ .Values.flag }}", "|", "tee"]`),
    },
    {
      name: 'probes of plain init containers are rejected as a whole (their exec is not judged)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: i, readinessProbe: {exec: {command: [cat, /x, "&&", "y"]}}}
  containers:
    - {name: app, image: a}
`,
    },
  ],
  invalid: [
    {
      name: 'an exec preStop hook never expands $(VAR): the program gets the literal text',
      code: pod(`      env:
        - {name: DRAIN_SECONDS, value: "10"}
      lifecycle:
        preStop:
          exec:
            command: ["/app/drain", "--wait", "$(DRAIN_SECONDS)"]
#                                             ^^^^^^^^^^^^^^^^^^ hookVar`),
      messages: [
        'Pod p › app: lifecycle.preStop.exec passes $(DRAIN_SECONDS) to "/app/drain" as literal text. The kubelet never expands $(VAR) references in exec lifecycle hooks',
      ],
    },
    {
      name: 'an exec probe does not expand a valueFrom variable: it becomes empty',
      code: pod(`      env:
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
      livenessProbe:
        exec:
          command: ["/app/check", "--addr=$(POD_IP):8080"]
#                                 ^^^^^^^^^^^^^^^^^^^^^^^ probeVar`),
      messages: [
        'Pod p › app: livenessProbe.exec uses $(POD_IP), which the kubelet does not expand here. In exec probes the kubelet expands $(VAR) only from env entries with a static `value:`; POD_IP comes from valueFrom, so the probe gets an empty string.',
      ],
    },
    {
      name: 'an exec probe with a variable the env does not define: it stays literal',
      code: probe(`["/app/check", "$(PORT)"]
#                                 ^^^^^^^^^ probeVar`),
      messages: ['PORT is not one, so the probe gets the literal text'],
    },
    {
      name: '&& as its own argument in a probe (flow)',
      code: pod(`      readinessProbe:
        exec:
          command: ["cat", "/tmp/healthy", "&&", "curl", "-f", "localhost:8080"]
#                                          ^^^^ shell`),
      messages: ['Pod p › app: readinessProbe.exec runs "cat" without a shell. So the "&&" operator is passed to it as literal text'],
      fixTitles: ['Run the command with sh -c'],
      output: probe('["sh", "-c", "cat /tmp/healthy && curl -f localhost:8080"]'),
    },
    {
      name: 'a variable reference in a block sequence; the fix keeps the block style',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16
          livenessProbe:
            exec:
              command:
                - pg_isready
                - -U
                - $POSTGRES_USER
#                 ^^^^^^^^^^^^^^ shell
            periodSeconds: 10
`,
      messages: ['the variable reference $POSTGRES_USER'],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16
          livenessProbe:
            exec:
              command:
                - sh
                - -c
                - "pg_isready -U \\"$POSTGRES_USER\\""
            periodSeconds: 10
`,
    },
    {
      name: 'a container command with args: a glob in a path; the args move into the script',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: d
spec:
    template:
        spec:
            containers:
                -   name: app
                    image: a
                    command: ["/app/server"]
                    args:
                        - --config
                        - /etc/app/*.yaml
#                         ^^^^^^^^^^^^^^^ shell
                        - --name
                        - my app
                    ports: [{containerPort: 80}]
`,
      messages: ['Deployment d › app: the command runs "/app/server" without a shell. So the wildcard in "/etc/app/*.yaml" is passed'],
      fixTitles: ['Run command and args with sh -c'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: d
spec:
    template:
        spec:
            containers:
                -   name: app
                    image: a
                    command: ["sh", "-c", "/app/server --config /etc/app/*.yaml --name \\"my app\\""]
                    ports: [{containerPort: 80}]
`,
    },
    {
      name: 'a preStop hook with ; between two commands',
      code: pod(`      lifecycle:
        preStop:
          exec:
            command: [nginx, -s, quit, ";", sleep, "5"]
#                                      ^^^ shell`),
      messages: ['Pod p › app: lifecycle.preStop.exec runs "nginx" without a shell'],
      output: pod(`      lifecycle:
        preStop:
          exec:
            command: ["sh", "-c", "nginx -s quit ; sleep 5"]`),
    },
    {
      name: 'a whole script written as one argument',
      code: pod(`      readinessProbe:
        exec:
          command: ["cat /tmp/ready || exit 1"]
#                   ^^^^^^^^^^^^^^^^^^^^^^^^^^ shell`),
      messages: ['the "||" operator in "cat /tmp/ready || exit 1"'],
      output: probe('["sh", "-c", "cat /tmp/ready || exit 1"]'),
    },
    {
      name: 'a redirection, a command substitution, a glued variable',
      code: pod(`      readinessProbe:
        exec: {command: [redis-cli, ping, 2>/dev/null]}
#                                         ^^^^^^^^^^^ shell
      livenessProbe:
        exec: {command: [/bin/check, --token, "$(cat /var/run/token)"]}
#                                             ^^^^^^^^^^^^^^^^^^^^^^^ shell
      startupProbe:
        exec: {command: [mysqladmin, ping, "-p$MYSQL_ROOT_PASSWORD"]}
#                                          ^^^^^^^^^^^^^^^^^^^^^^^^ shell`),
      messages: [
        'the redirection "2>/dev/null"',
        'the command substitution in "$(cat /var/run/token)"',
        'the variable reference $MYSQL_ROOT_PASSWORD in "-p$MYSQL_ROOT_PASSWORD"',
      ],
      output: pod(`      readinessProbe:
        exec: {command: ["sh", "-c", "redis-cli ping 2>/dev/null"]}
      livenessProbe:
        exec: {command: [/bin/check, --token, "$(cat /var/run/token)"]}
      startupProbe:
        exec: {command: [mysqladmin, ping, "-p$MYSQL_ROOT_PASSWORD"]}`),
    },
    {
      name: 'an init container command and a CronJob; a command shared through an anchor gets no fix',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: prepare
              image: i
              command: &prepare [/bin/fetch, "$HOME/inputs"]
#                                            ^^^^^^^^^^^^^^ shell
          containers:
            - name: job
              image: j
              command: *prepare
#                      ^^^^^^^^ shell
`,
      messages: ['CronJob c › prepare: the command runs "/bin/fetch" without a shell', 'CronJob c › job: the command runs "/bin/fetch" without a shell'],
    },
  ],
});
