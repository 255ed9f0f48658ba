// The project's lock: one file that keeps two runs apart. A run takes it before it writes (a stale
// lock, whose run is gone, is taken over by one run) and removes it when done; read-only runs only
// check that no live run holds it. Its own module: the fresh run's directory check needs only this.
import { closeSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WORK_FILE_PREFIX } from '../core/project-path.js';
import { Refusal } from '../core/refusal.js';
import { MAX_CONFIG_BYTES, readBoundedFile } from '../fs/bounded-read.js';

export const LOCK_FILE = `${WORK_FILE_PREFIX}lock`;

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

/** Takes the lock of the project at `root`; refuses while another run holds it. */
export function takeLock(root: string): void {
  const path = join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies LockInfo));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(path);
    if (isHeld(holder)) throw lockedRefusal(root, holder);
    // Stale: its run is gone. One run takes it over (and undoes what that run left).
    const takeover = `${path}.takeover`;
    try {
      closeSync(openSync(takeover, 'wx'));
    } catch {
      throw new Refusal(`Another run is taking over the stale lock ${path}: wait for it and run again (if none is going on, delete ${takeover}).`);
    }
    try {
      if (JSON.stringify(readLock(path)) === JSON.stringify(holder)) unlinkSync(path);
    } finally {
      unlinkSync(takeover);
    }
  }
  throw new Refusal(`Could not take the lock ${path}: another run keeps taking it. Run again later.`);
}

function readLock(path: string): LockInfo | 'fresh' | 'unreadable' {
  try {
    const info = JSON.parse(readBoundedFile(path, { maxBytes: MAX_CONFIG_BYTES, noFollow: true })) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return info as LockInfo;
  } catch {
    // written this very moment, or damaged: decided by its age below
  }
  const age = Date.now() - (lstatSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return age < 10_000 ? 'fresh' : 'unreadable';
}

/** Whether a live run holds the project's lock (read-only modes say so instead of reporting half-written files). */
export function checkNotLocked(root: string): void {
  const path = join(root, LOCK_FILE);
  if (!lstatSync(path, { throwIfNoEntry: false })) return;
  const holder = readLock(path);
  if (isHeld(holder)) throw lockedRefusal(root, holder);
}

function isHeld(holder: ReturnType<typeof readLock>): boolean {
  return holder === 'fresh' || (holder !== 'unreadable' && isRunning(holder));
}

function lockedRefusal(root: string, holder: ReturnType<typeof readLock>): Refusal {
  const who = typeof holder === 'object' ? `run (pid ${holder.pid}, started ${holder.started})` : 'run';
  return new Refusal(
    `Another create-amplify-token-app ${who} is writing ${root} (its lock: ${LOCK_FILE}). Wait for it to finish and run again; if no run is going on, delete ${join(root, LOCK_FILE)}.`,
  );
}

function isRunning(lock: LockInfo): boolean {
  if (lock.host !== hostname()) return true; // another machine's run (a shared folder): cannot tell
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
