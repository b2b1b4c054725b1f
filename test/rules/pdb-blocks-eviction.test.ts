import { rule } from '../../server/src/rules/pdb-blocks-eviction';
import { run } from '../support/rule-tester';

const deployment = (replicas: string, name = 'web'): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: example/web:1.0}
---
`;

const pdb = (budget: string, selector = '  selector:\n    matchLabels: {app: web}', apiVersion = 'policy/v1'): string => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: web}
spec:
${budget}
${selector}
`;

run(rule, {
  valid: [
    { name: 'minAvailable below the replica count', code: deployment('  replicas: 3') + pdb('  minAvailable: 2') },
    { name: 'maxUnavailable 1', code: deployment('  replicas: 1') + pdb('  maxUnavailable: 1') },
    { name: 'a percentage maxUnavailable rounds up to at least 1', code: deployment('  replicas: 2') + pdb('  maxUnavailable: 10%') },
    { name: 'minAvailable 50% of 3 rounds up to 2', code: deployment('  replicas: 3') + pdb('  minAvailable: 50%') },
    { name: 'minAvailable with no selected workload in the file: the count is not known', code: pdb('  minAvailable: 3') },
    { name: 'a budget for other pods', code: deployment('  replicas: 1') + pdb('  minAvailable: 1', '  selector:\n    matchLabels: {app: api}') },
    { name: 'no selector selects nothing', code: deployment('  replicas: 1') + pdb('  maxUnavailable: 0', '  unhealthyPodEvictionPolicy: AlwaysAllow') },
    {
      name: 'a policy/v1beta1 empty selector selects nothing',
      version: '1.24',
      code: deployment('  replicas: 1') + pdb('  maxUnavailable: 0', '  selector: {}', 'policy/v1beta1'),
    },
    {
      name: 'an autoscaled Deployment without replicas',
      code:
        deployment('  minReadySeconds: 0') +
        pdb('  minAvailable: 1') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n',
    },
    { name: 'templated values', code: deployment('  replicas: 2') + pdb('  minAvailable: {{ .Values.minAvailable }}') },
    { name: 'both set is rejected anyway', code: deployment('  replicas: 2') + pdb('  minAvailable: 2\n  maxUnavailable: 0') },
    {
      name: 'another namespace',
      code:
        deployment('  replicas: 1').replace('{name: web}', '{name: web, namespace: a}') +
        pdb('  minAvailable: 1').replace('{name: web}', '{name: web, namespace: b}'),
    },
  ],
  invalid: [
    {
      name: 'an HPA scales the Deployment: its minReplicas (3) is the count, whatever replicas says (5)',
      code:
        deployment('  replicas: 5') +
        pdb(`  minAvailable: 3
#               ^ blocksAtMin`) +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 10\n',
      messages: [
        "allows 0 disruptions at the autoscaler's minimum, so drains may never complete. For Deployment web at the minimum of 3 replicas (minAvailable 3)",
      ],
      fixTitles: ['Replace with maxUnavailable: 1 (drains evict one pod at a time)', 'Set minAvailable to 2 (one below the 3 replicas)'],
      output:
        deployment('  replicas: 5') +
        pdb('  maxUnavailable: 1') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 10\n',
    },
    {
      name: 'an HPA without minReplicas: its default minimum is 1, so minAvailable 1 blocks',
      code:
        deployment('  minReadySeconds: 0') +
        pdb(`  minAvailable: 1
#               ^ blocksAtMin`) +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 10\n',
      messages: ['at the minimum of 1 replica (minAvailable 1)'],
      output:
        deployment('  minReadySeconds: 0') +
        pdb('  maxUnavailable: 1') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 10\n',
    },
    {
      name: 'minAvailable equals the replica count',
      code:
        deployment('  replicas: 3') +
        pdb(`  minAvailable: 3
#               ^ blocks`),
      messages: [
        'PodDisruptionBudget web: allows 0 disruptions, so node drains never complete. For Deployment web (3 replicas, minAvailable 3), kubectl drain waits forever',
      ],
      output: deployment('  replicas: 3') + pdb('  maxUnavailable: 1'),
    },
    {
      name: 'minAvailable 1 on a single replica (replicas not set)',
      code:
        deployment('  minReadySeconds: 0') +
        pdb(`  minAvailable: 1
#               ^ blocks`),
      messages: ['For Deployment web (1 replica, minAvailable 1)'],
      fixTitles: ['Replace with maxUnavailable: 1 (drains evict one pod at a time)'],
      output: deployment('  minReadySeconds: 0') + pdb('  maxUnavailable: 1'),
    },
    {
      name: 'a percentage that rounds up to the replica count, flow style',
      code:
        deployment('  replicas: 3') +
        `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 90%, selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}
#                    ^^^ blocks
`,
      messages: ['(3 replicas, minAvailable 90% = 3)'],
      output:
        deployment('  replicas: 3') +
        `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {maxUnavailable: 1, selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}
`,
    },
    {
      name: 'maxUnavailable 0 needs no workload',
      code: pdb(`  maxUnavailable: 0
#                 ^ blocksAll`),
      messages: ['maxUnavailable 0 allows 0 disruptions for every selected pod'],
      output: pdb('  maxUnavailable: 1'),
    },
    {
      name: 'maxUnavailable "0%" with the workload named, two Deployments selected',
      code:
        deployment('  replicas: 2') +
        deployment('  replicas: 1', 'web-canary') +
        pdb(`  maxUnavailable: "0%"
#                 ^^^^ blocks`),
      messages: ['For Deployment web and Deployment web-canary (3 replicas, maxUnavailable 0%)'],
      // Written plain: a quoted "1" is a string without '%', which the API server rejects.
      output: deployment('  replicas: 2') + deployment('  replicas: 1', 'web-canary') + pdb('  maxUnavailable: 1'),
    },
    {
      name: 'minAvailable 100% of a DaemonSet (count not known), 4-space indentation, through an alias',
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
                - {name: agent, image: example/agent:1.0}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
    name: agent
    annotations: {all: &all 100%}
spec:
    minAvailable: *all
#                 ^^^^ blocksAll
    selector:
        matchLabels: {app: agent}
`,
      messages: ['minAvailable 100% allows 0 disruptions for every selected pod'],
    },
    {
      name: 'a StatefulSet in a List, with an empty policy/v1 selector (every pod of the namespace)',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      replicas: 2
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          containers: [{name: db, image: example/db:1.0}]
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: everything}
    spec:
      minAvailable: 2
#                   ^ blocks
      selector: {}
`,
      messages: ['For StatefulSet db (2 replicas, minAvailable 2)'],
      fix: 1,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      replicas: 2
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          containers: [{name: db, image: example/db:1.0}]
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: everything}
    spec:
      minAvailable: 1
      selector: {}
`,
    },
  ],
});
