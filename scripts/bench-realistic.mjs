// The realistic benchmark: manifests shaped like a real repository (mixed workload kinds, budgets for 40% of the
// workloads, autoscalers, Services and ConfigMaps, planted defects for hundreds of findings, anchors, flow and block
// style, comments), run over the real protocol through kube-graceful and yaml-language-server (the tool a user would
// pick instead) with the same file and the same edits; plus the workspace index over 2,000 files. Prints figures,
// asserts nothing.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One application: a workload of a mixed kind, and its related objects. Defects are planted by index. */
export function application(i) {
  const kinds = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'Deployment', 'DaemonSet', 'Deployment', 'Job', 'Deployment', 'CronJob'];
  const kind = kinds[i % kinds.length];
  const name = `svc-${i}`;
  const ns = `team-${i % 6}`;
  const docs = [];
  const probe =
    i % 11 === 3
      ? ''
      : `          readinessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: 5
`;
  // Planted: liveness equal to readiness, an aggressive liveness, a preStop that outlasts the grace period,
  // probes on an init container, a shell as PID 1.
  const liveness =
    i % 7 === 0
      ? `          livenessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: 5
`
      : i % 13 === 0
        ? `          livenessProbe:
            tcpSocket: {port: http}
            periodSeconds: 1
            failureThreshold: 1
`
        : `          livenessProbe:
            httpGet: {path: /live, port: http}
            failureThreshold: 6
`;
  const preStop =
    i % 9 === 4
      ? ''
      : `          lifecycle:
            preStop:
              exec: {command: ["sleep", "${i % 17 === 0 ? 45 : 10}"]}
`;
  const init = `      initContainers:
        - name: migrate
          image: example/migrate:${i}
          command: ["sh", "-c", "migrate up && echo done"]
${i % 19 === 0 ? '          readinessProbe: {exec: {command: [cat, /tmp/ok]}}\n' : ''}          resources: &init-res-${i}
            requests: {cpu: 100m, memory: 128Mi}
${
  i % 2 === 0
    ? `        - name: warmup
          image: example/warmup:1.0
          command: ["warmup", "--cache"]
          resources: *init-res-${i}
`
    : ''
}`;
  const podSpec = `    metadata:
      labels:
        app: ${name}
        tier: backend
    spec:
      # Drain connections before the pod is killed.
      terminationGracePeriodSeconds: ${i % 17 === 0 ? 30 : 45}
${init}      containers:
        - name: app
          image: example/app:1.${i}.0
${i % 23 === 0 ? '          command: ["sh", "-c", "prepare; node server.js"]\n' : ''}          ports:
            - {name: http, containerPort: 8080}
            - name: metrics
              containerPort: 9090
${probe}${liveness}${preStop}          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {memory: 512Mi}
`;
  const labels = `{app: ${name}, tier: backend}`;
  const replicas = kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob' ? '' : `  replicas: ${1 + (i % 4)}\n`;
  if (kind === 'Job' || kind === 'CronJob') {
    const job = `  backoffLimit: 2
  template:
${podSpec.replace('    spec:\n', '    spec:\n      restartPolicy: OnFailure\n')}`;
    docs.push(
      kind === 'Job'
        ? `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${job}`
        : `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n${job.replace(/^(?=.)/gm, '    ')}`,
    );
    return docs;
  }
  const strategy =
    kind === 'DaemonSet'
      ? `  updateStrategy:\n    rollingUpdate: {maxSurge: ${i % 5 === 0 ? 1 : 0}, maxUnavailable: ${i % 5 === 0 ? 0 : 1}}\n`
      : kind === 'StatefulSet'
        ? `  serviceName: ${name}\n  updateStrategy:\n    type: RollingUpdate\n`
        : `  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: ${i % 8 === 0 ? '100%' : 0}}\n`;
  docs.push(`# ${kind} ${name}: owned by team ${i % 6}
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
  labels: ${labels}
spec:
${replicas}  selector:
    matchLabels: ${labels}
${strategy}  template:
${podSpec}`);
  if (kind !== 'DaemonSet' && i % 5 < 2) {
    // Budgets for 40% of the scalable workloads; some block every drain.
    const budget = i % 10 === 1 ? `minAvailable: ${1 + (i % 4)}` : 'maxUnavailable: 1';
    docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ${budget}
  selector:
    matchLabels:
      app: ${name}
      tier: backend
`);
  }
  if (kind === 'Deployment' && i % 6 === 0) {
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`);
  }
  if (i % 3 !== 2) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {app: ${name}}
  ports:
    - name: http
      port: 80
      targetPort: ${i % 29 === 0 ? 'web' : 'http'}
