// What an analysis keeps between edits must not grow with the number of edits. A document's text is a slice of the
// file's; kept as such, every document parsed after an edit held the whole file text of that edit alive (220 KiB per
// keystroke on a 300-document file, 2 MB on 2,000). Measured on the live heap after a full collection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyse, AnalysisCache, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const deployment = (i: number, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      containers:
        - name: app
          image: example/app:${i}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`;

describe('memory kept between edits', () => {
  it('editing many different documents keeps no old copy of the file', () => {
    const n = 300;
    const replicas = Array.from({ length: n }, () => 2);
    const text = (): string => replicas.map((r, i) => deployment(i, r)).join('---\n');
    const cache = new AnalysisCache();
    analyse(text(), RULES, DEFAULT_OPTIONS, cache);
    const edit = (k: number): void => {
      replicas[(k * 37) % n] = 3 + (k % 5);
      analyse(text(), RULES, DEFAULT_OPTIONS, cache);
    };
    for (let k = 0; k < 10; k++) edit(k);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 10; k < 50; k++) edit(k);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // One file text is ~150 KB of characters; 40 edits that each kept one would grow the heap by ~6 MB or more.
    assert.ok(grown < 2 * 1024 * 1024, `the heap grew by ${(grown / 1024).toFixed(0)} KiB over 40 edits`);
  });
});
