// The command line as CI runs it: `node dist/cli.js` spawned in a folder of manifests. Each format (SARIF through
// Microsoft's validator), each exit code, --fix and --fix-dry-run, config files, stdin, globs and --jobs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cwd: string, args: readonly string[], input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A fresh folder (a repository root, so config lookups stop there) with the given files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kg-cli-'));
  roots.push(root);
  mkdirSync(join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** A Pod with one fixable error: a liveness probe's successThreshold must be 1. */
const FIXABLE = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: example/web:1.0
      livenessProbe:
        httpGet: {path: /healthz, port: 8080}
        successThreshold: 2 # keep this comment
`;

/** A Pod with nothing to say. */
const CLEAN = `apiVersion: v1
kind: Pod
metadata:
  name: quiet
spec:
  containers:
    - name: app
      image: example/app:1.0
`;

/** A Deployment with a warning (a serving container without readinessProbe) and infos. */
const WARNING = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api:1.0
          ports:
            - containerPort: 8080
`;

const BROKEN = `apiVersion: v1
kind: Pod
metadata:
  name: [unclosed
spec:
  containers:
    - name: app
      image: example/app:1.0
      livenessProbe:
        httpGet: {path: /healthz, port: 8080}
        successThreshold: 2
`;

interface JsonFile {
  filePath: string;
  relativePath: string;
  errorCount: number;
  warningCount: number;
  findings: {
    ruleId: string;
    severity: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fixable: boolean;
    docsUrl: string | null;
    message: string;
  }[];
}

function json(r: Run): JsonFile[] {
  return JSON.parse(r.stdout) as JsonFile[];
}

describe('kube-graceful lint (spawned)', () => {
  it('exit codes: 0 clean, 1 errors, warnings only with --fail-on warning or --max-warnings, 2 usage', () => {
    const root = project({ 'clean.yaml': CLEAN, 'warn.yaml': WARNING, 'error.yaml': FIXABLE });
    assert.equal(run(root, ['lint', 'clean.yaml']).status, 0);
    assert.equal(run(root, ['lint', 'error.yaml']).status, 1);
    assert.equal(run(root, ['lint', 'warn.yaml']).status, 0);
    assert.equal(run(root, ['lint', 'warn.yaml', '--fail-on', 'warning']).status, 1);
    assert.equal(run(root, ['lint', 'warn.yaml', '--max-warnings', '0']).status, 1);
    assert.equal(run(root, ['lint', 'warn.yaml', '--max-warnings', '5']).status, 0);
    assert.equal(run(root, ['lint', 'clean.yaml', '--fail-on', 'info']).status, 0);
    for (const args of [
      ['lint', '--format', 'xml'],
      ['lint', 'missing.yaml'],
      ['check'],
      [],
      ['lint', '--jobs', '0'],
      ['lint', '--bogus'],
      ['lint', 'nothing/**/*.yaml'],
    ]) {
      const r = run(root, args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.match(r.stderr, /^kube-graceful: /);
    }
    assert.equal(run(root, ['--help']).status, 0);
    assert.match(run(root, ['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('a YAML syntax error is a finding, not a crash', () => {
    const root = project({ 'broken.yaml': BROKEN });
    const r = run(root, ['lint', '-f', 'json']);
    assert.equal(r.status, 1);
    assert.ok(json(r)[0]?.findings.some((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error'));
    // The settings' `syntaxErrors: off` (another tool reports them) works from the config file too.
    writeFileSync(join(root, '.kube-graceful.yaml'), 'syntaxErrors: "off"\n');
    assert.ok(!json(run(root, ['lint', '-f', 'json']))[0]?.findings.some((f) => f.ruleId === 'yaml-syntax'));
  });

  it('stylish: grouped by file, line:col severity message rule, a summary, code frames on request', () => {
    const root = project({ 'a/error.yaml': FIXABLE, 'b/clean.yaml': CLEAN });
    const r = run(root, ['lint', '.']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\na\/error\.yaml\n {2}11:27 {2}error {2}.+ {2}probe-success-threshold\n/);
    assert.doesNotMatch(r.stdout, /clean\.yaml/);
    assert.match(r.stdout, /\u2716 1 problem \(1 error, 0 warnings\)\n {2}1 problem potentially fixable with the `--fix` option\.\n/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colours off a terminal');
    const framed = run(root, ['lint', '.', '--code-frame']).stdout;
    assert.match(framed, />\s+11 \| {9}successThreshold: 2 # keep this comment\n\s+\| {27}\^\n/);
    assert.ok(run(root, ['lint', '.', '--color']).stdout.includes('\u001b[31merror'), 'red "error" with --color');
  });

  it('json: files with findings at 1-based positions, end exclusive, fixable, docs URL', () => {
    const root = project({ 'error.yaml': FIXABLE, 'clean.yaml': CLEAN });
    const files = json(run(root, ['lint', '-f', 'json']));
    assert.deepEqual(
      files.map((f) => f.relativePath),
      ['clean.yaml', 'error.yaml'],
    );
    const finding = files[1]?.findings[0];
    assert.deepEqual(
      { ...finding, message: undefined },
      {
        ruleId: 'probe-success-threshold',
        severity: 'error',
        line: 11,
        column: 27,
        endLine: 11,
        endColumn: 28,
        fixable: true,
        fixes: 1,
        docsUrl: finding?.docsUrl,
        message: undefined,
      },
    );
    assert.match(finding?.docsUrl ?? '', /^https:\/\/kubernetes\.io\//);
  });

  it('github: one workflow command per finding, with file, line, col, endLine, endColumn and title', () => {
    const root = project({ 'error.yaml': FIXABLE, 'warn.yaml': WARNING });
    const out = run(root, ['lint', '-f', 'github']).stdout.trim().split('\n');
    assert.ok(
      out.some((l) => /^::error file=error\.yaml,line=11,col=27,endLine=11,endColumn=28,title=probe-success-threshold::\S/.test(l)),
      out.join('\n'),
    );
    assert.ok(out.some((l) => l.startsWith('::warning file=warn.yaml,') && l.includes('title=readiness-probe-missing::')));
    assert.ok(out.some((l) => l.startsWith('::notice ')));
  });

  it("sarif: validates with zero errors and zero warnings in Microsoft's validator", () => {
    const root = project({ 'error.yaml': FIXABLE, 'warn.yaml': WARNING, 'broken.yaml': BROKEN, 'sub dir/clean.yaml': CLEAN });
    const r = run(root, ['lint', '-f', 'sarif', '-o', 'out.sarif']);
    assert.equal(r.status, 1);
    const log = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8'));
    const runObj = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.ok(runObj.tool.driver.rules.length > 40);
    for (const rule of runObj.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.helpUri, rule.id);
    }
    assert.equal(runObj.originalUriBaseIds.SRCROOT.uri.startsWith('file://'), true);
    const result = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'probe-success-threshold');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'error.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 11, startColumn: 27, endLine: 11, endColumn: 28 },
    });
    assert.match(result.partialFingerprints['kubeGraceful/v1'], /^[0-9a-f]{32}$/);
    const validator = validate(join(root, 'out.sarif'));
    assert.equal(validator.status, 0, validator.output);
    assert.deepEqual(
      validator.output.split('\n').filter((l) => /: (error|warning) /.test(l)),
      [],
    );
  });

  it('--fix writes the safe fixes atomically, keeps comments, CRLF and mode, leaves unparsable files alone, and is idempotent', () => {
    const crlf = FIXABLE.replace(/\n/g, '\r\n');
    const root = project({ 'lf.yaml': FIXABLE, 'crlf.yaml': crlf, 'broken.yaml': BROKEN });
    chmodSync(join(root, 'lf.yaml'), 0o640);
    const inodeBefore = statSync(join(root, 'lf.yaml')).ino;
    const r = run(root, ['lint', '--fix']);
    assert.match(r.stderr, /fixed 1 problem in lf\.yaml/);
    assert.match(r.stderr, /fixed 1 problem in crlf\.yaml/);
    const lf = readFileSync(join(root, 'lf.yaml'), 'utf8');
    assert.equal(lf, FIXABLE.replace('successThreshold: 2 # keep', 'successThreshold: 1 # keep'));
    assert.equal(readFileSync(join(root, 'crlf.yaml'), 'utf8'), crlf.replace('successThreshold: 2', 'successThreshold: 1'));
    assert.equal(readFileSync(join(root, 'broken.yaml'), 'utf8'), BROKEN);
    assert.equal(statSync(join(root, 'lf.yaml')).mode & 0o777, 0o640);
    // Renamed over, not rewritten in place: a reader never sees half a file.
    assert.notEqual(statSync(join(root, 'lf.yaml')).ino, inodeBefore);
    assert.deepEqual(
      readdirSync(root).filter((n) => n.includes('.tmp')),
      [],
    );
    // The run reports what is left: only the broken file's error.
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /probe-success-threshold/);
    const again = run(root, ['lint', '--fix']);
    assert.equal(again.stderr, '');
    assert.equal(readFileSync(join(root, 'lf.yaml'), 'utf8'), lf);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const root = project({ 'pod.yaml': FIXABLE });
    const r = run(root, ['lint', '--fix-dry-run']);
    assert.equal(readFileSync(join(root, 'pod.yaml'), 'utf8'), FIXABLE);
    assert.match(
      r.stdout,
      /^--- a\/pod\.yaml\n\+\+\+ b\/pod\.yaml\n@@ -8,4 \+8,4 @@\n {7}image: example\/web:1\.0\n {7}livenessProbe:\n {9}httpGet: \{path: \/healthz, port: 8080\}\n- {8}successThreshold: 2 # keep this comment\n\+ {8}successThreshold: 1 # keep this comment\n/,
    );
    // The findings are those of the file as it is.
    assert.match(r.stdout, /probe-success-threshold/);
    assert.equal(r.status, 1);
  });

  it('config file: nearest ancestor wins over defaults, rules and ignore apply, mistakes exit 2 with did-you-mean', () => {
    const root = project({
      '.kube-graceful.yaml': 'rules:\n  probe-success-threshold: warning\nignore:\n  - "generated/"\n',
      'error.yaml': FIXABLE,
      'generated/error.yaml': FIXABLE,
      'team/.kube-graceful.yaml': 'rules:\n  probe-success-threshold: "off"\n',
      'team/error.yaml': FIXABLE,
    });
    const files = json(run(root, ['lint', '-f', 'json']));
    assert.deepEqual(
      files.map((f) => [f.relativePath, f.findings.map((x) => `${x.severity} ${x.ruleId}`)]),
      [
        ['error.yaml', ['warning probe-success-threshold']],
        ['team/error.yaml', []],
      ],
    );
    assert.equal(run(root, ['lint']).status, 0);
    writeFileSync(join(root, '.kube-graceful.yaml'), 'rules:\n  probe-sucess-threshold: warning\n');
    const bad = run(root, ['lint', 'error.yaml']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'kube-graceful: .kube-graceful.yaml:2:3: Unknown rule `rules.probe-sucess-threshold`; did you mean `probe-success-threshold`?\n');
    writeFileSync(join(root, '.kube-graceful.yaml'), 'kubernetesVersion: [1\n');
    assert.equal(run(root, ['lint', 'error.yaml']).status, 2);
  });

  it('kubernetesVersion in the config file changes version-dependent findings', () => {
    const sidecar = `apiVersion: v1
kind: Pod
metadata:
  name: s
spec:
  initContainers:
    - name: proxy
      image: example/proxy:1.0
      restartPolicy: Always
  containers:
    - name: app
      image: example/app:1.0
`;
    const root = project({ 'pod.yaml': sidecar });
    const rules = (): string[] => json(run(root, ['lint', '-f', 'json']))[0]?.findings.map((f) => f.ruleId) ?? [];
    assert.ok(!rules().includes('sidecar-unsupported-version'));
    writeFileSync(join(root, '.kube-graceful.yaml'), 'kubernetesVersion: "1.27"\n');
    assert.ok(rules().includes('sidecar-unsupported-version'), rules().join());
  });

  it('stdin with --stdin-filename: findings under that name, its config file applies', () => {
    const root = project({ 'deploy/.kube-graceful.yaml': 'rules:\n  probe-success-threshold: info\n' });
    const r = run(root, ['lint', '-', '--stdin-filename', 'deploy/pod.yaml', '-f', 'json'], FIXABLE);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      json(r).map((f) => [f.relativePath, f.findings.map((x) => `${x.severity} ${x.ruleId}`)]),
      [['deploy/pod.yaml', ['info probe-success-threshold']]],
    );
    assert.equal(run(root, ['lint', '-', '--fix'], FIXABLE).status, 2);
  });

  it('globs pick files under their base folder; folders skip node_modules, dot-folders and Helm charts', () => {
    const root = project({
      'apps/a/error.yaml': FIXABLE,
      'apps/b/error.yml': FIXABLE,
      'apps/b/notes.txt': 'not yaml',
      'other/error.yaml': FIXABLE,
      'node_modules/x/error.yaml': FIXABLE,
      '.hidden/error.yaml': FIXABLE,
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'chart/templates/error.yaml': FIXABLE,
    });
    const paths = (args: string[]): string[] => json(run(root, ['lint', '-f', 'json', ...args])).map((f) => f.relativePath);
    assert.deepEqual(paths(['apps/**/*.yaml']), ['apps/a/error.yaml']);
    assert.deepEqual(paths(['apps/*/error.y*ml']), ['apps/a/error.yaml', 'apps/b/error.yml']);
    assert.deepEqual(paths(['apps/[a]/*']), ['apps/a/error.yaml']);
    assert.deepEqual(paths(['.']), ['apps/a/error.yaml', 'apps/b/error.yml', 'other/error.yaml']);
    // A file named on the command line is linted even inside a chart.
    assert.deepEqual(paths(['chart/templates/error.yaml']), ['chart/templates/error.yaml']);
  });

  it('cross-file rules see every file: a budget in one file and its Deployment in another', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: example/db:1.0
`;
    const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: db
spec:
  minAvailable: 3
  selector:
    matchLabels: {app: db}
`;
    const root = project({ 'deploy.yaml': deployment, 'pdb.yaml': pdb });
    const files = json(run(root, ['lint', '-f', 'json']));
    assert.ok(files.find((f) => f.relativePath === 'pdb.yaml')?.findings.some((f) => f.ruleId === 'pdb-blocks-eviction'));
    assert.ok(!files.find((f) => f.relativePath === 'deploy.yaml')?.findings.some((f) => f.ruleId === 'pdb-missing'));
    // `workspace: {enable: false}` in the config file: each file is read alone, as in the editor.
    const alone = project({ 'deploy.yaml': deployment, 'pdb.yaml': pdb, '.kube-graceful.yaml': 'workspace:\n  enable: false\n' });
    const aloneFiles = json(run(alone, ['lint', '-f', 'json']));
    assert.ok(aloneFiles.find((f) => f.relativePath === 'deploy.yaml')?.findings.some((f) => f.ruleId === 'pdb-missing'));
  });

  it('custom resources validate against a CRD in another file, in one thread and across workers', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`;
    const files: Record<string, string> = {
      'crds/widget.yaml': crd,
      'apps/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n',
    };
    // Enough files that --jobs 2 starts two workers (each gets 250 targets at least), the CRD and its resource read by
    // different ones.
    for (let i = 0; i < 500; i++) files[`config/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata: {}\n`;
    const root = project(files);
    for (const jobs of ['1', '2']) {
      const found = json(run(root, ['lint', '-f', 'json', '--jobs', jobs])).flatMap((f) =>
        f.findings.map((x) => `${f.relativePath}:${x.line}:${x.column} ${x.ruleId}`),
      );
      assert.deepEqual(found, ['apps/widget.yaml:6:9 schema'], `--jobs ${jobs}`);
    }
  });

  it('--jobs 1 and --jobs 2 give the same output', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 510; i++) files[`apps/app-${i}/m.yaml`] = [FIXABLE, WARNING, CLEAN][i % 3];
    const root = project(files);
    const one = run(root, ['lint', '-f', 'json', '--jobs', '1']);
    const two = run(root, ['lint', '-f', 'json', '--jobs', '2']);
    assert.equal(one.status, 1);
    assert.equal(two.status, 1);
    assert.equal(json(one).length, 510);
    assert.equal(two.stdout, one.stdout);
  });

  // Workers read contiguous runs of the sorted files: every Deployment (apps/) is read by the first of two workers and
  // every budget (budgets/) by the second, so each finding on a budget needs facts another worker read.
  const spread = (n: number): string => {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      files[`apps/app-${i}/deploy.yaml`] =
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: app-${i}}\n` +
        `  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: app\n          image: example/app:1.0\n` +
        `          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n            successThreshold: 2\n`;
      files[`budgets/pdb-${i}.yaml`] =
        `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: app-${i}\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels: {app: app-${i}}\n`;
    }
    return project(files);
  };

  it('across workers, a file sees the facts of files another worker read, and every worker count gives the same output', () => {
    // 750 files: up to three workers (each gets 250 targets at least).
    const root = spread(375);
    const one = run(root, ['lint', '-f', 'json', '--jobs', '1']);
    const blocked = json(one).filter((f) => f.relativePath.startsWith('budgets/') && f.findings.some((x) => x.ruleId === 'pdb-blocks-eviction'));
    assert.equal(blocked.length, 375);
    for (const [jobs, workers] of [
      ['2', 2],
      ['3', 3],
      ['7', 3],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, 'lint', '-f', 'json', '--jobs', jobs], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, KUBE_GRACEFUL_STATS: '1' },
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, one.stdout, `--jobs ${jobs}`);
      assert.equal((JSON.parse(/kube-graceful-stats (.*)/.exec(r.stderr)?.[1] ?? '{}') as { workers?: number }).workers, workers, `--jobs ${jobs}`);
    }
  });

  it('--fix across workers writes the same files as one thread', () => {
    const a = spread(250);
    const b = spread(250);
    const one = run(a, ['lint', '-f', 'json', '--fix', '--jobs', '1']);
    const three = run(b, ['lint', '-f', 'json', '--fix', '--jobs', '3']);
    const relative = (r: Run): string => JSON.stringify(json(r).map(({ filePath: _, ...rest }) => rest));
    assert.equal(three.status, one.status, three.stderr);
    assert.equal(three.stderr, one.stderr);
    assert.equal(relative(three), relative(one));
    let fixed = 0;
    for (let i = 0; i < 250; i++) {
      const path = `apps/app-${i}/deploy.yaml`;
      const text = readFileSync(join(b, path), 'utf8');
      assert.equal(text, readFileSync(join(a, path), 'utf8'), path);
      if (!text.includes('successThreshold: 2')) fixed++;
    }
    assert.equal(fixed, 250);
  });

  it('stdin across workers stands in for its file in every worker', () => {
    const root = spread(250);
    // The budget on stdin selects nothing any more: its finding goes, and app-7's Deployment has no budget.
    const text =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: app-7\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels: {app: nobody}\n';
    const r = run(root, ['lint', '-', '.', '-f', 'json', '--jobs', '2', '--stdin-filename', 'budgets/pdb-7.yaml'], text);
    assert.equal(r.status, 1, r.stderr);
    const files = json(r);
    assert.equal(files.length, 500);
    assert.ok(!files.find((f) => f.relativePath === 'budgets/pdb-7.yaml')?.findings.some((x) => x.ruleId === 'pdb-blocks-eviction'));
    assert.ok(files.find((f) => f.relativePath === 'apps/app-7/deploy.yaml')?.findings.some((x) => x.ruleId === 'pdb-missing'));
    assert.ok(files.find((f) => f.relativePath === 'budgets/pdb-8.yaml')?.findings.some((x) => x.ruleId === 'pdb-blocks-eviction'));
  });

  // util-linux's `script` gives the command a terminal (stdout and stderr both go to it).
  it(
    'a progress bar on a terminal for a run of hundreds of files (reading, then checking), in one thread and across workers',
    { skip: process.platform !== 'linux' },
    () => {
      const root = spread(250);
      for (const jobs of ['1', '2']) {
        const out = join(root, `report-${jobs}.json`);
        const r = spawnSync('script', ['-qec', `'${process.execPath}' '${CLI}' lint . -f json -o '${out}' --jobs ${jobs}`, '/dev/null'], {
          cwd: root,
          encoding: 'utf8',
        });
        assert.equal(r.status, 1, r.stdout);
        // Files read into the index, then files checked.
        const read = r.stdout.search(/\r\[=+\] 500\/500 files read/);
        const checked = r.stdout.search(/\r\[=+\] 500\/500 files checked/);
        assert.ok(read >= 0 && checked > read, JSON.stringify(r.stdout.slice(0, 300)));
        // The bar is drawn over itself and wiped at the end.
        assert.ok(r.stdout.includes('\r\u001b[K'), JSON.stringify(r.stdout.slice(-200)));
        assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonFile[]).length, 500);
      }
      // Not on a terminal: no bar.
      assert.equal(run(root, ['lint', '.', '-f', 'json', '--jobs', '2']).stderr, '');
    },
  );

  it('a config mistake with workers already started exits 2 at once: the workers are stopped', () => {
    const root = spread(250);
    writeFileSync(join(root, 'budgets', '.kube-graceful.yaml'), 'rules:\n  pdb-blocks-evictoin: warning\n');
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--jobs', '4'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /did you mean `pdb-blocks-eviction`/);
    assert.ok(Date.now() - started < 20_000);
  });
});

