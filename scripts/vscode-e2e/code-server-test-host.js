#!/usr/bin/env node
// "VS Code executable" stand-in for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// Adapted from shared/recipes/vscode-e2e/code-server-test-host.js.
//
// runTests() spawns <vscodeExecutablePath> with VS Code desktop CLI flags, e.g.
//   --no-sandbox --disable-gpu-sandbox --disable-updates --skip-welcome --skip-release-notes --no-cached-data
//   --disable-workspace-trust --extensionTestsPath=X --extensionDevelopmentPath=Y [launchArgs...]
//   --extensions-dir=D --user-data-dir=U
// and treats the process exit code as the test result. This script:
//   1. starts a real VS Code server (code-server, or the plain VS Code server bundled in it) with the smoke-test
//      driver enabled, on a free 127.0.0.1 port, in its own process group,
//   2. opens the workbench in headless Debian Chromium (playwright-core) with
//      ?folder=<launchArgs folder>&payload=[["extensionDevelopmentPath","vscode-remote://host/Y"],
//                                          ["extensionTestsPath","vscode-remote://host/X"]]
//      (how @vscode/test-web drives the web workbench), so the tests run in the real Node extension host,
//   3. prints the extension host's console output (mocha reporter) and exits with the code the workbench
//      hands to window.codeAutomationExit(code) once the test runner's run() settles (1 on timeout/crash).
//
// Extras over the recipe:
//   - screenshots: a test that logs a line "[vscode-e2e:screenshot] /abs/file.png" gets that PNG written by this
//     host (the test can poll for the file); on failure/timeout a final screenshot goes to $VSCODE_E2E_ARTIFACTS.
//   - the per-run scratch folder is removed after a passing run (kept, and its server log tail printed, on failure).
//   - VSCODE_E2E_LOCALE (e.g. zh-cn): display language of the workbench (see README.md in this folder).
//
// Environment:
//   VSCODE_E2E_FLAVOR  node20 (default): code-server 4.100.3's bundled VS Code 1.100.3 server (server-main.js) on
//                      the Node running this script | node24: code-server 4.139.1 on Node 24 (see setup-tools.sh)
//   VSCODE_E2E_ROOT    where setup-tools.sh installed things (default: <this dir>/.tools)
//   VSCODE_E2E_SERVER  override the server kind: server-main | code-server
//   CODE_SERVER_BIN    code-server entry (default: $VSCODE_E2E_ROOT/<flavor>/cs/node_modules/code-server/out/node/entry.js)
//   CODE_SERVER_NODE   Node binary for the server (default: Node 24 for node24, else the Node running this script)
//   VSCODE_E2E_TMP     parent of the per-run scratch dir vscode-e2e-XXXXXX (default: os.tmpdir())
//   VSCODE_E2E_ARTIFACTS  folder for failure screenshots + server log copies (default: none)
//   VSCODE_E2E_SCREENSHOT optional PNG path always written when the tests finish
//   VSCODE_E2E_LOCALE  e.g. zh-cn; needs a language pack for it in --extensions-dir
//   VSCODE_E2E_KEEP=1  keep the per-run scratch folder
//   CHROMIUM           default /usr/bin/chromium
//   TEST_TIMEOUT_MS    default 300000
//   VSCODE_E2E_VERBOSE=1  also print the workbench's own (noisy) log lines
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const here = __dirname;
const root = process.env.VSCODE_E2E_ROOT || path.join(here, '.tools');
const FLAVOR = process.env.VSCODE_E2E_FLAVOR || 'node20';
const fdir = path.join(root, FLAVOR);
const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN || path.join(fdir, 'cs/node_modules/code-server/out/node/entry.js');
const NODE24 = path.join(fdir, 'node24/node_modules/node/bin/node');
const CODE_SERVER_NODE = process.env.CODE_SERVER_NODE || (FLAVOR === 'node24' ? NODE24 : process.execPath);
// server-main: the plain VS Code server bundled in code-server (lib/vscode/out/server-main.js --enable-smoke-test-driver);
// code-server: code-server itself, needs a release with --vscode-option (4.139.1 has it, 4.100.3 does not)
const MODE = process.env.VSCODE_E2E_SERVER || (FLAVOR === 'node24' ? 'code-server' : 'server-main');
const SERVER_MAIN = process.env.VSCODE_SERVER_MAIN || path.join(path.dirname(CODE_SERVER_BIN), '../../lib/vscode/out/server-main.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 300000);
const VERBOSE = !!process.env.VSCODE_E2E_VERBOSE;
const ARTIFACTS = process.env.VSCODE_E2E_ARTIFACTS ? path.resolve(process.env.VSCODE_E2E_ARTIFACTS) : undefined;
const LOCALE = process.env.VSCODE_E2E_LOCALE;
const SHOT_RE = /\[vscode-e2e:screenshot\] (.+\.png)\s*$/;
// "[vscode-e2e:webview] /abs/out.json SELECTOR" (or webview-click): finds SELECTOR in the webview frames (nested
// iframes of the workbench page), writes {found, texts} to the file, and with -click clicks it like a user.
const WEBVIEW_RE = /\[vscode-e2e:webview(-click)?\] (\S+\.json) (.+?)\s*$/;

/** Looks for `selector` in every frame of the page; returns the SVG's texts and titles of the first frame holding it. */
async function webviewQuery(page, selector, click) {
  for (const frame of page.frames()) {
    try {
      const handle = await frame.$(selector);
      if (!handle) continue;
      const texts = await frame.$$eval('svg text, svg title', (els) => els.map((e) => e.textContent));
      if (click) await handle.click();
      return { found: true, texts };
    } catch { /* a frame went away while we looked */ }
  }
  return { found: false, frames: page.frames().length };
}
// workbench chatter that is expected offline; shown with VSCODE_E2E_VERBOSE=1
const NOISE = /^\s*(\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)|Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|ChatSessionStore:|Creation of workbench contribution|Canceled: Canceled|\s*at )|authentication provider 'github'|ENOTFOUND (open-vsx\.org|[a-z.]*\.microsoft\.com)|An unknown error occurred\. Please consult the log/;

