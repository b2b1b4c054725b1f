// The lifecycle model (issue #16) with numbers worked by hand: start-up, shutdown, rollout steps, CodeLens titles and
// inlay hints, in English and Chinese.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lifecycleAt, lifecycleHints, lifecycleLenses, LifecycleView } from '../../server/src/features/lifecycle';
import { simulateDeployment, simulateStatefulSet } from '../../server/src/k8s/lifecycle';
import { shutdownTimes } from '../../server/src/k8s/termination';
import type { Locale } from '../../server/src/l10n/locale';
import { NEWEST, parseVersion } from '../../server/src/k8s/versions';
import { ObjectIndex } from '../../server/src/engine/object-index';
import { factsOf } from '../../server/src/k8s/facts';
import { objectsOf } from '../../server/src/k8s/model';
import { parseChunk } from '../../server/src/yaml/documents';
import { DocView } from '../../server/src/yaml/view';

function positionAt(text: string): (o: number) => { line: number; character: number } {
  return (o) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
  };
}

function model(text: string, locale: Locale = 'en', version = NEWEST): LifecycleView {
  const offset = text.indexOf('kind:');
  const v = lifecycleAt(text, offset, version, locale, positionAt(text));
  assert.ok(v, 'a lifecycle for the workload');
  return v;
}

const lens = (text: string, locale: Locale = 'en'): string[] => lifecycleLenses(text, NEWEST, locale, positionAt(text)).map((l) => l.title);
const steps = (v: LifecycleView): string[] =>
  v.rollout.steps.map(
    (s) => `${s.action} new ${s.newPods} old ${s.oldPods} total ${s.total} available ${s.available}${s.terminating ? ` terminating ${s.terminating}` : ''}`,
  );

/** The issue's example: a startup probe of 10 + 30 × 10 s, preStop sleeping the whole 45 s grace period, 10 replicas. */
const ISSUE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 10
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: a
          startupProbe:
            httpGet: {path: /, port: 80}
            initialDelaySeconds: 10
            failureThreshold: 30
          lifecycle:
            preStop:
              sleep: {seconds: 45}
`;

/** Init container, native sidecar with a startup probe, app with startup + readiness probes and preStop, a PDB. */
const FULL = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  minReadySeconds: 5
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 30
      initContainers:
        - name: migrate
          image: m
          command: ["./migrate"]
        - name: proxy
          image: p
          restartPolicy: Always
          startupProbe: {tcpSocket: {port: 15000}, periodSeconds: 2, failureThreshold: 10}
      containers:
        - name: app
          image: a
          startupProbe:
            httpGet: {path: /, port: 80}
            failureThreshold: 30
          readinessProbe:
            httpGet: {path: /, port: 80}
            initialDelaySeconds: 20
          lifecycle:
            preStop:
              sleep: {seconds: 25}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: 75%
  selector: {matchLabels: {app: web}}
`;

