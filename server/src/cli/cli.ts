#!/usr/bin/env node
// The command line, `kube-graceful lint`: the editor's engine and workspace model run over files, folders, globs or
// stdin, for CI. Exit codes: 0 clean, 1 findings at or above --fail-on (or too many warnings), 2 bad usage, an
// unreadable config file or an internal error. Also the worker thread of `--jobs N` (the same bundle, started again).
import './v8-flags';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { KubeGracefulService } from '../features/service';
import { findSchemaDir } from '../k8s/schema';
import { CHART_MARKERS } from '../render/helm';
import { localeOf } from '../l10n/locale';
import { RULES } from '../rules';
import { CONFIG_NAMES, ConfigFile, settingsForFile } from '../workspace/config-file';
import { compileGlob, globBase, isGlob, matchGlob } from '../workspace/glob';
import { KUSTOMIZATION_NAMES } from '../workspace/kustomize-graph';
import { DEFAULT_SETTINGS, toAnalysisOptions } from '../workspace/settings';
import { Listings } from '../workspace/listings';
import { walk } from '../workspace/workspace';
import { unifiedDiff } from './diff';
import { displayPath, format, Format, FORMATS } from './formatters';
import { explainMain } from './explain';
import { LintJob, LintTarget, Progress } from './lint';
import { lintInParallel, serveWorker, WorkerPool, workersFor } from './parallel';
import { SEVERITY_RANK, totals } from './report';
import { mergeRendered, renderAll, unitsOfRun } from './render';
import type { Severity } from '../engine/rule';
import type { WorkloadDef } from '../k8s/workloads';

const USAGE = `Usage: kube-graceful lint [options] [files, folders or globs...]
       kube-graceful explain <file> [--object <name>]   (the lifecycle timelines as text; see explain --help)

Checks Kubernetes manifests for rollout and shutdown mistakes (the same rules as the editor).
Folders are walked like the editor's workspace; "-" reads stdin (name it with --stdin-filename).

Options:
  -f, --format <name>        stylish (default), json, sarif, github
  -o, --output-file <path>   write the report to a file instead of stdout
      --fail-on <level>      exit 1 on findings at or above: error (default), warning, info
      --max-warnings <n>     exit 1 when there are more than n warnings
      --fix                  apply the safe fixes and write the files
      --fix-dry-run          print the fixes as a unified diff; write nothing
      --code-frame           show the source under each finding (stylish)
  -j, --jobs <n>             at most n worker threads, 250 files each at least (default: one less than the
                             number of CPUs, at least 1)
      --stdin-filename <p>   the path of the text read from stdin
      --locale <en|zh-cn>    the language of the messages
      --helm-values <file>   a values file for every Helm chart, after its values.yaml (repeatable)
      --no-render            read Helm templates and kustomize overlays file by file, without rendering them
      --helm <path>          the helm binary (default: helm on PATH)
      --kustomize <path>     the kubectl or kustomize binary (default: kubectl, else kustomize, on PATH)
      --color, --no-color    force colours on or off (default: on a terminal)
  -h, --help                 show this help
  -v, --version              show the version

Helm charts (a folder with Chart.yaml, or templates/ beside values.yaml) are rendered with \`helm template\` and
kustomize overlays built with \`kubectl kustomize\` when the binary is found; findings are reported on the template,
values and patch lines that produced them. Rendering runs with no network and no cluster, and no plugins.

Settings come from the nearest .kube-graceful.yaml above each file.
Exit codes: 0 no findings at the failure level, 1 findings, 2 usage, config or internal error.`;

/** An error that ends the run with exit code 2 and a one-line reason. */
class UsageError extends Error {}

interface Args {
  readonly paths: string[];
  readonly format: Format;
  readonly outputFile: string | undefined;
  readonly failOn: Severity;
  readonly maxWarnings: number | undefined;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly codeFrame: boolean;
  readonly jobs: number;
  readonly stdinFilename: string | undefined;
  readonly locale: string | undefined;
  readonly color: boolean | undefined;
  readonly render: boolean;
  readonly helmValues: string[];
  readonly helm: string | undefined;
  readonly kustomize: string | undefined;
}

