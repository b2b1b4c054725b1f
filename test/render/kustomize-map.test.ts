// Findings on overlays built by the real `kubectl kustomize` land on the patch line that set the field, or on the base
// resource's line; objects without a source land on the kustomization. Expected places are found by markers in the
// fixtures, never by line numbers.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyse, DEFAULT_OPTIONS, Problem } from '../../server/src/engine/analyze';
import { kustomizeSources, KustomizeSources, mapKustomizeProblems } from '../../server/src/render/kustomize-map';
import { RULES } from '../../server/src/rules';
import type { MappedProblems } from '../../server/src/render/types';
import { REPO_ROOT, renderTools } from '../support/render-tools';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'render', 'kustomize');
const HOME = mkdtempSync(join(tmpdir(), 'kg-kustomize-'));

function build(dir: string): string {
  return execFileSync(renderTools().kubectl, ['kustomize', dir], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME, KUBECONFIG: '/dev/null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function readDisk(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

const uriOf = (path: string): string => `file://${path}`;

interface Run {
  readonly built: string;
  readonly problems: Problem[];
  readonly sources: KustomizeSources;
  readonly mapped: MappedProblems;
}

function run(dir: string, without?: string): Run {
  const built = build(dir);
  const problems = analyse(built, RULES, { ...DEFAULT_OPTIONS });
  let sources = kustomizeSources(dir, readDisk);
  if (without !== undefined) sources = { dir: sources.dir, files: new Map([...sources.files].filter(([path]) => path !== without)) };
  return { built, problems, sources, mapped: mapKustomizeProblems(built, problems, sources, uriOf) };
}

/** The 0-based line of the fixture file that holds `marker`. */
function lineOf(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, `${marker} in ${file}`);
  return line;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** The mapped findings with `code`, wherever they landed. */
function found(mapped: MappedProblems, code: string): { file: string; problem: Problem }[] {
  return [...mapped].flatMap(([file, list]) => list.filter((p) => p.code === code).map((problem) => ({ file, problem })));
}

/** Every finding of the build is somewhere in the mapped result, with its message kept at the front. */
function assertNoneDropped(r: Run): void {
  const all = [...r.mapped.values()].flat();
  for (const p of r.problems)
    assert.ok(
      all.some((m) => m.code === p.code && m.message.startsWith(p.message)),
      `${p.code} kept: ${p.message}`,
    );
}

interface Expect {
  readonly code: string;
  /** The file relative to the fixtures, and the marker on the line the finding must sit on. */
  readonly file: string;
  readonly marker: string;
  /** The text the finding covers there. */
  readonly text?: string;
}

const CASES: { name: string; overlay: string; expect: Expect[] }[] = [
  {
    name: 'patches: path to a strategic-merge patch',
    overlay: 'overlays/smp',
    expect: [
      { code: 'hpa-replicas-conflict', file: 'overlays/smp/replicas.yaml', marker: 'marker:patch-replicas', text: 'replicas' },
      { code: 'pdb-blocks-eviction', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: '1' },
      { code: 'pdb-unhealthy-eviction-policy', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: 'minAvailable' },
    ],
  },
  {
    name: 'patches: inline JSON6902 patch with a target',
    overlay: 'overlays/json6902',
    expect: [
      { code: 'hpa-replicas-conflict', file: 'overlays/json6902/kustomization.yaml', marker: 'marker:op-value', text: '1' },
      { code: 'pdb-blocks-eviction', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: '1' },
    ],
  },
  {
    name: 'patchesStrategicMerge (the older form)',
    overlay: 'overlays/psm',
    expect: [
      { code: 'hpa-replicas-conflict', file: 'overlays/psm/replicas.yaml', marker: 'marker:patch-replicas', text: 'replicas' },
      { code: 'pdb-blocks-eviction', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: '1' },
    ],
  },
  {
    name: 'namePrefix, nameSuffix and namespace',
    overlay: 'overlays/prefix',
    expect: [
      { code: 'hpa-replicas-conflict', file: 'overlays/prefix/replicas.yaml', marker: 'marker:patch-replicas', text: 'replicas' },
      { code: 'pdb-blocks-eviction', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: '1' },
    ],
  },
  {
    name: 'the replicas: field of a kustomization',
    overlay: 'overlays/replicas-field',
    expect: [
      { code: 'hpa-replicas-conflict', file: 'overlays/replicas-field/kustomization.yaml', marker: 'marker:count', text: '1' },
      { code: 'pdb-blocks-eviction', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: '1' },
    ],
  },
  {
    name: 'a patch that changes and removes probes',
    overlay: 'overlays/probe',
    expect: [
      { code: 'liveness-too-aggressive', file: 'overlays/probe/probe.yaml', marker: 'marker:patch-liveness', text: 'livenessProbe' },
      { code: 'readiness-probe-missing', file: 'overlays/probe/probe.yaml', marker: 'marker:patch-readiness', text: 'readinessProbe' },
      { code: 'pdb-unhealthy-eviction-policy', file: 'base/pdb.yaml', marker: 'marker:pdb-min', text: 'minAvailable' },
    ],
  },
];

describe('kustomize map: findings land on the patch or the base', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const r = run(join(FIXTURES, c.overlay));
      assert.ok(r.problems.length > 0, 'the build has findings');
      assertNoneDropped(r);
      for (const e of c.expect) {
        const file = join(FIXTURES, e.file);
        const text = readFileSync(file, 'utf8');
        const hits = found(r.mapped, e.code);
        assert.ok(hits.length > 0, `${e.code} mapped`);
        const hit = hits.find((h) => h.file === file && lineAt(text, h.problem.start) === lineOf(file, e.marker));
        assert.ok(
          hit,
          `${e.code} on ${e.file} at ${e.marker}; got ${hits.map((h) => `${h.file}:${lineAt(readFileSync(h.file, 'utf8'), h.problem.start)}`).join(', ')}`,
        );
        if (e.text !== undefined) assert.equal(text.slice(hit.problem.start, hit.problem.end), e.text);
        // Every mapped finding says which kustomization built it, and points at it.
        assert.match(hit.problem.message, new RegExp(`as built by ${c.overlay}/kustomization\\.yaml\\)$`));
        const kust = join(FIXTURES, c.overlay, 'kustomization.yaml');
        if (file !== kust)
          assert.ok(
            hit.problem.related?.some((rel) => rel.uri === uriOf(kust) && rel.position?.line === 0),
            'related place on the kustomization',
          );
      }
    });
  }

  test('related places in the built text map to their sources, with positions', () => {
    const r = run(join(FIXTURES, 'overlays/smp'));
    const [hit] = found(r.mapped, 'pdb-blocks-eviction');
    const workload = hit.problem.related?.find((rel) => rel.message.startsWith('Deployment web'));
    assert.ok(workload, 'the workload is a related place');
    const base = join(FIXTURES, 'base/deployment.yaml');
    assert.equal(workload.uri, uriOf(base));
    const text = readFileSync(base, 'utf8');
    assert.equal(text.slice(workload.start, workload.end), 'Deployment');
    assert.equal(workload.position?.line, lineAt(text, workload.start));
    assert.equal(workload.sameDocument, undefined);
    const hpa = hit.problem.related?.find((rel) => rel.message.startsWith('HorizontalPodAutoscaler web'));
    assert.equal(hpa?.uri, uriOf(join(FIXTURES, 'components/hpa/hpa.yaml')));
  });

  test('a fix that replaces text reading the same in the source is kept, translated', () => {
    const r = run(join(FIXTURES, 'overlays/smp'));
    const [hit] = found(r.mapped, 'pdb-blocks-eviction');
    const file = join(FIXTURES, 'base/pdb.yaml');
    const text = readFileSync(file, 'utf8');
    const fix = hit.problem.fixes.find((f) => f.title.includes('maxUnavailable'));
    assert.ok(fix, 'the maxUnavailable fix is kept');
    const [change] = fix.changes;
    const fixed = text.slice(0, change.start) + change.newText + text.slice(change.end);
    assert.match(fixed, /^ {2}maxUnavailable: 1 # marker:pdb-min$/m);
  });

  test('the namespace comes from the kustomization, the prefixed name from the base', () => {
    const dir = join(FIXTURES, 'overlays/prefix');
    const built = build(dir);
    const sources = kustomizeSources(dir, readDisk);
    const deployment = built.indexOf('kind: Deployment');
    const namespace = built.indexOf('namespace: prod', deployment) + 'namespace: '.length;
    const name = built.indexOf('name: prod-web-v2', deployment) + 'name: '.length;
    const problems: Problem[] = [
      { code: 'ns', message: 'On the namespace', severity: 'info', start: namespace, end: namespace + 4, fixes: [] },
      { code: 'name', message: 'On the name', severity: 'info', start: name, end: name + 'prod-web-v2'.length, fixes: [] },
    ];
    const mapped = mapKustomizeProblems(built, problems, sources, uriOf);
    const kust = join(dir, 'kustomization.yaml');
    const [ns] = found(mapped, 'ns');
    assert.equal(ns.file, kust);
    assert.equal(lineAt(readFileSync(kust, 'utf8'), ns.problem.start), lineOf(kust, 'marker:namespace'));
    assert.equal(readFileSync(kust, 'utf8').slice(ns.problem.start, ns.problem.end), 'prod');
    const base = join(FIXTURES, 'base/deployment.yaml');
    const [n] = found(mapped, 'name');
    assert.equal(n.file, base);
    // The built name is not the written one, so the whole written name is the range.
    assert.equal(readFileSync(base, 'utf8').slice(n.problem.start, n.problem.end), 'web');
    assert.equal(lineAt(readFileSync(base, 'utf8'), n.problem.start), lineOf(base, 'marker:deployment-name'));
  });

  test('a fix replacing a JSON6902 value maps into the inline block; one the source does not read the same is dropped', () => {
    const dir = join(FIXTURES, 'overlays/json-pdb');
    const r = run(dir);
    const kust = join(dir, 'kustomization.yaml');
    const text = readFileSync(kust, 'utf8');
    const [hit] = found(r.mapped, 'pdb-blocks-eviction');
    assert.equal(hit.file, kust);
    assert.equal(lineAt(text, hit.problem.start), lineOf(kust, 'marker:pdb-op'));
    const original = r.problems.find((p) => p.code === 'pdb-blocks-eviction');
    assert.ok(original && original.fixes.length === 2, 'the build offers two fixes');
    // "Set minAvailable to 2" replaces the scalar, which reads `3` in the op's value too: kept.
    const [fix] = hit.problem.fixes;
    assert.equal(hit.problem.fixes.length, 1);
    assert.match(fix.title, /Set minAvailable to 2/);
    const [change] = fix.changes;
    const fixed = text.slice(0, change.start) + change.newText + text.slice(change.end);
    assert.match(fixed, /^ {8}value: 2 # marker:pdb-op$/m);
    // "Replace with maxUnavailable: 1" rewrites `minAvailable: 3`, which the op writes as `value: 3`: dropped.
    assert.ok(!hit.problem.fixes.some((f) => f.title.includes('maxUnavailable')));
  });

  test('a fix that adds a key is dropped, not guessed', () => {
    const r = run(join(FIXTURES, 'overlays/probe'));
    const original = r.problems.find((p) => p.code === 'readiness-probe-missing');
    assert.ok(original && original.fixes.length > 0);
    const [hit] = found(r.mapped, 'readiness-probe-missing');
    assert.equal(hit.problem.fixes.length, 0);
  });

  test('a generated object (configMapGenerator) lands on the generator literal it reads', () => {
    const dir = join(FIXTURES, 'overlays/generator');
    const built = build(dir);
    const sources = kustomizeSources(dir, readDisk);
    const at = built.indexOf('MODE: prod');
    assert.ok(at > 0);
    const problem: Problem = { code: 'probe', message: 'A finding on the generated data', severity: 'warning', start: at + 6, end: at + 10, fixes: [] };
    const mapped = mapKustomizeProblems(built, [problem], sources, uriOf);
    const kust = join(dir, 'kustomization.yaml');
    const [only] = mapped.get(kust) ?? [];
    assert.ok(only, 'mapped onto the kustomization');
    assert.equal(readFileSync(kust, 'utf8').slice(only.start, only.end), 'MODE=prod');
    assert.match(
      only.message,
      /^A finding on the generated data \(in the generated ConfigMap settings-\w+, at data\.MODE; built by overlays\/generator\/kustomization\.yaml\)$/,
    );
  });

  test('an object whose source the caller did not give lands on the kustomization, nothing dropped', () => {
    const dir = join(FIXTURES, 'overlays/probe');
    const r = run(dir, join(FIXTURES, 'base/deployment.yaml'));
    assertNoneDropped(r);
    const kust = join(dir, 'kustomization.yaml');
    const onKust = r.mapped.get(kust) ?? [];
    assert.ok(
      onKust.some(
        (p) => p.code === 'liveness-too-aggressive' && p.message.includes('(in the built Deployment web, at spec.template.spec.containers[app].livenessProbe;'),
      ),
    );
    // The budget still has its source.
    assert.ok(found(r.mapped, 'pdb-unhealthy-eviction-policy').every((h) => h.file === join(FIXTURES, 'base/pdb.yaml')));
  });

  test('kustomizeSources reads kustomizations, resources, components and patch files', () => {
    const files = [...kustomizeSources(join(FIXTURES, 'overlays/smp'), readDisk).files.keys()].map((p) => p.slice(FIXTURES.length + 1)).sort();
    assert.deepEqual(files, [
      'base/deployment.yaml',
      'base/kustomization.yaml',
      'base/pdb.yaml',
      'components/hpa/hpa.yaml',
      'components/hpa/kustomization.yaml',
      'overlays/smp/kustomization.yaml',
      'overlays/smp/replicas.yaml',
    ]);
  });

  test('a diamond of bases 30 levels deep stays bounded', () => {
    const texts = new Map<string, string>();
    for (let i = 0; i < 30; i++)
      for (const side of ['a', 'b']) texts.set(`/${side}${i}/kustomization.yaml`, `resources:\n  - ../a${i + 1}\n  - ../b${i + 1}\n`);
    for (const side of ['a', 'b']) texts.set(`/${side}30/kustomization.yaml`, 'resources:\n  - cm.yaml\n');
    for (const side of ['a', 'b']) texts.set(`/${side}30/cm.yaml`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    const began = Date.now();
    const sources = kustomizeSources('/a0', (p) => texts.get(p));
    assert.equal(sources.files.size, texts.size - 1);
    const built = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
    const problem: Problem = { code: 'x', message: 'm', severity: 'info', start: built.indexOf('cm'), end: built.indexOf('cm') + 2, fixes: [] };
    const mapped = mapKustomizeProblems(built, [problem], sources, uriOf);
    assert.equal([...mapped.values()].flat().length, 1);
    assert.ok(Date.now() - began < 5000, `took ${Date.now() - began} ms`);
  });

  test('kustomizeSources is bounded on cycles', () => {
    const texts = new Map([
      ['/a/kustomization.yaml', 'resources:\n  - ../b\n'],
      ['/b/kustomization.yaml', 'resources:\n  - ../a\n  - x.yaml\n'],
      ['/b/x.yaml', 'kind: ConfigMap\nmetadata:\n  name: x\n'],
    ]);
    const sources = kustomizeSources('/a', (p) => texts.get(p));
    assert.deepEqual([...sources.files.keys()].sort(), [...texts.keys()].sort());
  });
});

describe('kustomize map: the corpus', () => {
  const dir = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'microservices-demo', 'kubernetes-manifests');
  test('microservices-demo/kubernetes-manifests: every finding maps into the corpus', { skip: !existsSync(dir) }, () => {
    const r = run(dir);
    assertNoneDropped(r);
    const total = [...r.mapped.values()].reduce((n, l) => n + l.length, 0);
    assert.ok(total > 0);
    for (const [file, list] of r.mapped) {
      assert.ok(file.startsWith(dir + '/'), file);
      const text = readFileSync(file, 'utf8');
      for (const p of list) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `${p.code} in range`);
    }
    const onKust = r.mapped.get(join(dir, 'kustomization.yaml'))?.length ?? 0;
    console.log(`corpus: ${r.problems.length} findings -> ${total} mapped in ${r.mapped.size} files, ${onKust} on the kustomization`);
  });
});
