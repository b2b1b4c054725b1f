import { rule } from '../../server/src/rules/pdb-invalid';
import { run } from '../support/rule-tester';

const pdb = (budget: string, apiVersion = 'policy/v1'): string => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: web}
spec:
${budget}
  selector:
    matchLabels: {app: web}
`;

run(rule, {
  valid: [
    { name: 'minAvailable only', code: pdb('  minAvailable: 2') },
    { name: 'maxUnavailable 0% and 100% are allowed values', code: pdb('  maxUnavailable: 100%') + '---\n' + pdb('  maxUnavailable: "0%"') },
    { name: 'minAvailable 0', code: pdb('  minAvailable: 0') },
    { name: 'a templated value', code: pdb('  minAvailable: {{ .Values.min }}') },
    { name: 'not a PodDisruptionBudget of the core API', code: pdb('  minAvailable: 1\n  maxUnavailable: 1', 'example.com/v1') },
    { name: 'an empty value is defaulted, not both set', code: pdb('  minAvailable: 1\n  maxUnavailable:') },
  ],
  invalid: [
    {
      name: 'both set: reported on the second',
      code: pdb(`  minAvailable: 2
  maxUnavailable: 1
# ^^^^^^^^^^^^^^ both`),
      messages: ['("minAvailable and maxUnavailable cannot be both set")'],
    },
    {
      name: 'both set, maxUnavailable first, flow style, policy/v1beta1 validates the same',
      version: '1.24',
      code: `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {maxUnavailable: 1, minAvailable: 50%, selector: {matchLabels: {app: web}}}
#                         ^^^^^^^^^^^^ both
`,
    },
    {
      name: 'a negative integer',
      code: pdb(`  maxUnavailable: -1
#                 ^^ negative`),
      messages: ['maxUnavailable -1 is negative'],
    },
    {
      name: 'a percentage over 100%',
      code: pdb(`  minAvailable: "150%"
#               ^^^^^^ over100`),
      messages: ['minAvailable 150% is over 100%'],
    },
    {
      name: 'a quoted number is a string and not a percentage',
      code: pdb(`  minAvailable: "2"
#               ^^^ notPercent`),
      messages: ['minAvailable "2" is neither an integer nor a percentage'],
    },
    {
      name: 'both set and one of them invalid: two findings',
      code: pdb(`  minAvailable: 120%
#               ^^^^ over100
  maxUnavailable: 0
# ^^^^^^^^^^^^^^ both`),
    },
  ],
});
