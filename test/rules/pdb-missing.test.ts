import { rule } from '../../server/src/rules/pdb-missing';
import { run } from '../support/rule-tester';

const deployment = (replicas: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${extra}spec:
${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`;

const pdb = (selector: string, apiVersion = 'policy/v1', extra = ''): string => `---
apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
${extra}spec:
  maxUnavailable: 1
${selector}
`;

run(rule, {
  valid: [
    { name: 'one replica', code: deployment('  replicas: 1') },
    { name: 'replicas not set (1, or an autoscaler decides)', code: deployment('  minReadySeconds: 5') },
    { name: 'a matching budget after it', code: deployment('  replicas: 3') + pdb('  selector:\n    matchLabels: {app: web}') },
    {
      name: 'a matching budget before it, by expression',
      code: pdb('  selector:\n    matchExpressions: [{key: tier, operator: In, values: [front]}]').slice(4) + '---\n' + deployment('  replicas: 3'),
    },
    { name: 'a policy/v1 empty selector selects every pod of the namespace', code: deployment('  replicas: 3') + pdb('  selector: {}') },
    {
      name: 'a templated budget may select it',
      code: deployment('  replicas: 3') + pdb('  selector:\n    matchLabels:\n      {{- include "web.selectorLabels" . | nindent 6 }}'),
    },
    { name: 'a Helm-templated workload', code: deployment('  replicas: {{ .Values.replicas }}') },
    { name: 'a templated workload document with a literal count', code: deployment('  replicas: 3', '  labels: {{ include "labels" . }}\n') },
    {
      name: 'a DaemonSet is not covered by this rule',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: a}]\n',
    },
    {
      name: 'a budget in the same List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db, namespace: data}
    spec:
      serviceName: db
      replicas: 3
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          containers: [{name: db, image: example/db:1.0}]
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: db, namespace: data}
    spec:
      minAvailable: 2
      selector: {matchLabels: {app: db}}
`,
    },
  ],
  invalid: [
    {
      name: 'three replicas, no budget: the fix appends one',
      code: `apiVersion: apps/v1
kind: Deployment
#     ^^^^^^^^^^ missing
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
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
      messages: ['Deployment web: 3 replicas and no PodDisruptionBudget. No budget in the workspace selects the pods of Deployment "web"'],
      fixTitles: ['Add PodDisruptionBudget "web-pdb" (maxUnavailable: 1)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
    },
    {
      name: 'a budget for other pods does not count; the new one goes between the documents, 4-space indentation',
      code: `apiVersion: apps/v1
kind: StatefulSet
#     ^^^^^^^^^^^ missing
metadata:
    name: db
spec:
    serviceName: db
    replicas: 2
    selector:
        matchLabels:
            app: db
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                - name: db
                  image: example/db:1.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
    name: cache
spec:
    maxUnavailable: 1
    selector:
        matchLabels:
            app: cache
`,
      messages: ['StatefulSet db: 2 replicas and no PodDisruptionBudget'],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    replicas: 2
    selector:
        matchLabels:
            app: db
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                - name: db
                  image: example/db:1.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
    name: db-pdb
spec:
    maxUnavailable: 1
    selector:
        matchLabels:
            app: db
    unhealthyPodEvictionPolicy: AlwaysAllow
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
    name: cache
spec:
    maxUnavailable: 1
    selector:
        matchLabels:
            app: cache
`,
    },
    {
      name: 'a budget in another namespace does not count; a document without a final line break',
      code:
        pdb('  selector:\n    matchLabels: {app: web}', 'policy/v1', '  namespace: other\n').slice(4) +
        `---
apiVersion: apps/v1
kind: Deployment
#     ^^^^^^^^^^ missing
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]`,
      output:
        pdb('  selector:\n    matchLabels: {app: web}', 'policy/v1', '  namespace: other\n').slice(4) +
        `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
    },
    {
      name: 'a policy/v1beta1 empty selector selects nothing; before 1.21 the fix writes policy/v1beta1; flow style',
      version: '1.20',
      code: `apiVersion: apps/v1
kind: Deployment
#     ^^^^^^^^^^ missing
metadata: {name: web}
spec: {replicas: 2, selector: {matchLabels: {app: web, "app.kubernetes.io/part-of": "true"}}, template: {metadata: {labels: {app: web, "app.kubernetes.io/part-of": "true"}}, spec: {containers: [{name: web, image: example/web:1.0}]}}}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: all}
spec: {minAvailable: 1, selector: {}}`,
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, selector: {matchLabels: {app: web, "app.kubernetes.io/part-of": "true"}}, template: {metadata: {labels: {app: web, "app.kubernetes.io/part-of": "true"}}, spec: {containers: [{name: web, image: example/web:1.0}]}}}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
      app.kubernetes.io/part-of: "true"
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: all}
spec: {minAvailable: 1, selector: {}}`,
    },
  ],
});
