// The layer rule of eslint.config.mjs: an import that points up fails `npm run lint`; one that points down passes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ESLint, Linter } from 'eslint';

const root = join(__dirname, '..', '..');

async function lintAs(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.mjs')).href)) as { layerRules: Linter.Config[] };
  // Only the layer rules (syntactic): the planted file does not exist, so the type-aware rules could not read it.
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ languageOptions: { parser: (await import('typescript-eslint')).parser } }, ...config.layerRules],
  });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result?.messages ?? [];
}

describe('lint: the layer rule', () => {
  it('fails a planted import that points up (yaml/ importing engine/)', async () => {
    const messages = await lintAs('server/src/yaml/planted.ts', "import type { Rule } from '../engine/rule';\nexport type R = Rule;\n");
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.equal(messages[0]?.ruleId, 'no-restricted-imports');
    assert.match(messages[0]?.message ?? '', /server\/src\/yaml may not import server\/src\/engine/);
  });

  it('passes imports that point down (rules/ importing engine/, k8s/ and yaml/)', async () => {
    const code =
      "import type { Rule } from '../engine/rule';\nimport { isBuiltin } from '../k8s/model';\nimport { removeField } from '../yaml/edits';\nexport const x: [Rule?, unknown?, unknown?] = [undefined, isBuiltin, removeField];\n";
    assert.deepEqual(await lintAs('server/src/rules/planted.ts', code), []);
  });
});
