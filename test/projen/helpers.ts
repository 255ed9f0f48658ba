// Shared by the projen tests: scratch directories under test/.work/projen/ and option conversion.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RawOptions, splitList } from '../../src/core/index.js';
import type { AmplifyTokenAuthOptions } from '../../src/projen/index.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const PROJEN_WORK_DIR = join(ROOT, 'test', '.work', 'projen');

let counter = 0;

/**
 * A fresh outdir for Testing.synth, which only snapshots projects whose outdir is in the system
 * temporary directory or has "project-temp-dir" in its path (and deletes it afterwards).
 */
export function tempOutdir(label: string): string {
  mkdirSync(PROJEN_WORK_DIR, { recursive: true });
  return join(PROJEN_WORK_DIR, `project-temp-dir-${label}-${process.pid}-${++counter}`);
}

const LIST_KEYS = new Set(['triggers', 'attributes', 'idTokenClaims', 'accessTokenClaims', 'suppressClaims', 'scopesToAdd']);

/** Raw options (lists as comma strings or arrays) as a user writes them in .projenrc.ts: arrays. */
export function authOptionsFrom(raw: RawOptions): AmplifyTokenAuthOptions {
  const { projectName: _projectName, ...rest } = raw;
  const entries = Object.entries(rest).map(([key, value]) => [key, LIST_KEYS.has(key) ? splitList(value) : value]);
  return Object.fromEntries(entries) as AmplifyTokenAuthOptions;
}

/** Every file under dir (relative paths, sorted), without node_modules. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (entry === 'node_modules') continue;
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

export function readTree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}
