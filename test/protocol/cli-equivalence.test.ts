// Same answers everywhere: ../shared/corpus linted by `node dist/cli.js` and every one of its files opened in the
// server (workspace folder = the corpus) give identical findings: rule, file, range and severity. Also the server's
// side of .kube-graceful.yaml: its settings win over the user's, and its mistakes are diagnostics.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Client, startServer } from '../support/lsp-client';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const CORPUS_PATH = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
// One spelling of the folder for both sides: the CLI reports real paths (its working folder), and a document opened
// under another spelling than its workspace folder would be a second copy of its objects in the index.
const CORPUS = existsSync(CORPUS_PATH) ? realpathSync(CORPUS_PATH) : CORPUS_PATH;
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function open(client: Client, uri: string, text: string): void {
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

function close(client: Client, uri: string): void {
  void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

describe('the command line and the editor agree', () => {
  it(
    'on every file of ../shared/corpus: rule, file, range and severity',
    { skip: !existsSync(CORPUS) && 'shared/corpus is not present', timeout: 180000 },
    async () => {
      const r = spawnSync(process.execPath, [CLI, 'lint', '.', '-f', 'json', '--jobs', '1'], { cwd: CORPUS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const files = JSON.parse(r.stdout) as {
        filePath: string;
        relativePath: string;
        findings: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number }[];
      }[];
      assert.ok(files.length > 100);
      const fromCli = files
        .flatMap((f) => f.findings.map((x) => `${f.relativePath} ${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.severity} ${x.ruleId}`))
        .sort();

      const client = await startServer({ workspaceFolders: [pathToFileURL(CORPUS).href] });
      try {
        await client.waitForLog('kube-graceful: indexed', 60000);
        const fromServer: string[] = [];
        for (const f of files) {
          const uri = pathToFileURL(f.filePath).href;
          open(client, uri, readFileSync(f.filePath, 'utf8'));
          const published = await client.waitFor(uri, (p) => p.version === 1, 15000);
          for (const d of published.diagnostics) {
            const { start, end } = d.range;
            fromServer.push(
              `${f.relativePath} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${SEVERITY[d.severity ?? 1]} ${String(d.code)}`,
            );
          }
          close(client, uri);
        }
        fromServer.sort();
        assert.ok(fromCli.length > 200);
        // Compared as two lists of differences, so that a failure names the findings, not the whole corpus.
        const cli = new Set(fromCli);
        const server = new Set(fromServer);
        assert.deepEqual(
          { onlyCli: fromCli.filter((x) => !server.has(x)), onlyServer: fromServer.filter((x) => !cli.has(x)) },
          { onlyCli: [], onlyServer: [] },
        );
        assert.equal(fromServer.length, fromCli.length);
      } finally {
        await client.stop();
      }
    },
  );

  it('the server lays .kube-graceful.yaml over user settings and reports its mistakes with did-you-mean', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'kg-config-lsp-')));
    mkdirSync(join(root, '.git'));
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: example/web:1.0\n      livenessProbe:\n        httpGet: {path: /healthz, port: 8080}\n        successThreshold: 2\n';
    writeFileSync(join(root, '.kube-graceful.yaml'), 'rules:\n  probe-success-threshold: hint\nignore: ["skipped/"]\n');
    mkdirSync(join(root, 'skipped'));
    // The user's setting says error; the project's file says hint, and wins.
    const client = await startServer({ workspaceFolders: [pathToFileURL(root).href], configuration: { rules: { 'probe-success-threshold': 'error' } } });
    try {
      await client.waitForLog('kube-graceful: indexed');
      const podUri = pathToFileURL(join(root, 'pod.yaml')).href;
      open(client, podUri, pod);
      const published = await client.waitFor(podUri, (p) => p.version === 1);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.severity]),
        [['probe-success-threshold', 4]],
      );
      // The team changes the file on disk: the open documents are analysed again with it.
      writeFileSync(join(root, '.kube-graceful.yaml'), 'rules:\n  probe-success-threshold: warning\nignore: ["skipped/"]\n');
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(join(root, '.kube-graceful.yaml')).href, type: 2 }],
      });
      const again = await client.waitFor(podUri, (p) => p.diagnostics[0]?.severity === 2);
      assert.deepEqual(
        again.diagnostics.map((d) => [d.code, d.severity]),
        [['probe-success-threshold', 2]],
      );
      const skipped = pathToFileURL(join(root, 'skipped', 'pod.yaml')).href;
      open(client, skipped, pod);
      assert.deepEqual((await client.waitFor(skipped, (p) => p.version === 1)).diagnostics, []);
      const configUri = pathToFileURL(join(root, '.kube-graceful.yaml')).href;
      open(client, configUri, 'rules:\n  probe-sucess-threshold: warning\nkubernetesVersion: "1.3x"\n');
      const config = await client.waitFor(configUri, (p) => p.version === 1);
      assert.deepEqual(
        config.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
        [
          [1, 2, 'config', 'Unknown rule `rules.probe-sucess-threshold`; did you mean `probe-success-threshold`?'],
          [2, 19, 'config', '`kubernetesVersion`: "1.3x" is not a Kubernetes version such as "1.33".'],
        ],
      );
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