/** Runs Microsoft's SARIF validator (npm @microsoft/sarif-multitool, a self-contained .NET binary) on a file. */
export function validate(file: string): { status: number | null; output: string } {
  const bin = require.resolve('@microsoft/sarif-multitool/bin.js');
  const out = `${file}.validation.sarif`;
  const r = spawnSync(process.execPath, [bin, 'validate', file, '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
  if (existsSync(out)) rmSync(out);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('kube-graceful explain', () => {
  const sample = join(__dirname, '..', '..', '..', 'sample', 'app', 'deployment.yaml');

  it('prints the timelines of a workload: the same figures as the CodeLens and the panel', () => {
    const r = run(process.cwd(), ['explain', sample, '--object', 'checkout']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Deployment checkout: Start ≤ 5 min 30 s \+ init run time · Stop ≤ 47 s · Rollout 4 pods max$/m);
    assert.match(r.stdout, /◆ SIGKILL\s+45 s\s+\[spec\.template\.spec\.terminationGracePeriodSeconds\]/);
    assert.match(r.stdout, /at most 4 pods, at least 3 available/);
  });

  it('takes the target version from the config file and speaks Chinese', () => {
    const dir = project({ 'app.yaml': readFileSync(sample, 'utf8'), '.kube-graceful.yaml': 'kubernetesVersion: "1.28"\n' });
    const r = run(dir, ['explain', 'app.yaml', '--locale', 'zh-cn']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /[\u4e00-\u9fff]/);
  });

  it('exits 2 with a reason for an unknown object or file', () => {
    const missing = run(process.cwd(), ['explain', sample, '--object', 'nope']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no workload named "nope"/);
    assert.equal(run(process.cwd(), ['explain', 'no-such-file.yaml']).status, 2);
  });
});
