import { rule } from '../../server/src/rules/init-container-restart-policy';
import { run } from '../support/rule-tester';

const pod = (init: string, app = '    - {name: app, image: a}'): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
${init}
  containers:
${app}
`;

run(rule, {
  valid: [
    { name: 'native sidecar', code: pod('    - name: proxy\n      image: p\n      restartPolicy: Always') },
    { name: 'no restartPolicy', code: pod('    - name: migrate\n      image: m') },
    {
      name: 'from 1.35, container restart rules allow OnFailure/Never on init and app containers',
      version: '1.35',
      code: pod('    - name: migrate\n      image: m\n      restartPolicy: Never', '    - name: app\n      image: a\n      restartPolicy: OnFailure'),
    },
    { name: 'templated value is unknown', code: pod('    - name: m\n      image: m\n      restartPolicy: {{ .Values.policy }}') },
  ],
  invalid: [
    {
      name: 'OnFailure on an init container before 1.35',
      version: '1.33',
      code: pod(`    - name: migrate
      image: m
      restartPolicy: OnFailure
#                    ^^^^^^^^^ initOnlyAlways`),
      messages: ['restartPolicy "OnFailure" is rejected by Kubernetes 1.33. It accepts only "Always"'],
      fixTitles: ['Remove restartPolicy from "migrate"', 'Set restartPolicy: Always (make "migrate" a native sidecar)'],
      output: pod('    - name: migrate\n      image: m'),
    },
    {
      name: 'the sidecar fix is preferred for a container that never exits; 1.34 drops the value silently (ContainerRestartRules off)',
      version: '1.34',
      code: pod(`    - name: shipper
      image: busybox
      restartPolicy: "Never"
#                    ^^^^^^^ initDropped
      command: ["tail", "-f", "/log"]`),
      messages: [
        'Pod p › shipper: init container restartPolicy "Never" is silently dropped. Container restart rules are off by default in Kubernetes 1.34 (on from 1.35), so the init container follows the pod\'s restartPolicy.',
      ],
      output: pod(`    - name: shipper
      image: busybox
      restartPolicy: "Always"
      command: ["tail", "-f", "/log"]`),
    },
    {
      name: 'an app container before 1.35',
      version: '1.30',
      code: pod(
        '    - name: migrate\n      image: m',
        `    - name: app
      image: a
      restartPolicy: Always
#                    ^^^^^^ appNotAllowed`,
      ),
      messages: ['Pod p › app: restartPolicy on an app container is rejected by Kubernetes 1.30. Container restart rules need 1.35'],
      output: pod('    - name: migrate\n      image: m', '    - name: app\n      image: a'),
    },
    {
      name: 'an app container on 1.34: dropped, not rejected',
      version: '1.34',
      code: pod(
        '    - name: migrate\n      image: m',
        `    - name: app
      image: a
      restartPolicy: Never
#                    ^^^^^ appDropped`,
      ),
      messages: [
        'Pod p › app: restartPolicy on an app container is silently dropped. Container restart rules are off by default in Kubernetes 1.34 (on from 1.35)',
      ],
      output: pod('    - name: migrate\n      image: m', '    - name: app\n      image: a'),
    },
    {
      name: 'a misspelt value in any version',
      code: pod(`    - name: migrate
      image: m
      restartPolicy: always
#                    ^^^^^^ invalidValue`),
      output: pod('    - name: migrate\n      image: m'),
    },
  ],
});
