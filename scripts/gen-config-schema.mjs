// Writes schemas/kube-graceful-config.schema.json, the JSON schema of .kube-graceful.yaml, from the settings in
// package.json and the rule registry (run `npm run compile-tests` first). `--check` fails when the committed file is stale (a unit test runs it too).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(join(repo, 'out/server/src/rules/index.js'));
const target = join(repo, 'schemas', 'kube-graceful-config.schema.json');

/** `%key%` placeholders of the manifest resolved from package.nls.json, as VS Code shows them. */
function localise(value, nls) {
  if (typeof value === 'string') return value.replace(/^%([^%]+)%$/, (m, key) => nls[key] ?? m);
  if (Array.isArray(value)) return value.map((v) => localise(v, nls));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      // Editor-only annotations have no meaning in a file.
      if (['scope', 'default', 'enumDescriptions', 'markdownEnumDescriptions', 'order'].includes(k)) continue;
      out[k === 'markdownDescription' ? 'description' : k] = localise(v, nls);
    }
    return out;
  }
  return value;
}

/**
 * The settings of the manifest (`contributes.configuration`) as keys of the file, dotted names nested
 * (`workspace.enable` -> `workspace: {enable}`), so that the file takes every setting; `rules` and `ruleOptions`
 * list the rule ids (an unknown id is a mistake), `kubernetesVersion` also takes numbers and patch versions, and
 * `ignore` is the file's own. Editor-only settings (the trace) and machine settings (binaries) are left out.
 */
export function configSchema(rules, manifest, nls) {
  const ids = [...rules.map((r) => r.meta.id), 'schema'].sort();
  const level = { $ref: '#/definitions/level' };
  const properties = {};
  for (const [key, value] of Object.entries(manifest.contributes.configuration.properties)) {
    const path = key.replace(/^kubeGraceful\./, '').split('.');
    // Machine settings (the helm and kustomize binaries) are the user's, never the repository's.
    if (path[0] === 'trace' || value.scope === 'machine') continue;
    let target = properties;
    for (const part of path.slice(0, -1)) {
      target[part] ??= { type: 'object', additionalProperties: false, properties: {} };
      target = target[part].properties;
    }
    target[path[path.length - 1]] = localise(value, nls);
  }
  properties.kubernetesVersion = {
    type: ['string', 'number'],
    pattern: '^v?1\\.[0-9]+(\\.[0-9]+)?$',
    description: properties.kubernetesVersion?.description ?? 'The Kubernetes version the manifests are applied to, e.g. "1.33".',
  };
  properties.rules = {
    type: 'object',
    description: 'Rule levels by rule id: off, hint, info, warning or error.',
    additionalProperties: false,
    properties: Object.fromEntries(ids.map((id) => [id, level])),
  };
  properties.ruleOptions = {
    type: 'object',
    description: 'Options (thresholds) by rule id.',
    additionalProperties: false,
    properties: Object.fromEntries(ids.map((id) => [id, { type: 'object' }])),
  };
  properties.ignore = {
    type: 'array',
    description: "Globs of files not analysed, relative to this file's folder (`*`, `**`, `?`, `[a-z]`); a folder pattern covers everything under it.",
    items: { type: 'string' },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kube-graceful project configuration (.kube-graceful.yaml)',
    description: 'Settings shared by the editor and the command line; they win over user settings for the files under this folder.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1))),
    definitions: { level: { enum: ['off', 'hint', 'info', 'warning', 'error'] } },
  };
}

const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(repo, 'package.nls.json'), 'utf8'));
const text = JSON.stringify(configSchema(RULES, manifest, nls), null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('schemas/kube-graceful-config.schema.json is stale: run `npm run compile-tests && node scripts/gen-config-schema.mjs`');
    process.exit(1);
  }
} else writeFileSync(target, text);
