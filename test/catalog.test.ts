// Keeps the rule set honest: unique ids that match file names, docs present, the bad example fires, the good
// example is clean, every rule has a test file, and every fixable rule has a fix test.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/rules';
import { analyse, DEFAULT_OPTIONS } from '../server/src/engine/analyze';
import { parseVersion } from '../server/src/k8s/versions';

const root = join(__dirname, '..', '..');
const ruleFiles = readdirSync(join(root, 'server/src/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

describe('rule catalog', () => {
  it('every rule file is registered, ids are unique and sorted', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual([...ids].sort(), [...ruleFiles].sort());
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, [...ids].sort());
  });

  for (const rule of RULES) {
    const { id, docs, messages } = rule.meta;
    const options = { ...DEFAULT_OPTIONS, version: parseVersion(docs.exampleVersion) ?? DEFAULT_OPTIONS.version };
    describe(id, () => {
      it('has an id that is a file name in kebab-case', () => assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/));
      it('has docs: summary, why, link, sources', () => {
        assert.ok(docs.summary.length > 20 && docs.why.length > 40);
        assert.match(docs.url, /^https:\/\/kubernetes\.io\/docs\//);
        assert.ok(docs.sources.length > 0);
        assert.ok((docs.level ?? '').length > 20, 'the docs say why the default level is what it is');
        assert.ok(Object.keys(messages).length > 0);
      });
      it('fires on its bad example', () => {
        const found = analyse(docs.bad, [rule], options).filter((p) => p.code === id);
        assert.ok(found.length > 0, `${id} should report its bad example`);
      });
      it('is silent on its good example, and so is every other rule of its kind', () => {
        const found = analyse(docs.good, RULES, options).filter((p) => p.code === id || p.severity === 'error');
        assert.deepEqual(
          found.map((p) => `${p.code}: ${p.message}`),
          [],
        );
      });
      it('has a test file with valid and invalid cases', () => {
        const test = readFileSync(join(root, 'test/rules', `${id}.test.ts`), 'utf8');
        assert.match(test, /valid: \[/);
        assert.match(test, /invalid: \[/);
        if (rule.meta.fixable) assert.match(test, /output:/, `${id} is fixable, so its tests must check a fix output`);
        else assert.doesNotMatch(test, /output:/, `${id} is not fixable, so it may not have fix outputs`);
      });
    });
  }
});

describe('extension manifest', () => {
  it('lists every rule under kubeGraceful.rules so settings complete in the editor', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const listed = Object.keys(manifest.contributes.configuration.properties['kubeGraceful.rules'].properties);
    // `schema` is the engine's API validation, `yaml-syntax` and `duplicate-key` its parse errors, configurable like rules.
    assert.deepEqual(listed.sort(), [...RULES.map((r) => r.meta.id), 'schema', 'yaml-syntax', 'duplicate-key'].sort());
  });
});
