// Carries out a regeneration plan on disk, with node:fs only (no Yeoman): each new content goes
// to a temporary file that is then renamed over the target, so an interrupted run never leaves a
// half-written file.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { PlannedFile } from '../core/regeneration.js';

export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** Writes, replaces and deletes what the plan says under `root`; removes folders left empty. */
export function applyPlan(root: string, plan: readonly PlannedFile[]): void {
  const emptied = new Set<string>();
  for (const file of plan) {
    const target = join(root, file.path);
    switch (file.action) {
      case 'create':
      case 'update':
      case 'overwrite-modified':
        writeFileAtomically(target, file.content!);
        break;
      case 'keep-modified':
        if (file.content !== undefined && file.sidePath) writeFileAtomically(join(root, file.sidePath), file.content);
        break;
      case 'delete':
      case 'delete-modified':
        unlinkSync(target);
        emptied.add(dirname(target));
        break;
      case 'unchanged':
        break;
    }
  }
  for (const dir of emptied) removeEmptyDirs(root, dir);
}

/** Removes `dir` and its parents up to (not including) `root` while they are empty. */
function removeEmptyDirs(root: string, dir: string): void {
  let current = dir;
  while (relative(root, current) !== '' && !relative(root, current).startsWith('..') && !current.endsWith(sep)) {
    if (!existsSync(current)) {
      current = dirname(current);
      continue;
    }
    if (readdirSync(current).length > 0) return;
    rmdirSync(current);
    current = dirname(current);
  }
}
