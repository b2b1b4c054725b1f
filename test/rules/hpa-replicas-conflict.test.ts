import { rule } from '../../server/src/rules/hpa-replicas-conflict';
import { run } from '../support/rule-tester';

const deployment = (spec: string, meta = '{name: web}', kind = 'Deployment'): string => `apiVersion: apps/v1
kind: ${kind}
metadata: ${meta}
spec:
${spec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: example/web:1.0}
`;

const hpa = (target: string, meta = '{name: web}', apiVersion = 'autoscaling/v2'): string => `---
apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: ${meta}
spec:
  scaleTargetRef: ${target}
  minReplicas: 2
  maxReplicas: 10
`;

run(rule, {
  valid: [
    { name: 'an autoscaled Deployment without replicas', code: deployment('  minReadySeconds: 5') + hpa('{apiVersion: apps/v1, kind: Deployment, name: web}') },
    { name: 'replicas without an autoscaler', code: deployment('  replicas: 3') },
    { name: 'the HPA scales another Deployment', code: deployment('  replicas: 3') + hpa('{apiVersion: apps/v1, kind: Deployment, name: api}') },
    { name: 'the HPA scales a StatefulSet of the same name', code: deployment('  replicas: 3') + hpa('{apiVersion: apps/v1, kind: StatefulSet, name: web}') },
    {
      name: 'the HPA is in another namespace',
      code: deployment('  replicas: 3', '{name: web, namespace: a}') + hpa('{apiVersion: apps/v1, kind: Deployment, name: web}', '{name: web, namespace: b}'),
    },
    {
      name: 'a templated target may point anywhere: say nothing',
      code: deployment('  replicas: 3') + hpa('{apiVersion: apps/v1, kind: Deployment, name: {{ .Values.name }}}'),
    },
    { name: 'an empty replicas is not written', code: deployment('  replicas:') + hpa('{apiVersion: apps/v1, kind: Deployment, name: web}') },
  ],
  invalid: [
    {
      name: 'an HPA scales the Deployment that writes replicas: the fix removes the line',
      code:
        deployment(`  replicas: 3
# ^^^^^^^^ conflict`) + hpa('{apiVersion: apps/v1, kind: Deployment, name: web}'),
      messages: [
        'Deployment web: replicas: 3 conflicts with HorizontalPodAutoscaler web. The autoscaler scales Deployment "web", so every apply resets the scale to 3',
      ],
      fixTitles: ['Remove spec.replicas (the autoscaler sets the count)'],
      output: deployment('  minReadySeconds: 0').replace('  minReadySeconds: 0\n', '') + hpa('{apiVersion: apps/v1, kind: Deployment, name: web}'),
    },
    {
      name: 'a StatefulSet scaled by an autoscaling/v1 HPA, in the same namespace',
      code:
        deployment(
          `  replicas: 2
# ^^^^^^^^ conflict`,
          '{name: web, namespace: shop}',
          'StatefulSet',
        ) + hpa('{apiVersion: apps/v1, kind: StatefulSet, name: web}', '{name: web, namespace: shop}', 'autoscaling/v1'),
      messages: ['StatefulSet web: replicas: 2 conflicts with HorizontalPodAutoscaler web'],
      output:
        deployment('  replicas: 2', '{name: web, namespace: shop}', 'StatefulSet').replace('  replicas: 2\n', '') +
        hpa('{apiVersion: apps/v1, kind: StatefulSet, name: web}', '{name: web, namespace: shop}', 'autoscaling/v1'),
    },
    {
      name: 'an Argo Rollout scaled by an HPA whose target kind is Rollout',
      code:
        `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  replicas: 4
# ^^^^^^^^ conflict
  selector:
    matchLabels: {app: web}
  strategy:
    canary: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: example/web:1.0}
` + hpa('{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}'),
      messages: ['Rollout web: replicas: 4 conflicts with HorizontalPodAutoscaler web'],
      output:
        `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  strategy:
    canary: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: example/web:1.0}
` + hpa('{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}'),
    },
    {
      name: 'a KEDA ScaledObject (target kind defaults to Deployment)',
      code:
        deployment(`  replicas: 3
# ^^^^^^^^ conflict`) +
        '---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web-scaler}\nspec:\n  scaleTargetRef: {name: web}\n  minReplicaCount: 1\n  maxReplicaCount: 10\n  triggers: []\n',
      messages: ['Deployment web: replicas: 3 conflicts with ScaledObject web-scaler'],
      output:
        deployment('  replicas: 3').replace('  replicas: 3\n', '') +
        '---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web-scaler}\nspec:\n  scaleTargetRef: {name: web}\n  minReplicaCount: 1\n  maxReplicaCount: 10\n  triggers: []\n',
    },
  ],
});