`);
  }
  if (i % 4 === 0) {
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}-config, namespace: ${ns}}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`);
  }
  return docs;
}

/** A file of about `n` documents. */
export function realisticManifest(n) {
  const docs = [];
  for (let i = 0; docs.length < n; i++) docs.push(...application(i));
  return docs.slice(0, n).join('---\n');
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function peakRssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

/** A Kubernetes JSON schema for yaml-language-server, served from ../shared/k8s-openapi (no network). */
function yamlLsSchema(dir) {
  const defs = JSON.parse(readFileSync(join(repo, '..', 'shared', 'k8s-openapi', 'v1.36.0', '_definitions.json'), 'utf8')).definitions;
  const kinds = Object.keys(defs).filter((k) => Array.isArray(defs[k]['x-kubernetes-group-version-kind']) && defs[k].properties?.kind);
  const file = join(dir, 'kubernetes-all.json');
  writeFileSync(file, JSON.stringify({ definitions: defs, oneOf: kinds.map((k) => ({ $ref: `#/definitions/${k}` })) }));
  return pathToFileURL(file).href;
}

/** One language server over stdio, spoken to as an editor would. */
export async function startLsp({ command, args, settings, folders, onLog }) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const l of [...listeners]) l(p);
  });
  conn.onNotification('window/logMessage', (p) => onLog?.(p.message));
  conn.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section ? (settings[item.section] ?? null) : settings)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: folders ? folders.map((f, i) => ({ uri: f, name: `f${i}` })) : null,
    capabilities: {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
    },
  });
  conn.sendNotification('initialized', {});
  conn.sendNotification('workspace/didChangeConfiguration', { settings });
  /** The next diagnostics for a URI (for a version, when the server says which). */
  const next = (uri, version) =>
    new Promise((resolveP) => {
      const l = (p) => {
        if (p.uri !== uri || (version !== undefined && p.version !== undefined && p.version !== version)) return;
        // kube-graceful publishes partial results of a large file while it goes on (an incomplete analysis-limit
        // info): the figure is the time to the complete diagnostics.
        if (p.diagnostics.some((d) => d.code === 'analysis-limit' && d.data?.incomplete === true)) return;
        listeners.delete(l);
        resolveP(p);
      };
      listeners.add(l);
    });
  const stop = async () => {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      conn.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await new Promise((r) => setTimeout(r, 100));
    conn.dispose();
    child.kill();
  };
  return { conn, child, next, stop };
}

const SERVERS = {
  'kube-graceful': () => ({ command: process.execPath, args: [join(repo, 'dist', 'server.js'), '--stdio'], settings: { kubeGraceful: {} } }),
  'yaml-language-server': (schemaUri) => ({
    command: process.execPath,
    args: [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        schemas: { [schemaUri]: ['*.yaml'] },
        maxItemsComputed: 5000,
      },
      http: { proxy: '', proxyStrictSSL: false },
    },
  }),
};

