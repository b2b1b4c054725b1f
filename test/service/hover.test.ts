// Hover at the service level: the computed figures for defaulted, explicit, percentage and aliased values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doHover } from '../../server/src/features/hover';
import type { Locale } from '../../server/src/l10n/locale';
import { NEWEST, parseVersion } from '../../server/src/k8s/versions';

/** Hovers at the `‸` in the text (the marker is removed first). */
export function hoverAt(marked: string, locale: Locale = 'en', version = NEWEST): string | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the text needs a ‸ marker');
  return doHover(marked.replace('‸', ''), offset, version, locale)?.markdown;
}

const deployment = (spec: string, template = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
${spec}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${template || '      containers:\n        - {name: app, image: a}'}
`;

describe('hover: probes', () => {
  it('startupProbe with defaults: 0 + 3 × 10 = 30 s', () => {
    const h = hoverAt(
      deployment('  replicas: 2', '      containers:\n        - name: app\n          image: a\n          ‸startupProbe: {httpGet: {path: /, port: 80}}'),
    );
    assert.match(h ?? '', /\*\*startupProbe\*\*/);
    assert.match(h ?? '', /0 \+ 3 × 10 = \*\*30 s\*\*/);
  });

  it('startupProbe with explicit values, hovering a field value', () => {
    const h = hoverAt(
      deployment(
        '  replicas: 2',
        '      containers:\n        - name: app\n          image: a\n          startupProbe:\n            httpGet: {path: /, port: 80}\n            periodSeconds: 5\n            failureThreshold: 3‸0\n            initialDelaySeconds: 10',
      ),
    );
    assert.match(h ?? '', /startupProbe\.failureThreshold/);
    assert.match(h ?? '', /Here: 30\./);
    assert.match(h ?? '', /10 \+ 30 × 5 = \*\*160 s\*\*/);
  });

  it('readinessProbe with an aliased period: removal window and earliest ready', () => {
    const h = hoverAt(`apiVersion: v1
kind: Pod
metadata: {name: p}
x-timing: &fast 2
spec:
  containers:
    - name: app
      image: a
      startupProbe: {exec: {command: ["true"]}}
      readinessProbe:
        exec: {command: ["true"]}
        ‸periodSeconds: *fast
        initialDelaySeconds: 4
        successThreshold: 2
`);
    assert.match(h ?? '', /Here: 2 s\./);
    // The kubelet counts initialDelaySeconds from container start, beside the startup probe (kubernetes/website#42539).
    assert.match(
      h ?? '',
      /Earliest ready:\*\* once the startup probe has succeeded, and no sooner than 6 s after the container starts \(2 successes, every 2 s, after the later of the two\)\. initialDelaySeconds counts from container start/,
    );
    assert.match(h ?? '', /Taken out of endpoints:\*\* 4–6 s after the app stops answering \(3 failures, every 2 s, each waiting up to 1 s\)/);
  });

  it('livenessProbe: a written 0 takes the default; held back by a startupProbe or not', () => {
    const held = hoverAt(
      deployment(
        '',
        '      containers:\n        - name: app\n          image: a\n          startupProbe: {tcpSocket: {port: 80}}\n          ‸livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 0, failureThreshold: 5}',
      ),
    );
    assert.match(held ?? '', /Restarted:\*\* 40–50 s/);
    assert.match(held ?? '', /A startupProbe holds it back/);
    const free = hoverAt(
      deployment('', '      containers:\n        - name: app\n          image: a\n          livenessProbe: {tcpSocket: {port: 80}, periodSeconds: ‸0}'),
    );
    assert.match(free ?? '', /Here: 10 s \(default\)\./);
    assert.match(free ?? '', /No startupProbe/);
  });
});

describe('hover: termination', () => {
  it('the shutdown timeline with a preStop sleep and an explicit grace period', () => {
    const h = hoverAt(
      deployment(
        '',
        '      ‸terminationGracePeriodSeconds: 45\n      containers:\n        - name: app\n          image: a\n          lifecycle:\n            preStop: {sleep: {seconds: 10}}',
      ),
    );
    assert.match(h ?? '', /Here: 45 s\./);
    assert.match(
      h ?? '',
      /\| 0 s \| pod is Terminating: its endpoints are marked not ready, so Services stop sending it new connections \(asynchronously\); preStop starts \(10 s\) \|/,
    );
    assert.match(h ?? '', /\| 10 s \| preStop ends; SIGTERM to the container \|/);
    assert.match(h ?? '', /\| 45 s \| SIGKILL if still running \|/);
    assert.match(h ?? '', /The app has \*\*35 s\*\* after SIGTERM/);
  });

  it('preStop through sh -c longer than the default grace period: SIGTERM at 30 s, SIGKILL at 32 s', () => {
    const h = hoverAt(
      deployment(
        '',
        '      containers:\n        - name: app\n          image: a\n          lifecycle:\n            ‸preStop:\n              exec: {command: ["sh", "-c", "sleep 40; nginx -s quit"]}',
      ),
    );
    assert.match(h ?? '', /\| 30 s \| the grace period is used up while preStop still runs: the kubelet stops waiting for it; SIGTERM to the container \|/);
    assert.match(h ?? '', /\| 32 s \| SIGKILL if still running \(less than 2 s of the grace period was left/);
    assert.match(h ?? '', /The app has \*\*2 s\*\* after SIGTERM/);
  });

  it('a preStop that leaves less than 2 s: the kubelet still gives SIGTERM 2 s (29 of 30 s: SIGKILL at 31 s)', () => {
    const h = hoverAt(
      deployment(
        '',
        '      containers:\n        - name: app\n          image: a\n          lifecycle:\n            ‸preStop: {exec: {command: ["sleep", "29"]}}',
      ),
    );
    assert.match(h ?? '', /\| 29 s \| preStop ends; SIGTERM to the container \|/);
    assert.match(h ?? '', /\| 31 s \| SIGKILL if still running \(less than 2 s/);
    assert.match(h ?? '', /The app has \*\*2 s\*\* after SIGTERM/);
  });

  it('a sleep action longer than the grace period is rejected: no timeline', () => {
    const h = hoverAt(
      deployment(
        '',
        '      terminationGracePeriodSeconds: 30\n      containers:\n        - name: app\n          image: a\n          lifecycle:\n            ‸preStop: {sleep: {seconds: 40}}',
      ),
    );
    assert.match(
      h ?? '',
      /No shutdown timeline:\*\* the preStop `sleep` action lasts 40 s, longer than terminationGracePeriodSeconds \(30 s\), so the API server rejects the pod/,
    );
    assert.doesNotMatch(h ?? '', /SIGKILL/);
  });

  it('a preStop of unknown length: SIGKILL at the grace period, or 2 s later when the hook runs through it', () => {
    const h = hoverAt(
      deployment(
        '',
        '      containers:\n        - name: app\n          image: a\n          lifecycle:\n            ‸preStop: {httpGet: {path: /drain, port: 8080}}',
      ),
    );
    assert.match(h ?? '', /\| 30 s \| SIGKILL if still running; if preStop is still running now, SIGTERM comes now and SIGKILL at 32 s/);
  });

  it('a zero grace period: about 3 s on the node, not "no time"', () => {
    const h = hoverAt(deployment('', '      ‸terminationGracePeriodSeconds: 0\n      containers:\n        - {name: app, image: a}'));
    assert.match(h ?? '', /preStop runs for at most 1 s, then SIGTERM and SIGKILL 2 s later/);
  });
});

describe('hover: rollout', () => {
  it('default 25% / 25% with 4 replicas', () => {
    const h = hoverAt(deployment('  ‸replicas: 4'));
    assert.match(
      h ?? '',
      /With \*\*4\*\* replicas: maxSurge 25% → \*\*1\*\* pod\(s\) \(rounded up\), maxUnavailable 25% → \*\*1\*\* pod\(s\) \(rounded down\)/,
    );
    assert.match(h ?? '', /at most 5 pods\*\* in total, \*\*at least 3 available/);
    // The controllers do not count pods with a deletionTimestamp (hence .status.terminatingReplicas, KEP-3973).
    assert.match(h ?? '', /Old pods that are still terminating are not counted/);
  });

  it('percentages round up for surge and down for unavailable', () => {
    const h = hoverAt(deployment('  replicas: 10\n  strategy:\n    rollingUpdate:\n      maxSurge: 33%\n      ‸maxUnavailable: "33%"'));
    assert.match(h ?? '', /maxSurge 33% → \*\*4\*\*/);
    assert.match(h ?? '', /maxUnavailable 33% → \*\*3\*\*/);
    assert.match(h ?? '', /at most 14 pods\*\* in total, \*\*at least 7 available/);
  });

  it('both resolving to 0 makes maxUnavailable 1', () => {
    const h = hoverAt(deployment('  replicas: 3\n  strategy:\n    rollingUpdate: {‸maxSurge: 0, maxUnavailable: 10%}'));
    assert.match(h ?? '', /both were 0, so Kubernetes uses 1/);
    assert.match(h ?? '', /at least 2 available/);
  });

  it('a PDB computes the evictions allowed for the workload it selects in another document', () => {
    const text = `${deployment('  replicas: 3')}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  ‸minAvailable: 50%
  selector: {matchLabels: {app: web}}
`;
    const h = hoverAt(text);
    assert.match(h ?? '', /Selects Deployment web \(3 replicas\): at least \*\*2\*\* must stay available, so \*\*1\*\* pod\(s\) may be evicted at once/);
  });
});

describe('hover: init containers', () => {
  it('order and effective request, sidecars included', () => {
    const h = hoverAt(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ‸initContainers:
    - {name: proxy, image: p, restartPolicy: Always, resources: {requests: {cpu: 200m, memory: 64Mi}}}
    - {name: migrate, image: m, resources: {requests: {cpu: "1", memory: 1Gi}}}
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}
`);
    assert.match(h ?? '', /1\. `proxy` \(native sidecar/);
    assert.match(h ?? '', /2\. `migrate` \(runs to completion\)/);
    assert.match(h ?? '', /Effective cpu request:\*\* 1200m = max\(init 1200m, app containers \+ sidecars 700m\)/);
    assert.match(h ?? '', /Effective memory request:\*\* 1\.06Gi = max\(init 1\.06Gi, app containers \+ sidecars 320Mi\)/);
  });
});

