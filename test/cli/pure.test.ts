// The command line's pure parts as data: the glob matcher, the unified diff, the formatters and the config file
// (parsing, validation with "did you mean", precedence over user settings, lookup up to the repository root).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules';
import { compileGlob, globBase, matchGlob } from '../../server/src/workspace/glob';
import { unifiedDiff } from '../../server/src/cli/diff';
import { codeFrame, format, FormatContext } from '../../server/src/cli/formatters';
import { FileReport, Finding } from '../../server/src/cli/report';
import { applyConfig, CONFIG_NAMES, findConfigFile, isIgnored, parseConfig } from '../../server/src/workspace/config-file';
import { DISK, Listings } from '../../server/src/workspace/listings';
import { walk } from '../../server/src/workspace/workspace';
import { CHART_MARKERS, chartOf } from '../../server/src/render/helm';
import { DEFAULT_SETTINGS } from '../../server/src/workspace/settings';

describe('glob', () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'deep/down/a.yaml', true],
    ['*.yaml', 'a.yml', false],
    ['*.yaml', '.hidden.yaml', false],
    ['deploy/*.yaml', 'deploy/a.yaml', true],
    ['deploy/*.yaml', 'x/deploy/a.yaml', false],
    ['deploy/*.yaml', 'deploy/sub/a.yaml', false],
    ['deploy/**/*.yaml', 'deploy/a.yaml', true],
    ['deploy/**/*.yaml', 'deploy/a/b/c.yaml', true],
    ['**/generated/**', 'x/generated/y/z.yaml', true],
    ['generated/', 'generated/a.yaml', true],
    ['generated', 'sub/generated/a.yaml', true],
    ['app-?.yaml', 'app-1.yaml', true],
    ['app-?.yaml', 'app-10.yaml', false],
    ['app-[0-9].yaml', 'app-7.yaml', true],
    ['app-[!0-9].yaml', 'app-7.yaml', false],
    ['app-[!0-9].yaml', 'app-x.yaml', true],
    ['a*b*c*d', 'aXbXcXd', true],
    ['a*b*c*d', 'abcabcabc', false],
  ];
  for (const [pattern, path, matches] of cases) {
    it(`${pattern} ${matches ? 'matches' : 'does not match'} ${path}`, () => assert.equal(matchGlob(compileGlob(pattern), path), matches));
  }

  it('stays linear on patterns that make backtracking regexes explode', () => {
    const pattern = compileGlob(`${'*a'.repeat(30)}b`);
    const started = performance.now();
    assert.equal(matchGlob(pattern, 'a'.repeat(5000)), false);
    const nested = compileGlob(`${'**/x/'.repeat(20)}y`);
    assert.equal(matchGlob(nested, `${'x/'.repeat(400)}z`), false);
    assert.ok(performance.now() - started < 1000);
  });

  it('anchors command-line patterns and finds their base folder', () => {
    assert.equal(matchGlob(compileGlob('*.yaml', { anchored: true }), 'sub/a.yaml', true), false);
    assert.equal(globBase('deploy/**/*.yaml'), 'deploy');
    assert.equal(globBase('*.yaml'), '.');
    assert.equal(globBase('a/b/c?.yaml'), 'a/b');
  });
});

