// A fresh run: a regeneration from an empty record, through the same planner and writer as
// --regenerate (src/cli/write-project.ts), then the install. Used as is for runs without questions
// (no Yeoman loaded: it costs seconds); the Yeoman generator calls writeFreshProject and
// installDependencies for its writing and install steps. Prints what Yeoman's conflicter prints,
// so scripts see the same output either way.
import { spawn } from 'node:child_process';
import { relative, join } from 'node:path';
import { type ProjectModel, renderProject } from '../core/index.js';
import { RECORD_FILE } from '../core/record.js';
import type { FileAction } from '../core/plan.js';
import { PROJENRC_FILE, renderProjenrc } from '../projen/projenrc.js';
import { linkCheckout } from './checkout-link.js';
import { CliError } from './errors.js';
import { nextSteps } from './next-steps.js';
import { installCommand } from './package-manager.js';
import type { Session } from './session.js';
import { snapshotTarget } from './target.js';
import { planAndWrite } from './write-project.js';

export async function scaffold(session: Session, log: (text: string) => void): Promise<void> {
  await writeFreshProject(session, log);
  const installed = await installDependencies(session, log);
  log(`\n${nextSteps(session.written!, session.packageManager, installed)}\n`);
}

/** Yeoman's conflicter words for what happened to each file. */
const STATUS: Record<FileAction, string> = {
  create: 'create',
  update: 'force',
  merge: 'merge',
  keep: 'skip',
  delete: 'delete',
  unchanged: 'identical',
};

export async function writeFreshProject(session: Session, log: (text: string) => void): Promise<void> {
  const { target } = session;
  if (!target) throw new Error('No project directory chosen.');
  // What a cancelled install removes again: everything this run adds.
  session.snapshot = snapshotTarget(target.path);
  const plan = await planAndWrite({
    dir: target.path,
    fresh: true,
    projectName: target.projectName,
    flags: session.given,
    ...(session.answers ? { answers: session.answers } : {}),
    force: session.force,
    write: true,
    render: (model) => freshFiles(model, target.path, session.projen),
    state: session,
    out: log,
  });
  session.written = target;
  for (const notice of plan.notices) log(`${notice}\n`);
  const show = (path: string) => relative(session.cwd, join(target.path, path));
  for (const file of plan.files) log(`${STATUS[file.action].padStart(9)} ${show(file.path)}\n`);
  log(`${(plan.recordText === undefined ? 'identical' : 'create').padStart(9)} ${show(RECORD_FILE)}\n`);
  for (const warning of plan.warnings) log(`Warning: ${warning}\n`);
}

/** What a fresh run writes: the core's files (a checkout linked), and .projenrc.ts with --projen. */
function freshFiles(model: ProjectModel, dir: string, projen: boolean) {
  const files = linkCheckout(renderProject(model), dir);
  if (projen) files.set(PROJENRC_FILE, renderProjenrc(model));
  return files;
}

/** The one install step: the package manager that ran us, in the project. False with --skip-install. */
export async function installDependencies(session: Session, log: (text: string) => void): Promise<boolean> {
  const target = session.written;
  if (!target) throw new Error('The project was not written.');
  if (session.skipInstall) return false;
  const [command, args] = installCommand(session.packageManager);
  const shown = `${command} ${args.join(' ')}`;
  log(`\nInstalling dependencies: ${shown}\n`);
  const child = spawn(command, args, { cwd: target.path, stdio: 'inherit' });
  const done = new Promise<string | undefined>((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => resolve(code === 0 ? undefined : code !== null ? `exit code ${code}` : `killed by ${signal}`));
  });
  session.install = Object.assign(done, { kill: (signal?: NodeJS.Signals) => child.kill(signal) });
  const why = await done;
  session.install = undefined;
  // A signal stopped the install: the CLI's handler reports it and exits; this is no failure.
  if (session.cancelling) await new Promise(() => {});
  if (why !== undefined) {
    throw new CliError(`${shown} failed (${why}). The project is written in ${target.path}; run ${shown} there once the problem is fixed.`);
  }
  return true;
}
