// Benchmark: prints figures, asserts nothing. Over the real protocol (spawned dist/server.js --stdio) for
// generated manifests of 50, 500 and 2,000 documents: open-to-diagnostics, keystroke-to-diagnostics p50/p95, the
// server's peak memory; in process: the whole analysis versus a bare `yaml` parse of the same text. Then the schema
// figures (bench-schema.mjs), the realistic manifests against yaml-language-server and the workspace index
// (bench-realistic.mjs), the command line's throughput (bench-cli.mjs), and rendering the corpus Helm chart
// (bench-render.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const YAML = require('yaml');
const { analyse } = require('../out/server/src/engine/analyze.js');
const { RULES } = require('../out/server/src/rules/index.js');

function workload(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  labels: {app: web-${i}}
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: web-${i}}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      terminationGracePeriodSeconds: 45
      initContainers:
        - name: migrate
          image: example/migrate:${i}
          command: ["sh", "-c", "migrate up && echo done"]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
        - name: proxy
          image: example/proxy:1.0
          restartPolicy: Always
          ports: [{containerPort: 15001}]
          startupProbe: {tcpSocket: {port: 15001}, periodSeconds: 1, failureThreshold: 30}
      containers:
        - name: app
          image: example/app:${i}
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: 5
          livenessProbe:
            httpGet: {path: /live, port: http}
            failureThreshold: 6
          lifecycle:
            preStop: {sleep: {seconds: 10}}
          resources:
            requests: {cpu: 250m, memory: 256Mi}
`;
}

function manifest(n) {
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(workload(i));
  return docs.join('---\n');
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function peakRssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return (kb / 1024).toFixed(0);
  } catch {
    return 'n/a';
  }
}

async function overProtocol(n, edits) {
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    // Partial results of a large file (an incomplete analysis-limit info) are not the figure: the complete ones are.
    if (p.diagnostics.some((d) => d.code === 'analysis-limit' && d.data?.incomplete === true)) return;
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(p);
    }
  });
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  conn.sendNotification('initialized', {});
  const text = manifest(n);
  const uri = `file:///bench/${n}.yaml`;
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

  let t = performance.now();
  let wait = published(1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = await wait;
  const open = performance.now() - t;

  // Keystrokes in the middle document: each types one digit into a replica count and waits for its diagnostics.
  const lines = text.split('\n');
  const target = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('  replicas:'));
  const latencies = [];
  for (let k = 0; k < edits; k++) {
    const version = 2 + k;
    wait = published(version);
    t = performance.now();
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character: 12 }, end: { line: target, character: 13 } }, text: String((k % 9) + 1) }],
    });
    await wait;
    latencies.push(performance.now() - t);
  }
  const memory = peakRssMiB(child.pid);
  await conn.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await conn.sendNotification('exit');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  conn.dispose();
  child.kill();
  return { open, p50: percentile(latencies, 50), p95: percentile(latencies, 95), memory, diagnostics: first.diagnostics.length, bytes: text.length };
}

function inProcess(n) {
  const text = manifest(n);
  const runs = n >= 2000 ? 3 : 10;
  const time = (fn) => {
    fn();
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      samples.push(performance.now() - t);
    }
    return percentile(samples, 50);
  };
  const parse = time(() => YAML.parseAllDocuments(text, { version: '1.1', merge: true }));
  const full = time(() => analyse(text, RULES));
  return { parse, full, ratio: full / parse };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`kube-graceful benchmark (node ${process.version}); keystroke latency includes the server's ${15} ms debounce`);
console.log('docs    size       open->diags  keystroke p50        p95  server peak RSS  diagnostics');
for (const n of [50, 500, 2000]) {
  const r = await overProtocol(n, n >= 2000 ? 30 : 60);
  console.log(
    `${String(n).padEnd(6)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB ${fmt(r.open).padStart(12)} ${fmt(r.p50).padStart(14)} ${fmt(r.p95).padStart(10)} ${String(r.memory).padStart(12)} MiB ${String(r.diagnostics).padStart(12)}`,
  );
}
console.log('');
console.log('docs   bare yaml parse   full analysis (cold)    ratio');
for (const n of [50, 500, 2000]) {
  const r = inProcess(n);
  console.log(`${String(n).padEnd(6)} ${fmt(r.parse).padStart(15)} ${fmt(r.full).padStart(22)} ${r.ratio.toFixed(2).padStart(8)}x`);
}

console.log('');
const { benchSchema } = await import('./bench-schema.mjs');
await benchSchema();

console.log('');
const { benchRealistic, benchWorkspace } = await import('./bench-realistic.mjs');
await benchRealistic();
console.log('');
await benchWorkspace();

console.log('');
const { benchCli } = await import('./bench-cli.mjs');
await benchCli();

console.log('');
const { benchRender } = await import('./bench-render.mjs');
await benchRender();
