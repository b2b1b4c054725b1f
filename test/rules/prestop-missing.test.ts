import { rule } from '../../server/src/rules/prestop-missing';
import { run } from '../support/rule-tester';

const deployment = (podSpec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${podSpec}
`;

/**
 * A Deployment (or DaemonSet) with `replicas` pods and, when `service` is given, a Service with that selector in the
 * same file; `hook` adds the preStop hook the fix writes. The container's name is on line 12, column 17.
 */
const served = (opts: { kind?: string; replicas?: number; service?: string; hook?: boolean }): string => `apiVersion: apps/v1
kind: ${opts.kind ?? 'Deployment'}
metadata: {name: web}
spec:
${opts.replicas !== undefined ? `  replicas: ${opts.replicas}\n` : ''}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
${opts.hook ? '          lifecycle:\n            preStop:\n              sleep:\n                seconds: 5\n' : ''}${
  opts.service
    ? `---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: ${opts.service}}
  ports: [{port: 80, targetPort: 8080}]
`
    : ''
}`;

/** The finding on the container's name, at the level the workload's traffic calls for. */
const at = (line: number, severity: 'info' | 'hint') => [{ messageId: 'missing', line, column: 17, endLine: line, endColumn: 20, severity }];

run(rule, {
  valid: [
    {
      name: 'a serving container with a preStop hook',
      code: deployment(`      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          lifecycle:
            preStop:
              exec: {command: ["sleep", "5"]}`),
    },
    {
      name: 'a container without ports does not serve',
      code: deployment(`      containers:
        - name: worker
          image: w`),
    },
    {
      name: 'a Job is not rolled and does not serve',
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: job, image: j, ports: [{containerPort: 80}]}
`,
    },
    {
      name: 'a bare Pod is not replaced by a rolling update',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: app, image: a, ports: [{containerPort: 80}]}
`,
    },
    {
      name: 'a native sidecar with ports is not the serving app container',
      code: deployment(`      initContainers:
        - {name: proxy, image: p, restartPolicy: Always, ports: [{containerPort: 15001}]}
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          lifecycle: {preStop: {sleep: {seconds: 5}}}`),
    },
    {
      name: 'Helm-templated documents are skipped: the hook may come from the template',
      code: deployment(`      containers:
        - name: app
          image: {{ .Values.image }}
          ports: [{containerPort: 8080}]
          {{- with .Values.lifecycle }}
          lifecycle: {{ toYaml . | nindent 12 }}
          {{- end }}`),
    },
    {
      name: 'a grace period of 0 runs no hook at all (termination-grace-zero reports it)',
      code: deployment(`      terminationGracePeriodSeconds: 0
      containers:
        - {name: app, image: a, ports: [{containerPort: 80}]}`),
    },
    {
      name: 'a lifecycle shared through an anchor that holds preStop',
      code: deployment(`      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          lifecycle: &hooks
            preStop: {sleep: {seconds: 5}}
        - name: admin
          image: a
          ports: [{containerPort: 9090}]
          lifecycle: *hooks`),
    },
  ],
  invalid: [
    {
      name: 'several replicas behind a Service of the workspace: an info, since a rollout drops served connections',
      code: served({ replicas: 3, service: 'web' }),
      errors: at(13, 'info'),
      output: served({ replicas: 3, service: 'web', hook: true }),
    },
    {
      name: 'a DaemonSet (a pod per node) behind a Service: an info',
      code: served({ kind: 'DaemonSet', service: 'web' }),
      errors: at(12, 'info'),
      output: served({ kind: 'DaemonSet', service: 'web', hook: true }),
    },
    {
      name: 'one replica behind a Service: a hint',
      code: served({ service: 'web' }),
      errors: at(12, 'hint'),
      output: served({ service: 'web', hook: true }),
    },
    {
      name: 'several replicas that no Service selects: a hint',
      code: served({ replicas: 3, service: 'other' }),
      errors: at(13, 'hint'),
      output: served({ replicas: 3, service: 'other', hook: true }),
    },
    {
      name: 'a Deployment; the fix adds the sleep action in block style',
      code: deployment(`      containers:
        - name: app
#               ^^^ missing
          image: a
          ports:
            - containerPort: 8080`),
      messages: ['Deployment web › app: serving container has no preStop hook'],
      fixTitles: ['Add a preStop hook that sleeps 5 s to "app"'],
      output: deployment(`      containers:
        - name: app
          image: a
          ports:
            - containerPort: 8080
          lifecycle:
            preStop:
              sleep:
                seconds: 5`),
    },
    {
      name: 'before 1.30 the fix uses exec of sleep; a StatefulSet with 4-space indentation',
      version: '1.29',
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
            containers:
                -   name: db
#                         ^^ missing
                    image: d
                    ports:
                        -   containerPort: 5432
`,
      fixTitles: ['Add a preStop hook that runs `sleep 5` in "db" (needs a sleep binary in the image)'],
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
            containers:
                -   name: db
                    image: d
                    ports:
                        -   containerPort: 5432
                    lifecycle:
                        preStop:
                            exec:
                                command: ["sleep", "5"]
`,
    },
    {
      name: 'a flow-style container in a DaemonSet gets a flow-style hook',
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
        - {name: agent, image: a, ports: [{containerPort: 9100}]}
#                ^^^^^ missing
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
        - {name: agent, image: a, ports: [{containerPort: 9100}], lifecycle: {preStop: {sleep: {seconds: 5}}}}
`,
    },
    {
      name: 'a lifecycle with only postStart gets preStop added inside it',
      code: deployment(`      terminationGracePeriodSeconds: 10
      containers:
        - name: app
#               ^^^ missing
          image: a
          ports: [{containerPort: 8080}]
          lifecycle:
            postStart:
              exec: {command: ["/warm-up"]}`),
      output: deployment(`      terminationGracePeriodSeconds: 10
      containers:
        - name: app
          image: a
          ports: [{containerPort: 8080}]
          lifecycle:
            postStart:
              exec: {command: ["/warm-up"]}
            preStop:
              sleep:
                seconds: 5`),
    },
    {
      name: 'a grace period under 10 s leaves no room for the sleep: reported without a fix',
      code: deployment(`      terminationGracePeriodSeconds: 8
      containers:
        - name: app
#               ^^^ missing
          image: a
          ports: [{containerPort: 8080}]`),
    },
    {
      name: 'an unnamed container in a ReplicaSet inside a List is reported on its first key',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      selector:
        matchLabels: {app: rs}
      template:
        metadata:
          labels: {app: rs}
        spec:
          containers:
            - image: a
#             ^^^^^ missing
              ports: [{containerPort: 80}]
`,
      messages: ['ReplicaSet rs › containers[0]: serving container has no preStop hook'],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      selector:
        matchLabels: {app: rs}
      template:
        metadata:
          labels: {app: rs}
        spec:
          containers:
            - image: a
              ports: [{containerPort: 80}]
              lifecycle:
                preStop:
                  sleep:
                    seconds: 5
`,
    },
    {
      name: 'ports merged in from a shared container base still make the container serve',
      code: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  selector: {app: rc}
  template:
    metadata:
      labels: {app: rc}
    spec:
      containers:
        - <<: &base
            image: a
            ports: [{containerPort: 80}]
          name: web
#               ^^^ missing
`,
      output: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  selector: {app: rc}
  template:
    metadata:
      labels: {app: rc}
    spec:
      containers:
        - <<: &base
            image: a
            ports: [{containerPort: 80}]
          name: web
          lifecycle:
            preStop:
              sleep:
                seconds: 5
`,
    },
  ],
});
