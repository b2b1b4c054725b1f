// Bundles the client and the server with esbuild into dist/. `--watch` rebuilds on change.
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
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
];

/** In watch mode, a line at the start and end of every rebuild: the VS Code "watch" task waits for them. */
const announce = {
  name: 'announce',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started ${build.initialOptions.outfile}`));
    build.onEnd((r) => console.log(`[watch] build finished ${build.initialOptions.outfile} (${r.errors.length} errors)`));
  },
};

if (watch) {
  for (const options of builds) await (await esbuild.context({ ...options, plugins: [announce] })).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
