// `--jobs N`: a lint run across worker threads. Each worker holds a LintRun; the main thread hands out batches in two
// rounds. First every file is read into the index of the worker that takes its batch; then each worker gets the facts
// the others read, and lints batches of the targets, its own files first (their texts are still in its memory). A
// worker that runs out of batches takes the last ones of the longest other queue, so no worker waits for another.
import { MessagePort, Worker } from 'node:worker_threads';
import { IndexedFiles, LintJob, LintRun, LintTarget, Progress, runLint } from './lint';
import type { FileReport } from './report';

/** A message to a worker thread. Answered in order: `read` with its facts, `lint` with its reports. */
type ToWorker = { start: LintJob } | { read: readonly string[] } | { facts: IndexedFiles } | { lint: readonly LintTarget[] };
/** A message from a worker thread. */
type FromWorker = { indexed: IndexedFiles } | { reports: FileReport[] } | { error: string };

/**
 * Each worker gets at least this many targets, and a run of fewer than twice as many stays in one thread. A worker
 * costs about 0.3 CPU-seconds before it is up to speed (loading the engine, then V8 compiling it again in its own
 * isolate), the time of about 250 files: on the bench machine two workers began to pay off between 1,000 and 2,000
 * files, so a worker with less than this would make the run slower on any machine.
 */
const MIN_TARGETS_PER_WORKER = 250;

/** How many worker threads a run of `targets` files gets with `--jobs`: 0 or 1 means the main thread alone. */
export function workersFor(jobs: number, targets: number): number {
  return Math.min(jobs, Math.floor(targets / MIN_TARGETS_PER_WORKER));
}

/**
 * Worker threads that answer LintRun's questions. They are started as soon as the files are collected (their
 * start-up, loading the engine, overlaps the config lookups) and stopped by `close`, which every path out of a run
 * must call.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  /** Per worker, the answers awaited, in the order asked (a worker answers in that order). */
  private readonly pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }[][];
  private failure: Error | undefined;

  constructor(script: string, size: number) {
    // A young generation of 48 MB (V8's default is 16): parsing allocates many short-lived nodes, and fewer
    // scavenges cost less on a machine whose cores the workers share with the collector's helper threads (~7%).
    this.workers = Array.from(
      { length: size },
      () => new Worker(script, { workerData: { kubeGracefulWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 48 } }),
    );
    this.pending = this.workers.map(() => []);
    this.workers.forEach((worker, i) => {
      worker.on('message', (m: FromWorker) => {
        if ('error' in m) return this.fail(new Error(m.error));
        this.pending[i]?.shift()?.resolve(m);
      });
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`a worker thread stopped with code ${code}`)));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Stops every worker: the run is over, or failed. */
  async close(): Promise<void> {
    this.failure ??= new Error('the worker threads were stopped');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Stops the workers past the first `size`: the run turned out smaller than the pool (config files ignore files). */
  async shrink(size: number): Promise<void> {
    const extra = this.workers.splice(size);
    this.pending.splice(size);
    for (const w of extra) w.removeAllListeners();
    await Promise.all(extra.map((w) => w.terminate()));
  }

  tell(worker: number, message: ToWorker): void {
    this.workers[worker]?.postMessage(message);
  }

  ask(worker: number, message: ToWorker): Promise<FromWorker> {
    return new Promise<FromWorker>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending[worker]?.push({ resolve, reject });
      this.workers[worker]?.postMessage(message);
    });
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const list of this.pending) for (const p of list.splice(0)) p.reject(e);
  }
}

/** Items in batches of about `size`, in order. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs every batch of `queues` (one queue per worker) on a worker: each takes the batches of its own queue from the
 * front, then those of the longest other queue from the back. Two batches are in flight per worker, so that a worker
 * never waits for the main thread to send its next one.
 */
