import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import { rule } from '../../server/src/rules/removed-api-version';
import { run } from '../support/rule-tester';

const deployment = (apiVersion: string, selector = '  selector:\n    matchLabels: {app: web}\n'): string => `apiVersion: ${apiVersion}
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
${selector}  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: example/web:1.0}
`;

const pdb = (apiVersion: string, selector: string): string => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
${selector}
  unhealthyPodEvictionPolicy: AlwaysAllow
`;

run(rule, {
  valid: [
    { name: 'apps/v1', code: deployment('apps/v1') },
    { name: 'policy/v1beta1 is still served in 1.24', version: '1.24', code: pdb('policy/v1beta1', '  selector: {matchLabels: {app: web}}') },
    {
      name: 'autoscaling/v2beta2 is still served in 1.25',
      version: '1.25',
      code: 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n',
    },
    { name: 'a custom resource in its own group', code: 'apiVersion: example.com/v1beta1\nkind: Deployment\nmetadata: {name: web}\n' },
  ],
  invalid: [
    {
      name: 'batch/v1beta1 CronJob: only the apiVersion changes',
      code: `apiVersion: batch/v1beta1
#           ^^^^^^^^^^^^^ removed
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: example/report:1.0}]
`,
      messages: ['CronJob report: batch/v1beta1 is not served since 1.25; use batch/v1. The target is Kubernetes 1.36: the API server rejects the manifest.'],
      output: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: example/report:1.0}]
`,
      fixTitles: ['Use batch/v1'],
    },
    {
      name: 'extensions/v1beta1 Deployment with a selector, quoted: renamed, quotes kept',
      code: deployment('"extensions/v1beta1"').replace(
        'apiVersion: "extensions/v1beta1"\n',
        'apiVersion: "extensions/v1beta1"\n#           ^^^^^^^^^^^^^^^^^^^^ removedWithNote\n',
      ),
      messages: [
        'Deployment web: extensions/v1beta1 is not served since 1.16; use apps/v1. The target is Kubernetes 1.36: the API server rejects the manifest. Also, the rollout defaults change there',
      ],
      output: deployment('"apps/v1"'),
    },
    {
      name: 'extensions/v1beta1 Deployment without a selector: what else must change, no fix',
      code: deployment('extensions/v1beta1', '').replace(
        'apiVersion: extensions/v1beta1\n',
        'apiVersion: extensions/v1beta1\n#           ^^^^^^^^^^^^^^^^^^ removedWithNote\n',
      ),
      messages: [
        'use apps/v1. The target is Kubernetes 1.36: the API server rejects the manifest. Also, `spec.selector` is required there and must match the template labels',
      ],
    },
    {
      name: 'policy/v1beta1 PodDisruptionBudget with an empty selector: its meaning changes, no fix',
      version: '1.25',
      code: pdb('policy/v1beta1', '  selector: {}').replace(
        'apiVersion: policy/v1beta1\n',
        'apiVersion: policy/v1beta1\n#           ^^^^^^^^^^^^^^ removedWithNote\n',
      ),
      messages: [
        'PodDisruptionBudget web: policy/v1beta1 is not served since 1.25; use policy/v1. The target is Kubernetes 1.25: the API server rejects the manifest. Also, an empty `selector: {}` selects every pod of the namespace there',
      ],
    },
    {
      name: 'policy/v1beta1 PodDisruptionBudget with a selector',
      code: pdb('policy/v1beta1', '  selector: {matchLabels: {app: web}}').replace(
        'apiVersion: policy/v1beta1\n',
        'apiVersion: policy/v1beta1\n#           ^^^^^^^^^^^^^^ removed\n',
      ),
      output: pdb('policy/v1', '  selector: {matchLabels: {app: web}}'),
    },
    {
      name: 'autoscaling/v2beta2 HorizontalPodAutoscaler in a List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: autoscaling/v2beta2
#               ^^^^^^^^^^^^^^^^^^^ removed
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      maxReplicas: 3
`,
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      maxReplicas: 3
`,
    },
    {
      name: 'an extensions/v1beta1 PodSecurityPolicy moves to policy/v1beta1 before 1.25',
      version: '1.24',
      code: `apiVersion: extensions/v1beta1
#           ^^^^^^^^^^^^^^^^^^ removed
kind: PodSecurityPolicy
metadata: {name: restricted}
spec: {}
`,
      messages: ['PodSecurityPolicy restricted: extensions/v1beta1 is not served since 1.16; use policy/v1beta1.'],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec: {}
`,
    },
    {
      name: 'an extensions/v1beta1 Deployment with rollbackTo: apps/v1 has no such field, so no fix',
      code: deployment('extensions/v1beta1', '  selector:\n    matchLabels: {app: web}\n  rollbackTo: {revision: 1}\n').replace(
        'apiVersion: extensions/v1beta1\n',
        'apiVersion: extensions/v1beta1\n#           ^^^^^^^^^^^^^^^^^^ removedWithNote\n',
      ),
      messages: [
        'use apps/v1. The target is Kubernetes 1.36: the API server rejects the manifest. Also, `spec.selector` is required there and must match the template labels, `rollbackTo` is gone',
      ],
    },
    {
      name: 'PodSecurityPolicy has no replacement',
      code: `apiVersion: policy/v1beta1
#           ^^^^^^^^^^^^^^ gone
kind: PodSecurityPolicy
metadata: {name: restricted}
spec: {}
`,
      messages: ['PodSecurityPolicy restricted: policy/v1beta1 is not served since 1.25, with no replacement. The target is Kubernetes 1.36'],
    },
  ],
});

describe('removed-api-version with every rule', () => {
  it('a removed apiVersion gets this error, no schema findings, and the other rules still read the pod template', () => {
    const text = `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          readinessProbe: {httpGet: {path: /ready, port: http}}
`;
    const codes = analyse(text, RULES).map((p) => p.code);
    assert.ok(codes.includes('removed-api-version'));
    assert.ok(!codes.includes('schema'), 'no bundled schema for a removed version');
    assert.ok(codes.includes('probe-port-not-declared'), 'pod-template rules still apply');
  });
});
