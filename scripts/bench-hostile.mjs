// Hostile benchmark (issue 19): prints figures, asserts nothing unless --strict. Over the real protocol (spawned
// dist/server.js --stdio): for each pathological class of test/support/hostile.ts at 50 KB, 200 KB and 1 MB, the
// time from didOpen to the first diagnostics (or the analysis-limit info), and the time a healthy file opened right
// after it waits for its own; then 1,000 keystrokes in a 1 MB file with the server under a 512 MB heap.
// Targets: hostile <= 2,000 ms, healthy <= 500 ms, the server alive after the keystrokes.
// Usage: npm run bench:hostile [-- --sizes 50000,200000 --strict --keystrokes 1000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const hostile = require('../out/test/support/hostile.js');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = arg('--sizes', '50000,200000,1000000').split(',').map(Number);
const KEYSTROKES = Number(arg('--keystrokes', '1000'));
const STRICT = args.includes('--strict');
const HOSTILE_MS = 2000;
const HEALTHY_MS = 500;

/** Starts the server; `heapMb` caps its V8 heap. */
async function start(heapMb) {
  const execArgv = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const child = spawn(process.execPath, [...execArgv, 'dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = new Set();
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    for (const w of waiters) w();
  });
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.push({ ...p, at: performance.now() });
    for (const w of waiters) w();
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  return {
    child,
    connection,
    published,
    exited: () => exited,
    /** Resolves with the time of the first publish for `uri` that satisfies `ok`, or undefined after `timeoutMs`. */
    waitFor(uri, ok, timeoutMs) {
      return new Promise((resolve) => {
        const check = () => {
          const hit = published.find((p) => p.uri === uri && ok(p));
          if (hit || exited) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(undefined);
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        connection.sendNotification('exit');
      } catch {
        // Gone already.
      }
      setTimeout(() => child.kill(), 1000).unref();
    },
  };
}

/** Peak resident memory of a process in MB (Linux), from /proc. */
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function classes() {
  const rows = new Map();
  let n = 0;
  for (const size of SIZES) {
    // One server per size: a class that went wrong at one size must not slow the next one down.
    const server = await start();
    for (const c of hostile.hostileCases(size)) {
      const id = ++n;
      const heavy = `file:///hostile/${id}.yaml`;
      const healthy = `file:///healthy/${id}.yaml`;
      const t0 = performance.now();
      server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: heavy, languageId: 'yaml', version: 1, text: c.text } });
      server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: healthy, languageId: 'yaml', version: 1, text: hostile.HEALTHY } });
      const [h, k] = await Promise.all([server.waitFor(heavy, () => true, 60_000), server.waitFor(healthy, () => true, 60_000)]);
      const row = rows.get(c.name) ?? { name: c.name, bySize: {}, healthy: 0, limit: false };
      row.bySize[size] = h ? Math.round(h.at - t0) : Infinity;
      row.healthy = Math.max(row.healthy, k ? Math.round(k.at - t0) : Infinity);
      row.limit ||= Boolean(h?.diagnostics.some((d) => d.code === 'analysis-limit'));
      rows.set(c.name, row);
      server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: heavy } });
      server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: healthy } });
      if (server.exited()) {
        console.log(`server exited during ${c.name} at ${size}: ${JSON.stringify(server.exited())}`);
        break;
      }
    }
    await server.stop();
  }
  return [...rows.values()];
}

/** A single-document Deployment of about `size` bytes (env entries), with a fixable finding (pdb-missing). */
function bigDeployment(size) {
  const head = `${hostile.HEALTHY}          env:\n`;
  const parts = [head];
  let length = head.length;
  for (let i = 0; length < size; i++) {
    const line = `            - {name: VAR_${i}, value: "value-${i}"}\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

async function keystrokes() {
  const server = await start(512);
  const uri = 'file:///typing/big.yaml';
  let text = bigDeployment(1_000_000);
  const t0 = performance.now();
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const opened = await server.waitFor(uri, () => true, 60_000);
  const openMs = opened ? Math.round(opened.at - t0) : Infinity;
  // Type into a value in the middle of the file, one character at a time, at about 50 characters a second.
  const at = text.indexOf('value-5000"');
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const t1 = performance.now();
  let version = 1;
  for (let i = 0; i < KEYSTROKES && !server.exited(); i++) {
    version++;
    const ch = String.fromCharCode(97 + (i % 26));
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: ch }],
    });
    text = text.slice(0, at + i) + ch + text.slice(at + i);
    await new Promise((r) => setTimeout(r, 20));
  }
  const last = await server.waitFor(uri, (p) => p.version === version, 120_000);
  const result = {
    openMs,
    keystrokes: KEYSTROKES,
    typingMs: Math.round(performance.now() - t1),
    finalDiagnosticsMs: last ? Math.round(last.at - t1) : Infinity,
    alive: !server.exited(),
    peakRssMb: peakRssMb(server.child.pid),
    publishes: server.published.filter((p) => p.uri === uri).length,
  };
  await server.stop();
  return result;
}

const rows = await classes();
const cell = (ms) => (ms === undefined ? '-' : ms === Infinity ? 'timeout' : `${ms}`);
console.log(`\nHostile classes over the protocol (ms from didOpen to diagnostics; targets: hostile <= ${HOSTILE_MS}, healthy <= ${HEALTHY_MS})`);
console.log(['class'.padEnd(18), ...SIZES.map((s) => `${s / 1000} KB`.padStart(9)), 'worst'.padStart(8), 'healthy'.padStart(8), ' limit-info'].join(' '));
let failures = 0;
for (const r of rows) {
  const worst = Math.max(...Object.values(r.bySize));
  const ok = worst <= HOSTILE_MS && r.healthy <= HEALTHY_MS;
  if (!ok) failures++;
  console.log(
    [
      r.name.padEnd(18),
      ...SIZES.map((s) => cell(r.bySize[s]).padStart(9)),
      cell(worst).padStart(8),
      cell(r.healthy).padStart(8),
      r.limit ? ' yes' : ' no',
      ok ? '' : '  <- over target',
    ].join(' '),
  );
}
const typing = await keystrokes();
console.log(`\n${typing.keystrokes} keystrokes in a 1 MB single-document file, server under --max-old-space-size=512:`);
console.log(JSON.stringify(typing, null, 2));
if (!typing.alive) failures++;
console.log(`\n${failures === 0 ? 'all within targets' : `${failures} over target`}`);
process.exit(STRICT && failures > 0 ? 1 : 0);
