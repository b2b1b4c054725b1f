// `kube-graceful explain FILE [--object NAME]`: the start-up, shutdown and rollout timelines of the workloads of a file
// as text, from the same lifecycle model the editor's panel draws. The target version comes from --kubernetes-version,
// else the nearest .kube-graceful.yaml, else the newest bundled one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lifecycleAt, lifecycleLenses } from '../features/lifecycle';
import { explainText } from '../features/lifecycle-explain';
import { parseVersion } from '../k8s/versions';
import { localeOf } from '../l10n/locale';
import { applyConfig, findConfigFile, readConfig } from '../workspace/config-file';
import { DEFAULT_SETTINGS } from '../workspace/settings';
import { ChunkCache } from '../yaml/documents';

export const EXPLAIN_USAGE = `Usage: kube-graceful explain <file> [--object <name>] [--kubernetes-version <1.N>] [--locale <en|zh-cn>]

Prints the start-up, shutdown and rollout timelines of every workload in the file (or of the one named with
--object, as "name" or "Kind/name"), with the field that sets each figure.`;

/** Runs `explain`; returns the exit code (0, or 2 with a one-line reason on stderr). */
export function explainMain(argv: readonly string[], cwd: string): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { object: { type: 'string' }, 'kubernetes-version': { type: 'string' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${EXPLAIN_USAGE}\n`);
    return 0;
  }
  const [file, ...rest] = parsed.positionals;
  if (file === undefined || rest.length > 0) return fail('explain takes one file (see kube-graceful explain --help)');
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const configPath = findConfigFile(path);
  const config = configPath ? readConfig(configPath) : undefined;
  const settings = config ? applyConfig(DEFAULT_SETTINGS, config) : DEFAULT_SETTINGS;
  const version = parseVersion(v['kubernetes-version'] ?? settings.kubernetesVersion);
  if (!version) return fail(`--kubernetes-version must look like 1.33, not "${v['kubernetes-version'] ?? ''}"`);
  if (v.locale !== undefined && !['en', 'zh-cn'].includes(v.locale.toLowerCase())) return fail(`--locale must be en or zh-cn, not "${v.locale}"`);
  const locale = v.locale ? localeOf(v.locale) : 'en';
  const cache = new ChunkCache();
  // Offsets stand in for positions: the text output names fields by path, not by line.
  const at = (offset: number): { line: number; character: number } => ({ line: 0, character: offset });
  const wanted = v.object;
  const lenses = lifecycleLenses(text, version, locale, at, cache).filter((l) => wanted === undefined || l.name === wanted || `${l.kind}/${l.name}` === wanted);
  if (lenses.length === 0) return fail(wanted ? `no workload named "${wanted}" in ${file}` : `no workload in ${file}`);
  const out: string[] = [];
  for (const lens of lenses) {
    const view = lifecycleAt(text, lens.range.start.character, version, locale, at, cache, { kind: lens.kind, name: lens.name });
    if (view) out.push(explainText(view));
  }
  process.stdout.write(out.join('\n'));
  return 0;
}

function fail(reason: string): number {
  process.stderr.write(`kube-graceful: ${reason}\n`);
  return 2;
}
