import { rule } from '../../server/src/rules/service-port-mismatch';
import { run } from '../support/rule-tester';

const deployment = (ports: string, labels = '{app: web}', name = 'web'): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          ports:
${ports}
---
`;

const service = (ports: string, selector = '{app: web}'): string => `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: ${selector}
  ports:
${ports}
`;

const http = '            - {name: http, containerPort: 8080}';

run(rule, {
  valid: [
    { name: 'the named port is declared', code: deployment(http) + service('    - {port: 80, targetPort: http}') },
    { name: 'a numeric targetPort needs no declaration', code: deployment(http) + service('    - {port: 80, targetPort: 9090}') },
    { name: 'no targetPort: it defaults to the port number', code: deployment(http) + service('    - {port: 80}') },
    { name: 'no workload matches the selector: nothing is known', code: deployment(http) + service('    - {port: 80, targetPort: grpc}', '{app: api}') },
    {
      name: 'a Service without a selector (endpoints managed by hand)',
      code: deployment(http) + 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - {port: 80, targetPort: grpc}\n',
    },
    {
      name: 'a sidecar declares the port',
      code:
        deployment(http).replace(
          '      containers:',
          '      initContainers:\n        - {name: proxy, image: example/proxy:1, restartPolicy: Always, ports: [{name: admin, containerPort: 9901}]}\n      containers:',
        ) + service('    - {port: 9901, targetPort: admin}'),
    },
    {
      name: 'a templated workload may declare anything',
      code: deployment('            - {name: {{ .Values.portName }}, containerPort: 8080}') + service('    - {port: 80, targetPort: http}'),
    },
  ],
  invalid: [
    {
      name: 'a renamed port: the fix picks the close declared name',
      code:
        deployment(http) +
        service(`    - port: 80
      targetPort: htp
#                 ^^^ unknown`),
      messages: [
        'Service web: target port "htp" (TCP) is not declared by any selected container. No container of Deployment web declares it: this Service port gets no endpoints, so connections to it fail. Declared: http.',
      ],
      fixTitles: ['Change targetPort to "http"'],
      output: deployment(http) + service('    - port: 80\n      targetPort: http'),
    },
    {
      name: 'the protocol must match too: a UDP Service port and a TCP container port',
      code:
        deployment(http) +
        service(`    - port: 53
      protocol: UDP
      targetPort: http
#                 ^^^^ unknown`),
      messages: [/^Service web: target port "http" \(UDP\) is not declared by any selected container\..*Declared: no named ports\./],
    },
  ],
});
