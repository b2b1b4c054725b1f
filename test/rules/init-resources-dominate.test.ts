import { rule } from '../../server/src/rules/init-resources-dominate';
import { run } from '../support/rule-tester';

run(rule, {
  valid: [
    {
      name: 'app containers request more than the init container',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      resources: {requests: {cpu: 500m, memory: 256Mi}}
  containers:
    - {name: a, image: a, resources: {requests: {cpu: 250m, memory: 128Mi}}}
    - {name: b, image: b, resources: {requests: {cpu: "0.25", memory: 128Mi}}}
`,
    },
    {
      name: 'sidecars count towards the running total (500m + 100m app = 600m = 100m init + 500m sidecar)',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, resources: {requests: {cpu: 500m}}}
    - {name: migrate, image: m, resources: {requests: {cpu: 100m}}}
  containers:
    - {name: a, image: a, resources: {requests: {cpu: 100m}}}
`,
    },
    {
      name: "a pod-level request (1.34+) replaces the containers' aggregate: the scheduler reserves 2 CPU / 2Gi, not the init container's request",
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: "2", memory: 2Gi}}
  initContainers:
    - name: migrate
      image: m
      resources: {requests: {cpu: "1", memory: 1Gi}}
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}
`,
    },
    {
      name: "a pod-level memory request replaces the containers' memory; a pod-level cpu limit alone stands for the cpu request no container makes",
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {memory: 2Gi}, limits: {cpu: "2"}}
  initContainers:
    - {name: migrate, image: m, resources: {requests: {memory: 1Gi}}}
  containers:
    - {name: app, image: a, resources: {requests: {memory: 256Mi}}}
`,
    },
  ],
  invalid: [
    {
      name: 'before 1.34 PodLevelResources is off and the API server drops spec.resources: the init container decides again',
      version: '1.33',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: "2"}}
  initContainers:
    - name: migrate
      image: m
      resources: {requests: {cpu: "1"}}
#                                 ^^^ dominates
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m}}}
`,
    },
    {
      name: 'a pod-level request for memory only: cpu is still set by the init container',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {memory: 2Gi}}
  initContainers:
    - name: migrate
      image: m
      resources: {requests: {cpu: "1", memory: 1Gi}}
#                                 ^^^ dominates
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}
`,
    },
    {
      name: 'a big migration request',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: m
          resources:
            requests:
              memory: 2Gi
#                     ^^^ dominates
      containers:
        - name: app
          image: a
          resources:
            requests:
              memory: 512Mi
`,
      messages: ["Deployment d › migrate: init container sets the pod's memory request to 2Gi, not 512Mi"],
    },
    {
      name: 'limits default the request; sidecars started before add up',
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: proxy, image: p, restartPolicy: Always, resources: {requests: {cpu: 200m}}}
    - name: warm
      image: w
      resources:
        limits: {cpu: "1"}
#                     ^^^ dominates
  containers:
    - {name: a, image: a, resources: {requests: {cpu: 300m}}}
`,
      messages: ['cpu request to 1200m, not 500m. The app containers and sidecars need 500m'],
    },
  ],
});
