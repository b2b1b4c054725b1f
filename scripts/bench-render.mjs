// Benchmark of rendering (issue 18): prints figures, asserts nothing. The corpus chart (microservices-demo, 13
// templates, ~1,200 rendered lines) rendered with the real helm from scripts/.tools/render:
//   - `helm template` alone, the floor any tool that renders pays (kube-linter renders the same way, without positions);
//   - kube-graceful's render in process: cold (first call: helm's version probe, staging) and warm, split into helm,
//     analysis and mapping;
//   - over the protocol: opening a template until its mapped findings arrive, and keystrokes while a render is pending:
//     in the template itself (time to the re-rendered findings), and in a plain manifest open beside it, plus hovers
//     in the template, which must not wait for the render.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile, peakRssMiB, realisticManifest, startLsp } from './bench-realistic.mjs';
import { renderTools } from './render-tools.mjs';

const require = createRequire(import.meta.url);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHART = join(repo, '..', 'shared', 'corpus', 'microservices-demo', 'helm-chart');
const ms = (v) => (Number.isNaN(v) ? 'n/a' : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`);

export async function benchRender({ runs = 15, edits = 20 } = {}) {
  if (!existsSync(CHART)) {
    console.log('Render: ../shared/corpus is not present; skipped.');
    return;
  }
  const { helm } = renderTools();
  const work = mkdtempSync(join(tmpdir(), 'kg-bench-render-'));
  const chartDir = join(work, 'helm-chart');
  cpSync(CHART, chartDir, { recursive: true });

  // 1. helm template alone, on a staged copy with a Chart.yaml (the corpus chart has none).
  const staged = join(work, 'staged', 'onlineboutique');
  cpSync(CHART, staged, { recursive: true });
  writeFileSync(join(staged, 'Chart.yaml'), 'apiVersion: v2\nname: onlineboutique\nversion: 0.0.0\nappVersion: "0.0.0"\n');
  const helmOnly = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(helm, ['template', 'onlineboutique', staged, '--skip-tests'], {
      env: { PATH: '/usr/bin:/bin', HOME: work, KUBECONFIG: '/dev/null' },
      maxBuffer: 64 << 20,
    });
    helmOnly.push(performance.now() - t);
  }

  // 2. In process: renderUnit, cold then warm, with the parts timed apart.
  const { renderUnit } = require(join(repo, 'out', 'server', 'src', 'render', 'renderer.js'));
  const { chartOf, renderChart } = require(join(repo, 'out', 'server', 'src', 'render', 'helm.js'));
  const { analyseStream } = require(join(repo, 'out', 'server', 'src', 'render', 'stream.js'));
  const { mapHelmProblems } = require(join(repo, 'out', 'server', 'src', 'render', 'helm-map.js'));
  const { RULES } = require(join(repo, 'out', 'server', 'src', 'rules', 'index.js'));
  const { DEFAULT_OPTIONS } = require(join(repo, 'out', 'server', 'src', 'engine', 'analyze.js'));
  const { NEWEST } = require(join(repo, 'out', 'server', 'src', 'k8s', 'versions.js'));
  const read = (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const settings = { enable: true, trusted: true, helmPath: helm, kustomizePath: '', valuesFiles: [], version: NEWEST, options: DEFAULT_OPTIONS };
  const unit = { kind: 'helm', dir: chartDir, chart: chartOf(join(chartDir, 'values.yaml')) };
  let t = performance.now();
  const cold = await renderUnit(
    unit,
    settings,
    RULES,
    read,
    read,
    (p) => pathToFileURL(p).href,
    () => undefined,
  );
  const coldMs = performance.now() - t;
  const warm = [];
  const parts = { helm: [], analysis: [], mapping: [] };
  const tool = { name: 'helm', path: helm, version: '4.1.4' };
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await renderUnit(
      unit,
      settings,
      RULES,
      read,
      read,
      (p) => pathToFileURL(p).href,
      () => undefined,
    );
    warm.push(performance.now() - t);
    t = performance.now();
    const r = await renderChart(unit.chart, tool, read, { kubeVersion: '1.36.0', valuesFiles: [] });
    parts.helm.push(performance.now() - t);
    t = performance.now();
    const problems = await analyseStream(r.rendered, RULES, DEFAULT_OPTIONS, 'kube-graceful-render:bench', () => undefined);
    parts.analysis.push(performance.now() - t);
    t = performance.now();
    mapHelmProblems(r.rendered, problems, r.sources, (p) => pathToFileURL(p).href);
    parts.mapping.push(performance.now() - t);
  }
  const findings = [...cold.problems.values()].reduce((n, list) => n + list.length, 0);

  // 3. Over the protocol.
  const template = join(chartDir, 'templates', 'frontend.yaml');
  const templateUri = pathToFileURL(template).href;
  const templateText = readFileSync(template, 'utf8');
  const plainUri = pathToFileURL(join(work, 'plain.yaml')).href;
  const plainText = realisticManifest(100);
  const lsp = await startLsp({
    command: process.execPath,
    args: [join(repo, 'dist', 'server.js'), '--stdio'],
    settings: { kubeGraceful: { helm: { path: helm } } },
    folders: [pathToFileURL(work).href],
  });
  t = performance.now();
  let wait = lsp.next(templateUri);
  lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: templateUri, languageId: 'yaml', version: 1, text: templateText } });
  await wait;
  const openMs = performance.now() - t;
  wait = lsp.next(plainUri, 1);
  lsp.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: plainUri, languageId: 'yaml', version: 1, text: plainText } });
  await wait;
  // Type into a static line of the template (a port number), then at once into the plain file and hover the template.
  const lines = templateText.split('\n');
  const portLine = lines.findIndex((l) => /containerPort: \d+/.test(l));
  const imageLine = plainText.split('\n').findIndex((l) => /^ {10}image: example\/app:/.test(l));
  const rerender = [];
  const besides = [];
  const hovers = [];
  for (let k = 0; k < edits; k++) {
    const version = 2 + k;
    const digit = String(k % 10);
    const character = lines[portLine].length - 1;
    const templateDone = lsp.next(templateUri, version);
    const t0 = performance.now();
    lsp.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: templateUri, version },
      contentChanges: [{ range: { start: { line: portLine, character }, end: { line: portLine, character: character + 1 } }, text: digit }],
    });
    // While that render is pending: a keystroke in the plain file, and a hover in the template.
    const plainDone = lsp.next(plainUri, version);
    const t1 = performance.now();
    lsp.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: plainUri, version },
      contentChanges: [{ range: { start: { line: imageLine, character: 22 }, end: { line: imageLine, character: 23 } }, text: digit }],
    });
    await plainDone;
    besides.push(performance.now() - t1);
    const t2 = performance.now();
    await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri: templateUri }, position: { line: portLine, character: character - 16 } });
    hovers.push(performance.now() - t2);
    await templateDone;
    rerender.push(performance.now() - t0);
  }
  const rss = peakRssMiB(lsp.child.pid);
  await lsp.stop();
  rmSync(work, { recursive: true, force: true });

  console.log(`Render: the corpus chart microservices-demo (13 templates, ${findings} mapped findings), real helm 4.1.4, ${runs} runs.`);
  console.log(`  helm template alone: p50 ${ms(percentile(helmOnly, 50))}, p95 ${ms(percentile(helmOnly, 95))}`);
  console.log(
    `  kube-graceful render + analysis + mapping: cold ${ms(coldMs)}, warm p50 ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))} (helm ${ms(percentile(parts.helm, 50))}, analysis ${ms(percentile(parts.analysis, 50))}, mapping ${ms(percentile(parts.mapping, 50))})`,
  );
  console.log(`  over the protocol: open a template to its mapped findings ${ms(openMs)}; server peak RSS ${rss.toFixed(0)} MiB`);
  console.log(
    `  keystroke in a template to its re-rendered findings (250 ms debounce included): p50 ${ms(percentile(rerender, 50))}, p95 ${ms(percentile(rerender, 95))}`,
  );
  console.log(
    `  while that render is pending: keystroke in a 100-document manifest p50 ${ms(percentile(besides, 50))}, p95 ${ms(percentile(besides, 95))}; hover in the template p50 ${ms(percentile(hovers, 50))}, p95 ${ms(percentile(hovers, 95))}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchRender();
