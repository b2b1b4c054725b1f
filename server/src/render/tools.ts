// Finding the render binaries: the path the user set (a machine setting, never the project's config file), else
// the first match on PATH. Each binary's version is asked once and kept, for the status item and the findings.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { runBounded } from './run';

export interface Tool {
  /** `helm`, or `kubectl` / `kustomize` for kustomizations. */
  readonly name: 'helm' | 'kubectl' | 'kustomize';
  readonly path: string;
  /** What the binary says of itself: `4.1.4`, `v5.7.1`. */
  readonly version: string;
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on PATH (absolute entries only: a relative PATH entry would resolve in the workspace). */
export function onPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of path.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    for (const n of names) {
      const candidate = join(dir, n);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

const versions = new Map<string, Promise<string | undefined>>();

/**
 * The version a binary reports, asked once per path (10 s at most: a 60 MB Go binary on a busy machine can take
 * seconds to start); undefined when it does not answer like one. A failed answer is not kept: the next ask tries again.
 */
export function versionOf(name: Tool['name'], path: string): Promise<string | undefined> {
  let v = versions.get(path);
  if (!v) {
    const args = name === 'helm' ? ['version', '--short'] : name === 'kubectl' ? ['version', '--client'] : ['version'];
    const asked = runBounded(path, args, { timeoutMs: 10_000, maxOutputBytes: 64 * 1024 }).then((r) => (r.ok ? parseVersion(name, r.stdout) : undefined));
    v = asked.then((version) => {
      if (version === undefined && versions.get(path) === v) versions.delete(path);
      return version;
    });
    versions.set(path, v);
  }
  return v;
}

/** `v4.1.4+g05fa379` → `4.1.4`; kubectl's client output → its kustomize version. */
export function parseVersion(name: Tool['name'], output: string): string | undefined {
  if (name === 'kubectl') {
    // kubectl kustomize is kustomize built in; its version is the one that matters for the build.
    const k = /Kustomize Version: v?(\d+\.\d+\.\d+)/.exec(output);
    const c = /Client Version: v?(\d+\.\d+\.\d+)/.exec(output);
    return k ? `${c ? c[1] : '?'} (kustomize ${k[1]})` : c?.[1];
  }
  return /v?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

/**
 * The binary to use: `configured` when set (absolute, or a bare name looked up on PATH), else the first of `names` on
 * PATH. Undefined when none is found or it does not answer `version`.
 */
export async function findTool(names: readonly Tool['name'][], configured: string | undefined): Promise<Tool | undefined> {
  const candidates: { name: Tool['name']; path: string }[] = [];
  if (configured !== undefined && configured !== '') {
    const path = isAbsolute(configured) ? configured : onPath(configured);
    const base = configured.replace(/\\/g, '/').split('/').pop() ?? '';
    const name = names.find((n) => base === n || base.startsWith(`${n}.`) || base.startsWith(`${n}-`)) ?? names[0];
    if (path !== undefined && name !== undefined && executable(path)) candidates.push({ name, path });
  } else {
    for (const name of names) {
      const path = onPath(name);
      if (path !== undefined) candidates.push({ name, path });
    }
  }
  for (const c of candidates) {
    const version = await versionOf(c.name, c.path);
    if (version !== undefined) return { ...c, version };
  }
  return undefined;
}