function parse(argv: readonly string[]): Args | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'code-frame': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        'stdin-filename': { type: 'string' },
        locale: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'helm-values': { type: 'string', multiple: true },
        'no-render': { type: 'boolean' },
        helm: { type: 'string' },
        kustomize: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const [command, ...paths] = parsed.positionals;
  if (command === undefined) throw new UsageError('missing command: kube-graceful lint [paths...] (see --help)');
  if (command !== 'lint') throw new UsageError(`unknown command "${command}": the commands are "lint" and "explain" (see --help)`);
  const formatName = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(formatName)) throw new UsageError(`unknown format "${formatName}": use one of ${FORMATS.join(', ')}`);
  const failOn = v['fail-on'] ?? 'error';
  if (!['error', 'warning', 'info'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info, not "${failOn}"`);
  const maxWarnings = v['max-warnings'] === undefined ? undefined : Number(v['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
    throw new UsageError(`--max-warnings must be a whole number, not "${v['max-warnings']}"`);
  const cpuCount = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  // One core is left to the garbage collector's and the compiler's threads: a single thread already keeps about one
  // and a half cores busy, and on two cores a second worker made the run slower, not faster.
  const jobs = v.jobs === undefined ? Math.max(1, cpuCount - 1) : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256, not "${v.jobs}"`);
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (v.locale !== undefined && !['en', 'zh-cn'].includes(v.locale.toLowerCase())) throw new UsageError(`--locale must be en or zh-cn, not "${v.locale}"`);
  return {
    paths: paths.length > 0 ? paths : ['.'],
    format: formatName as Format,
    outputFile: v['output-file'],
    failOn: failOn as Severity,
    maxWarnings,
    fix: v.fix === true,
    fixDryRun: v['fix-dry-run'] === true,
    codeFrame: v['code-frame'] === true,
    jobs,
    stdinFilename: v['stdin-filename'],
    locale: v.locale,
    color: v['no-color'] ? false : v.color ? true : undefined,
    render: v['no-render'] !== true,
    helmValues: v['helm-values'] ?? [],
    helm: v.helm,
    kustomize: v.kustomize,
  };
}

