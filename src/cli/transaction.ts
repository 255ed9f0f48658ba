// The one writer: carries out a plan all or nothing. The project's lock (project-lock.ts) keeps
// two runs apart; every new file is first written into a staging folder inside the project, then
// the files are moved into place one by one (the record last), each original moved aside first,
// every step noted in a journal. A failure or a signal (SIGINT, SIGTERM) undoes the journal in reverse; a run killed
// outright leaves its lock and journal, and the next run undoes it before doing anything else.
import { appendFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WORK_FILE_PREFIX } from '../core/project-path.js';
import { Refusal } from '../core/refusal.js';
import { MAX_PROJECT_FILE_BYTES, readBoundedFile } from '../fs/bounded-read.js';
import { WriteFailed } from './errors.js';
import { ProjectDir } from './project-dir.js';
import { LOCK_FILE, takeLock } from './project-lock.js';

export const STAGING_DIR = `${WORK_FILE_PREFIX}staging`;
const JOURNAL = 'journal';

/** One file of the plan: its new content, or undefined to delete it. */
export interface Change {
  path: string;
  content?: string;
}

/** A signal stopped the run; what it had done is undone. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`Cancelled (${signal})`);
  }
}

type JournalEntry = { op: 'mkdir'; path: string } | { op: 'backup'; path: string; backup: string } | { op: 'place'; path: string };

export class ProjectTransaction {
  private cancelled?: NodeJS.Signals;
  private steps = 0;
  private released = false;

  private constructor(
    readonly root: string,
    /** The outermost folder this run created for the project (a fresh run into a new directory). */
    readonly createdRoot: string | undefined,
  ) {}

  /**
   * Takes the project's lock (creating the directory first when `create`), after undoing what a
   * killed run left behind. Refuses while another run holds the lock.
   */
  static open(root: string, { create, out }: { create: boolean; out: (text: string) => void }): ProjectTransaction {
    const createdRoot = create ? mkdirSync(root, { recursive: true }) : undefined;
    if (!create && !existsSync(root)) throw new Refusal(`${root} does not exist.`);
    const transaction = new ProjectTransaction(root, createdRoot);
    try {
      takeLock(root);
    } catch (error) {
      if (createdRoot && readdirSync(root).length === 0) rmSync(createdRoot, { recursive: true, force: true });
      throw error;
    }
    const recovered = transaction.recover();
    if (recovered) out(`${recovered}\n`);
    return transaction;
  }

  /** Called on SIGINT or SIGTERM: the next step stops and undoes what was done. */
  cancel(signal: NodeJS.Signals): void {
    this.cancelled ??= signal;
  }

  /** Throws Interrupted when a signal came in; lets pending signal handlers run first. */
  async checkpoint(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.cancelled) throw new Interrupted(this.cancelled);
  }

  /** Writes the changes, in order (the record last), all or nothing. */
  async commit(project: ProjectDir, changes: readonly Change[]): Promise<void> {
    const staging = join(this.root, STAGING_DIR);
    const journal: JournalEntry[] = [];
    const note = (entry: JournalEntry) => {
      journal.push(entry);
      appendFileSync(join(staging, JOURNAL), `${JSON.stringify(entry)}\n`);
    };
    try {
      await this.checkpoint();
      mkdirSync(staging);
      mkdirSync(join(staging, 'new'));
      mkdirSync(join(staging, 'old'));
      writeFileSync(join(staging, JOURNAL), '');
      for (const [index, change] of changes.entries()) {
        if (change.content === undefined) continue;
        await this.step(`writing ${change.path} (staged)`);
        writeFileSync(join(staging, 'new', String(index)), change.content, { flag: 'wx' });
      }
      // Each step is noted before it is taken: undoing a step that did not happen is harmless.
      for (const [index, change] of changes.entries()) {
        const target = project.resolve(change.path);
        for (const folder of missingFolders(project, change.path)) {
          await this.step(`creating folder ${folder}`);
          note({ op: 'mkdir', path: folder });
          mkdirSync(project.resolve(folder));
        }
        const existing = lstatSync(target, { throwIfNoEntry: false });
        if (existing) {
          await this.step(`moving ${change.path} aside`);
          const backup = join('old', String(index));
          note({ op: 'backup', path: change.path, backup });
          renameSync(target, join(staging, backup));
        }
        if (change.content !== undefined) {
          await this.step(`putting ${change.path} in place`);
          // The file keeps its permissions (say, an executable script stays executable).
          if (existing) chmodSync(join(staging, 'new', String(index)), existing.mode & 0o7777);
          note({ op: 'place', path: change.path });
          renameSync(join(staging, 'new', String(index)), target);
        }
      }
    } catch (error) {
      throw this.undo(journal, error);
    }
    rmSync(staging, { recursive: true, force: true });
    for (const change of changes) if (change.content === undefined) removeEmptyFolders(project, dirname(change.path));
  }

  /** Releases the lock (once). */
  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(join(this.root, LOCK_FILE), { force: true });
  }

  /** Gives up before anything was written: the lock goes, and so does a directory this run created. */
  abandon(): string | undefined {
    this.release();
    if (!this.createdRoot) return undefined;
    rmSync(this.createdRoot, { recursive: true, force: true });
    return this.createdRoot;
  }

  private async step(label: string): Promise<void> {
    this.steps += 1;
    await this.checkpoint();
    await testFault(this.steps, label, () => this.cancelled);
    if (this.cancelled) throw new Interrupted(this.cancelled);
  }

  /** Undoes the journal after `cause`; the error to throw says what is on disk now. */
  private undo(journal: JournalEntry[], cause: unknown): Error {
    const problems = rollBack(this.root, journal);
    const signal = cause instanceof Interrupted ? cause.signal : undefined;
    const what = signal ? `Cancelled (${signal})` : `Writing the project failed (${describeError(cause)})`;
    if (problems.length > 0) {
      // The lock and the journal stay: the next run tries again before anything else.
      this.released = true;
      return new WriteFailed(
        `${what}, and undoing it failed for: ${problems.join('; ')}. The originals are in ${join(this.root, STAGING_DIR, 'old')}; the next run in this project undoes the rest first.`,
        signal,
      );
    }
    rmSync(join(this.root, STAGING_DIR), { recursive: true, force: true });
    const created = this.abandon();
    const placed = journal.filter((entry) => entry.op === 'place').length;
    const state = created
      ? `removed ${created}, which this run had created`
      : placed > 0
        ? `nothing was changed: the ${placed} file${placed > 1 ? 's' : ''} already written ${placed > 1 ? 'were' : 'was'} taken back and the originals restored`
        : 'nothing was changed';
    return new WriteFailed(`${what}: ${state}.`, signal);
  }

  /** Undoes what a killed run left (its journal), under our lock. A message when there was something. */
  private recover(): string | undefined {
    const staging = join(this.root, STAGING_DIR);
    const stats = lstatSync(staging, { throwIfNoEntry: false });
    if (!stats) return undefined;
    if (!stats.isDirectory()) throw new Refusal(`Refused: ${staging} is not a folder this tool made (a link or a file). Delete it, then run again.`);
    const journalPath = join(staging, JOURNAL);
    const entries: JournalEntry[] = existsSync(journalPath)
      ? readBoundedFile(journalPath, { maxBytes: MAX_PROJECT_FILE_BYTES, noFollow: true })
          .split('\n')
          .filter((line) => line.trim() !== '')
          .flatMap((line) => parseJournalLine(line))
      : [];
    const problems = rollBack(this.root, entries);
    if (problems.length > 0) {
      throw new Refusal(
        `An interrupted run left ${staging}, and undoing it failed for: ${problems.join('; ')}. Restore those files from ${join(staging, 'old')} by hand, delete ${staging}, then run again.`,
      );
    }
    rmSync(staging, { recursive: true, force: true });
    const restored = entries.filter((entry) => entry.op !== 'mkdir').length;
    return `An earlier run was interrupted while writing this project; undone (${restored} change${restored === 1 ? '' : 's'} taken back).`;
  }
}