describe('hover: pod-level resources and overhead', () => {
  it("a pod-level request (1.34+) replaces the containers' aggregate; overhead comes on top", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: "2", memory: 2Gi}}
  overhead: {cpu: 250m, memory: 120Mi}
  ‸initContainers:
    - {name: migrate, image: m, resources: {requests: {cpu: "1", memory: 1Gi}}}
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}
`;
    const h = hoverAt(text);
    assert.match(
      h ?? '',
      /Effective cpu request:\*\* 2250m = the pod-level request 2 \+ pod overhead 250m; it replaces what the containers need together \(1\)/,
    );
    const old = hoverAt(text, 'en', parseVersion('1.33') ?? NEWEST);
    assert.match(old ?? '', /Effective cpu request:\*\* 1250m = max\(init 1, app containers \+ sidecars 500m\) \+ pod overhead 250m/);
  });
});

describe('hover: QoS class', () => {
  const pod = (resources: string, init: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${resources}  initContainers:
    - {name: migrate, image: m${init}}
  containers:
    - name: app
      image: a
      ‸resources: {requests: {cpu: "1", memory: 1Gi}, limits: {cpu: "1", memory: 1Gi}}
`;
  it('Guaranteed when every container, init containers included, sets limits equal to requests', () => {
    const h = hoverAt(pod('', ', resources: {limits: {cpu: 100m, memory: 64Mi}}'));
    assert.match(h ?? '', /\*\*QoS class:\*\* Guaranteed: every container, init containers and sidecars included/);
  });
  it('Burstable because of an init container without resources, with the container named', () => {
    const h = hoverAt(pod('', ''));
    assert.match(h ?? '', /\*\*QoS class:\*\* Burstable: `migrate` sets no CPU or memory resources/);
  });
  it('pod-level resources decide from 1.34, not before', () => {
    const level = '  resources:\n    requests: {cpu: "2", memory: 2Gi}\n    limits: {cpu: "2", memory: 2Gi}\n';
    assert.match(hoverAt(pod(level, '')) ?? '', /Guaranteed: the pod-level resources set CPU and memory limits equal to their requests/);
    assert.match(hoverAt(pod(level, ''), 'en', parseVersion('1.33')) ?? '', /Burstable: `migrate` sets no CPU or memory resources/);
    const onPodLevel = pod(level.replace('resources', '‸resources'), '').replace('‸resources: {requests', 'resources: {requests');
    assert.match(hoverAt(onPodLevel) ?? '', /Pod-level requests and limits[\s\S]*QoS class:\*\* Guaranteed/);
    // Without a pod-level request, the containers' requests (3 CPUs here) are the default: not equal to the limit.
    const defaulted = pod('  resources:\n    limits: {cpu: "4", memory: 2Gi}\n', ', resources: {requests: {cpu: "3", memory: 1Gi}}');
    assert.match(hoverAt(defaulted) ?? '', /Burstable: the pod-level resources decide, and they do not set CPU and memory limits equal to their requests/);
  });
  it('in Chinese', () => {
    assert.match(hoverAt(pod('', ''), 'zh-cn') ?? '', /\*\*QoS 类别：\*\* Burstable：`migrate` 没有设置任何 CPU 或内存资源/);
  });
});