function version(): string {
  const dir = findSchemaDir();
  try {
    if (dir) return (JSON.parse(readFileSync(join(dirname(dir), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // Fall through: a version is nice to have, never worth failing for.
  }
  return '0.0.0';
}

interface Collected {
  /** Files to analyse, in order, without duplicates. */
  readonly targets: string[];
  /** Kustomizations found on the way (they scope the objects of the index). */
  readonly kustomizations: string[];
  /** Helm chart folders (with a Chart.yaml) the walks met: rendered, not read file by file. */
  readonly charts: string[];
  /** What the walked folders hold, for the config-file and chart lookups. */
  readonly listings: Listings;
}

/** Turns the arguments into files: folders are walked as the workspace walks them, globs match under their base. */
async function collect(paths: readonly string[], cwd: string, stdinPath: string | undefined): Promise<Collected> {
  const targets: string[] = [];
  const seen = new Set<string>();
  const kustomizations = new Set<string>();
  const charts = new Set<string>();
  const listings = new Listings([...CONFIG_NAMES, '.git', ...CHART_MARKERS]);
  const add = (file: string): void => {
    if (seen.has(file) || CONFIG_NAMES.includes(basename(file))) return;
    seen.add(file);
    targets.push(file);
  };
  for (const arg of paths) {
    if (arg === '-') {
      if (stdinPath) add(stdinPath);
      continue;
    }
    const full = resolve(cwd, arg);
    let st;
    try {
      st = statSync(full);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const walked = await walk(full, Number.MAX_SAFE_INTEGER, charts, true, listings);
      walked.files.forEach(add);
      walked.kustomizations.forEach((k) => kustomizations.add(k));
    } else if (st?.isFile()) {
      add(full);
      for (const name of KUSTOMIZATION_NAMES) if (existsSync(join(dirname(full), name))) kustomizations.add(join(dirname(full), name));
    } else if (isGlob(arg)) {
      const base = resolve(cwd, globBase(arg));
      const glob = compileGlob(relative(base, full).split(sep).join('/'), { anchored: true });
      const walked = await walk(base, Number.MAX_SAFE_INTEGER, new Set(), true, listings);
      const matched = walked.files.filter((f) => matchGlob(glob, relative(base, f).split(sep).join('/'), true));
      if (matched.length === 0) throw new UsageError(`no files match "${arg}"`);
      matched.forEach(add);
      walked.kustomizations.forEach((k) => kustomizations.add(k));
    } else throw new UsageError(`no such file or folder: ${arg}`);
  }
  // Reports come in path order, whatever order the arguments and the breadth-first walks gave.
  targets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { targets, kustomizations: [...kustomizations], charts: [...charts], listings };
}

/** Reads stdin to the end. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A progress bar on stderr, on a terminal only, for runs of a few hundred files or more: the files read into the
 * index, then the files checked.
 */
function progressBar(files: number, targets: number): Progress & { done: () => void } {
  const on = process.stderr.isTTY === true && targets > 300;
  let phase: 'read' | 'checked' = 'read';
  let n = 0;
  let last = 0;
  const advance = (to: 'read' | 'checked', count: number): void => {
    if (phase !== to) {
      phase = to;
      n = 0;
    }
    n += count;
    const total = phase === 'read' ? files : targets;
    if (!on || (Date.now() - last < 100 && n !== total)) return;
    last = Date.now();
    const width = 30;
    const filled = Math.round((Math.min(n, total) / Math.max(total, 1)) * width);
    process.stderr.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${n}/${total} files ${phase}\u001b[K`);
  };
  return {
    read: (count) => advance('read', count),
    checked: (count) => advance('checked', count),
    done: () => {
      if (on) process.stderr.write('\r\u001b[K');
    },
  };
}

/** Writes a file atomically: a temporary file in the same folder, the old file's mode, then a rename over it. */
export function writeAtomic(path: string, text: string): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.kube-graceful.tmp`);
  try {
    writeFileSync(temp, text, { mode, flag: 'wx' });
    // The mode given at creation is masked by the umask; set it exactly.
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written, or the rename already consumed it.
    }
    throw e;
  }
}

function configError(config: ConfigFile, cwd: string): string {
  const p = config.problems[0];
  const more = config.problems.length > 1 ? ` (and ${config.problems.length - 1} more)` : '';
  return `${displayPath(config.path, cwd)}:${p?.line ?? 1}:${p?.column ?? 1}: ${p?.message ?? 'invalid config file'}${more}`;
}

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  if (argv[0] === 'explain') return explainMain(argv.slice(1), cwd);
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kube-graceful: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  let pool: WorkerPool | undefined;
  try {
    const usesStdin = args.paths.includes('-');
    if (usesStdin && args.fix) throw new UsageError('--fix cannot write to stdin; use --fix-dry-run to see the fixes');
    const stdinPath = usesStdin ? resolve(cwd, args.stdinFilename ?? 'stdin.yaml') : undefined;
    const stdinText = usesStdin ? await readStdin() : undefined;
    const { targets, kustomizations, charts, listings } = await collect(args.paths, cwd, stdinPath);
    // Worker threads start now, when the run is large enough to share: their start-up (loading the engine) overlaps
    // the config lookups below.
    const workers = workersFor(args.jobs, targets.length);
    if (workers > 1) pool = new WorkerPool(__filename, workers);
    const locale = args.locale ? localeOf(args.locale) : undefined;
    const lintTargets: LintTarget[] = [];
    let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
    // The index reads closed files with one set of CRD workload kinds: the first config file's that names any.
    let customWorkloads: readonly WorkloadDef[] | undefined;
    const lookups = new Map<string, string | undefined>();
    for (const path of targets) {
      const { settings, config, ignored } = settingsForFile(path, DEFAULT_SETTINGS, [], lookups, locale, listings);
      if (config && config.problems.length > 0) throw new UsageError(configError(config, cwd));
      if (ignored || !settings.enable) continue;
      maxFileSize = Math.max(maxFileSize, settings.maxFileSize);
      const options = toAnalysisOptions(settings, locale);
      if (options.customWorkloads && options.customWorkloads.length > 0) customWorkloads ??= options.customWorkloads;
      lintTargets.push({ path, options, ...(settings.workspace.enable ? {} : { alone: true }) });
    }
    const job: LintJob = {
      files: targets.filter((f) => f !== stdinPath),
      kustomizations,
      ...(stdinPath && stdinText !== undefined ? { stdin: { path: stdinPath, text: stdinText } } : {}),
      targets: lintTargets,
      fix: args.fix ? 'apply' : args.fixDryRun ? 'dry-run' : undefined,
      maxFileSize,
      customWorkloads: customWorkloads ?? [],
    };
    const progress = progressBar(job.files.length, lintTargets.length);
    const { reports: linted, workers: used } = await lintInParallel(job, pool, progress);
    await pool?.close();
    pool = undefined;
    progress.done();
    // Charts and overlays rendered as they will be applied, their findings put on the lines that produced them.
    const units = args.render ? unitsOfRun(targets, charts, kustomizations, listings) : [];
    const rendered = await renderAll(units, {
      enable: args.render,
      helmPath: args.helm,
      kustomizePath: args.kustomize,
      helmValues: args.helmValues,
      locale,
      cwd,
    });
    for (const r of rendered) process.stderr.write(`kube-graceful: ${displayPath(r.unit.dir, cwd) || '.'}: ${r.status}\n`);
    const reports = mergeRendered(linted, rendered, locale);
    const diffs: string[] = [];
    for (const r of reports) {
      if (!r.fix) continue;
      const shown = displayPath(r.path, cwd);
      if (args.fixDryRun) diffs.push(unifiedDiff(shown, r.fix.before, r.fix.after));
      else {
        writeAtomic(r.path, r.fix.after);
        process.stderr.write(`kube-graceful: fixed ${r.fixed} problem${r.fixed === 1 ? '' : 's'} in ${shown}\n`);
      }
    }
    // The diff goes to stdout before a stylish report; with a machine-readable format it must not spoil stdout.
    if (diffs.length > 0) (args.format === 'stylish' && !args.outputFile ? process.stdout : process.stderr).write(diffs.join(''));
    const color = args.color ?? (process.stdout.isTTY === true && !args.outputFile && !process.env['NO_COLOR']);
    const service = new KubeGracefulService();
    const ruleHelp = (id: string): string | undefined => service.ruleDocumentation(id);
    const output = format(args.format, reports, { cwd, color, codeFrame: args.codeFrame, rules: RULES, version: version(), ruleHelp });
    if (args.outputFile) writeFileSync(resolve(cwd, args.outputFile), output);
    else process.stdout.write(output);
    // For the bench: the CPU time of the whole process, worker threads included (wall time alone misleads on a
    // shared machine).
    if (process.env['KUBE_GRACEFUL_STATS']) {
      const cpu = process.cpuUsage();
      process.stderr.write(`kube-graceful-stats ${JSON.stringify({ files: reports.length, cpuMs: (cpu.user + cpu.system) / 1000, workers: used })}\n`);
    }
    const t = totals(reports);
    const rank = SEVERITY_RANK[args.failOn];
    const failing = (['error', 'warning', 'info'] as const).filter((s) => SEVERITY_RANK[s] >= rank).reduce((n, s) => n + t[s], 0);
    if (failing > 0) return 1;
    if (args.maxWarnings !== undefined && t.warning > args.maxWarnings) {
      process.stderr.write(`kube-graceful: too many warnings (${t.warning}; at most ${args.maxWarnings} allowed).\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kube-graceful: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`kube-graceful: ${message.split('\n')[0]}\n`);
    if (process.env['KUBE_GRACEFUL_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return 2;
  } finally {
    await pool?.close();
  }
}

if (!isMainThread && (workerData as { kubeGracefulWorker?: boolean } | null)?.kubeGracefulWorker) {
  if (parentPort) serveWorker(parentPort);
} else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`kube-graceful: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
