import { rule } from '../../server/src/rules/probe-port-udp';
import { run } from '../support/rule-tester';

const pod = (containers: string): string => `apiVersion: v1
kind: Pod
metadata: {name: dns}
spec:
  containers:
${containers}`;

run(rule, {
  valid: [
    {
      name: 'a TCP port by name',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports: [{name: dns, containerPort: 53}]\n      readinessProbe: {tcpSocket: {port: dns}}\n',
      ),
    },
    {
      name: 'the same number also declared for TCP (DNS on 53/TCP and 53/UDP)',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports:\n        - {name: dns-udp, containerPort: 53, protocol: UDP}\n        - {name: dns-tcp, containerPort: 53, protocol: TCP}\n      livenessProbe: {tcpSocket: {port: 53}}\n',
      ),
    },
    {
      name: 'an exec probe on a UDP service',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports: [{name: dns, containerPort: 53, protocol: UDP}]\n      readinessProbe: {exec: {command: [check]}}\n',
      ),
    },
    {
      name: 'an httpGet probe to another host',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports: [{containerPort: 53, protocol: UDP}]\n      readinessProbe: {httpGet: {host: 10.0.0.1, port: 53}}\n',
      ),
    },
    {
      name: 'a templated protocol is not known',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports: [{name: dns, containerPort: 53, protocol: {{ .Values.proto }}}]\n      readinessProbe: {tcpSocket: {port: dns}}\n',
      ),
    },
    {
      name: 'a lifecycle hook is not a probe',
      code: pod(
        '    - name: dns\n      image: example/dns:1.0\n      ports: [{name: dns, containerPort: 53, protocol: UDP}]\n      lifecycle: {preStop: {httpGet: {port: dns}}}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a tcpSocket readiness probe by name',
      code: pod(`    - name: dns
      image: example/dns:1.0
      ports:
        - {name: dns, containerPort: 53, protocol: UDP}
      readinessProbe:
        tcpSocket: {port: dns}
#                         ^^^ udp
`),
      messages: [
        'Pod dns › dns: readinessProbe checks port "dns" (53/UDP) over TCP. The container declares it as UDP only: nothing accepts the connection, so the pod never becomes ready',
      ],
    },
    {
      name: 'an httpGet liveness probe by number, and a grpc startup probe',
      code: pod(`    - name: stats
      image: example/statsd:1.0
      ports:
        - containerPort: 8125
          protocol: UDP
      livenessProbe:
        httpGet: {path: /, port: 8125}
#                                ^^^^ udp
      startupProbe:
        grpc: {port: 8125}
#                    ^^^^ udp
`),
      messages: ['the kubelet restarts the container again and again', 'the container never counts as started'],
    },
  ],
});
