// End-to-end tests of kube-graceful in a real VS Code (the Node extension host of a VS Code server, see
// scripts/vscode-e2e/). Started by test/e2e/runTest.js; the workspace is a fresh copy of test/e2e/fixtures/.
// Every wait polls for a state with a deadline; there are no fixed sleeps.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXT_ID = 'kube-graceful.kube-graceful';
const SOURCE = 'kube-graceful';
const RULE = 'init-container-probe';
const FIXTURE = 'init-container-probe.yaml';
// where the readinessProbe key of the init container is in the fixture (0-based)
const PROBE = { line: 11, start: 6, end: 6 + 'readinessProbe'.length };
const MODE = process.env.KG_E2E_MODE || 'dev'; // 'dev' (extensionDevelopmentPath = repo) | 'vsix' (installed package)
const ARTIFACTS = process.env.KG_E2E_ARTIFACTS;
const WAIT_MS = Number(process.env.KG_E2E_WAIT_MS || 30000);

async function waitFor(what, fn, timeoutMs = WAIT_MS, stepMs = 50) {
  const t0 = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const ruleDiags = (uri, rule = RULE) => ours(uri).filter((d) => String(codeOf(d)) === rule);
const show = (diags) => JSON.stringify(diags.map((d) => ({
  code: codeOf(d), severity: d.severity, message: d.message,
  range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
})));

describe('kube-graceful in a real VS Code', function () {
  let ext;
  let activeBeforeOpen;
  let doc;
  let original;

  const waitForProbeDiagnostic = () => waitFor(`a ${RULE} diagnostic on ${FIXTURE}`, () => {
    const d = ruleDiags(doc.uri);
    return d.length ? d : undefined;
  });
  const waitForNoProbeDiagnostic = (why) => waitFor(`the ${RULE} diagnostic to go away (${why}); now: ${show(ours(doc.uri))}`,
    () => ruleDiags(doc.uri).length === 0);

  before(async function () {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is known to VS Code (installed: ${vscode.extensions.all.filter((e) => !e.packageJSON.isBuiltin).map((e) => e.id).join(', ')})`);
    activeBeforeOpen = ext.isActive;
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, language ${vscode.env.language}, node ${process.version}); `
      + `${EXT_ID} ${ext.packageJSON.version} from ${ext.extensionPath} [mode ${MODE}]`);
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, FIXTURE));
    await vscode.window.showTextDocument(doc);
    original = doc.getText();
  });

  afterEach(async function () {
    if (this.currentTest && this.currentTest.state === 'failed' && ARTIFACTS) {
      // the test host (scripts/vscode-e2e/code-server-test-host.js) writes the screenshot; wait until it is there
      const file = path.join(ARTIFACTS, `${this.currentTest.fullTitle().replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120)}.png`);
      console.log(`[vscode-e2e:screenshot] ${file}`);
      await waitFor(`screenshot ${file}`, () => fs.existsSync(file), 15000).catch((e) => console.log(e.message));
    }
    // put the document and the settings back for the next test
    const cfg = vscode.workspace.getConfiguration('kubeGraceful');
    const rules = cfg.inspect('rules');
    if (rules && rules.workspaceValue !== undefined) await cfg.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    if (doc && doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(edit), 'restoring the fixture text');
    }
  });

  after(async function () {
    if (doc && doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('is activated by opening a YAML file', async function () {
    assert.strictEqual(doc.languageId, 'yaml');
    assert.strictEqual(activeBeforeOpen, false, 'not active before a YAML file was opened (activation is onLanguage:yaml)');
    await waitFor(`${EXT_ID} to activate`, () => ext.isActive);
    if (MODE === 'vsix') {
      const dir = process.env.KG_E2E_EXTENSIONS_DIR;
      assert.ok(dir && path.resolve(ext.extensionPath).startsWith(path.resolve(dir) + path.sep),
        `running the installed .vsix from ${dir}, not ${ext.extensionPath}`);
    }
  });

  it(`reports ${RULE} (Error) exactly on the init container's readinessProbe key`, async function () {
    const diags = await waitForProbeDiagnostic();
    assert.strictEqual(diags.length, 1, `one ${RULE} diagnostic: ${show(diags)}`);
    const d = diags[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `severity Error: ${show(diags)}`);
    assert.deepStrictEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [PROBE.line, PROBE.start, PROBE.line, PROBE.end], `range on the readinessProbe key: ${show(diags)}`);
    assert.strictEqual(doc.getText(d.range), 'readinessProbe');
    assert.ok(d.message && d.message.length > 0, 'has a message');
  });

  it('clears it when the document is edited to add `restartPolicy: Always` to that init container', async function () {
    await waitForProbeDiagnostic();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(PROBE.line, 0), `${' '.repeat(PROBE.start)}restartPolicy: Always\n`);
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    assert.match(doc.lineAt(PROBE.line).text, /^ {6}restartPolicy: Always$/);
    await waitForNoProbeDiagnostic('restartPolicy: Always makes it a sidecar');
  });

  it(`clears it when kubeGraceful.rules sets ${RULE} to "off"`, async function () {
    await waitForProbeDiagnostic();
    await vscode.workspace.getConfiguration('kubeGraceful')
      .update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
    assert.deepStrictEqual(vscode.workspace.getConfiguration('kubeGraceful').get('rules'), { [RULE]: 'off' });
    await waitForNoProbeDiagnostic('rule turned off in the settings');
  });

  it('offers the quick fix "Remove readinessProbe", which removes it when applied', async function () {
    const [d] = await waitForProbeDiagnostic();
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider',
      doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 10 /* resolve lazily computed edits */);
    // The title is in the display language: "Remove readinessProbe …" or "删除 … 的 `readinessProbe`".
    const title = vscode.env.language.startsWith('zh') ? /^删除 .*`readinessProbe`/ : /^Remove readinessProbe\b/;
    const fix = (actions || []).find((a) => title.test(a.title));
    assert.ok(fix, `quick fix offered; got: ${JSON.stringify((actions || []).map((a) => a.title))}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind quickfix, got ${fix.kind && fix.kind.value}`);
    assert.ok(fix.edit || fix.command, 'the action carries an edit or a command');
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'quick-fix edit applied');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
    assert.ok(!/^\s+readinessProbe:/m.test(doc.getText()), `readinessProbe key removed:\n${doc.getText()}`);
    await waitForNoProbeDiagnostic('quick fix applied');
  });

  it('validates against the bundled API schema (schemas/ found at run time): a misspelled field', async function () {
    await waitForProbeDiagnostic();
    const line = doc.getText().split('\n').findIndex((l) => /^\s+image: busybox/.test(l));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line + 1, 0), '      imagePullPolicyy: Always\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    const [d] = await waitFor('a schema diagnostic', () => {
      const found = ruleDiags(doc.uri, 'schema');
      return found.length ? found : undefined;
    });
    assert.strictEqual(doc.getText(d.range), 'imagePullPolicyy');
    if (!vscode.env.language.startsWith('zh')) assert.match(d.message, /did you mean `imagePullPolicy`/);
  });

  it('hover over the probe\'s periodSeconds says a plain init container cannot have it, and computes the figures for a sidecar', async function () {
    await waitForProbeDiagnostic();
    let line = doc.getText().split('\n').findIndex((l) => /^\s+periodSeconds: 5/.test(l));
    const plain = await waitFor('a hover on the plain init container', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).firstNonWhitespaceCharacterIndex + 2));
      return h && h.length ? h : undefined;
    });
    const plainText = plain.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(plainText, vscode.env.language.startsWith('zh') ? /普通 Init 容器不能设置/ : /A plain init container may not have `readinessProbe`/, plainText);
    // As a native sidecar the same probe runs, and the hover computes what it means.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(PROBE.line, 0), `${' '.repeat(PROBE.start)}restartPolicy: Always\n`);
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    await waitForNoProbeDiagnostic('now a sidecar');
    line = doc.getText().split('\n').findIndex((l) => /^\s+periodSeconds: 5/.test(l));
    const pos = new vscode.Position(line, doc.lineAt(line).firstNonWhitespaceCharacterIndex + 2);
    const hovers = await waitFor('a hover from kube-graceful', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
      return h && h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    if (vscode.env.language.startsWith('zh')) assert.match(text, /[\u4e00-\u9fff]/, `Chinese hover, got: ${text}`);
    else assert.match(text, /Here: 5 s\./, text);
    assert.match(text, /10–15/, `the removal window 10–15 s is computed: ${text}`);
  });

  // Runs in the Chinese locale (`node test/e2e/runTest.js --locale zh-cn`, which installs a stand-in zh-cn language
  // pack so that vscode.env.language is "zh-cn"; see scripts/vscode-e2e/README.md); skipped in English runs.
  it('in the zh-cn locale the diagnostic message is Chinese', async function () {
    if (!vscode.env.language.startsWith('zh')) this.skip();
    const [d] = await waitForProbeDiagnostic();
    assert.match(d.message, /[\u4e00-\u9fff]/, `Chinese message, got: ${d.message}`);
  });

  it('"Show documentation" opens a read-only view that asks nothing when closed', async function () {
    await vscode.commands.executeCommand('kubeGraceful.showRuleDocumentation', RULE);
    const docs = await waitFor('the rule documentation document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'kube-graceful-docs' && d.uri.path === `/${RULE}.md`));
    assert.match(docs.getText(), new RegExp(RULE));
    assert.strictEqual(docs.isDirty, false, 'nothing to save');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled'), 'no untitled buffer');
    // Closing every editor would stop at a "save?" dialog if the view were a buffer; it returns at once instead.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled'), 'still no untitled buffer');
    await vscode.window.showTextDocument(doc);
  });

  it('the language status item shows the target Kubernetes version and the objects of the file', async function () {
    await vscode.window.showTextDocument(doc);
    await waitForProbeDiagnostic();
    const text = await waitFor('the status text', () => {
      const t = ext.exports && ext.exports.statusText && ext.exports.statusText();
      return t && /1\.36/.test(t) && /(1 Kubernetes object in this file|1 个 Kubernetes 对象)/.test(t) ? t : undefined;
    });
    assert.match(text, /Kubernetes( 版本)? 1\.36/);
  });

  it('"Fix all" applies the safe fixes and reports how many it fixed and how many remain', async function () {
    await vscode.window.showTextDocument(doc);
    await waitForProbeDiagnostic();
    const result = await vscode.commands.executeCommand('kubeGraceful.fixAll');
    assert.ok(result && result.fixed >= 1, `fixed at least the probe: ${JSON.stringify(result)}`);
    assert.strictEqual(result.remaining, ours(doc.uri).length);
    await waitForNoProbeDiagnostic('fix all');
    // Again: nothing left to fix, and it says so instead of VS Code's raw "no source actions".
    const again = await vscode.commands.executeCommand('kubeGraceful.fixAll');
    assert.strictEqual(again.fixed, 0);
  });

  // The workspace index: the budget in split/pdb.yaml is read from disk, never opened.
  it('relates a Deployment to the budget in a sibling file, and follows that file on disk', async function () {
    const folder = vscode.workspace.workspaceFolders[0];
    const deployment = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'split', 'deployment.yaml'));
    await vscode.window.showTextDocument(deployment);
    const codes = () => ours(deployment.uri).map((d) => String(codeOf(d)));
    // readiness-probe-missing shows that the file was analysed; pdb-missing must not be among its findings.
    await waitFor(`the sibling budget to be seen (no pdb-missing); now: ${show(ours(deployment.uri))}`,
      () => codes().includes('readiness-probe-missing') && !codes().includes('pdb-missing'));
    const pdbFile = path.join(folder.uri.fsPath, 'split', 'pdb.yaml');
    const before = fs.readFileSync(pdbFile, 'utf8');
    try {
      fs.writeFileSync(pdbFile, before.replace('maxUnavailable: 1', 'minAvailable: 3'));
      const [d] = await waitFor(`pdb-blocks-eviction on the open Deployment after pdb.yaml changed on disk; now: ${show(ours(deployment.uri))}`, () => {
        const found = ruleDiags(deployment.uri, 'pdb-blocks-eviction');
        return found.length ? found : undefined;
      });
      assert.strictEqual(deployment.getText(d.range), 'replicas', 'on the replica count the budget blocks');
      assert.ok(d.relatedInformation && d.relatedInformation.some((r) => r.location.uri.fsPath === pdbFile), 'related information points at pdb.yaml');
    } finally {
      fs.writeFileSync(pdbFile, before);
    }
    await waitFor('pdb-blocks-eviction to go away once pdb.yaml is restored', () => ruleDiags(deployment.uri, 'pdb-blocks-eviction').length === 0);
    await vscode.window.showTextDocument(doc);
  });

  // Issue 18: a Helm template is analysed as rendered by the real helm (on PATH, see runTest.js); the finding of the
  // rendered Deployment sits on the template line that produced it, and the value's origin is pointed at.
  it('shows a finding of the rendered chart on the template line, with its value in values.yaml, and hovers it', async function () {
    const folder = vscode.workspace.workspaceFolders[0];
    const template = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'chart', 'templates', 'deployment.yaml'));
    await vscode.window.showTextDocument(template);
    const [d] = await waitFor(`probe-timeout-exceeds-period on the template; now: ${show(ours(template.uri))}`, () => {
      const found = ruleDiags(template.uri, 'probe-timeout-exceeds-period');
      return found.length ? found : undefined;
    });
    const line = template.getText().split('\n').findIndex((l) => l.includes('timeoutSeconds: {{'));
    assert.strictEqual(d.range.start.line, line, show([d]));
    const valuesFile = path.join(folder.uri.fsPath, 'chart', 'values.yaml');
    assert.ok(d.relatedInformation && d.relatedInformation.some((r) => r.location.uri.fsPath === valuesFile && r.location.range.start.line === 4),
      `related information points at probe.timeoutSeconds in values.yaml: ${JSON.stringify(d.relatedInformation)}`);
    const status = await waitFor('the render status', () => {
      const t = ext.exports && ext.exports.statusText && ext.exports.statusText();
      return t && /helm 4\.1\.4/.test(t) ? t : undefined;
    });
    assert.match(status, vscode.env.language.startsWith('zh') ? /已用 helm 4\.1\.4 渲染/ : /Helm chart rendered with helm 4\.1\.4 \(values\.yaml\)/);
    // The hover over the flagged field explains it, on the template as on any manifest.
    const pos = new vscode.Position(line, template.lineAt(line).firstNonWhitespaceCharacterIndex + 2);
    const hovers = await waitFor('a hover on timeoutSeconds in the template', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', template.uri, pos);
      return h && h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /timeoutSeconds/, text);
    await vscode.window.showTextDocument(doc);
  });

  if (process.env.KG_E2E_FORCE_FAIL) {
    it('negative control: this test must fail', function () {
      assert.strictEqual(ours(doc.uri).length, 4242, 'negative control');
    });
  }
});
