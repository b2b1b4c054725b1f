// The guard against quadratic rules: analysing 4x the objects must cost about 4x, never 16x. The input is shaped like
// a real repository: mixed workload kinds, budgets for 40% of them (selectors that list a label every workload shares
// first), autoscalers, Services; and the edit re-analysed is a keystroke in a budget, which every workload's
// pdb-missing depends on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, AnalysisCache, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';

function manifest(workloads: number): string {
  const docs: string[] = [];
  for (let i = 0; i < workloads; i++) {
    const kind = i % 10 === 9 ? 'StatefulSet' : i % 10 === 8 ? 'DaemonSet' : 'Deployment';
    const replicas = kind === 'DaemonSet' ? '' : `  replicas: ${2 + (i % 3)}\n`;
    docs.push(`apiVersion: apps/v1
kind: ${kind}
metadata:
  name: app-${i}
  namespace: ns-${i % 4}
spec:
${replicas}  selector:
    matchLabels: {tier: backend, app: app-${i}}
  template:
    metadata:
      labels: {tier: backend, app: app-${i}}
    spec:
      containers:
        - name: main
          image: example/app:${i}
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
`);
    if (i % 5 < 2)
      docs.push(
        `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: app-${i}, namespace: ns-${i % 4}}\nspec:\n  minAvailable: ${1 + (i % 4)}\n  selector:\n    matchLabels: {tier: backend, app: app-${i}}\n`,
      );
    if (i % 7 === 0)
      docs.push(
        `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: app-${i}, namespace: ns-${i % 4}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: app-${i}}\n  minReplicas: 2\n  maxReplicas: 6\n`,
      );
    if (i % 3 === 0)
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata: {name: app-${i}, namespace: ns-${i % 4}}\nspec:\n  selector: {tier: backend, app: app-${i}}\n  ports:\n    - {port: 80, targetPort: ${i % 6 === 0 ? 'http' : 'web'}}\n`,
      );
  }
  return docs.join('---\n');
}

/**
 * The median of a few runs in CPU time (user + system) of this process, so that other processes on the machine, which
 * take the CPU away but not this process's CPU time, do not decide the ratio, and one lucky or unlucky run neither.
 */
function median(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function measure(workloads: number): { open: number; keystroke: number; findings: number } {
  const text = manifest(workloads);
  let findings = 0;
  const open = median(3, () => {
    findings = analyse(text, RULES, DEFAULT_OPTIONS, new AnalysisCache()).length;
  });
  const cache = new AnalysisCache();
  analyse(text, RULES, DEFAULT_OPTIONS, cache);
  // A keystroke in the first budget: its facts change, so every rule that reads budgets runs again.
  let n = 0;
  const keystroke = median(9, () => {
    n++;
    analyse(text.replace('minAvailable: 1', `minAvailable: ${n % 2 === 0 ? 1 : 2}`), RULES, DEFAULT_OPTIONS, cache);
  });
  return { open, keystroke, findings };
}

describe('cross-object rules scale linearly', () => {
  it('4x the objects cost less than 5x: whole analysis and a keystroke in a budget', () => {
    measure(480); // JIT warm-up at the smaller size
    const small = measure(480);
    const large = measure(1920);
    // 480 workloads make about 1,000 objects with their budgets, autoscalers and Services; 1,920 about 4,000.
    assert.ok(large.findings > 4 * 0.9 * small.findings, `findings ${small.findings} -> ${large.findings}`);
    const openRatio = large.open / small.open;
    const keyRatio = large.keystroke / small.keystroke;
    assert.ok(openRatio < 5, `open: ${small.open.toFixed(1)} ms -> ${large.open.toFixed(1)} ms (x${openRatio.toFixed(2)})`);
    assert.ok(keyRatio < 5, `keystroke in a budget: ${small.keystroke.toFixed(1)} ms -> ${large.keystroke.toFixed(1)} ms (x${keyRatio.toFixed(2)})`);
  });
});
