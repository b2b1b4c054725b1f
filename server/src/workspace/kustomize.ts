// Finds out whether a file is a kustomize patch: listed under `patches`, `patchesStrategicMerge` or
// `patchesJson6902` by a kustomization in its own folder. Patches hold only what they change, so the analysis
// treats their objects as incomplete. Reads files only; runs nothing.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MAX_BYTES = 1024 * 1024;

/** Patch paths per kustomization file, kept while its modification time stays the same. */
const cache = new Map<string, { mtimeMs: number; patches: Set<string> }>();

export function isKustomizePatch(uri: string): boolean {
  let file: string;
  try {
    if (!uri.startsWith('file:')) return false;
    file = resolve(fileURLToPath(uri));
  } catch {
    return false;
  }
  const dir = dirname(file);
  for (const name of NAMES) {
    const patches = patchesOf(join(dir, name));
    if (patches?.has(file)) return true;
  }
  return false;
}

function patchesOf(kustomization: string): Set<string> | undefined {
  let mtimeMs: number;
  let size: number;
  try {
    const st = statSync(kustomization);
    if (!st.isFile()) return undefined;
    mtimeMs = st.mtimeMs;
    size = st.size;
  } catch {
    return undefined;
  }
  const known = cache.get(kustomization);
  if (known && known.mtimeMs === mtimeMs) return known.patches;
  const patches = new Set<string>();
  if (size <= MAX_BYTES) {
    try {
      const data: unknown = parseDocument(readFileSync(kustomization, 'utf8')).toJS({ maxAliasCount: 100 });
      const dir = dirname(kustomization);
      const add = (p: unknown): void => {
        if (typeof p === 'string' && p !== '' && !p.includes('\n')) patches.add(resolve(dir, p));
      };
      if (data && typeof data === 'object') {
        const k = data as Record<string, unknown>;
        for (const entry of asList(k['patchesStrategicMerge'])) add(entry);
        for (const entry of [...asList(k['patches']), ...asList(k['patchesJson6902'])]) {
          if (typeof entry === 'string') add(entry);
          else if (entry && typeof entry === 'object') add((entry as Record<string, unknown>)['path']);
        }
      }
    } catch {
      // An unreadable kustomization lists no patches.
    }
  }
  cache.set(kustomization, { mtimeMs, patches });
  return patches;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
