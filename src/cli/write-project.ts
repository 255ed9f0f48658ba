// The write pipeline every front end goes through (a fresh run, --regenerate, --check, the Yeoman
// generator, --projen): lock the project, read it through ProjectDir, plan with the core's planner,
// write the plan all or nothing. Read-only modes (--dry-run, --check) plan without the lock.
import { existsSync, readdirSync } from 'node:fs';
import { ownPackage } from '../core/own-package.js';
import { type FileMap, type ProjectModel, type RawOptions } from '../core/index.js';
import { planChanges, planProject, planWrites, type ProjectPlan } from '../core/plan.js';
import { Refusal } from '../core/refusal.js';
import { ProjectDir } from './project-dir.js';
import { WriteFailed } from './errors.js';
import { checkNotLocked, LOCK_FILE } from './project-lock.js';
import { Interrupted, ProjectTransaction } from './transaction.js';

/** What the signal handlers need to know about a run in progress. */
export interface RunState {
  /** Set while the project's lock is held: a signal makes it undo what it wrote. */
  transaction?: ProjectTransaction;
}

export interface WriteRequest {
  /** The project directory (absolute). */
  dir: string;
  /** A new project (no record read); its directory is created when missing. */
  fresh: boolean;
  /** A fresh run's package name (its directory's name). */
  projectName?: string;
  flags: RawOptions;
  answers?: RawOptions;
  force: boolean;
  allowReplacePool?: boolean;
  /** write, or only plan (--dry-run, --check). */
  write: boolean;
  render: (model: ProjectModel) => FileMap;
  state: RunState;
  out: (text: string) => void;
}

export async function planAndWrite(request: WriteRequest): Promise<ProjectPlan> {
  const plan = (project: ProjectDir) =>
    planProject({
      ...(request.projectName !== undefined ? { projectName: request.projectName } : {}),
      flags: request.flags,
      ...(request.answers ? { answers: request.answers } : {}),
      fresh: request.fresh,
      disk: project,
      force: request.force,
      allowReplacePool: request.allowReplacePool ?? false,
      version: ownPackage().version,
      render: request.render,
    });
  if (!request.write) {
    if (!existsSync(request.dir)) throw new Refusal(`${request.dir} does not exist.`);
    checkNotLocked(request.dir);
    return plan(new ProjectDir(request.dir));
  }

  const transaction = ProjectTransaction.open(request.dir, { create: request.fresh, out: request.out });
  request.state.transaction = transaction;
  try {
    if (request.fresh && !request.force) checkStillEmpty(request.dir);
    const project = new ProjectDir(request.dir);
    const result = plan(project);
    await transaction.checkpoint();
    if (planWrites(result)) await transaction.commit(project, planChanges(result));
    transaction.release();
    return result;
  } catch (error) {
    const removed = transaction.abandon();
    if (error instanceof Interrupted) {
      throw new WriteFailed(`Cancelled (${error.signal}): ${removed ? `removed ${removed}, which this run had created` : 'nothing was changed'}.`, error.signal);
    }
    throw error;
  } finally {
    request.state.transaction = undefined;
  }
}

/** Another run may have written into the new directory since it was checked. */
function checkStillEmpty(dir: string): void {
  const entries = readdirSync(dir).filter((entry) => entry !== '.git' && entry !== LOCK_FILE);
  if (entries.length > 0) throw new Refusal(`${dir} is no longer empty (${entries.slice(0, 3).join(', ')}): another run wrote into it. Choose another directory, or pass --force.`);
}
