// Runs a render binary (helm, kubectl, kustomize) the way untrusted input demands: never through a shell, in a
// clean environment that reaches no cluster and loads no plugins, with a timeout and a cap on what it may print.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunOptions {
  readonly cwd?: string;
  /** Killed (SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Killed when stdout grows past this many bytes. */
  readonly maxOutputBytes: number;
}

export interface RunResult {
  readonly ok: boolean;
  readonly stdout: string;
  /** The first 64 KiB of stderr. */
  readonly stderr: string;
  readonly code: number | null;
  /** Why it did not finish normally: `timeout`, `output-limit`, `spawn` (the binary could not be started). */
  readonly failure?: 'timeout' | 'output-limit' | 'spawn';
  readonly milliseconds: number;
}

const MAX_STDERR = 64 * 1024;

let home: string | undefined;

/**
 * A private home for the binaries: empty helm cache, config, data and plugin folders (no repositories, no plugins,
 * no registry credentials), and no kubeconfig. Made once per process.
 */
export function isolatedHome(): string {
  if (home === undefined) {
    home = mkdtempSync(join(tmpdir(), 'kube-graceful-render-'));
    for (const sub of ['cache', 'config', 'data', 'plugins']) mkdirSync(join(home, sub), { recursive: true });
  }
  return home;
}

/**
 * The environment a render runs in. Only PATH and the locale survive from ours: no KUBECONFIG (so `lookup` answers
 * nothing and nothing talks to a cluster), no proxies, no HELM_* that could name plugins or a post-renderer.
 */
export function renderEnvironment(): NodeJS.ProcessEnv {
  const h = isolatedHome();
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: h,
    LANG: 'C.UTF-8',
    KUBECONFIG: '/dev/null',
    HELM_CACHE_HOME: join(h, 'cache'),
    HELM_CONFIG_HOME: join(h, 'config'),
    HELM_DATA_HOME: join(h, 'data'),
    HELM_PLUGINS: join(h, 'plugins'),
    // No network: an address nothing listens on, for any client that would try a proxy.
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    ALL_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** Runs `file args` without a shell; resolves (never rejects) with what it printed and how it ended. */
export function runBounded(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(file, args, { cwd: options.cwd, env: renderEnvironment(), shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      resolve({ ok: false, stdout: '', stderr: e instanceof Error ? e.message : String(e), code: null, failure: 'spawn', milliseconds: Date.now() - t0 });
      return;
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: RunResult['failure'];
    let settled = false;
    const kill = (why: 'timeout' | 'output-limit'): void => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > options.maxOutputBytes) kill('output-limit');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < MAX_STDERR) err += chunk.toString('utf8').slice(0, MAX_STDERR - err.length);
    });
    const finish = (code: number | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const stdout = failure === undefined ? Buffer.concat(out).toString('utf8') : '';
      resolve({
        ok: spawnError === undefined && failure === undefined && code === 0,
        stdout,
        stderr: spawnError ? spawnError.message : err,
        code,
        ...(spawnError ? { failure: 'spawn' as const } : failure ? { failure } : {}),
        milliseconds: Date.now() - t0,
      });
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (code) => finish(code));
  });
}
