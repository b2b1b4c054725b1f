// The files of a folder tree, for staging a chart or an overlay: bounded in files, bytes and depth, in name order,
// never following a symlink (one could lead out of the workspace), skipping dot-folders and node_modules.
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface TreeLimits {
  readonly maxFiles: number;
  /** Bytes on disk, all files together. */
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/** Relative paths with `/`; `truncated` when a limit cut the listing short (the caller then does not use it whole). */
export function treeFiles(dir: string, limits: TreeLimits): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  let bytes = 0;
  let truncated = false;
  const walk = (at: string, depth: number): void => {
    if (depth > limits.maxDepth || truncated) return;
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (truncated) return;
      const full = join(at, e.name);
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        walk(full, depth + 1);
      } else if (e.isFile()) {
        let size = 0;
        try {
          size = lstatSync(full).size;
        } catch {
          continue;
        }
        bytes += size;
        if (files.length >= limits.maxFiles || bytes > limits.maxBytes) {
          truncated = true;
          return;
        }
        files.push(relative(dir, full).split(sep).join('/'));
      }
    }
  };
  walk(dir, 0);
  return { files, truncated };
}
