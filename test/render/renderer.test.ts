// renderUnit with the real helm on inputs that must not hurt: output past the analysis limit, a chart helm cannot
// find a binary for, an untrusted workspace. Each ends with a clear status, never a crash or an unbounded analysis.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { NEWEST } from '../../server/src/k8s/versions';
import { chartOf } from '../../server/src/render/helm';
import { RenderSettings, renderUnit } from '../../server/src/render/renderer';
import { RULES } from '../../server/src/rules';
import { renderTools } from '../support/render-tools';

let root: string;
const read = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const uriOf = (p: string): string => pathToFileURL(p).href;

function chart(name: string, template: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), 'count: 60000\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), template);
  return dir;
}

describe('renderUnit on inputs that must not hurt (real helm)', () => {
  let settings: RenderSettings;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kg-render-unit-'));
    settings = {
      enable: true,
      trusted: true,
      helmPath: renderTools().helm,
      kustomizePath: '',
      valuesFiles: [],
      version: NEWEST,
      options: { ...DEFAULT_OPTIONS, maxFileSize: 1024 * 1024 },
    };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('output past kubeGraceful.maxFileSize is not analysed, and says so', async () => {
    const dir = chart(
      'big',
      '{{- range $i := until (int .Values.count) }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ $i }}\n{{- end }}\n',
    );
    const t0 = Date.now();
    const result = await renderUnit({ kind: 'helm', dir, chart: chartOf(join(dir, 'values.yaml')) }, settings, RULES, read, uriOf, () => undefined);
    assert.equal(result.ok, false);
    assert.equal(result.error?.kind, 'limit');
    assert.match(result.status, /larger than kubeGraceful\.maxFileSize \(1\.0 MiB\)/);
    assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
  });

  it('no binary: not rendered, with the reason', async () => {
    const dir = chart('nobin', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const result = await renderUnit({ kind: 'helm', dir }, { ...settings, helmPath: join(root, 'missing-helm') }, RULES, read, uriOf, () => undefined);
    assert.equal(result.ok, false);
    assert.equal(result.tool, undefined);
    assert.match(result.status, /Helm chart not rendered: no helm binary found/);
  });

  it('an untrusted workspace runs nothing', async () => {
    const dir = chart('untrusted', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const result = await renderUnit({ kind: 'helm', dir }, { ...settings, trusted: false }, RULES, read, uriOf, () => undefined);
    assert.equal(result.tool, undefined);
    assert.match(result.status, /not rendered: the workspace is not trusted/);
  });

  it('in Chinese, the status is Chinese', async () => {
    const dir = chart('zh', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const result = await renderUnit(
      { kind: 'helm', dir, chart: chartOf(join(dir, 'values.yaml')) },
      { ...settings, options: { ...settings.options, locale: 'zh-cn' } },
      RULES,
      read,
      uriOf,
      () => undefined,
    );
    assert.equal(result.ok, true);
    assert.match(result.status, /^Helm chart 已用 helm 4\.1\.4 渲染（values\.yaml）$/);
  });
});
