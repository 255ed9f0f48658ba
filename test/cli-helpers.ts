// Shared by the tests that run the built bin as a user does.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { execa, execaNode } from 'execa';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin/create-amplify-token-app.js');
const BUILT = join(ROOT, 'dist/src/cli/main.js');

/** `npm test` builds first; a lone `vitest run test/cli` builds when dist is missing or older than the sources. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(BUILT) && newest(['src', 'generators']) <= statSync(BUILT).mtimeMs) return;
  await execa('npm', ['run', 'build'], { cwd: ROOT });
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

/** Runs the bin with a clean environment (no npm user agent unless given), never throwing. */
export async function runBin(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }) {
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
