// The command line's throughput: `node dist/cli.js lint` over the 2,000-file workspace that bench-realistic.mjs
// generates, with --jobs 1 and --jobs 2 (documents per second per core, wall time including start-up), and its wall
// time on ../shared/corpus. Prints figures, asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeBenchWorkspace } from './bench-realistic.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist', 'cli.js');

/** The best wall time of `runs` runs (the machine is shared: the best run is the least disturbed one). */
function lint(cwd, args, runs) {
  let best = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, [cli, 'lint', ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, KUBE_GRACEFUL_STATS: '1' },
    });
    best = Math.min(best, performance.now() - started);
    if (r.status !== 0 && r.status !== 1) throw new Error(`kube-graceful lint failed (${r.status}): ${r.stderr}`);
    const stats = /kube-graceful-stats (.*)/.exec(r.stderr);
    if (stats) cpuMs = Math.min(cpuMs, JSON.parse(stats[1]).cpuMs);
  }
  return { ms: best, cpuMs };
}

export async function benchCli({ files = 2000, runs = 3 } = {}) {
  const { root, objects } = writeBenchWorkspace(files);
  try {
    console.log(`Command line: ${files} files, ${objects} documents, \`kube-graceful lint . -f json\` (best of ${runs}, wall time including start-up)`);
    let one;
    for (const jobs of [1, 2]) {
      const r = lint(root, ['.', '-f', 'json', '--jobs', String(jobs)], runs);
      one ??= r.ms;
      const perCore = objects / (r.ms / 1000) / jobs;
      console.log(
        `  --jobs ${jobs}: ${(r.ms / 1000).toFixed(2)} s wall, ${(objects / (r.ms / 1000)).toFixed(0)} documents/s, ${perCore.toFixed(0)} documents/s per core, speed-up ${(one / r.ms).toFixed(2)}x; ` +
          `CPU ${(r.cpuMs / 1000).toFixed(2)} s (${(objects / (r.cpuMs / 1000)).toFixed(0)} documents per CPU-second; ${(r.cpuMs / r.ms).toFixed(1)} cores busy)`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const corpus = join(repo, '..', 'shared', 'corpus');
  if (existsSync(corpus)) {
    const r = lint(corpus, ['.', '-f', 'json', '--jobs', '1'], runs);
    console.log(`  ../shared/corpus: ${(r.ms / 1000).toFixed(2)} s wall time with --jobs 1 (CPU ${(r.cpuMs / 1000).toFixed(2)} s)`);
  }
  console.log(
    `  (load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${availableParallelism()} CPUs)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCli();
