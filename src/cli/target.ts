// The project directory: its name (the package name), the non-empty check, and undoing what a
// cancelled run put there.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { checkProjectName } from '../core/index.js';
import { CliError } from './errors.js';
import { checkNotLocked } from './project-lock.js';

export interface Target {
  /** Absolute path. */
  path: string;
  /** The directory's name: the package name. */
  projectName: string;
  /** As the user should type it to cd there ('.' for the current directory). */
  display: string;
}

export function resolveTarget(directory: string, cwd: string): Target {
  const path = resolve(cwd, directory);
  const projectName = basename(path);
  checkProjectName(projectName);
  return { path, projectName, display: relative(cwd, path) || '.' };
}

/** Entries that do not make a directory "non-empty". */
const IGNORED_ENTRIES = new Set(['.git']);

/** Refuses a file, or a directory with anything but .git in it unless `force`. */
export function checkTargetDirectory(target: Target, force: boolean): void {
  if (!existsSync(target.path)) return;
  if (!statSync(target.path).isDirectory()) {
    throw new CliError(`${describe(target)} exists and is not a directory. Choose another directory name.`);
  }
  checkNotLocked(target.path);
  const entries = readdirSync(target.path).filter((entry) => !IGNORED_ENTRIES.has(entry));
  if (entries.length > 0 && !force) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    throw new CliError(
      `Directory ${describe(target)} is not empty (${shown}). Choose a new directory, or pass --force to write into it and overwrite files.`,
    );
  }
}

/** The directory as typed, or its full path when it is the current directory. */
export function describe(target: Target): string {
  return target.display === '.' ? `${target.path} (the current directory)` : target.display;
}

/** What was on disk before this run wrote anything: enough to remove what it added. */
export interface TargetSnapshot {
  path: string;
  /** The outermost directory this run creates (the target or one of its parents), if any. */
  createdRoot?: string;
  /** Entries of an existing target directory before the run. */
  entriesBefore: string[];
}

export function snapshotTarget(path: string): TargetSnapshot {
  if (existsSync(path)) return { path, entriesBefore: readdirSync(path) };
  let createdRoot = path;
  while (!existsSync(dirname(createdRoot)) && dirname(createdRoot) !== createdRoot) createdRoot = dirname(createdRoot);
  return { path, createdRoot, entriesBefore: [] };
}

/**
 * Removes what this run added: the directories it created, or the entries it added to a directory
 * that existed. Files it overwrote in a non-empty directory (--force) cannot be restored.
 */
export function removeAdded(snapshot: TargetSnapshot): void {
  const options = { recursive: true, force: true, maxRetries: 5, retryDelay: 100 };
  if (snapshot.createdRoot) {
    rmSync(snapshot.createdRoot, options);
    return;
  }
  if (!existsSync(snapshot.path)) return;
  for (const entry of readdirSync(snapshot.path)) {
    if (!snapshot.entriesBefore.includes(entry)) rmSync(resolve(snapshot.path, entry), options);
  }
}
