import { rule } from '../../server/src/rules/qos-guaranteed-broken';
import { run } from '../support/rule-tester';

const guaranteed = '      resources:\n        requests: {cpu: "1", memory: 1Gi}\n        limits: {cpu: "1", memory: 1Gi}\n';

const pod = (init: string, app = guaranteed, extra = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: trading}
spec:
${extra}  initContainers:
    - name: init
      image: example/init:1.0
${init}  containers:
    - name: app
      image: example/app:1.0
${app}`;

run(rule, {
  valid: [
    { name: 'every container is Guaranteed-shaped', code: pod(guaranteed) },
    { name: 'limits only: requests default to the limits', code: pod('      resources:\n        limits: {cpu: 200m, memory: 128Mi}\n') },
    {
      name: 'the app containers are Burstable anyway',
      code: pod('      image: example/init:1.0\n', '      resources:\n        requests: {cpu: "1", memory: 1Gi}\n'),
    },
    { name: 'no resources at all (BestEffort)', code: pod('      image: example/init:1.0\n', '      image: example/app:1.0\n') },
    {
      name: 'pod-level resources decide the class from 1.34',
      code: pod('      image: example/init:1.0\n', guaranteed, '  resources:\n    requests: {cpu: "2", memory: 2Gi}\n    limits: {cpu: "2", memory: 2Gi}\n'),
    },
    {
      name: 'a templated limit is not known',
      code: pod('      resources:\n        requests: {cpu: 100m, memory: 64Mi}\n        limits: {cpu: {{ .Values.cpu }}, memory: 64Mi}\n'),
    },
    {
      name: 'a templated document may add the resources',
      code: pod('      image: example/init:1.0\n').replace('{name: trading}', '{name: {{ .Release.Name }}}'),
    },
  ],
  invalid: [
    {
      name: 'an init container with requests only: the limits are set to the requests',
      code: pod(`      resources:
#     ^^^^^^^^^ burstable
        requests:
          cpu: 500m
          memory: 256Mi
`),
      messages: [
        'Pod trading › init: the pod is Burstable, not Guaranteed. Every app container sets CPU and memory limits equal to its requests, but init container "init" sets no CPU limit and sets no memory limit',
      ],
      output: pod(`      resources:
        requests:
          cpu: 500m
          memory: 256Mi
        limits:
          cpu: 500m
          memory: 256Mi
`),
      fixTitles: ['Set the limits of "init" equal to its requests'],
    },
    {
      name: 'a sidecar whose memory limit differs (flow style)',
      code: pod(`      restartPolicy: Always
      resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 128Mi}}
#     ^^^^^^^^^ burstable
`),
      messages: ['but sidecar "init" has a memory limit that differs from its request'],
      output: pod(`      restartPolicy: Always
      resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}
`),
    },
    {
      name: 'an init container without resources: reported on its name, given the resources of the first app container',
      code: pod(`      command: [migrate]
`).replace(
        '    - name: init\n',
        `    - name: init
#           ^^^^ burstable
`,
      ),
      messages: ['but init container "init" sets no CPU or memory resources'],
      fixTitles: ['Give "init" the requests and limits of "app"'],
      output: pod(`      command: [migrate]
      resources:
        requests: {cpu: 1, memory: 1Gi}
        limits: {cpu: 1, memory: 1Gi}
`),
    },
    {
      name: 'a sidecar without resources: no fix (its resources add to the pod)',
      code: pod(`      restartPolicy: Always
`).replace(
        '    - name: init\n',
        `    - name: init
#           ^^^^ burstable
`,
      ),
      messages: ['but sidecar "init" sets no CPU or memory resources'],
    },
    {
      name: 'pod-level resources are not in force before 1.34',
      version: '1.33',
      code: pod(
        `      resources:
#     ^^^^^^^^^ burstable
        requests: {cpu: 100m, memory: 64Mi}
`,
        guaranteed,
        '  resources:\n    limits: {cpu: "2", memory: 2Gi}\n',
      ),
      output: pod(
        `      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits:
          cpu: 100m
          memory: 64Mi
`,
        guaranteed,
        '  resources:\n    limits: {cpu: "2", memory: 2Gi}\n',
      ),
    },
  ],
});
