import { rule } from '../../server/src/rules/startup-exceeds-progress-deadline';
import { run } from '../support/rule-tester';

const deployment = (spec: string, probe: string, apiVersion = 'apps/v1'): string => `apiVersion: ${apiVersion}
kind: Deployment
metadata: {name: search}
spec:
${spec}
  selector:
    matchLabels: {app: search}
  template:
    metadata:
      labels: {app: search}
    spec:
      containers:
        - name: search
          image: example/search:1.0
${probe}`;

const startup = (failure: number, period = 10, delay?: number): string =>
  `          startupProbe:\n            httpGet: {path: /healthz, port: 8080}\n${delay !== undefined ? `            initialDelaySeconds: ${delay}\n` : ''}            periodSeconds: ${period}\n            failureThreshold: ${failure}\n`;

run(rule, {
  valid: [
    { name: '590 s is under the default 600', code: deployment('  replicas: 2', startup(59)) },
    { name: 'a longer deadline', code: deployment('  progressDeadlineSeconds: 1200', startup(60)) },
    { name: 'defaults: 3 × 10 s', code: deployment('  replicas: 2', '          startupProbe:\n            tcpSocket: {port: 8080}\n') },
    {
      name: 'a StatefulSet has no progress deadline',
      code: deployment('  replicas: 2', startup(60))
        .replace('kind: Deployment', 'kind: StatefulSet')
        .replace('spec:\n  replicas: 2', 'spec:\n  serviceName: search\n  replicas: 2'),
    },
    { name: "a deadline not over minReadySeconds is progress-deadline-not-greater's error", code: deployment('  minReadySeconds: 700', startup(60)) },
    {
      name: 'minReadySeconds does not add to the start: readiness is progress',
      code: deployment('  minReadySeconds: 100\n  progressDeadlineSeconds: 500', startup(45)),
    },
    {
      name: 'a templated failureThreshold',
      code: deployment('  replicas: 2', '          startupProbe:\n            tcpSocket: {port: 8080}\n            failureThreshold: {{ .Values.f }}\n'),
    },
    { name: 'a defaulted deadline in a templated document is not known', code: deployment('  replicas: {{ .Values.replicas }}', startup(60)) },
  ],
  invalid: [
    {
      name: '60 × 10 s reaches the default 600 s',
      code: deployment(
        '  replicas: 2',
        `          startupProbe:
#         ^^^^^^^^^^^^ reaches
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 60
`,
      ),
      messages: [
        "Deployment search › search: a slow start can fail the rollout (progress deadline). The startupProbe allows 600 s to start (failureThreshold × periodSeconds = 60 × 10), which reaches the Deployment's progressDeadlineSeconds (600 s, the default): a slow but healthy rollout is marked failed",
      ],
      output: deployment('  replicas: 2\n  progressDeadlineSeconds: 1200', startup(60)),
      fixTitles: ['Set progressDeadlineSeconds: 1200'],
    },
    {
      name: 'initialDelaySeconds counts; the written deadline is raised',
      code: deployment(
        '  minReadySeconds: 30\n  progressDeadlineSeconds: 270',
        `          startupProbe:
#         ^^^^^^^^^^^^ reaches
            httpGet: {path: /healthz, port: 8080}
            initialDelaySeconds: 20
            periodSeconds: 5
            failureThreshold: 50
`,
      ),
      messages: [
        "allows 270 s to start (initialDelaySeconds + failureThreshold × periodSeconds = 20 + 50 × 5), which reaches the Deployment's progressDeadlineSeconds (270 s)",
      ],
      output: deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 870', startup(50, 5, 20)),
    },
  ],
});
