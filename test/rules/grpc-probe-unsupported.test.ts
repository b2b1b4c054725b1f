import { rule } from '../../server/src/rules/grpc-probe-unsupported';
import { run } from '../support/rule-tester';

const deployment = (probes: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - name: api
          image: a
${probes}
`;

run(rule, {
  valid: [
    {
      name: 'from 1.24 gRPC probes are on by default',
      version: '1.24',
      code: deployment(`          readinessProbe: {grpc: {port: 9090}}`),
    },
    {
      name: 'the newest version',
      code: deployment(`          livenessProbe: {grpc: {port: 9090, service: health}}`),
    },
    {
      name: 'other handlers on an old version; an empty grpc key is not set',
      version: '1.23',
      code: deployment(`          readinessProbe: {tcpSocket: {port: 9090}}
          livenessProbe:
            grpc:
            exec: {command: [/bin/grpc_health_probe, -addr=:9090]}`),
    },
  ],
  invalid: [
    {
      name: 'a readinessProbe on 1.23, where the gate is off by default',
      version: '1.23',
      code: deployment(`          readinessProbe:
            grpc:
#           ^^^^ unsupported
              port: 9090`),
      messages: [
        'Deployment d › api: readinessProbe uses gRPC, which Kubernetes 1.23 does not run. gRPC probes are on by default from 1.24: the probe is left without a working handler.',
      ],
    },
    {
      name: 'liveness and startup probes on 1.20; flow style; 4-space indentation',
      version: '1.20',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: s
spec:
    template:
        spec:
            containers:
                -   name: api
                    image: a
                    livenessProbe: {grpc: {port: 9090}}
#                                   ^^^^ unsupported
                    startupProbe:
                        grpc: {port: 9090}
#                       ^^^^ unsupported
`,
      messages: ['StatefulSet s › api: livenessProbe uses gRPC', 'StatefulSet s › api: startupProbe uses gRPC'],
    },
    {
      name: 'a grpc handler merged in from an anchor is reported on the merge key; a bare Pod in a List',
      version: '1.22',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: api
          image: a
          readinessProbe:
            <<: {grpc: {port: 9090}}
#           ^^ unsupported
`,
    },
  ],
});
