// The lifecycle panel in a real VS Code (issue #16): the CodeLens above `kind:`, its command opening the webview,
// the SVG rendered inside the webview's nested iframes (read by the test host with playwright), a live update after
// an edit, a click on a bar revealing its field, and a screenshot kept as an artifact. English and zh-cn.
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');

const FIXTURE = 'lifecycle.yaml';
const ARTIFACTS = process.env.KG_E2E_ARTIFACTS || os.tmpdir();
const WAIT_MS = Number(process.env.KG_E2E_WAIT_MS || 30000);
const zh = () => vscode.env.language.startsWith('zh');

async function waitFor(what, fn, timeoutMs = WAIT_MS, stepMs = 100) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

let asked = 0;
/** Asks the test host to look into the webview frames for `selector` (and click it); resolves with its answer. */
async function webview(selector, click = false) {
  const file = path.join(ARTIFACTS, `webview-${process.pid}-${++asked}.json`);
  console.log(`[vscode-e2e:webview${click ? '-click' : ''}] ${file} ${selector}`);
  const answer = await waitFor(`the test host's answer in ${file}`, () => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')), 15000);
  fs.rmSync(file, { force: true });
  return answer;
}

/** Polls the webview until `check(texts)` holds. */
async function webviewShows(what, check) {
  let last;
  return waitFor(`the webview to show ${what}; last: ${JSON.stringify(last && last.texts ? last.texts.slice(0, 12) : last)}`, async () => {
    last = await webview('svg.lifecycle');
    return last.found && check(last.texts.join('\n')) ? last : undefined;
  });
}

describe('lifecycle panel (issue #16)', function () {
  let doc;
  let original;
  const title = () => (zh() ? 'Pod 生命周期：web' : 'Pod lifecycle: web');

  before(async function () {
    const folder = vscode.workspace.workspaceFolders[0];
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, FIXTURE));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    original = doc.getText();
    await waitFor('the extension to activate', () => vscode.extensions.getExtension('kube-graceful.kube-graceful').isActive);
  });

  after(async function () {
    if (doc && doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a CodeLens with the bounds above kind:', async function () {
    const lenses = await waitFor('a kube-graceful CodeLens', async () => {
      const all = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10);
      const ours = (all || []).filter((l) => l.command && l.command.command === 'kubeGraceful.showLifecycle');
      return ours.length ? ours : undefined;
    });
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].range.start.line, 2, 'on the kind: line');
    const expected = zh() ? '启动 ≤ 5 分 30 秒 · 停止 ≤ 49 秒 · 滚动更新最多 13 个 Pod' : 'Start ≤ 5 min 30 s · Stop ≤ 49 s · Rollout 13 pods max';
    assert.strictEqual(lenses[0].command.title, expected);
  });

  it('its command opens the "Pod lifecycle" webview, which renders the SVG with the labels', async function () {
    const all = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10);
    const lens = all.find((l) => l.command && l.command.command === 'kubeGraceful.showLifecycle');
    await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
    const tab = await waitFor('the panel tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === title()));
    assert.ok(tab, 'a tab titled Pod lifecycle: web');
    const labels = zh() ? ['启动', '停止', '滚动更新', 'proxy', 'app', '由 spec.template.spec.containers[0].startupProbe.failureThreshold 决定'] : ['Start-up', 'Shutdown', 'Rollout', 'proxy', 'app', 'Set by spec.template.spec.containers[0].startupProbe.failureThreshold'];
    const shown = await webviewShows(labels.join(', '), (text) => labels.every((l) => text.includes(l)));
    assert.ok(shown.found);
    // More room for the panel in the screenshot (the README shows it).
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const shot = path.join(ARTIFACTS, `lifecycle-panel-${zh() ? 'zh-cn' : 'en'}-${process.env.KG_E2E_MODE || 'dev'}.png`);
    console.log(`[vscode-e2e:screenshot] ${shot}`);
    await waitFor(`screenshot ${shot}`, () => fs.existsSync(shot), 15000);
  });

  it('follows an edit: failureThreshold 30 → 12 redraws the start-up (restart at 10 + 12 × 10 = 130 s)', async function () {
    const line = doc.getText().split('\n').findIndex((l) => /^\s+failureThreshold: 30$/.test(l));
    assert.ok(line > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line, doc.lineAt(line).text.indexOf('30'), line, doc.lineAt(line).text.length), '12');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const expected = zh() ? '2 分 10 秒' : '2 min 10 s';
    await webviewShows(`"${expected}" in a tooltip`, (text) => text.includes(expected));
  });

  it('clicking a bar reveals its field in the editor', async function () {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const clicked = await webview('g.k-preStop', true);
    assert.ok(clicked.found, 'the preStop bar is there');
    const sel = await waitFor('the selection on the preStop sleep', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document === doc && !e.selection.isEmpty ? e.selection : undefined;
    });
    assert.strictEqual(doc.getText(sel), '45');
    assert.match(doc.lineAt(sel.start.line).text, /sleep: \{seconds: 45\}/);
  });
});