/** Edits where people type: an image tag, a port name, a probe field, in containers of workloads that have a budget. */
function editsFor(text, count) {
  const lines = text.split('\n');
  const targets = [];
  let hasBudget = new Set();
  for (const m of text.matchAll(/kind: PodDisruptionBudget\nmetadata:\n  name: (\S+)/g)) hasBudget.add(m[1]);
  let current = '';
  lines.forEach((line, n) => {
    const m = /^  name: (svc-\d+)$/.exec(line);
    if (m) current = m[1];
    if (!hasBudget.has(current) || n < lines.length * 0.3) return;
    if (/^ {10}image: example\/app:/.test(line)) targets.push({ line: n, character: line.length - 1, kind: 'image tag' });
    else if (/^ {12}- \{name: http, containerPort/.test(line)) targets.push({ line: n, character: line.indexOf('http') + 3, kind: 'port name' });
    else if (/^ {12}periodSeconds: 5$/.test(line)) targets.push({ line: n, character: line.length - 1, kind: 'probe field' });
  });
  const edits = [];
  for (let k = 0; k < count; k++) {
    const t = targets[Math.floor((((k * 7919) % 1000) / 1000) * targets.length)];
    const original = lines[t.line][t.character];
    edits.push({ ...t, text: k % 2 === 0 ? (/[0-9]/.test(original) ? String((Number(original) + 1) % 10) : 'x') : original });
  }
  return edits;
}

/** Open, keystrokes, code actions and hovers for one server on one file. */
async function session(name, text, editCount, schemaUri) {
  const lsp = await startLsp(SERVERS[name](schemaUri));
  const uri = pathToFileURL(join(tmpdir(), `kg-bench-${text.length}.yaml`)).href;
  let t = performance.now();
  let wait = lsp.next(uri, 1);
  lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  let diagnostics = (await wait).diagnostics;
  const open = performance.now() - t;
  const keystrokes = [];
  // Keystrokes: each one's diagnostics are awaited before the next, as a person types with the squiggles updating.
  const edits = editsFor(text, editCount);
  const lines = text.split('\n');
  for (let k = 0; k < edits.length; k++) {
    const e = edits[k];
    const version = 2 + k;
    wait = lsp.next(uri, version);
    t = performance.now();
    lsp.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } }, text: e.text }],
    });
    const published = await wait;
    keystrokes.push(performance.now() - t);
    diagnostics = published.diagnostics;
    lines[e.line] = lines[e.line].slice(0, e.character) + e.text + lines[e.line].slice(e.character + 1);
  }
  // Code actions over the published diagnostics, as the light bulb asks at the cursor.
  const actions = [];
  const sample = diagnostics.filter((_, i) => i % Math.max(1, Math.floor(diagnostics.length / 40)) === 0).slice(0, 40);
  for (const d of sample) {
    t = performance.now();
    await lsp.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    actions.push(performance.now() - t);
  }
  // Hovers on fields with computed figures.
  const hovers = [];
  const hoverLines = [];
  lines.forEach((l, n) => {
    if (/^ {12}periodSeconds:|^ {6}terminationGracePeriodSeconds:|^ {2}minAvailable:|^ {4}rollingUpdate:/.test(l))
      hoverLines.push({ line: n, character: l.search(/\S/) + 2 });
  });
  for (const pos of hoverLines.filter((_, i) => i % Math.max(1, Math.floor(hoverLines.length / 40)) === 0).slice(0, 40)) {
    t = performance.now();
    await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
    hovers.push(performance.now() - t);
  }
  const rss = peakRssMiB(lsp.child.pid);
  await lsp.stop();
  return {
    open,
    keyP50: percentile(keystrokes, 50),
    keyP95: percentile(keystrokes, 95),
    actionP50: percentile(actions, 50),
    hoverP50: percentile(hovers, 50),
    rss,
    findings: diagnostics.length,
    kinds: [...new Set(edits.map((e) => e.kind))].join(', '),
  };
}