/** Undoes journal entries in reverse; the paths it could not put back. */
function rollBack(root: string, journal: readonly JournalEntry[]): string[] {
  const problems: string[] = [];
  const project = new ProjectDir(root);
  for (const entry of [...journal].reverse()) {
    try {
      const target = project.resolve(entry.path);
      if (entry.op === 'place') {
        rmSync(target, { force: true });
      } else if (entry.op === 'backup') {
        const backup = join(root, STAGING_DIR, entry.backup);
        if (lstatSync(backup, { throwIfNoEntry: false })) renameSync(backup, target);
      } else if (existsSync(target) && readdirSync(target).length === 0) {
        rmdirSync(target);
      }
    } catch (error) {
      problems.push(`${entry.path} (${describeError(error)})`);
    }
  }
  return problems;
}

/** A journal line; the last one may be cut short by a kill, and its step was then not taken. */
function parseJournalLine(line: string): JournalEntry[] {
  let entry: Partial<Record<string, unknown>>;
  try {
    entry = JSON.parse(line) as Partial<Record<string, unknown>>;
  } catch {
    return [];
  }
  // Paths are checked again by ProjectDir.resolve; a backup can only be one of ours.
  const { op, path, backup } = entry;
  if (typeof path !== 'string') return [];
  if (op === 'mkdir' || op === 'place') return [{ op, path }];
  if (op === 'backup' && typeof backup === 'string' && /^old\/\d+$/.test(backup)) return [{ op, path, backup }];
  return [];
}

function missingFolders(project: ProjectDir, path: string): string[] {
  const segments = path.split('/').slice(0, -1);
  const missing: string[] = [];
  for (let depth = 1; depth <= segments.length; depth++) {
    const folder = segments.slice(0, depth).join('/');
    if (!project.exists(folder)) missing.push(folder);
  }
  return missing;
}

/** Removes `folder` and its parents inside the project while they are empty. */
function removeEmptyFolders(project: ProjectDir, folder: string): void {
  for (let current = folder; current !== '.' && current !== ''; current = dirname(current)) {
    try {
      const path = project.resolve(current);
      if (!statSync(path).isDirectory() || readdirSync(path).length > 0) return;
      rmdirSync(path);
    } catch {
      return;
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The one test seam: CREATE_AMPLIFY_TOKEN_APP_TEST_FAULT=fail:<n> makes the n-th change to the disk
 * fail as a full disk would, pause:<n> stops before it (saying so on stderr) until a signal
 * comes; <n> = "record" is the step that puts .yo-rc.json in place. Tests only: nothing else sets it.
 */
async function testFault(step: number, label: string, cancelled: () => NodeJS.Signals | undefined): Promise<void> {
  const fault = process.env.CREATE_AMPLIFY_TOKEN_APP_TEST_FAULT;
  if (!fault) return;
  const [kind, at] = fault.split(':');
  const here = at === String(step) || (at === 'record' && label === 'putting .yo-rc.json in place');
  if (!here) return;
  if (kind === 'fail') throw Object.assign(new Error(`ENOSPC: no space left on device (injected by the test at step ${step}, ${label})`), { code: 'ENOSPC' });
  if (kind === 'pause') {
    process.stderr.write(`test fault: paused at step ${step}, ${label}\n`);
    while (!cancelled()) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
