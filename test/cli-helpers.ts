// Shared by the tests that run the built bin as a user does.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { execa, execaNode } from 'execa';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin/create-amplify-token-app.js');
const BUILT = join(ROOT, 'dist/bundle/cli.js'); // written last by npm run build

/** `npm test` builds first; a lone `vitest run test/cli` builds when dist is missing or older than the sources. */
export async function ensureBuilt(): Promise<void> {
  // Test files run in parallel: one builds, the others wait for it (a lock directory).
  const lock = join(ROOT, 'test/.work/cli/.build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    if (existsSync(BUILT) && newest(['src', 'generators']) <= statSync(BUILT).mtimeMs) return;
    try {
      mkdirSync(lock);
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true }); // left by a killed run
      await sleep(200);
      continue;
    }
    try {
      await execa('npm', ['run', 'build'], { cwd: ROOT });
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function newest(dirs: string[]): number {
  let latest = 0;
  for (const dir of dirs) {
    for (const file of listFiles(join(ROOT, dir))) {
      if (file.endsWith('.ts')) latest = Math.max(latest, statSync(join(ROOT, dir, file)).mtimeMs);
    }
  }
  return latest;
}

/** Runs the bin with a clean environment (no npm user agent unless given), never throwing; the subprocess, so a test can signal it. */
export function runBin(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }) {
  const env: Record<string, string | undefined> = { ...process.env, npm_config_user_agent: undefined, ...options.env };
  return execaNode(BIN, args, {
    cwd: options.cwd,
    env,
    extendEnv: false,
    reject: false,
    timeout: 60_000,
    input: options.input ?? '',
  });
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

/** Path → content of every file under `dir`. */
export function readTree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** The questions a fresh interactive run asks when every answer is Enter (the defaults). */
export const DEFAULT_QUESTIONS = [
  'Project directory',
  'Cognito triggers to generate',
  'Pre token generation version',
  'User pool feature plan',
  'Custom attributes',
  'Add a custom attribute\\?',
  'Attributes to copy into ID-token claims',
  'Attributes to copy into access-token claims',
  'Claims to remove from the tokens',
  'Keep Amplify Data apart per tenant',
];