describe('lifecycle: start-up', () => {
  it('issue example: Start ≤ 10 + 30 × 10 = 310 s = 5 min 10 s · Stop ≤ 45 + 2 = 47 s · Rollout 10 + ceil(25% of 10) = 13 pods max', () => {
    assert.deepEqual(lens(ISSUE), ['Start ≤ 5 min 10 s · Stop ≤ 47 s · Rollout 13 pods max']);
  });

  it('init + sidecar + startup probe + preStop: sidecar restart point 10 × 2 = 20 s, app restart 30 × 10 = 300 s, start ≤ 20 + 300 + minReady 5 = 325 s plus the init run time', () => {
    const v = model(FULL);
    assert.equal(v.startup.bound, 325);
    assert.equal(v.startup.openEnded, true);
    assert.equal(v.startup.never, false);
    assert.deepEqual(
      v.startup.lanes.map((l) => l.name),
      ['migrate', 'proxy', 'app', 'pod'],
    );
    const proxy = v.startup.lanes.find((l) => l.name === 'proxy')!;
    assert.deepEqual(
      proxy.bars.map((b) => [b.kind, b.start, b.end]),
      [
        ['sidecar', 0, null],
        ['startupWindow', 0, 20],
      ],
    );
    const app = v.startup.lanes.find((l) => l.name === 'app')!;
    assert.deepEqual(
      app.bars.map((b) => [b.kind, b.start, b.end]),
      [
        ['startupWindow', 0, 300],
        ['readinessDelay', 0, 20],
        ['ready', 20, null],
      ],
    );
    assert.equal(app.bars[0].field?.path, 'spec.template.spec.containers[0].startupProbe.failureThreshold');
    assert.match(app.bars[0].tooltip, /Set by spec\.template\.spec\.containers\[0\]\.startupProbe\.failureThreshold/);
    assert.deepEqual(app.bars[0].field?.range, { start: { line: 24, character: 12 }, end: { line: 24, character: 28 } });
    const pod = v.startup.lanes.find((l) => l.name === 'pod')!;
    assert.deepEqual(
      pod.bars.map((b) => [b.kind, b.start, b.end]),
      [['minReady', 20, 25]],
    );
    assert.deepEqual(
      pod.marks.map((m) => [m.kind, m.at]),
      [
        ['podReady', 20],
        ['available', 25],
      ],
    );
    assert.deepEqual(lens(FULL), ['Start ≤ 5 min 25 s + init run time · Stop ≤ 32 s · Rollout 5 pods max']);
  });

  it('readiness initialDelaySeconds 20 counts from container start: earliest ready max(0, 20) = 20 s, not 0 + 20 after the startup probe; latest: sidecar 20 + max(3 × 10, 20) = 50 s', () => {
    const v = model(FULL.replace('failureThreshold: 30\n', 'failureThreshold: 3\n'));
    const app = v.startup.containers.find((c) => c.container === 'app')!;
    assert.equal(app.earliestReady, 20);
    assert.equal(app.latestReady, 50);
    assert.equal(app.restartAt, 30);
  });

  it('an init container that never exits: the start never ends', () => {
    const v = model(FULL.replace('command: ["./migrate"]', 'command: ["sleep", "infinity"]'));
    assert.equal(v.startup.never, true);
    assert.match(v.lens, /^Start: never/);
    assert.equal(v.startup.lanes[0].bars[0].kind, 'initNeverExits');
  });
});

describe('lifecycle: shutdown', () => {
  it('preStop 25 s of 30: SIGTERM at 25, app has 30 − 25 = 5 s, SIGKILL at 30; sidecar gets SIGTERM after the app, with the 2 s floor: 30 + 2 = 32 s', () => {
    const v = model(FULL);
    assert.equal(v.shutdown.grace, 30);
    assert.deepEqual(
      v.shutdown.containers.map((c) => [c.container, c.sidecar, c.preStop, c.sigterm, c.sigkill]),
      [
        ['app', false, 25, 25, 30],
        ['proxy', true, undefined, 30, 32],
      ],
    );
    assert.equal(v.shutdown.bound, 32);
    const app = v.shutdown.lanes.find((l) => l.name === 'app')!;
    assert.deepEqual(
      app.bars.map((b) => [b.kind, b.start, b.end]),
      [
        ['preStop', 0, 25],
        ['afterSigterm', 25, 30],
      ],
    );
    assert.equal(app.bars[0].field?.path, 'spec.template.spec.containers[0].lifecycle.preStop');
  });

  it('the PDB of the same file: 4 replicas, minAvailable 75% → ceil(3) = 3 healthy, 4 − 3 = 1 eviction at a time', () => {
    const v = model(FULL);
    assert.deepEqual(v.pdb, { name: 'web-pdb', healthy: 3, allowed: 1 });
    assert.match(v.shutdown.notes[0] ?? '', /web-pdb: 3 pod\(s\) must stay available, so 1 may be evicted at once/);
  });

  it('a PDB in another file, from the workspace index: 4 replicas, maxUnavailable 50% → ceil(2) = 2 may go, 2 stay', () => {
    const index = new ObjectIndex();
    const pdbText =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: other-file}\nspec:\n  maxUnavailable: 50%\n  selector: {matchLabels: {app: web}}\n';
    const pdb = objectsOf(new DocView(parseChunk(pdbText)))[0];
    index.setFile('file:///work/pdb.yaml', [{ facts: factsOf(pdb), start: 0, end: 0 }]);
    const workload = FULL.split('---')[0];
    const v = lifecycleAt(workload, workload.indexOf('kind'), NEWEST, 'en', positionAt(workload), undefined, undefined, {
      index,
      uri: 'file:///work/web.yaml',
    });
    assert.deepEqual(v?.pdb, { name: 'other-file', healthy: 2, allowed: 2 });
  });

  it('SIGKILL: preStop 29 of 30 → SIGTERM 29, SIGKILL max(30, 29 + 2) = 31; preStop 60 of 30 → cut at 30, SIGKILL 32; no preStop → SIGTERM 0, SIGKILL 30', () => {
    const at = (grace: number, preStop: number): [number, number] => {
      const t = shutdownTimes(grace, preStop);
      return [t.sigterm, t.sigkill];
    };
    assert.deepEqual(at(30, 29), [29, 31]);
    assert.deepEqual(at(30, 60), [30, 32]);
    assert.deepEqual(at(30, 0), [0, 30]);
  });
});

