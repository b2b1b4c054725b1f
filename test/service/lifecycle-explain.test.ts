// The lifecycle as text (kube-graceful explain): the same figures the panel draws, in three timelines and a table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lifecycleAt } from '../../server/src/features/lifecycle';
import { explainText } from '../../server/src/features/lifecycle-explain';
import { NEWEST } from '../../server/src/k8s/versions';

const SAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'sample', 'app', 'deployment.yaml'), 'utf8');

describe('lifecycle as text', () => {
  it('the sample Deployment: 3 replicas with maxSurge 1 take 3 waves; grace 45 s + the 2 s floor for the sidecar', () => {
    const view = lifecycleAt(SAMPLE, SAMPLE.indexOf('kind:'), NEWEST, 'en', (o) => ({ line: 0, character: o }));
    assert.ok(view);
    const text = explainText(view);
    assert.match(text, /^Deployment checkout: Start ≤ 5 min 30 s \+ init run time · Stop ≤ 47 s · Rollout 4 pods max$/m);
    // The app's preStop sleeps 10 s, then SIGTERM; SIGKILL at the 45 s grace period; the sidecar stops after the app.
    assert.match(text, /preStop hook runs\s+0 s → 10 s/);
    assert.match(text, /◆ SIGKILL\s+45 s/);
    assert.match(text, /◆ SIGKILL\s+47 s/);
    // maxSurge 1, maxUnavailable 0 over 3 replicas: at most 4 pods, never fewer than 3 available, 10 rows.
    assert.match(text, /at most 4 pods, at least 3 available/);
    assert.match(text, /^\s+10\s+scale down old\s+3\s+0\s+3\s+3\s+1$/m);
  });

  it('speaks Chinese', () => {
    const view = lifecycleAt(SAMPLE, SAMPLE.indexOf('kind:'), NEWEST, 'zh-cn', (o) => ({ line: 0, character: o }));
    assert.ok(view);
    assert.match(explainText(view), /[\u4e00-\u9fff]/);
  });
});