async function schedule<T, R>(
  queues: T[][][],
  ask: (worker: number, batch: T[]) => Promise<R>,
  done: (worker: number, batch: T[], result: R) => void,
): Promise<void> {
  const next = (worker: number): T[] | undefined => {
    const own = queues[worker];
    if (own && own.length > 0) return own.shift();
    let longest: T[][] | undefined;
    for (const q of queues) if (q.length > (longest?.length ?? 0)) longest = q;
    return longest?.pop();
  };
  const lane = async (worker: number): Promise<void> => {
    for (let batch = next(worker); batch; batch = next(worker)) done(worker, batch, await ask(worker, batch));
  };
  await Promise.all(queues.flatMap((_, worker) => [lane(worker), lane(worker)]));
}

/**
 * Lints the job in the pool's workers, or in this thread when the run is too small to share (then the pool is
 * stopped at once). The targets' order is kept; `workers` is how many took part (0: this thread alone). The caller
 * closes the pool.
 */
export async function lintInParallel(job: LintJob, pool: WorkerPool | undefined, progress?: Progress): Promise<{ reports: FileReport[]; workers: number }> {
  // Fewer targets than files were collected when a config file ignores some.
  const count = workersFor(pool?.size ?? 1, job.targets.length);
  if (!pool || count <= 1) {
    await pool?.close();
    return { reports: await runLint(job, progress), workers: 0 };
  }
  await pool.shrink(count);
  const workers = Array.from({ length: count }, (_, i) => i);
  for (const w of workers) pool.tell(w, { start: { ...job, targets: [] } });
  // Round 1: the files, in contiguous runs (a folder's files mostly go to one worker), in batches small enough that
  // the last ones even out the workers' time.
  const size = Math.max(1, Math.min(64, Math.ceil(job.files.length / (count * 8))));
  const perWorker = Math.ceil(job.files.length / count);
  const fileQueues = workers.map((w) => batches(job.files.slice(w * perWorker, (w + 1) * perWorker), size));
  const owner = new Map<string, number>();
  const facts = workers.map((): IndexedFiles[] => []);
  await schedule(
    fileQueues,
    (w, batch) => pool.ask(w, { read: batch }),
    (w, batch, answer) => {
      if (!('indexed' in answer)) throw new Error('a worker thread answered out of turn');
      for (const f of batch) owner.set(f, w);
      facts[w]?.push(answer.indexed);
      progress?.read(batch.length);
    },
  );
  // Each worker takes what the others read (its own files are in its index already).
  for (const w of workers) {
    const others = facts.filter((_, k) => k !== w).flat();
    pool.tell(w, { facts: { files: others.flatMap((x) => x.files), crdFiles: others.flatMap((x) => x.crdFiles) } });
  }
  // Round 2: each worker's targets are the files it read (stdin's text goes to the first).
  const targetQueues = workers.map((w) =>
    batches(
      job.targets.filter((t) => (owner.get(t.path) ?? 0) === w),
      size,
    ),
  );
  const byPath = new Map<string, FileReport>();
  await schedule(
    targetQueues,
    (w, batch) => pool.ask(w, { lint: batch }),
    (_, batch, answer) => {
      if (!('reports' in answer)) throw new Error('a worker thread answered out of turn');
      for (const r of answer.reports) byPath.set(r.path, r);
      progress?.checked(batch.length);
    },
  );
  return { reports: job.targets.map((t) => byPath.get(t.path) as FileReport), workers: count };
}

/** The worker thread's side: one LintRun, its messages handled one after another in the order they came. */
export function serveWorker(port: MessagePort): void {
  let run: LintRun | undefined;
  let chain: Promise<void> = Promise.resolve();
  const handle = async (m: ToWorker): Promise<void> => {
    if ('start' in m) {
      run = await LintRun.start(m.start);
      return;
    }
    if (!run) throw new Error('a worker thread was asked to work before its run started');
    if ('read' in m) port.postMessage({ indexed: await run.read(m.read, true) } satisfies FromWorker);
    else if ('facts' in m) await run.addFacts(m.facts);
    else port.postMessage({ reports: run.lint(m.lint) } satisfies FromWorker);
  };
  port.on('message', (m: ToWorker) => {
    chain = chain.then(() => handle(m)).catch((e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies FromWorker));
  });
}