describe('unified diff', () => {
  it('one hunk per change with three lines of context, and a hunk header `patch` reads', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 5\n', 'line five\n').replace('line 18\n', '');
    assert.equal(
      unifiedDiff('f.yaml', before, after),
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -15,6 +15,5 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it(
    'applies with `patch` (CRLF and a missing final newline included)',
    { skip: spawnSync('patch', ['--version']).status !== 0 && 'patch is not installed' },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kg-diff-'));
      try {
        const before = 'a: 1\r\nb: 2\r\nc: 3\r\nd: 4';
        const after = 'a: 1\r\nb: 20\r\nc: 3\r\nd: 4\r\ne: 5';
        writeFileSync(join(dir, 'f.yaml'), before);
        const r = spawnSync('patch', ['-p1', '--binary'], { cwd: dir, input: unifiedDiff('f.yaml', before, after), encoding: 'utf8' });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.equal(readFileSync(join(dir, 'f.yaml'), 'utf8'), after);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('is empty for equal texts', () => assert.equal(unifiedDiff('f', 'x\n', 'x\n'), ''));
});

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'prestop-missing',
  severity: 'warning',
  message: 'No preStop hook',
  line: 2,
  column: 3,
  endLine: 2,
  endColumn: 7,
  fixable: false,
  fixes: 0,
  docsUrl: 'https://kubernetes.io/x',
  ...over,
});

const REPORTS: FileReport[] = [
  {
    path: '/repo/a.yaml',
    text: 'kind: Pod\n  name: web\n',
    fixed: 0,
    findings: [
      finding({}),
      finding({
        ruleId: 'schema',
        severity: 'error',
        message: 'Bad, field: "x"\nsecond line 100%',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 5,
        fixable: true,
        fixes: 1,
        docsUrl: undefined,
      }),
    ],
  },
  { path: '/repo/clean.yaml', text: 'kind: Pod\n', fixed: 0, findings: [] },
];
const CTX: FormatContext = { cwd: '/repo', color: false, codeFrame: false, rules: RULES, version: '1.2.3' };

describe('formatters', () => {
  it('stylish', () => {
    assert.equal(
      format('stylish', REPORTS, CTX),
      [
        '',
        'a.yaml',
        '  2:3  warning  No preStop hook                   prestop-missing',
        '  1:1  error    Bad, field: "x"\nsecond line 100%  schema',
        '',
        '\u2716 2 problems (1 error, 1 warning)',
        '  1 problem potentially fixable with the `--fix` option.',
        '',
        '',
      ].join('\n'),
    );
    assert.equal(format('stylish', [REPORTS[1]], CTX), '');
  });

  it('code frame: two lines above, carets under the range, one line below', () => {
    const lines = ['a', 'bb', 'ccc: value', 'd'];
    assert.equal(
      codeFrame(lines, finding({ line: 3, column: 6, endLine: 3, endColumn: 11 }), false),
      ['      1 | a', '      2 | bb', '    > 3 | ccc: value', '        |      ^^^^^', '      4 | d'].join('\n'),
    );
    assert.equal(
      codeFrame(['a', 'b', ''], finding({ line: 2, column: 1, endLine: 2, endColumn: 2 }), false),
      ['      1 | a', '    > 2 | b', '        | ^'].join('\n'),
    );
  });

  it('github escapes data and properties', () => {
    assert.equal(
      format('github', REPORTS, CTX),
      '::warning file=a.yaml,line=2,col=3,endLine=2,endColumn=7,title=prestop-missing::No preStop hook\n' +
        '::error file=a.yaml,line=1,col=1,endLine=1,endColumn=5,title=schema::Bad, field: "x"%0Asecond line 100%25\n',
    );
  });

  it('json', () => {
    const files = JSON.parse(format('json', REPORTS, CTX));
    assert.deepEqual(files[1], {
      filePath: '/repo/clean.yaml',
      relativePath: 'clean.yaml',
      errorCount: 0,
      warningCount: 0,
      infoCount: 0,
      hintCount: 0,
      fixableCount: 0,
      fixed: 0,
      findings: [],
    });
    assert.deepEqual(files[0].findings[1], {
      ruleId: 'schema',
      severity: 'error',
      message: 'Bad, field: "x"\nsecond line 100%',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 5,
      fixable: true,
      fixes: 1,
      docsUrl: null,
    });
  });

  it('sarif: every rule described, results point at their rule, relative URIs, stable fingerprints', () => {
    const log = JSON.parse(format('sarif', REPORTS, CTX));
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: 'file:///repo/' } });
    assert.equal(run.tool.driver.rules.length, RULES.length + 4);
    const [first, second] = run.results;
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'prestop-missing');
    assert.equal(run.tool.driver.rules[second.ruleIndex].id, 'schema');
    assert.equal(first.level, 'warning');
    assert.equal(first.message.text, 'No preStop hook.');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'a.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 7 },
    });
    // The fingerprint rests on the line's text, not its number: moving the finding down keeps it.
    const moved = JSON.parse(format('sarif', [{ ...REPORTS[0], text: '\nkind: Pod\n  name: web\n', findings: [finding({ line: 3, endLine: 3 })] }], CTX));
    assert.deepEqual(moved.runs[0].results[0].partialFingerprints, first.partialFingerprints);
  });
});