describe('hover: elsewhere', () => {
  it('says nothing outside Kubernetes objects or on keys the API does not have', () => {
    assert.equal(hoverAt('name: CI\non: [push]\n‸jobs: {}\n'), undefined);
    assert.equal(hoverAt(deployment('', '      containers:\n        - name: app\n          ‸imagePullPolicyy: Always')), undefined);
  });

  it('other fields of built-in kinds get their API description for the target version', () => {
    const h = hoverAt(deployment('', '      containers:\n        - name: app\n          ‸image: a')) ?? '';
    assert.match(h, /^\*\*image\*\* `string`/);
    assert.match(h, /Container image name/);
    assert.match(h, /From the Kubernetes 1\.36 API reference/);
  });

  it('StatefulSet maxUnavailable depends on the target version', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  updateStrategy:
    rollingUpdate: {‸maxUnavailable: 2, partition: 1}
  template:
    spec:
      containers: [{name: db, image: d}]
`;
    assert.match(hoverAt(text) ?? '', /In Kubernetes 1\.36 the MaxUnavailableStatefulSet gate is off by default/);
    assert.match(hoverAt(text, 'en', parseVersion('1.35')) ?? '', /on by default in 1\.35\.0–1\.35\.3 and off from 1\.35\.4/);
  });
});
