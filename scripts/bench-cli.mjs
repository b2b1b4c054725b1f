// The command line's throughput: `node dist/cli.js lint` over the 2,000-file workspace that bench-realistic.mjs
// generates, with --jobs 1 and --jobs 2 (documents per second per core, wall time including start-up), what two
// cores of this machine give such work at best (two processes on the two halves), and the wall time on
// ../shared/corpus. Prints figures, asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
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
  let workers = 0;
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
    if (stats) {
      cpuMs = Math.min(cpuMs, JSON.parse(stats[1]).cpuMs);
      workers = JSON.parse(stats[1]).workers ?? 0;
    }
  }
  return { ms: best, cpuMs, workers };
}

/**
 * What two cores of this machine give this work at best, measured with no sharing at all: the workspace's two halves
 * (the apps of teams 0-2 and 3-5) linted by two separate `--jobs 1` processes at once, against one half alone. On
 * cores that share caches or memory bandwidth (two vCPUs of one physical core), a memory-heavy program runs slower
 * when the other core is busy, and no split of the work can beat that.
 */
async function machineCeiling(root, runs, oneMs, twoMs) {
  const halves = [
    ['apps/team-0', 'apps/team-1', 'apps/team-2'],
    ['apps/team-3', 'apps/team-4', 'apps/team-5'],
  ];
  const lintHalf = (half) =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, [cli, 'lint', ...half, '-f', 'json', '--jobs', '1'], { cwd: root, stdio: 'ignore' });
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 || code === 1 ? done() : fail(new Error(`kube-graceful lint exited with ${code}`))));
    });
  let alone = Infinity;
  let together = Infinity;
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await lintHalf(halves[0]);
    alone = Math.min(alone, performance.now() - started);
    started = performance.now();
    await Promise.all(halves.map(lintHalf));
    together = Math.min(together, performance.now() - started);
  }
  const ceiling = oneMs / together;
  console.log(
    `  this machine's ceiling: half of the workspace takes ${(alone / 1000).toFixed(2)} s in one process alone, ${(together / 1000).toFixed(2)} s when two processes lint the two halves at once ` +
      `(each at ${((alone / together) * 100).toFixed(0)}% of its speed alone; 100% where cores share nothing), so two cores lint the whole workspace at best ${ceiling.toFixed(2)}x as fast as one; ` +
      `--jobs 2 reaches ${((oneMs / twoMs / ceiling) * 100).toFixed(0)}% of that`,
  );
}

export async function benchCli({ files = 2000, runs = 3 } = {}) {
  const { root, objects } = writeBenchWorkspace(files);
  try {
    console.log(`Command line: ${files} files, ${objects} documents, \`kube-graceful lint . -f json\` (best of ${runs}, wall time including start-up)`);
    let one;
    let two;
    for (const jobs of [1, 2]) {
      const r = lint(root, ['.', '-f', 'json', '--jobs', String(jobs)], runs);
      one ??= r.ms;
      two = r.ms;
      const perCore = objects / (r.ms / 1000) / jobs;
      console.log(
        `  --jobs ${jobs} (${r.workers === 0 ? 'main thread' : `${r.workers} workers`}): ${(r.ms / 1000).toFixed(2)} s wall, ${(objects / (r.ms / 1000)).toFixed(0)} documents/s, ${perCore.toFixed(0)} documents/s per core, speed-up ${(one / r.ms).toFixed(2)}x; ` +
          `CPU ${(r.cpuMs / 1000).toFixed(2)} s (${(objects / (r.cpuMs / 1000)).toFixed(0)} documents per CPU-second; ${(r.cpuMs / r.ms).toFixed(1)} cores busy)`,
      );
    }
    await machineCeiling(root, runs, one, two);
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
