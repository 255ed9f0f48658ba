// Bundles the CLI into dist/bundle/: cli.js holds everything a non-interactive run needs (the
// core, ejs), so start-up reads one file instead of resolving dozens of modules. Yeoman stays
// outside, in node_modules, loaded by a separate chunk only when there are questions to ask.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// ejs is bundled: it is the only dependency the non-interactive path uses.
const external = Object.keys(dependencies).filter((name) => name !== 'ejs');

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // ejs is CommonJS and calls require('fs'): give the ES module bundle a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