const log = (...a) => console.log('[code-server-test-host]', ...a);

function requireFrom(name) {
  for (const base of [process.cwd(), here, root]) {
    try { return require(require.resolve(name, { paths: [base] })); } catch { /* next */ }
  }
  throw new Error(`cannot find module ${name}; npm install it in the project or in ${here}`);
}

function parseArgs(argv) {
  const o = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) { o.folder = path.resolve(a); continue; }
    const [, k, vInline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale'].includes(k);
    const v = vInline !== undefined ? vInline : (takesValue ? argv[++i] : undefined);
    if (k === 'extensionDevelopmentPath') o.dev.push(path.resolve(v));
    else if (k === 'extensionTestsPath') o.tests = path.resolve(v);
    else if (k === 'user-data-dir') o.userDataDir = path.resolve(v);
    else if (k === 'extensions-dir') o.extensionsDir = path.resolve(v);
    else if (k === 'locale') o.locale = v;
    else o.ignored.push(a); // electron/desktop-only flags: --no-sandbox, --disable-gpu-sandbox, ...
  }
  return o;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitHttp(url, ms, alive) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (!alive()) throw new Error('the VS Code server exited during startup');
    try { const r = await fetch(url); if (r.ok || r.status === 302) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the VS Code server did not answer ${url} within ${ms}ms`);
}

function tail(file, n = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.tests || !o.dev.length) throw new Error('need --extensionTestsPath and --extensionDevelopmentPath');
  const serverEntry = MODE === 'server-main' ? SERVER_MAIN : CODE_SERVER_BIN;
  if (!fs.existsSync(serverEntry) || !fs.existsSync(CODE_SERVER_NODE)) {
    throw new Error(`${serverEntry} or ${CODE_SERVER_NODE} missing: run scripts/vscode-e2e/setup-tools.sh (VSCODE_E2E_FLAVOR=${FLAVOR})`);
  }
  // short paths: VS Code puts its IPC sockets under TMPDIR, and a unix socket path must stay under 108 bytes
  const tmpRoot = process.env.VSCODE_E2E_TMP || os.tmpdir();
  fs.mkdirSync(tmpRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(tmpRoot, 'vscode-e2e-'));
  const userDataDir = o.userDataDir || path.join(work, 'user-data');
  const extensionsDir = o.extensionsDir || path.join(work, 'extensions');
  for (const d of [userDataDir, extensionsDir, path.join(work, 'xdg-config'), path.join(work, 'xdg-data'), path.join(work, 'tmp')]) fs.mkdirSync(d, { recursive: true });
  // quieter, offline-friendly defaults (only if the caller has not provided settings)
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({
      'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
      'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'git.enabled': false,
      'workbench.tips.enabled': false, 'update.mode': 'none', 'workbench.enableExperiments': false,
      'extensions.ignoreRecommendations': true, 'workbench.settings.enableNaturalLanguageSearch': false,
    }, null, 2));
  }
  const locale = o.locale || LOCALE;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const csArgs = MODE === 'server-main'
    ? [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--enable-smoke-test-driver', '--disable-workspace-trust', '--telemetry-level', 'off',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--server-data-dir', path.join(work, 'server-data')]
    : [CODE_SERVER_BIN, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--vscode-option', 'enable-smoke-test-driver', // makes the built workbench honour ?payload=extensionDevelopmentPath/extensionTestsPath
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (locale) csArgs.push('--locale', locale);
  const csLogPath = path.join(work, 'server.log');
  const csLog = fs.openSync(csLogPath, 'w');
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(work, 'xdg-config'), XDG_DATA_HOME: path.join(work, 'xdg-data'), TMPDIR: path.join(work, 'tmp') };
  // own process group, so the extension host and language server children are ended with it
  const cs = spawn(CODE_SERVER_NODE, csArgs, { env, stdio: ['ignore', csLog, csLog], detached: true });
  let csExited = false;
  cs.on('exit', () => { csExited = true; });
  const stopServer = () => { try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* gone */ } };
  process.on('exit', stopServer);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopServer(); process.exit(130); });
  log(`${MODE} (${FLAVOR}) pid ${cs.pid} (node ${CODE_SERVER_NODE}) on ${base}${locale ? ` locale ${locale}` : ''} (log: ${csLogPath})`);
  if (o.ignored.length && VERBOSE) log(`ignoring desktop-only flags: ${o.ignored.join(' ')}`);

  let browser;
  let code;
  let page;
  const shots = [];
  try {
    await waitHttp(`${base}/`, 60000, () => !csExited);
    const { chromium } = requireFrom('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      // playwright-core launches Chromium with its own fresh, empty --user-data-dir (a temp dir)
    });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    let finish;
    const done = new Promise((r) => { finish = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      const wv = WEBVIEW_RE.exec(line);
      if (wv) {
        const file = path.resolve(wv[2]);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        shots.push(webviewQuery(page, wv[3], Boolean(wv[1])).then((r) => fs.writeFileSync(file, JSON.stringify(r)), (e) => fs.writeFileSync(file, JSON.stringify({ found: false, error: e.message }))));
        return;
      }
      const shot = SHOT_RE.exec(line);
      if (shot) {
        const file = path.resolve(shot[1]);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        shots.push(page.screenshot({ path: file }).then(() => log(`screenshot ${file}`), (e) => log(`screenshot ${file} failed: ${e.message}`)));
        return;
      }
      if (VERBOSE || !NOISE.test(line)) (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (c) => finish(c));
    page.on('pageerror', (e) => { if (VERBOSE) console.log('[pageerror]', e.message); });
    page.on('crash', () => finish('browser page crashed'));
    cs.on('exit', (c, s) => finish(`VS Code server exited (${c ?? s})`));

    const host = new URL(base).host; // the server uses the Host header as the remote authority
    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = [...o.dev.map((d) => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(o.tests)]];
    const where = o.folder ? `folder=${encodeURIComponent(o.folder)}` : 'ew=true';
    const t0 = Date.now();
    await page.goto(`${base}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    code = await Promise.race([done, new Promise((r) => { timer = setTimeout(() => r(`timeout (TEST_TIMEOUT_MS=${TIMEOUT_MS})`), TIMEOUT_MS); })]);
    clearTimeout(timer);
    log(`extension tests exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    await Promise.all(shots);
    if (process.env.VSCODE_E2E_SCREENSHOT) await page.screenshot({ path: process.env.VSCODE_E2E_SCREENSHOT }).catch(() => {});
  } catch (e) {
    code = `error: ${e && e.message}`;
    log(e && e.stack || e);
  }
  const ok = code === 0;
  if (!ok) {
    if (ARTIFACTS) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      if (page) await page.screenshot({ path: path.join(ARTIFACTS, `final-${stamp}.png`) }).then(() => log(`final screenshot ${path.join(ARTIFACTS, `final-${stamp}.png`)}`), () => {});
      try { fs.copyFileSync(csLogPath, path.join(ARTIFACTS, `server-${stamp}.log`)); } catch { /* none */ }
    }
    log(`server log tail (${csLogPath}):\n${tail(csLogPath)}`);
  }
  if (browser) await browser.close().catch(() => {});
  stopServer();
  // let the server's process group go before removing its folders (bounded)
  await new Promise((r) => { if (csExited) r(); else { cs.once('exit', r); setTimeout(r, 5000).unref(); } });
  if (ok && !process.env.VSCODE_E2E_KEEP) {
    try { fs.rmSync(work, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  return ok ? 0 : 1;
}

main().then((c) => process.exit(c), (e) => { console.error('[code-server-test-host]', e && e.stack || e); process.exit(2); });
