// The committed schemas/ must be what scripts/gen-schemas.mjs makes from ../shared/k8s-openapi.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const source = join(root, '..', 'shared', 'k8s-openapi');

describe('schemas/', { skip: !existsSync(source) && 'shared/k8s-openapi is not present' }, () => {
  it('is up to date with the generator', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-schemas.mjs'), source, '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});