describe('lifecycle: rollout', () => {
  it('10 replicas, 25%/25%: surge ceil(2.5) = 3, unavailable floor(2.5) = 2; 13 max, 8 min; 4 waves of 3, 2, 3, 2 new pods', () => {
    const v = model(ISSUE);
    assert.equal(v.rollout.kind, 'RollingUpdate');
    assert.equal(v.rollout.maxTotal, 13);
    assert.equal(v.rollout.minAvailable, 8);
    assert.deepEqual(steps(v), [
      'start new 0 old 10 total 10 available 10',
      'scaleUp new 3 old 10 total 13 available 10',
      'scaleDown new 3 old 8 total 11 available 8 terminating 2',
      'ready new 3 old 8 total 11 available 11',
      'scaleUp new 5 old 8 total 13 available 11',
      'scaleDown new 5 old 5 total 10 available 8 terminating 3',
      'ready new 5 old 5 total 10 available 10',
      'scaleUp new 8 old 5 total 13 available 10',
      'scaleDown new 8 old 3 total 11 available 8 terminating 2',
      'ready new 8 old 3 total 11 available 11',
      'scaleUp new 10 old 3 total 13 available 11',
      'scaleDown new 10 old 0 total 10 available 8 terminating 3',
      'ready new 10 old 0 total 10 available 10',
    ]);
    // 4 waves × start ≤ 310 s + the last old pods' stop ≤ 47 s = 1287 s.
    assert.equal(v.rollout.worstCase, 1287);
    assert.ok(v.rollout.notes.some((n) => /progressDeadlineSeconds \(600 s\)/.test(n)) === false, '310 s per wave is within the 600 s deadline');
  });

  it('3 replicas, maxSurge 0, maxUnavailable 10%: both round to 0, so unavailable becomes 1; one pod replaced at a time, 3 waves, never more than 3 pods', () => {
    const sim = simulateDeployment(3, 0, 1);
    assert.equal(sim.waves, 3);
    assert.ok(sim.steps.every((s) => s.total <= 3 && s.available >= 2));
    const v = model(ISSUE.replace('replicas: 10', 'replicas: 3\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 10%}}'));
    assert.equal(v.rollout.maxTotal, 3);
    assert.equal(v.rollout.minAvailable, 2);
  });

  it('maxSurge 0 and maxUnavailable 0 are rejected: no steps, a note', () => {
    const v = model(ISSUE.replace('replicas: 10', 'replicas: 3\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}'));
    assert.deepEqual(v.rollout.steps, []);
    assert.match(v.rollout.notes.join(' '), /both 0/);
  });

  it('a start-up budget above progressDeadlineSeconds 300 is reported: 310 s per wave', () => {
    const v = model(ISSUE.replace('replicas: 10', 'replicas: 10\n  progressDeadlineSeconds: 300'));
    assert.match(v.rollout.notes.join(' '), /progressDeadlineSeconds \(300 s\)/);
  });

  it('Recreate: every old pod stops, then all new ones start; worst case stop 47 + start 310 = 357 s', () => {
    const v = model(ISSUE.replace('replicas: 10', 'replicas: 10\n  strategy: {type: Recreate}'));
    assert.equal(v.rollout.kind, 'Recreate');
    assert.equal(v.rollout.minAvailable, 0);
    assert.equal(v.rollout.worstCase, 357);
  });

  it('StatefulSet, 5 replicas, partition 2: ordinals 4, 3, 2 one at a time (3 waves), never more than 5 pods, at least 4 available; maxUnavailable 2 is ignored in 1.36', () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 5
  serviceName: db
  updateStrategy:
    rollingUpdate: {partition: 2, maxUnavailable: 2}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: db
          image: d
          readinessProbe: {exec: {command: ["true"]}, initialDelaySeconds: 15}
`;
    const v = model(sts);
    assert.equal(v.rollout.kind, 'StatefulSet');
    assert.equal(v.rollout.maxTotal, 5);
    assert.equal(v.rollout.minAvailable, 4);
    assert.deepEqual(
      steps(v).filter((s) => s.startsWith('ready')),
      ['ready new 1 old 4 total 5 available 5', 'ready new 2 old 3 total 5 available 5', 'ready new 3 old 2 total 5 available 5'],
    );
    // 3 waves × (stop ≤ 30 s + start ≤ 15 s) = 135 s.
    assert.equal(v.rollout.worstCase, 135);
    assert.match(v.rollout.notes.join(' '), /Partition 2: pods 2…4 are updated/);
    assert.equal(v.lens, 'Start ≤ 15 s · Stop ≤ 30 s · Rollout 5 pods max');
    // With the gate on by default (1.37), 2 at a time: ceil(5 − 2 = 3 pods / 2) = 2 waves.
    assert.equal(model(sts, 'en', parseVersion('1.37')).rollout.worstCase, 90);
    assert.deepEqual(simulateStatefulSet(5, 2, 2).waves, 2);
  });

  it('DaemonSet with maxSurge 1: per node, the new pod starts beside the old one, at most 2 pods on a node', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - {name: agent, image: a}
`;
    const v = model(ds);
    assert.equal(v.rollout.kind, 'DaemonSet');
    assert.equal(v.rollout.maxTotal, 2);
    assert.match(v.lens, /Rollout node by node/);
    assert.match(v.rollout.notes.join(' '), /maxSurge 1, maxUnavailable 0/);
  });

  it('a bare Pod has no rollout and no CodeLens rollout part', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: a}\n';
    assert.deepEqual(lens(pod), ['Start ≤ 0 s · Stop ≤ 30 s']);
  });

  it('an absurd replica count is summed up, not simulated forever', () => {
    const sim = simulateDeployment(10_000_000, 1, 0);
    assert.equal(sim.truncated, true);
    assert.ok(sim.steps.length <= 400);
  });
});

