// Benchmark of schema validation (issue 6): prints figures, asserts nothing.
//   - loading schemas/ cold, in a fresh process: index.json, validators.js (ahead-of-time ajv code), and the
//     JSON read only when there is an error to explain or a description to show;
//   - the first validation in a fresh process (pays the loading) and the steady per-document cost, in process,
//     as the difference between a full analysis with the `schema` check on and off;
//   - the server's start-up over stdio: spawn -> initialize result, and spawn -> the first diagnostics of one
//     Deployment, with the check on (default) and off (`kubeGraceful.rules.schema: off`).
//
//   node scripts/bench-schema.mjs [--server dist/server.js] [--out out]
// or, from another script: `const { benchSchema } = await import('./bench-schema.mjs'); await benchSchema();`
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function deployment(i, extra = '') {
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
      containers:
        - name: app
          image: example/app:${i}
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: 5${extra}
          lifecycle:
            preStop: {sleep: {seconds: 10}}
          resources:
            requests: {cpu: 250m, memory: 256Mi}
`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** Loading costs in a fresh Node process, so nothing is cached by an earlier step. */
function coldLoad(outDir) {
  const schemaModule = join(outDir, 'server/src/k8s/schema.js');
  const analyzeModule = join(outDir, 'server/src/engine/analyze.js');
  const script = `
    const { performance } = require('node:perf_hooks');
    const t0 = performance.now();
    const schema = require(${JSON.stringify(schemaModule)});
    const { analyse, DEFAULT_OPTIONS } = require(${JSON.stringify(analyzeModule)});
    const t1 = performance.now();
    const text = ${JSON.stringify(deployment(0))};
    analyse(text, [], { ...DEFAULT_OPTIONS, levels: { schema: 'off' } });
    const t2 = performance.now();
    analyse(text.replace('web-0', 'web-1'), []);
    const t3 = performance.now();
    analyse(text.replace('periodSeconds', 'periodSecond'), []);
    const t4 = performance.now();
    schema.preloadSchemas();
    const t5 = performance.now();
    process.stdout.write(JSON.stringify({ modules: t1 - t0, baseline: t2 - t1, first: t3 - t2, firstError: t4 - t3, rest: t5 - t4 }));
  `;
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold load failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout));
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  return { modules: pick('modules'), baseline: pick('baseline'), first: pick('first'), firstError: pick('firstError'), rest: pick('rest') };
}

/**
 * Per-document cost in process, warm: validateObject over already parsed objects (one in ten has a misspelled
 * field, so explaining errors is included), next to a bare parse and a full analysis without rules.
 */
function perDocument(outDir, n) {
  const { analyse, AnalysisCache } = require(join(outDir, 'server/src/engine/analyze.js'));
  const { objectsOf } = require(join(outDir, 'server/src/k8s/model.js'));
  const { DocView } = require(join(outDir, 'server/src/yaml/view.js'));
  const { validateObject } = require(join(outDir, 'server/src/k8s/schema.js'));
  const YAML = require('yaml');
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(deployment(i, i % 10 === 0 ? '\n            periodSecond: 5' : ''));
  const text = docs.join('---\n');
  const objects = new AnalysisCache().chunks.parse(text).flatMap((c) => objectsOf(new DocView(c.parsed)));
  const version = { major: 1, minor: 36 };
  const time = (fn, runs = 7) => {
    fn();
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      samples.push(performance.now() - t);
    }
    return median(samples);
  };
  let findings = 0;
  const validate = time(() => {
    findings = 0;
    for (const o of objects) findings += validateObject(o, version).length;
  });
  const parse = time(() => YAML.parseAllDocuments(text, { version: '1.1', merge: true }));
  const analysis = time(() => analyse(text, []));
  return { n, validate, perDoc: validate / n, parse, analysis, findings };
}

async function serverStartup(serverPath, schema) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const started = performance.now();
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let resolveDiagnostics;
  const diagnostics = new Promise((r) => (resolveDiagnostics = r));
  conn.onNotification('textDocument/publishDiagnostics', (p) => resolveDiagnostics(p));
  const settings = schema ? {} : { rules: { schema: 'off' } };
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  const initialized = performance.now() - started;
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///bench/one.yaml', languageId: 'yaml', version: 1, text: deployment(0, '\n            periodSecond: 5') },
  });
  const published = await diagnostics;
  const firstDiagnostics = performance.now() - started;
  await conn.sendRequest('shutdown');
  const exited = new Promise((r) => child.once('exit', r));
  conn.sendNotification('exit');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  conn.dispose();
  child.kill();
  return { initialized, firstDiagnostics, schemaDiagnostics: published.diagnostics.filter((d) => d.code === 'schema').length };
}

/**
 * The road not taken, for comparison: compiling the same schemas with ajv at run time in a fresh process (what
 * the server would pay at its first validation without the ahead-of-time validators.js). Needs ajv installed.
 */
function runtimeCompile() {
  const script = `
    const { performance } = require('node:perf_hooks');
    const t0 = performance.now();
    const Ajv = require('ajv').default;
    const { readFileSync } = require('node:fs');
    const index = JSON.parse(readFileSync('schemas/index.json', 'utf8'));
    const { schemas } = JSON.parse(readFileSync('schemas/definitions.json', 'utf8'));
    const t1 = performance.now();
    const ajv = new Ajv({ allErrors: true, strict: true, messages: false, inlineRefs: false });
    ajv.addSchema({ definitions: Object.fromEntries(schemas.map((s, i) => [String(i), s])) }, 'k8s');
    const kinds = index.versions['1.36'].kinds;
    ajv.getSchema('k8s#/definitions/' + kinds['apps/v1 Deployment']);
    const t2 = performance.now();
    for (const id of Object.values(kinds)) ajv.getSchema('k8s#/definitions/' + id);
    const t3 = performance.now();
    process.stdout.write(JSON.stringify({ load: t1 - t0, deployment: t2 - t1, allKinds: t3 - t1 }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout);
}

function folderSize(dir) {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

export async function benchSchema({ server = join(REPO, 'dist/server.js'), out = join(REPO, 'out'), log = console.log } = {}) {
  const results = { schemasBytes: folderSize(join(REPO, 'schemas')), serverBytes: statSync(server).size };
  log(`schema validation benchmark (node ${process.version})`);
  log(`schemas/ ${(results.schemasBytes / 1024).toFixed(0)} KiB on disk; ${server.replace(`${REPO}/`, '')} ${(results.serverBytes / 1024).toFixed(0)} KiB`);

  results.cold = coldLoad(out);
  const c = results.cold;
  log('');
  log('fresh process (median of 5)');
  log(`  require the engine modules              ${fmt(c.modules).padStart(10)}`);
  log(`  first analysis of one Deployment         ${fmt(c.baseline).padStart(10)}  (schema off: parsing warms up)`);
  log(`  next one, schema on                      ${fmt(c.first).padStart(10)}  (loads index.json + validators.js)`);
  log(`  first finding to explain                 ${fmt(c.firstError).padStart(10)}  (loads definitions.json)`);
  log(`  the rest of schemas/ (descriptions)      ${fmt(c.rest).padStart(10)}`);

  log('');
  log('in process, warm (median of 7): validateObject over parsed Deployments (1 in 10 with a misspelled field)');
  log('docs     validation   per document   bare yaml parse   analysis (no rules, schema on)   findings');
  results.perDocument = [];
  for (const n of [50, 500, 2000]) {
    const r = perDocument(out, n);
    results.perDocument.push(r);
    log(
      `${String(n).padEnd(6)} ${fmt(r.validate).padStart(12)} ${`${(r.perDoc * 1000).toFixed(0)} µs`.padStart(14)} ${fmt(r.parse).padStart(17)} ${fmt(r.analysis).padStart(32)} ${String(r.findings).padStart(10)}`,
    );
  }

  const rc = runtimeCompile();
  if (rc) {
    results.runtimeCompile = rc;
    log('');
    log('for comparison, ajv compiling the 1.36 schemas at run time instead (fresh process)');
    log(`  require ajv + read the JSON              ${fmt(rc.load).padStart(10)}`);
    log(`  compile Deployment                       ${fmt(rc.deployment).padStart(10)}`);
    log(`  compile all 13 kinds                     ${fmt(rc.allKinds).padStart(10)}`);
  }

  log('');
  log('server over stdio (median of 5): spawn -> initialize result, spawn -> first diagnostics of one Deployment');
  results.server = {};
  for (const schema of [false, true]) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await serverStartup(server, schema));
    const r = {
      initialized: median(runs.map((x) => x.initialized)),
      firstDiagnostics: median(runs.map((x) => x.firstDiagnostics)),
      schemaDiagnostics: runs[0].schemaDiagnostics,
    };
    results.server[schema ? 'on' : 'off'] = r;
    log(
      `  schema ${schema ? 'on ' : 'off'}   initialize ${fmt(r.initialized).padStart(9)}   first diagnostics ${fmt(r.firstDiagnostics).padStart(9)}   (${r.schemaDiagnostics} schema)`,
    );
  }
  return results;
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--server') args.server = resolve(argv[++i]);
    else if (argv[i] === '--out') args.out = resolve(argv[++i]);
  }
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchSchema(parseArgs(process.argv.slice(2)));
