// Bundles the package into dist/bundle/: cli.js (the bin) and projen.js (the ./projen export)
// hold everything they run, so the published package has no dependencies to install and start-up
// reads a few files instead of resolving hundreds of modules. Yeoman, which only the questions
// need, sits in a chunk of its own that is loaded only when there are questions to ask. data.js,
// the ./data export (the offline tenant isolation check), loads the AppSync simulator and
// dynalite from the user's project at run time: neither is bundled.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Dependencies that read their own package.json next to their files at run time; inside the
 * bundle that file is not there, so the value is inlined. The build fails if a pattern is no longer
 * found (a new version of the dependency must be looked at again).
 */
const OWN_PACKAGE_JSON_READS = [
  { file: 'yeoman-generator/dist/generator.js', read: "JSON.parse(readFileSync(pathJoin(_dirname, '../package.json'), 'utf8'))", value: (pkg) => JSON.stringify({ name: pkg.name, version: pkg.version }) },
  { file: 'yeoman-environment/dist/environment-base.js', read: "require('../package.json').version", value: (pkg) => JSON.stringify(pkg.version) },
  { file: 'yeoman-environment/dist/module-lookup.js', read: "JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json')).toString()).name", value: (pkg) => JSON.stringify(pkg.name) },
];

const inlineOwnPackageJson = {
  name: 'inline-own-package-json',
  setup(build) {
    const files = OWN_PACKAGE_JSON_READS.map(({ file }) => file.replaceAll('.', '\\.'));
    build.onLoad({ filter: new RegExp(`node_modules/(${files.join('|')})$`) }, ({ path }) => {
      const rule = OWN_PACKAGE_JSON_READS.find(({ file }) => path.endsWith(`node_modules/${file}`));
      const source = readFileSync(path, 'utf8');
      if (!source.includes(rule.read)) throw new Error(`${rule.file} no longer reads its package.json as ${rule.read}`);
      const pkg = JSON.parse(readFileSync(path.slice(0, path.lastIndexOf('/dist/')) + '/package.json', 'utf8'));
      return { contents: source.replace(rule.read, rule.value(pkg)), loader: 'js' };
    });
  },
};

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', projen: 'src/projen/index.ts', data: 'src/inspect/data/index.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The projen export runs inside the user's projen project: its projen and constructs (peers).
  external: ['projen', 'projen/*', 'constructs'],
  // Some dependencies are CommonJS (require, __dirname): give each ES module chunk those names.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  plugins: [inlineOwnPackageJson],
  logLevel: 'warning',
});
