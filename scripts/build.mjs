// Bundles the client, the server and the command line with esbuild into dist/. `--watch` rebuilds on change.
import { chmodSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // The `yaml` package's ES module build (its "default" export condition) instead of its CommonJS one: esbuild then
  // links `isMap`, `Parser`, ... directly, where the CommonJS build is reached through getter functions on every call
  // (about 80 ms of a 2,000-document analysis). The same code, compiled to ES modules by the package itself.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  // The source keeps its own `#!/usr/bin/env node` line, which esbuild carries to the top of the bundle.
  { ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js' },
];

/** In watch mode, a line at the start and end of every rebuild: the VS Code "watch" task waits for them. */
const announce = {
  name: 'announce',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started ${build.initialOptions.outfile}`));
    build.onEnd((r) => console.log(`[watch] build finished ${build.initialOptions.outfile} (${r.errors.length} errors)`));
  },
};

/** The command line is run directly (`./dist/cli.js`), so its bundle is executable. */
const makeExecutable = () => chmodSync('dist/cli.js', 0o755);

if (watch) {
  for (const options of builds) await (await esbuild.context({ ...options, plugins: [announce] })).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  makeExecutable();
}