const ms = (v) => (Number.isNaN(v) ? 'n/a' : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`);

export async function benchRealistic({ sizes = [500, 2000], edits = 40, servers = Object.keys(SERVERS) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kg-bench-'));
  const schemaUri = yamlLsSchema(dir);
  console.log('Realistic manifests (mixed kinds, budgets for 40%, HPAs, Services, ConfigMaps, planted defects, anchors, comments).');
  console.log('Keystrokes type into containers of workloads that have a budget (image tag, port name, probe field); each waits for its diagnostics.');
  console.log('');
  console.log('docs  server                  open    key p50   key p95  action p50  hover p50   peak RSS  findings');
  for (const n of sizes) {
    const text = realisticManifest(n);
    const results = {};
    for (const name of servers) {
      results[name] = await session(name, text, name === 'yaml-language-server' && n >= 2000 ? Math.min(edits, 15) : edits, schemaUri);
      const r = results[name];
      console.log(
        `${String(n).padEnd(5)} ${name.padEnd(21)} ${ms(r.open).padStart(8)} ${ms(r.keyP50).padStart(10)} ${ms(r.keyP95).padStart(9)} ${ms(r.actionP50).padStart(11)} ${ms(r.hoverP50).padStart(10)} ${`${r.rss.toFixed(0)} MiB`.padStart(10)} ${String(r.findings).padStart(9)}`,
      );
    }
    const a = results['kube-graceful'];
    const b = results['yaml-language-server'];
    if (a && b)
      console.log(
        `      ratio (yaml-language-server / kube-graceful): open ${(b.open / a.open).toFixed(1)}x, keystroke p50 ${(b.keyP50 / a.keyP50).toFixed(1)}x, code action ${(b.actionP50 / a.actionP50).toFixed(1)}x`,
      );
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The workspace index: 2,000 files (about 8,000 objects), time to a complete index, memory, typing while it runs. */
/** Writes a workspace of `files` application files into a new temporary folder; returns it and the object count. */
export function writeBenchWorkspace(files) {
  const root = mkdtempSync(join(tmpdir(), 'kg-ws-bench-'));
  let objects = 0;
  for (let f = 0; f < files; f++) {
    const docs = application(f);
    // The layout of a real repository: one folder per application, one file per object kind, 3-4 objects per file.
    const dir = join(root, `apps/team-${f % 6}/svc-${f}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifests.yaml'), docs.join('---\n'));
    objects += docs.length;
  }
  return { root, objects };
}

export async function benchWorkspace({ files = 2000, edits = 40 } = {}) {
  const { root, objects } = writeBenchWorkspace(files);
  const openText = realisticManifest(500);
  const openUri = pathToFileURL(join(root, 'open.yaml')).href;
  writeFileSync(fileURLToPath(openUri), openText);
  const runs = {};
  for (const enable of [false, true]) {
    let indexed;
    const done = new Promise((r) => (indexed = r));
    const started = performance.now();
    let indexMs = NaN;
    const lsp = await startLsp({
      command: process.execPath,
      args: [join(repo, 'dist', 'server.js'), '--stdio'],
      settings: { kubeGraceful: { workspace: { enable } } },
      folders: [pathToFileURL(root).href],
      onLog: (m) => {
        if (m.includes('kube-graceful: indexed')) {
          indexMs = performance.now() - started;
          indexed(m);
        }
      },
    });
    let wait = lsp.next(openUri, 1);
    lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'yaml', version: 1, text: openText } });
    await wait;
    const keystrokes = [];
    const list = editsFor(openText, edits);
    let during = 0;
    let finished = false;
    void done.then(() => (finished = true));
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      wait = lsp.next(openUri, 2 + k);
      const t = performance.now();
      lsp.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: openUri, version: 2 + k },
        contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } }, text: e.text }],
      });
      await wait;
      keystrokes.push(performance.now() - t);
      if (!finished) during++;
    }
    if (enable) await Promise.race([done, new Promise((r) => setTimeout(r, 60000))]);
    runs[enable ? 'on' : 'off'] = { indexMs, p50: percentile(keystrokes, 50), p95: percentile(keystrokes, 95), during, rss: peakRssMiB(lsp.child.pid) };
    await lsp.stop();
  }
  const on = runs.on;
  const off = runs.off;
  console.log(`Workspace: ${files} files, ${objects} objects (plus an open file of 500 documents).`);
  console.log(
    `  index complete after ${ms(on.indexMs)}; server peak RSS ${on.rss.toFixed(0)} MiB with the index, ${off.rss.toFixed(0)} MiB without (the index adds ${(on.rss - off.rss).toFixed(0)} MiB)`,
  );
  console.log(
    `  keystrokes in the open file while indexing (${on.during} of ${edits} typed before the index completed): p50 ${ms(on.p50)}, p95 ${ms(on.p95)}; without the index: p50 ${ms(off.p50)}, p95 ${ms(off.p95)}`,
  );
  rmSync(root, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchRealistic();
  console.log('');
  await benchWorkspace();
}
