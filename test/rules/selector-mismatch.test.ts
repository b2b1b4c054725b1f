import { rule } from '../../server/src/rules/selector-mismatch';
import { run } from '../support/rule-tester';

const deployment = (selector: string, labels: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
${selector}
  template:
    metadata:
${labels}
    spec:
      containers:
        - name: web
          image: example/web:1.0
`;

run(rule, {
  valid: [
    { name: 'matchLabels match', code: deployment('  selector:\n    matchLabels: {app: web}', '      labels: {app: web, version: "1.0"}') },
    {
      name: 'matchExpressions match',
      code: deployment(
        '  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n      - {key: canary, operator: DoesNotExist}\n      - {key: tier, operator: NotIn, values: [db]}\n      - {key: team, operator: Exists}',
        '      labels:\n        app: web\n        team: shop',
      ),
    },
    {
      name: 'a ReplicationController without a selector takes the template labels',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    metadata: {labels: {app: rc}}\n    spec:\n      containers: [{name: a, image: a}]\n',
    },
    {
      name: 'a ReplicationController with a matching selector',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: rc}\n  template:\n    metadata: {labels: {app: rc, tier: x}}\n    spec:\n      containers: [{name: a, image: a}]\n',
    },
    {
      name: 'a Job generates its selector',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    metadata: {labels: {app: other}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: a}]\n',
    },
    {
      name: 'Helm-templated labels are not known',
      code: deployment(
        '  selector:\n    matchLabels:\n      {{- include "web.selectorLabels" . | nindent 6 }}',
        '      labels:\n        {{- include "web.labels" . | nindent 8 }}',
      ),
    },
    {
      name: 'a CRD reusing the kind name',
      code: 'apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: x}}\n',
    },
  ],
  invalid: [
    {
      name: 'matchLabels value differs',
      code: deployment(
        `  selector:
    matchLabels:
      app: web
#     ^^^ mismatch`,
        '      labels:\n        app: frontend  # renamed',
      ),
      messages: ['It requires app=web, but the pod template has app=frontend: the API server rejects the Deployment'],
      fixTitles: ['Set the pod template label app: web'],
      output: deployment('  selector:\n    matchLabels:\n      app: web', '      labels:\n        app: web  # renamed'),
    },
    {
      name: 'a label missing from the template, flow style; quoted values stay strings',
      code: deployment(
        `  selector: {matchLabels: {app: web, version: "2"}}
#                                    ^^^^^^^ mismatch`,
        '      labels: {app: web}',
      ),
      messages: ['It requires version=2, but the pod template has no label "version"'],
      output: deployment('  selector: {matchLabels: {app: web, version: "2"}}', '      labels: {app: web, version: "2"}'),
    },
    {
      name: 'matchExpressions: In and NotIn, StatefulSet with 4-space indentation, template without labels',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchExpressions:
            - key: app
#                  ^^^ mismatch
              operator: In
              values: [db, postgres]
    template:
        spec:
            containers:
                - name: db
                  image: example/db:1.0
`,
      messages: ['It requires app in (db, postgres), but the pod template has no label "app"'],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
    name: db
spec:
    serviceName: db
    selector:
        matchExpressions:
            - key: app
              operator: In
              values: [db, postgres]
    template:
        metadata:
            labels:
                app: db
        spec:
            containers:
                - name: db
                  image: example/db:1.0
`,
    },
    {
      name: 'NotIn and DoesNotExist have no fix; metadata without labels',
      code: deployment(
        `  selector:
    matchLabels: {app: web}
    matchExpressions:
      - {key: track, operator: NotIn, values: [canary]}
#             ^^^^^ mismatch
      - {key: debug, operator: DoesNotExist}
#             ^^^^^ mismatch`,
        '      labels: {app: web, track: canary, debug: "true"}',
      ),
      messages: ['requires track notin (canary), but the pod template has track=canary', 'requires !debug, but the pod template has debug=true'],
    },
    {
      name: 'metadata without labels gets a labels block',
      code: deployment(
        `  selector:
    matchLabels:
      app.kubernetes.io/name: web
#     ^^^^^^^^^^^^^^^^^^^^^^ mismatch`,
        '      annotations: {owner: shop}',
      ),
      output: deployment(
        '  selector:\n    matchLabels:\n      app.kubernetes.io/name: web',
        '      annotations: {owner: shop}\n      labels:\n        app.kubernetes.io/name: web',
      ),
    },
    {
      name: 'apps/v1 requires a selector; the fix picks the app label',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web, version: "1.4"}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
      errors: [
        {
          messageId: 'missing',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 5,
          message: 'Deployment web: no spec.selector, which apps/v1 requires. The API server rejects the Deployment',
        },
      ],
      fixTitles: ['Add a selector matching the pod template (app=web)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels: {app: web, version: "1.4"}
    spec:
      containers: [{name: web, image: example/web:1.0}]
`,
    },
    {
      name: 'an empty selector is invalid (DaemonSet in a List)',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent}
    spec:
      selector: {}
#     ^^^^^^^^ empty
      template:
        metadata: {labels: {app: agent}}
        spec:
          containers: [{name: agent, image: example/agent:1.0}]
`,
    },
    {
      name: 'a ReplicationController selector, merged in from an anchor',
      code: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc, labels: &rcLabels {app: rc}}
spec:
  selector:
    <<: *rcLabels
#   ^^ mismatch
  template:
    metadata: {labels: {app: other}}
    spec:
      containers: [{name: a, image: a}]
`,
      messages: ['It requires app=rc, but the pod template has app=other: the API server rejects the ReplicationController'],
      output: `apiVersion: v1
kind: ReplicationController
metadata: {name: rc, labels: &rcLabels {app: rc}}
spec:
  selector:
    <<: *rcLabels
  template:
    metadata: {labels: {app: rc}}
    spec:
      containers: [{name: a, image: a}]
`,
    },
  ],
});
