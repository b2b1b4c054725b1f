// The command line renders charts and overlays like the editor (issue 18): `kube-graceful lint chart/` with the real
// helm, findings on template and values lines, `--helm-values`, `--no-render`, and an overlay built by the real kubectl.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, renderTools } from '../support/render-tools';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const CORPUS_CHART = join(REPO_ROOT, '..', 'shared', 'corpus', 'microservices-demo', 'helm-chart');

interface JsonFinding {
  ruleId: string;
  line: number;
  endLine: number;
  message: string;
}
interface JsonFile {
  filePath: string;
  findings: JsonFinding[];
}

function lint(cwd: string, args: readonly string[]): { status: number | null; files: JsonFile[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'lint', '-f', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  let files: JsonFile[] = [];
  try {
    files = JSON.parse(r.stdout) as JsonFile[];
  } catch {
    assert.fail(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 500)} ${r.stderr.slice(0, 500)}`);
  }
  return { status: r.status, files, stderr: r.stderr };
}

let root: string;
function write(rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('kube-graceful lint renders charts and overlays (real binaries)', () => {
  let tools: { helm: string; kubectl: string };
  before(() => {
    tools = renderTools();
    root = mkdtempSync(join(tmpdir(), 'kg-cli-render-'));
    mkdirSync(join(root, '.git'));
    write('chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    write('chart/values.yaml', 'probe:\n  periodSeconds: 5\n  timeoutSeconds: 2\n');
    write('chart/values-slow.yaml', 'probe:\n  timeoutSeconds: 30\n');
    write(
      'chart/templates/deployment.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ .Release.Name }}',
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: example/web:1.0',
        '          readinessProbe:',
        '            tcpSocket: {port: 8080}',
        '            periodSeconds: {{ .Values.probe.periodSeconds }}',
        '            timeoutSeconds: {{ .Values.probe.timeoutSeconds }}',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const probeFindings = (files: JsonFile[], name: string): JsonFinding[] =>
    files.filter((f) => f.filePath.endsWith(name)).flatMap((f) => f.findings.filter((m) => m.ruleId === 'probe-timeout-exceeds-period'));

  it('--helm-values adds a values file: the finding lands on the template line and on the values file', () => {
    const clean = lint(root, ['chart', '--helm', tools.helm]);
    assert.equal(probeFindings(clean.files, 'deployment.yaml').length, 0, JSON.stringify(clean.files));
    assert.match(clean.stderr, /Helm chart rendered with helm 4\.1\.4 \(values\.yaml\)/);
    const slow = lint(root, ['chart', '--helm', tools.helm, '--helm-values', 'chart/values-slow.yaml']);
    const onTemplate = probeFindings(slow.files, join('templates', 'deployment.yaml'));
    assert.equal(onTemplate.length, 1, JSON.stringify(slow.files));
    assert.equal(onTemplate[0]?.line, 19);
    const onValues = probeFindings(slow.files, 'values-slow.yaml');
    assert.equal(onValues.length, 1, JSON.stringify(slow.files));
    assert.equal(onValues[0]?.line, 2);
    assert.equal(slow.status, 0, 'a warning does not fail the run by default');
  });

  it('--no-render reads the chart as before (its folder is skipped)', () => {
    const r = lint(root, ['chart', '--helm', tools.helm, '--helm-values', 'chart/values-slow.yaml', '--no-render']);
    assert.equal(probeFindings(r.files, 'deployment.yaml').length, 0);
    assert.doesNotMatch(r.stderr, /rendered with helm/);
  });

  it('a helm binary that does not exist: the chart is not rendered, with the reason, and the run does not fail', () => {
    const r = lint(root, ['chart', '--helm', join(root, 'no-such-helm')]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /not rendered: no helm binary found/);
  });

  it(
    'the corpus chart (no Chart.yaml): every finding sits on a template line that holds the field it is about',
    { skip: !existsSync(CORPUS_CHART) && 'shared/corpus is not present' },
    () => {
      const r = lint(dirname(CORPUS_CHART), ['helm-chart', '--helm', tools.helm]);
      assert.match(r.stderr, /rendered with helm 4\.1\.4 \(values\.yaml; no Chart\.yaml, a stand-in was used\)/);
      const findings = r.files.flatMap((f) => f.findings.map((m) => ({ ...m, file: relative(CORPUS_CHART, f.filePath) })));
      assert.ok(findings.length > 0, 'the chart has findings');
      for (const f of findings) {
        assert.ok(!f.file.startsWith('..'), `a finding outside the chart: ${f.file}`);
        const line = readFileSync(join(CORPUS_CHART, f.file), 'utf8').split('\n')[f.line - 1] ?? '';
        assert.ok(line.trim() !== '', `${f.ruleId} on an empty line ${f.file}:${f.line}`);
      }
    },
  );

  it('an overlay patch that scales a budgeted base down to one replica: the finding is on the patch line', () => {
    write(
      'kz/base/deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: example/web:1.0\n',
    );
    write(
      'kz/base/pdb.yaml',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: web}\n',
    );
    write('kz/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - pdb.yaml\n');
    write('kz/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\nnamespace: prod\npatches:\n  - path: replicas.yaml\n');
    write('kz/overlays/prod/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n');
    const r = lint(root, ['kz', '--kustomize', tools.kubectl]);
    const patch = r.files.find((f) => f.filePath.endsWith(join('prod', 'replicas.yaml')));
    const hit = patch?.findings.find((m) => m.ruleId === 'pdb-blocks-eviction');
    assert.ok(hit, JSON.stringify(r.files.map((f) => [f.filePath, f.findings.map((m) => m.ruleId)])));
    assert.equal(hit.line, 6);
    assert.match(r.stderr, /Kustomization built with kubectl 1\.35\.2/);
  });
});
