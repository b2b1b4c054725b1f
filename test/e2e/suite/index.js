// Entry point loaded by the VS Code extension host (extensionTestsPath): runs every *.test.js in this folder with mocha.
// Same contract as any @vscode/test-electron suite: run() resolves when all tests pass, rejects otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.KG_E2E_TEST_TIMEOUT_MS || 60000),
    grep: process.env.KG_E2E_GREP || undefined,
  });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats || {};
        const results = { passed: s.passes || 0, failed: failures, skipped: s.pending || 0 };
        // runTest.js prints the closing "N passed, N failed" line from this file
        if (process.env.KG_E2E_RESULTS) {
          try { fs.writeFileSync(process.env.KG_E2E_RESULTS, JSON.stringify(results)); } catch (e) { console.error(e); }
        }
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}

module.exports = { run };