describe('lifecycle: inlay hints and languages', () => {
  it('hints after failureThreshold (10 + 30 × 10 = 310 s), terminationGracePeriodSeconds (SIGKILL 47 s) and preStop sleep seconds (SIGTERM 45 s)', () => {
    const hints = lifecycleHints(ISSUE, 0, ISSUE.length, NEWEST, 'en', positionAt(ISSUE));
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [9, '⟶ SIGKILL at 47 s (2 s floor)'],
        [16, '⟶ restart after 310 s'],
        [19, '⟶ SIGTERM at 45 s'],
      ],
    );
    assert.deepEqual(hints[1].position, { line: 16, character: 32 });
  });

  it('only the hints inside the asked range', () => {
    const start = ISSUE.indexOf('startupProbe');
    assert.equal(lifecycleHints(ISSUE, start, start + 130, NEWEST, 'en', positionAt(ISSUE)).length, 1);
  });

  it('speaks Chinese', () => {
    assert.deepEqual(lens(ISSUE, 'zh-cn'), ['启动 ≤ 5 分 10 秒 · 停止 ≤ 47 秒 · 滚动更新最多 13 个 Pod']);
    const v = model(FULL, 'zh-cn');
    assert.equal(v.startup.heading, '启动');
    assert.match(v.shutdown.notes[0] ?? '', /一次最多驱逐 1 个/);
    assert.equal(lifecycleHints(ISSUE, 0, ISSUE.length, NEWEST, 'zh-cn', positionAt(ISSUE))[1]?.label, '⟶ 310 秒后重启');
  });

  it('follows a workload by kind and name when the position no longer holds it', () => {
    const two = `${FULL}---\n${ISSUE.replace('name: web}', 'name: api}')}`;
    const v = lifecycleAt(two, 0, NEWEST, 'en', positionAt(two), undefined, { kind: 'Deployment', name: 'api' });
    assert.equal(v?.name, 'api');
  });
});
