// Non-interactive runs (--yes, or no terminal): options → files → disk → install, without
// Yeoman. Loading Yeoman costs seconds; this path needs none of it (prompts, in-memory fs).
// Prints what the generator prints, so scripts see the same output either way.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildModel, type FileMap, renderProject } from '../core/index.js';
import { writeFileAtomically } from './apply-plan.js';
import { linkCheckout } from './checkout-link.js';
import { CliError } from './errors.js';
import { nextSteps } from './next-steps.js';
import { installCommand } from './package-manager.js';
import { projectRecord, RECORD_FILE, RECORD_KEY } from './project-record.js';
import type { Session } from './session.js';
import { snapshotTarget } from './target.js';

export async function scaffold(session: Session, log: (text: string) => void): Promise<void> {
  const { target } = session;
  if (!target) throw new Error('No project directory chosen.');
  const model = buildModel({ ...session.given, projectName: target.projectName });
  // Rendered before anything touches the disk: a failure here leaves nothing behind.
  const files = linkCheckout(renderProject(model), target.path);
  // What --regenerate needs later: the options as given and each generated file's hash.
  const record = projectRecord(session.given, model, files);
  files.set(RECORD_FILE, yoRc(join(target.path, RECORD_FILE), record));
  for (const notice of model.notices) log(`${notice}\n`);

  // main removes what this run adds if it fails or is interrupted from here on.
  session.snapshot = snapshotTarget(target.path);
  writeFiles(target.path, files, session.cwd, log);
  session.written = target;

  let installed = false;
  if (!session.skipInstall) {
    await install(session, log);
    installed = true;
  }
  log(`\n${nextSteps(target, session.packageManager, installed)}\n`);
}

/** .yo-rc.json as Yeoman's config.set writes it: other keys in an existing file are kept. */
function yoRc(path: string, record: object): string {
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // none yet, or unreadable: Yeoman starts from an empty object too
  }
  return `${JSON.stringify({ ...existing, [RECORD_KEY]: record }, null, 2)}\n`;
}

/**
 * Each file goes to a temporary name beside it, then is renamed into place, so a file is never
 * seen half-written. The log lines are Yeoman's conflicter's: create, force (overwritten), identical.
 */
function writeFiles(root: string, files: FileMap, cwd: string, log: (text: string) => void): void {
  for (const [path, content] of files) {
    const file = join(root, path);
    let status = 'create';
    if (existsSync(file)) status = readFileSync(file, 'utf8') === content ? 'identical' : 'force';
    if (status !== 'identical') writeFileAtomically(file, content);
    log(`${status.padStart(9)} ${relative(cwd, file)}\n`);
  }
}

async function install(session: Session, log: (text: string) => void): Promise<void> {
  const target = session.written!;
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
  // Ctrl-C stopped the install: the CLI's handler reports it and exits 130; this is no failure.
  if (session.cancelling) await new Promise(() => {});
  if (why !== undefined) {
    throw new CliError(`${shown} failed (${why}). The project is written in ${target.path}; run ${shown} there once the problem is fixed.`);
  }
}
