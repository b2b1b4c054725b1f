// docs/rules/ is generated from the rules' docs-as-data; it must match what the rules say now.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const outDir = relative(root, join(__dirname, '..'));

describe('docs/rules', () => {
  it('is up to date with the rules', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-rule-docs.mjs'), '--check', `--out=${outDir}`], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});
