// The panel's drawing is a pure function of the server's lifecycle answer: labels, tooltips naming fields, click
// targets, theme colours only, and a Content-Security-Policy that lets nothing in from outside.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { esc, lifecycleHtml, LIFECYCLE_CSS, renderLifecycleSvg, tickStep } from '../../client/src/lifecycle-svg';
import { lifecycleAt } from '../../server/src/features/lifecycle';
import { NEWEST } from '../../server/src/k8s/versions';
import type { Locale } from '../../server/src/l10n/locale';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
        - name: proxy
          image: p
          restartPolicy: Always
      containers:
        - name: app
          image: a
          startupProbe: {httpGet: {path: /, port: 80}, failureThreshold: 30}
          lifecycle: {preStop: {sleep: {seconds: 5}}}
`;

function drawing(locale: Locale = 'en'): string {
  const view = lifecycleAt(TEXT, TEXT.indexOf('kind'), NEWEST, locale, (o) => {
    const before = TEXT.slice(0, o).split('\n');
    return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
  });
  assert.ok(view);
  return renderLifecycleSvg(view);
}

describe('lifecycle drawing', () => {
  it('draws the three timelines with their headings and a lane per container', () => {
    const svg = drawing();
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="lifecycle"/);
    for (const id of ['startup', 'shutdown', 'rollout']) assert.match(svg, new RegExp(`<g class="phase" id="${id}">`));
    for (const word of ['>Start-up<', '>Shutdown<', '>Rollout<', '>proxy<', '>app<']) assert.ok(svg.includes(word), word);
  });

  it('names the field that sets a bar in its tooltip, and makes the bar reveal it on click', () => {
    const svg = drawing();
    assert.match(
      svg,
      /<g class="bar k-startupWindow link" data-range="\{&quot;start&quot;:\{&quot;line&quot;:16,&quot;character&quot;:55\},&quot;end&quot;:\{&quot;line&quot;:16,&quot;character&quot;:71\}\}" tabindex="0" role="button"><title>startup probe: may succeed from here until the restart point\n0 s → 5 min\nSet by spec\.template\.spec\.containers\[0\]\.startupProbe\.failureThreshold<\/title>/,
    );
  });

  it('draws the rollout as one column per step: 4 replicas, 25% → 1 surge, 1 unavailable', () => {
    const svg = drawing();
    assert.equal((svg.match(/<g class="step/g) ?? []).length, 13);
    assert.ok(svg.includes('>total ≤ 5<'));
    assert.ok(svg.includes('>available ≥ 3<'));
  });

  it('speaks Chinese', () => {
    const svg = drawing('zh-cn');
    for (const word of ['>启动<', '>停止<', '>滚动更新<', '由 spec.template.spec.containers[0].startupProbe.failureThreshold 决定'])
      assert.ok(svg.includes(word), word);
  });

  it('escapes names and uses VS Code theme colours only', () => {
    assert.equal(esc(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    assert.ok(!/#[0-9a-fA-F]{3,6}\b|rgb\(/.test(LIFECYCLE_CSS), 'no fixed colours');
    assert.ok(!/fill="#|stroke="#/.test(drawing()), 'no colours written into the drawing');
  });

  it('has a strict Content-Security-Policy with a nonce and no remote content', () => {
    const html = lifecycleHtml('<svg></svg>', 'abc123', 'Pod lifecycle: web', 'vscode-webview://x');
    assert.match(
      html,
      /content="default-src &#39;none&#39;; img-src vscode-webview:\/\/x data:; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;;"/,
    );
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /<script nonce="abc123">/);
    assert.ok(!/https?:\/\//.test(html.replace('http://www.w3.org/2000/svg', '')), 'nothing remote');
  });

  it('picks readable axis steps', () => {
    assert.equal(tickStep(8), 1);
    assert.equal(tickStep(47), 10);
    assert.equal(tickStep(325), 60);
    assert.equal(tickStep(1400), 300);
  });
});
