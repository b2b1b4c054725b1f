// Writes schemas/kube-graceful-config.schema.json, the JSON schema of .kube-graceful.yaml, from the rule registry
// (run `npm run compile-tests` first). `--check` fails when the committed file is stale (a unit test runs it too).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(join(repo, 'out/server/src/rules/index.js'));
const target = join(repo, 'schemas', 'kube-graceful-config.schema.json');

export function configSchema(rules) {
  const ids = [...rules.map((r) => r.meta.id), 'schema'].sort();
  const level = { $ref: '#/definitions/level' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kube-graceful project configuration (.kube-graceful.yaml)',
    description: 'Settings shared by the editor and the command line; they win over user settings for the files under this folder.',
    type: 'object',
    additionalProperties: false,
    properties: {
      enable: { type: 'boolean', description: 'Analyse the manifests under this folder.' },
      kubernetesVersion: {
        type: ['string', 'number'],
        pattern: '^v?1\\.[0-9]+(\\.[0-9]+)?$',
        description: 'The Kubernetes version the manifests are applied to, e.g. "1.33".',
      },
      rules: {
        type: 'object',
        description: 'Rule levels by rule id: off, hint, info, warning or error.',
        additionalProperties: false,
        properties: Object.fromEntries(ids.map((id) => [id, level])),
      },
      ruleOptions: {
        type: 'object',
        description: 'Options (thresholds) by rule id.',
        additionalProperties: false,
        properties: Object.fromEntries(ids.map((id) => [id, { type: 'object' }])),
      },
      ignore: {
        type: 'array',
        description: 'Globs of files not analysed, relative to this file\'s folder (`*`, `**`, `?`, `[a-z]`).',
        items: { type: 'string' },
      },
      maxFileSize: { type: 'integer', minimum: 1024, description: 'Files larger than this many bytes are not analysed.' },
      workspace: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enable: { type: 'boolean', description: 'Read every manifest of the workspace for the cross-file rules.' },
          maxFiles: { type: 'integer', minimum: 0, description: 'At most this many YAML files are indexed by the editor.' },
        },
      },
      inlayHints: {
        type: 'object',
        additionalProperties: false,
        properties: { enable: { type: 'boolean', description: 'Inlay hints after lifecycle fields in the editor.' } },
      },
    },
    definitions: { level: { enum: ['off', 'hint', 'info', 'warning', 'error'] } },
  };
}

const text = JSON.stringify(configSchema(RULES), null, 2) + '\n';
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
