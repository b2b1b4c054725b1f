import { rule } from '../../server/src/rules/pdb-unhealthy-eviction-policy';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'AlwaysAllow is set',
      code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n  unhealthyPodEvictionPolicy: AlwaysAllow\n',
    },
    {
      name: 'IfHealthyBudget written out is a choice',
      code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: db}\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: db}}\n  unhealthyPodEvictionPolicy: IfHealthyBudget\n',
    },
    {
      name: 'before 1.27 the field is off by default',
      version: '1.26',
      code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n',
    },
    {
      name: 'no budget number',
      code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n',
    },
    {
      name: 'a templated document may add it',
      code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: {{ .Release.Name }}}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n',
    },
  ],
  invalid: [
    {
      name: 'maxUnavailable without the policy',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
# ^^^^^^^^^^^^^^ missing
  selector:
    matchLabels: {app: web}
`,
      output: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
      fixTitles: ['Add unhealthyPodEvictionPolicy: AlwaysAllow'],
    },
    {
      name: 'flow style, 4-space indentation does not matter',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 50%, selector: {matchLabels: {app: web}}}
#      ^^^^^^^^^^^^ missing
`,
      output: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 50%, selector: {matchLabels: {app: web}}, unhealthyPodEvictionPolicy: AlwaysAllow}
`,
    },
  ],
});
