import { rule } from '../../server/src/rules/single-replica-unavailable';
import { run } from '../support/rule-tester';

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
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

const hpa = (target: string): string => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 3
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

run(rule, {
  valid: [
    { name: 'one replica with the defaults: 0 unavailable, 1 surge', code: deployment('  replicas: 1') },
    { name: 'replicas not set, defaults', code: deployment('  minReadySeconds: 0') },
    { name: 'three replicas, maxUnavailable 1', code: deployment('  replicas: 3\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}') },
    { name: '50% of 2 rounds down to 1', code: deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 50%') },
    {
      name: 'maxSurge 0 and 10% of 3: the controller allows 1 of 3',
      code: deployment('  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 10%'),
    },
    {
      name: 'an autoscaler sets the count when replicas is not set',
      code: deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 1') + hpa('web'),
    },
    { name: 'Recreate is another rule', code: deployment('  replicas: 1\n  strategy:\n    type: Recreate') },
    { name: 'scaled to zero', code: deployment('  replicas: 0\n  strategy:\n    rollingUpdate: {maxUnavailable: 1}') },
    { name: 'templated values', code: deployment('  replicas: {{ .Values.replicas }}\n  strategy:\n    rollingUpdate: {maxUnavailable: 1}') },
    {
      name: 'replicas not set in a templated document',
      code: deployment(
        '  {{- if not .Values.autoscaling }}\n  {{- end }}\n  strategy:\n    rollingUpdate:\n      maxUnavailable: {{ .Values.unavailable }}\n      maxSurge: 0',
      ),
    },
    {
      name: 'both 0 is rejected and reported by rolling-update-zero-surge-and-unavailable',
      code: deployment('  replicas: 1\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}'),
    },
    {
      name: 'maxUnavailable over 100% is rejected, and reported by rolling-update-invalid-value',
      code: deployment('  replicas: 2\n  strategy:\n    rollingUpdate: {maxUnavailable: 150%}'),
    },
    { name: 'fixed', code: deployment('  replicas: 1\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1') },
  ],
  invalid: [
    {
      name: 'one replica, maxUnavailable 1',
      code: deployment(`  replicas: 1
  strategy:
    rollingUpdate:
      maxUnavailable: 1   # one at a time
#                     ^ allDown`),
      messages: ['It allows 1 of 1 replica(s) to be unavailable'],
      fixTitles: ['Set maxSurge: 1 and maxUnavailable: 0 (start each new pod before stopping an old one)'],
      output: deployment(`  replicas: 1
  strategy:
    rollingUpdate:
      maxUnavailable: 0   # one at a time
      maxSurge: 1`),
    },
    {
      name: '100% of 2, flow style',
      code: deployment(`  replicas: 2
  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 100%}}
#                                                           ^^^^ allDown`),
      messages: ['maxUnavailable 100% lets a rollout stop every pod at once. It allows 2 of 2 replica(s)'],
      output: deployment(`  replicas: 2
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}`),
    },
    {
      name: 'maxSurge 0 with the default maxUnavailable and replicas not set: reported on maxSurge',
      code: deployment(`  strategy:
    rollingUpdate:
      maxSurge: 0
#               ^ bumped`),
      messages: ['maxSurge 0 and maxUnavailable 25% (the default) both come to 0 for 1 (replicas not set) replica'],
      output: deployment(`  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0`),
    },
    {
      name: 'an autoscaler for another Deployment does not count',
      code:
        deployment(`  strategy:
    rollingUpdate:
      maxUnavailable: 1
#                     ^ allDown`) + hpa('api'),
      output:
        deployment(`  strategy:
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1`) + hpa('api'),
    },
    {
      name: '10% of 1 with maxSurge 0, 4-space indentation',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 1
    selector:
        matchLabels:
            app: web
    strategy:
        rollingUpdate:
            maxSurge: 0
            maxUnavailable: 10%
#                           ^^^ bumped
    template:
        metadata:
            labels:
                app: web
        spec:
            containers:
                - name: web
                  image: example/web:1.0
`,
      messages: ['maxSurge 0 and maxUnavailable 10% both come to 0 for 1 replica'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 1
    selector:
        matchLabels:
            app: web
    strategy:
        rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
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
      name: 'values merged in from an anchor: reported on the merge key, no fix',
      code: `x-rollout: &oneAtATime {maxSurge: 0, maxUnavailable: 1}
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate:
      <<: *oneAtATime
#     ^^ allDown
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
    },
  ],
});
