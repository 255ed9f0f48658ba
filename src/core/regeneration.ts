// Bringing an existing project to new options without destroying what a person wrote.
// Pure: the caller reads the disk, this decides, the caller writes.
import { createHash } from 'node:crypto';
import type { FileMap } from './render.js';

/** Path → content hash of every file as the tool last generated it. */
export type FileHashes = Record<string, string>;

export type FileAction =
  | 'create' // new file for the new options
  | 'update' // still as generated: replaced by the new version
  | 'delete' // still as generated, and the option that produced it is gone
  | 'unchanged' // already what the new options produce
  | 'keep-modified' // changed by the user: kept; the new version (if any) is written beside it
  | 'overwrite-modified' // changed by the user, replaced because of --force
  | 'delete-modified'; // changed by the user, deleted because of --force

export interface PlannedFile {
  path: string;
  action: FileAction;
  /** What to write at `path` (create, update, overwrite-modified) or at `sidePath` (keep-modified). */
  content?: string;
  /** keep-modified with a new version: where that version goes, e.g. handler.ts.new. */
  sidePath?: string;
  /** The content on disk before, for diffs. */
  before?: string;
}

export interface RegenerationInput {
  /** What the new options produce (package.json already merged with the user's). */
  next: FileMap;
  /** Hashes recorded at the last generation. */
  recorded: FileHashes;
  /** Current content on disk, undefined when absent. */
  read: (path: string) => string | undefined;
  force: boolean;
  /** Files the tool merges into rather than owns whole (package.json, README.md): always updated. */
  merged?: ReadonlySet<string>;
}

export const SIDE_SUFFIX = '.new';

export function hashContent(content: string): string {
  return `sha256-${createHash('sha256').update(content).digest('hex')}`;
}

export function hashFiles(files: FileMap): FileHashes {
  return Object.fromEntries([...files].map(([path, content]) => [path, hashContent(content)]));
}

export function planRegeneration({ next, recorded, read, force, merged = new Set() }: RegenerationInput): PlannedFile[] {
  const plan: PlannedFile[] = [];
  for (const [path, content] of next) {
    const before = read(path);
    if (before === undefined) {
      plan.push({ path, action: 'create', content });
    } else if (before === content) {
      plan.push({ path, action: 'unchanged' });
    } else if (merged.has(path) || recorded[path] === hashContent(before)) {
      plan.push({ path, action: 'update', content, before });
    } else if (recorded[path] === hashContent(content) && !force) {
      // The user changed it and the tool would write the same as last time: nothing to offer.
      plan.push({ path, action: 'keep-modified', before });
    } else if (force) {
      plan.push({ path, action: 'overwrite-modified', content, before });
    } else {
      plan.push({ path, action: 'keep-modified', content, sidePath: path + SIDE_SUFFIX, before });
    }
  }
  for (const path of Object.keys(recorded)) {
    if (next.has(path)) continue;
    const before = read(path);
    if (before === undefined) continue;
    if (recorded[path] === hashContent(before)) {
      plan.push({ path, action: 'delete', before });
    } else {
      plan.push({ path, action: force ? 'delete-modified' : 'keep-modified', before });
    }
  }
  return plan.sort((a, b) => a.path.localeCompare(b.path));
}

/** True when carrying out the plan would write or delete nothing. */
export function planIsEmpty(plan: PlannedFile[]): boolean {
  return plan.every((file) => file.action === 'unchanged' || (file.action === 'keep-modified' && file.content === undefined));
}
