// Real manifests nobody on this project wrote (../shared/corpus): every file is analysed without a crash or a
// hang, and what fires is listed here with the reason it is right. Skipped when the corpus is not present.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules';
import { analyse } from '../../server/src/service/analyze';
import { positionOf } from '../support/rule-tester';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

/** Every finding on the corpus, as `code file:line`, with why it is right. */
const EXPECTED: Record<string, string> = {
  'duplicate-key kubernetes-examples/_archived/openshift-origin/etcd-controller.yaml:12': '`selector` appears twice in spec',
  'duplicate-key kubernetes-examples/_archived/openshift-origin/etcd-discovery-controller.yaml:12': '`selector` appears twice in spec',
  'duplicate-key kubernetes-examples/_archived/openshift-origin/openshift-controller.yaml:12': '`selector` appears twice in spec',
  'duplicate-key kubernetes-examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml:9': '`type` appears twice',
  'duplicate-key kubernetes-examples/_archived/volumes/scaleio/sc-pvc.yaml:12': 'a key appears twice',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe('real-world corpus', { skip: !existsSync(CORPUS) && 'shared/corpus is not present' }, () => {
  it('analyses every file and finds exactly what is listed', () => {
    const found: string[] = [];
    const files = walk(CORPUS);
    assert.ok(files.length > 100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const p of analyse(text, RULES)) found.push(`${p.code} ${relative(CORPUS, file)}:${positionOf(text, p.start).line}`);
    }
    assert.deepEqual(found.sort(), Object.keys(EXPECTED).sort());
  });
});
