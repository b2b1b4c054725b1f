import { rule } from '../../server/src/rules/progress-deadline-not-greater';
import { run } from '../support/rule-tester';

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
${spec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`;

run(rule, {
  valid: [
    { name: 'defaults: 600 > 0', code: deployment('  revisionHistoryLimit: 3') },
    { name: 'deadline above minReadySeconds', code: deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 31') },
    { name: 'minReadySeconds below the default deadline', code: deployment('  minReadySeconds: 599') },
    { name: 'templated values', code: deployment('  minReadySeconds: {{ .Values.minReady }}\n  progressDeadlineSeconds: 60') },
    { name: 'a templated document may write the deadline', code: deployment('  {{- with .Values.deadline }}\n  {{- end }}\n  minReadySeconds: 900') },
    {
      name: 'extensions/v1beta1 had no default deadline',
      code: `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web}
spec:
  minReadySeconds: 900
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
    },
    { name: 'fixed', code: deployment('  minReadySeconds: 900\n  progressDeadlineSeconds: 1500') },
  ],
  invalid: [
    {
      name: 'deadline below minReadySeconds',
      code: deployment(`  minReadySeconds: 120
  progressDeadlineSeconds: 60   # one minute
#                          ^^ notGreater`),
      messages: ['progressDeadlineSeconds 60 is not greater than minReadySeconds 120'],
      fixTitles: ['Set progressDeadlineSeconds: 720'],
      output: deployment(`  minReadySeconds: 120
  progressDeadlineSeconds: 720   # one minute`),
    },
    {
      name: 'equal values, flow style',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, minReadySeconds: 30, progressDeadlineSeconds: 30, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: example/web:1.0}]}}}
#                                                                 ^^ notGreater
`,
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, minReadySeconds: 30, progressDeadlineSeconds: 630, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: example/web:1.0}]}}}
`,
    },
    {
      name: 'minReadySeconds at or above the default deadline: reported on minReadySeconds, 4-space indentation',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 2
    minReadySeconds: 600
#                    ^^^ defaultDeadline
    selector:
        matchLabels:
            app: web
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                - name: web
                  image: example/web:1.0
`,
      messages: ['minReadySeconds 600 is not less than the default progressDeadlineSeconds (600)'],
      fixTitles: ['Add progressDeadlineSeconds: 1200'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 2
    minReadySeconds: 600
    progressDeadlineSeconds: 1200
    selector:
        matchLabels:
            app: web
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                - name: web
                  image: example/web:1.0
`,
    },
    {
      name: 'values merged in from an anchor: reported on the merge key; the fix overrides it with a key of its own',
      code: `x-timing: &slow {minReadySeconds: 900, progressDeadlineSeconds: 300}
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  <<: *slow
# ^^ notGreater
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
      messages: ['progressDeadlineSeconds 300 is not greater than minReadySeconds 900'],
      output: `x-timing: &slow {minReadySeconds: 900, progressDeadlineSeconds: 300}
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  <<: *slow
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
  progressDeadlineSeconds: 1500
`,
    },
  ],
});