describe('config file', () => {
  it('reports mistakes at their place, with did-you-mean for rule ids and settings', () => {
    const text = [
      'kubernetesVersion: "one"',
      'rules:',
      '  prestop-misisng: warning',
      '  pdb-missing: loud',
      'ignroe: []',
      'workspace: {maxFiles: -1}',
      'ignore: x',
      '',
    ].join('\n');
    const config = parseConfig(text, '/r/.kube-graceful.yaml');
    assert.deepEqual(
      config.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '1:20 `kubernetesVersion`: "one" is not a Kubernetes version such as "1.33".',
        '3:3 Unknown rule `rules.prestop-misisng`; did you mean `prestop-missing`?',
        '4:16 `rules.pdb-missing` must be one of "off", "hint", "info", "warning", "error"; "loud" is not.',
        '5:1 Unknown setting `ignroe`; did you mean `ignore`?',
        '6:23 `workspace.maxFiles` must be at least 0.',
        '7:9 `ignore` must be a list, not string.',
      ],
    );
    assert.deepEqual(parseConfig('rules: [unclosed\n', 'x').problems.length > 0, true);
    assert.deepEqual(parseConfig('', 'x').problems, []);
  });

  it('lays its values over user settings: the file wins, rule levels merge by id', () => {
    const user = { ...DEFAULT_SETTINGS, kubernetesVersion: '1.30', rules: { 'pdb-missing': 'off' as const, 'prestop-missing': 'hint' as const } };
    const merged = applyConfig(user, parseConfig('kubernetesVersion: "1.33"\nrules:\n  prestop-missing: error\nworkspace:\n  maxFiles: 10\n', 'x'));
    assert.equal(merged.kubernetesVersion, '1.33');
    assert.deepEqual(merged.rules, { 'pdb-missing': 'off', 'prestop-missing': 'error' });
    assert.deepEqual(merged.workspace, { enable: true, maxFiles: 10 });
    assert.equal(applyConfig(user, parseConfig('rules: {}\n', 'x')).kubernetesVersion, '1.30'); // Every other key of the settings works too, without a change here.
    const more = applyConfig(
      user,
      parseConfig(
        'syntaxErrors: "off"\ncustomWorkloads:\n  - {apiVersion: example.com/v1, kind: Web, podTemplate: spec.template}\ninlayHints: {enable: false}\n',
        'x',
      ),
    );
    assert.equal(more.syntaxErrors, 'off');
    assert.equal(more.customWorkloads.length, 1);
    assert.equal(more.inlayHints, false);
    assert.deepEqual(
      parseConfig('customWorkloads:\n  - {kind: Web}\n', 'x').problems.map((p) => p.message),
      ['`customWorkloads[0]` needs `apiVersion`, `podTemplate`.'],
    );
  });

  it('says its mistakes in Chinese for a Chinese editor or --locale zh-cn', () => {
    const config = parseConfig('rules:\n  prestop-mising: error\nmaxFileSize: -1\nsyntaxErrors: maybe\n', 'x', 'zh-cn');
    assert.deepEqual(
      config.problems.map((p) => p.message),
      [
        '未知规则 `rules.prestop-mising`；是否想写 `prestop-missing`？',
        '`maxFileSize` 至少为 1024。',
        '`syntaxErrors` 必须是 "auto", "on", "off" 之一；"maybe" 不是。',
      ],
    );
    assert.deepEqual(
      parseConfig('workspace: [1]\n', 'x', 'zh-cn').problems.map((p) => p.message),
      ['`workspace` 必须是映射，而不是列表。'],
    );
  });

  it('takes render.enable and helm.valuesFiles, never the binary to run (a machine setting)', () => {
    const user = { ...DEFAULT_SETTINGS, render: { enable: true, helmPath: '/usr/local/bin/helm', kustomizePath: '', valuesFiles: ['a.yaml'] } };
    const merged = applyConfig(user, parseConfig('render: {enable: false}\nhelm:\n  valuesFiles: [values-prod.yaml]\n', 'x'));
    assert.deepEqual(merged.render, { enable: false, helmPath: '/usr/local/bin/helm', kustomizePath: '', valuesFiles: ['values-prod.yaml'] });
    const evil = parseConfig('helm:\n  path: ./run-me.sh\nkustomize: {path: ./me-too.sh}\n', 'x');
    assert.equal(evil.problems.length, 2, JSON.stringify(evil.problems));
    assert.equal(applyConfig(user, evil).render.helmPath, '/usr/local/bin/helm');
  });

  it("answers the same from a walk's folder listings as from the disk: files, folders, symlinks, dangling links, names not kept", async () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-listings-'));
    try {
      mkdirSync(join(root, 'a/templates'), { recursive: true });
      mkdirSync(join(root, 'a/.git'));
      mkdirSync(join(root, 'b/Chart.yaml'), { recursive: true });
      mkdirSync(join(root, 'c'));
      mkdirSync(join(root, 'real-templates'));
      writeFileSync(join(root, 'a/.kube-graceful.yaml'), '{}\n');
      writeFileSync(join(root, 'a/values.yaml'), '{}\n');
      writeFileSync(join(root, 'b/.git'), 'gitdir: elsewhere\n');
      writeFileSync(join(root, 'b/other.yaml'), '{}\n');
      symlinkSync(join(root, 'a/values.yaml'), join(root, 'c/.kube-graceful.yml'));
      symlinkSync(join(root, 'real-templates'), join(root, 'c/templates'));
      symlinkSync(join(root, 'missing'), join(root, 'c/values.yaml'));
      const listings = new Listings([...CONFIG_NAMES, '.git', ...CHART_MARKERS]);
      await walk(root, 1000, new Set(), true, listings);
      const names = [...CONFIG_NAMES, '.git', ...CHART_MARKERS, 'other.yaml', 'nothing'];
      let compared = 0;
      for (const dir of ['', 'a', 'b', 'c', 'not-listed']) {
        for (const name of names) {
          const path = join(root, dir, name);
          assert.equal(listings.isFile(path), DISK.isFile(path), `isFile ${dir}/${name}`);
          assert.equal(listings.exists(path), DISK.exists(path), `exists ${dir}/${name}`);
          assert.equal(listings.isDirectory(path), DISK.isDirectory(path), `isDirectory ${dir}/${name}`);
          compared++;
        }
      }
      assert.equal(compared, 5 * names.length);
      // And the lookups built on them: the config file above a file, the chart a file belongs to.
      assert.equal(findConfigFile(join(root, 'a/templates/x.yaml'), [root], undefined, listings), join(root, 'a/.kube-graceful.yaml'));
      assert.equal(findConfigFile(join(root, 'c/x.yaml'), [root], undefined, listings), join(root, 'c/.kube-graceful.yml'));
      assert.equal(chartOf(join(root, 'a/templates/x.yaml'), root, listings)?.dir, join(root, 'a'));
      assert.equal(chartOf(join(root, 'c/x.yaml'), root, listings), undefined);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("is found in the file's folder or above, up to a root or a repository, and ignores relative to itself", () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-config-'));
    try {
      mkdirSync(join(root, 'repo/.git'), { recursive: true });
      mkdirSync(join(root, 'repo/a/b'), { recursive: true });
      writeFileSync(join(root, '.kube-graceful.yaml'), 'enable: false\n');
      writeFileSync(join(root, 'repo/a/.kube-graceful.yaml'), 'ignore: ["b/*.yaml"]\n');
      assert.equal(findConfigFile(join(root, 'repo/a/b/x.yaml')), join(root, 'repo/a/.kube-graceful.yaml'));
      // Above the repository's root nothing counts.
      assert.equal(findConfigFile(join(root, 'repo/y.yaml')), undefined);
      assert.equal(findConfigFile(join(root, 'other/y.yaml'), [join(root, 'other')]), undefined);
      const config = parseConfig('ignore: ["b/*.yaml"]\n', join(root, 'repo/a/.kube-graceful.yaml'));
      assert.equal(isIgnored(config, join(root, 'repo/a/b/x.yaml')), true);
      assert.equal(isIgnored(config, join(root, 'repo/a/x.yaml')), false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the shipped schema is current with the rules', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'scripts', 'gen-config-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
