// The generated projects' dependencies, installed once into test/.work/deps/ from the exact
// versions in src/core/versions.ts (the set every generated project pins). Every verification
// step (type-check, synthesis, bundled handlers, the projects' own tests) uses this install.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ADMIN_SDK_DEPENDENCY, APP_DEPENDENCIES, APP_DEV_DEPENDENCIES, DATA_SIMULATOR_DEPENDENCIES } from '../../src/core/versions.js';

/** Repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Scratch space, gitignored. */
export const WORK_DIR = join(ROOT, 'test', '.work');
export const DEPS_DIR = join(WORK_DIR, 'deps');
export const DEPS_NODE_MODULES = join(DEPS_DIR, 'node_modules');
export const DEPS_LOCK_FILE = join(DEPS_DIR, 'package-lock.json');
export const DEPS_BIN = join(DEPS_NODE_MODULES, '.bin');

const STAMP_FILE = join(DEPS_DIR, '.installed-hash');
const LOCK_DIR = join(WORK_DIR, 'deps.lock');
/** A lock older than this is taken to be left over from a killed run. */
const STALE_LOCK_MS = 15 * 60_000;

/** The union of every dependency a generated project may have, at the pinned versions. */
export function depsPackageJson(): string {
  const dependencies = Object.fromEntries(
    Object.entries({ ...APP_DEPENDENCIES, ...APP_DEV_DEPENDENCIES, ...ADMIN_SDK_DEPENDENCY, ...DATA_SIMULATOR_DEPENDENCIES }).sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );
  return `${JSON.stringify({ name: 'verify-deps', version: '0.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`;
}

/**
 * The environment for child processes: this process's, less what `npx`/`npm test` and vitest set
 * for themselves (npm_config_* could point npm at this repository; VITEST* would tell a nested
 * vitest it runs inside a worker).
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|vitest)/i.test(key) || key === 'NODE_ENV' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isInstalled(hash: string): boolean {
  return (
    existsSync(DEPS_NODE_MODULES) &&
    existsSync(DEPS_LOCK_FILE) &&
    existsSync(STAMP_FILE) &&
    readFileSync(STAMP_FILE, 'utf8').trim() === hash
  );
}

/** mkdir is atomic: whoever creates the lock directory installs, everyone else waits for it. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(WORK_DIR, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // Released between the two calls: try again.
      }
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Installs the pinned dependency set unless the same set is installed already. Safe to call from
 * several workers at once. Returns how long it took and whether it installed.
 */
export async function ensureDeps(): Promise<{ installed: boolean; ms: number }> {
  const result = await installDeps();
  linkScaffolderBin();
  return result;
}

/**
 * Generated projects run `create-amplify-token-app doctor` (`npm run doctor`) from their
 * devDependencies, and with --tenant-claim their tests import `create-amplify-token-app/data`.
 * This package is not on the registry while in development, so the install is not asked for it:
 * its .bin gets this repository's built bin, and node_modules a link to this repository.
 */
function linkScaffolderBin(): void {
  link(join(DEPS_BIN, 'create-amplify-token-app'), join(ROOT, 'bin', 'create-amplify-token-app.js'));
  link(join(DEPS_NODE_MODULES, 'create-amplify-token-app'), ROOT);
}

function link(path: string, target: string): void {
  if (existsSync(path)) return;
  rmSync(path, { force: true }); // a dangling link
  try {
    symlinkSync(relative(dirname(path), target), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another worker made it
  }
}

async function installDeps(): Promise<{ installed: boolean; ms: number }> {
  const started = Date.now();
  const packageJson = depsPackageJson();
  const hash = hashOf(packageJson);
  if (isInstalled(hash)) return { installed: false, ms: Date.now() - started };
  return withLock(async () => {
    if (isInstalled(hash)) return { installed: false, ms: Date.now() - started };
    mkdirSync(DEPS_DIR, { recursive: true });
    rmSync(STAMP_FILE, { force: true });
    writeFileSync(join(DEPS_DIR, 'package.json'), packageJson);
    // A changed version set must not be resolved against the old lock file.
    rmSync(DEPS_LOCK_FILE, { force: true });
    const install = () =>
      execa('npm', ['install', '--no-audit', '--no-fund'], {
        cwd: DEPS_DIR,
        reject: false,
        all: true,
        extendEnv: false,
        env: childEnv({ npm_config_loglevel: 'error' }),
      });
    let result = await install();
    if (result.exitCode !== 0) {
      // Seen once here: a fresh install placed Amplify's nested esbuild 0.25 apart from its platform
      // package, and esbuild's install script failed ("Expected "0.25.12" but got "0.28.2"").
      // A second install from scratch has always worked; the failure is reported if it does not.
      const first = result.all ?? '';
      rmSync(DEPS_NODE_MODULES, { recursive: true, force: true });
      rmSync(DEPS_LOCK_FILE, { force: true });
      result = await install();
      if (result.exitCode !== 0) {
        throw new Error(
          `npm install of the generated projects' dependencies failed twice in ${DEPS_DIR}.\nFirst:\n${first}\nSecond:\n${result.all}`,
        );
      }
      console.warn(`npm install in ${DEPS_DIR} failed once and worked on the second try. First failure:\n${first}`);
    }
    writeFileSync(STAMP_FILE, `${hash}\n`);
    return { installed: true, ms: Date.now() - started };
  });
}
