#!/usr/bin/env node
// Start-up and scaffolding time of create-amplify-token-app against create-vite, both run from
// installed packages (ours from the packed tarball), plus install size against create-amplify.
// Usage: node bench/bench.mjs [runs]   (default 15; scratch in $TMPDIR/create-amplify-token-app-bench)
// Not a test: numbers depend on the machine; the ratios are what the README's targets are about.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 15);
const SCRATCH = join(tmpdir(), 'create-amplify-token-app-bench');

function sh(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A fresh directory with only these packages installed; returns its path. */
function installInto(name, specs) {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], dir);
  return dir;
}

/** Median wall time (ms) of `bin args` over RUNS runs, each in a fresh working directory. */
function time(bin, args, { check } = {}) {
  const samples = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const cwd = join(SCRATCH, 'runs', `${Date.now()}-${run}`);
    mkdirSync(cwd, { recursive: true });
    const start = performance.now();
    const result = spawnSync(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_user_agent: '' } });
    const elapsed = performance.now() - start;
    if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${result.stderr}`);
    check?.(cwd);
    rmSync(cwd, { recursive: true, force: true });
    if (run > 0) samples.push(elapsed); // the first run warms the file system cache
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Size on disk (du) and package count of node_modules after installing `specs` alone. */
function installSize(name, specs) {
  const dir = installInto(`size-${name}`, specs);
  const kib = Number(sh('du', ['-sk', 'node_modules'], dir).split(/\s/)[0]);
  const packages = sh('npm', ['ls', '--all', '--parseable'], dir).split('\n').length - 1; // minus the root
  return { mib: (kib / 1024).toFixed(1), packages };
}

rmSync(SCRATCH, { recursive: true, force: true });
mkdirSync(SCRATCH, { recursive: true });
console.log(`Packing (npm pack runs the build) ...`);
sh('npm', ['pack', '--pack-destination', SCRATCH], ROOT);
const tarball = join(SCRATCH, readdirSync(SCRATCH).find((name) => name.endsWith('.tgz')));
console.log(`Installing ${tarball} and create-vite into ${SCRATCH}/tools ...`);
const tools = installInto('tools', [tarball, 'create-vite']);
const ours = join(tools, 'node_modules/.bin/create-amplify-token-app');
const vite = join(tools, 'node_modules/.bin/create-vite');
const viteVersion = JSON.parse(sh('npm', ['ls', 'create-vite', '--json'], tools)).dependencies['create-vite'].version;

const hasProject = (cwd) => readdirSync(join(cwd, 'app')).includes('package.json') || (() => { throw new Error('no project written'); })();
const rows = [];
function row(label, oursMs, theirsLabel, theirsMs, target) {
  rows.push({ label, oursMs, theirsLabel, theirsMs, ratio: oursMs / theirsMs, target });
}

const viteScaffold = time(vite, ['app', '--template', 'react-ts', '--no-interactive'], { check: hasProject });
const viteHelp = time(vite, ['--help']);
row('app --yes --skip-install', time(ours, ['app', '--yes', '--skip-install'], { check: hasProject }), 'app --template react-ts --no-interactive', viteScaffold, 3);
row('--help', time(ours, ['--help']), '--help', viteHelp, 1.5);
row('--version', time(ours, ['--version']), '--help', viteHelp, 1.5);

// --regenerate (another change): timed once the CLI supports it; target: no slower than a fresh generation.
if (sh(ours, ['--help'], SCRATCH).includes('--regenerate')) {
  const fresh = time(ours, ['app', '--yes', '--skip-install'], { check: hasProject });
  const project = join(SCRATCH, 'regen');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  sh(ours, ['app', '--yes', '--skip-install'], project);
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = spawnSync(ours, ['--regenerate', '--yes', '--skip-install'], { cwd: join(project, 'app'), stdio: 'pipe' });
    samples.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`--regenerate failed: ${result.stderr}`);
  }
  samples.sort((a, b) => a - b);
  rows.push({ label: '--regenerate (no change)', oursMs: samples[Math.floor(RUNS / 2)], theirsLabel: 'our fresh app --yes', theirsMs: fresh, ratio: samples[Math.floor(RUNS / 2)] / fresh, target: 1 });
} else {
  console.log('(--regenerate not supported by this build: row skipped)');
}

console.log(`\n${cpus().length} cores, Node ${process.version}, npm ${sh('npm', ['--version'], ROOT)}, create-vite ${viteVersion}, median of ${RUNS} runs\n`);
console.log('| create-amplify-token-app | ms | create-vite | ms | ratio | target |');
console.log('|---|---:|---|---:|---:|---:|');
for (const r of rows) {
  const verdict = r.ratio <= r.target ? 'ok' : 'MISSED';
  console.log(`| \`${r.label}\` | ${r.oursMs.toFixed(0)} | \`${r.theirsLabel}\` | ${r.theirsMs.toFixed(0)} | ${r.ratio.toFixed(2)}× | ≤ ${r.target}× ${verdict} |`);
}

console.log('\nInstall size (npm install of the package alone, --ignore-scripts):\n');
console.log('| package | node_modules | packages |');
console.log('|---|---:|---:|');
for (const [name, specs] of [['create-amplify-token-app (packed)', [tarball]], ['create-amplify', ['create-amplify']], ['create-vite', ['create-vite']]]) {
  const size = installSize(name.split(' ')[0], specs);
  console.log(`| ${name} | ${size.mib} MiB | ${size.packages} |`);
}
