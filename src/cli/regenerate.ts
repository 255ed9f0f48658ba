// --regenerate, --dry-run and --check: an existing project brought to (or compared with) its stored
// options plus the flags given, through the same planner and writer as a fresh run
// (src/cli/write-project.ts). This file only presents the plan. Free of Yeoman.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type RawOptions, renderProject } from '../core/index.js';
import { ownPackage } from '../core/own-package.js';
import { type PlannedFile, planWrites, type ProjectPlan } from '../core/plan.js';
import { parseRecordFile, RECORD_FILE } from '../core/record.js';
import { Refusal } from '../core/refusal.js';
import { PROJENRC_FILE } from '../projen/projenrc.js';
import { linkCheckout } from './checkout-link.js';
import { ProjectDir } from './project-dir.js';
import { STAGING_DIR } from './transaction.js';
import { unifiedDiff } from './unified-diff.js';
import { planAndWrite, type RunState } from './write-project.js';

export interface RegenerateRequest {
  /** The project directory (absolute). */
  dir: string;
  /** Options given on this run (flags and --config), applied on top of the stored ones. */
  flags: RawOptions;
  force: boolean;
  /** Print the plan and its diffs, write nothing. */
  dryRun: boolean;
  /** Compare only: exit 1 when the project is not what its options generate (files listed). */
  check: boolean;
  allowReplacePool: boolean;
  /** --interactive: asks for the options no flag gives, starting from `stored`; returns every answer. */
  ask?: (flags: RawOptions, stored: RawOptions) => Promise<RawOptions>;
  state: RunState;
  out: (text: string) => void;
}

const LABELS: Record<PlannedFile['action'], string> = {
  create: 'created',
  update: 'updated',
  merge: 'merged (your changes kept)',
  keep: 'kept (changed by you)',
  delete: 'deleted',
  unchanged: 'unchanged',
};

/** Returns the exit code: 0, or 1 when --check finds differences. */
export async function regenerate(request: RegenerateRequest): Promise<number> {
  const { dir, out } = request;
  if (existsSync(join(dir, PROJENRC_FILE))) {
    throw new Refusal(`${dir} continues under projen: change its options in ${PROJENRC_FILE} and run npx projen.`);
  }
  const answers = request.ask ? await request.ask(request.flags, storedOptions(dir)) : undefined;
  const write = !request.dryRun && !request.check;
  const plan = await planAndWrite({
    dir,
    fresh: false,
    flags: request.flags,
    ...(answers ? { answers } : {}),
    force: request.force,
    allowReplacePool: request.allowReplacePool,
    write,
    render: (model) => linkCheckout(renderProject(model), dir),
    state: request.state,
    out,
  });

  for (const notice of plan.notices) out(`${notice}\n`);
  if (request.check) return reportCheck(dir, plan, out);
  if (request.dryRun) {
    out(`Dry run: nothing is written. The plan for ${dir}:\n`);
    for (const file of plan.files) out(`  ${actionOf(file).padEnd(18)} ${file.path}${sideNote(file)}\n`);
    for (const file of plan.files) out(diffFor(file));
    if (plan.recordText !== undefined) out(`  ${'update'.padEnd(18)} ${RECORD_FILE} (the stored options and file hashes)\n`);
    for (const warning of plan.warnings) out(`Warning: ${warning}\n`);
    if (!planWrites(plan)) out(`Nothing to change: ${dir} already matches these options.\n`);
    return 0;
  }
  if (!planWrites(plan)) {
    out(`Nothing to change: ${dir} already matches these options. Nothing was written.\n`);
    const pending = plan.files.filter((file) => file.conflict);
    if (pending.length > 0) out(`Still to merge by hand (then delete the .new file): ${pending.map((file) => file.conflict!.sidePath).join(', ')}\n`);
    for (const warning of plan.warnings) out(`\nWarning: ${warning}\n`);
    return 0;
  }
  out(`Regenerated ${dir}:\n`);
  for (const file of plan.files) out(`  ${labelOf(file).padEnd(26)} ${file.path}${sideNote(file)}\n`);
  if (plan.recordText !== undefined) out(`  ${'updated'.padEnd(26)} ${RECORD_FILE} (the stored options and file hashes)\n`);
  const parked = plan.files.filter((file) => file.conflict);
  if (parked.length > 0) {
    out(`\nChanged by you where these options change the same lines, so kept as they are; the new version is beside each (merge it by hand, then delete the .new file):\n`);
    for (const file of parked) out(`  ${file.conflict!.sidePath}\n`);
  }
  for (const warning of plan.warnings) out(`\nWarning: ${warning}\n`);
  if (plan.files.some((file) => file.path === 'package.json' && file.content !== undefined)) {
    out(`\npackage.json changed: run your package manager's install.\n`);
  }
  return 0;
}

/** The stored options: the starting answers of --interactive (the plan reads the record again under the lock). */
function storedOptions(dir: string): RawOptions {
  const text = new ProjectDir(dir).read(RECORD_FILE);
  const record = text === undefined ? undefined : parseRecordFile(text, RECORD_FILE).record;
  if (!record) throw new Refusal(`No create-amplify-token-app record in ${join(dir, RECORD_FILE)}: --regenerate works inside a project that create-amplify-token-app generated (or give its directory).`);
  return record.options;
}

function reportCheck(dir: string, plan: ProjectPlan, out: (text: string) => void): number {
  const version = ownPackage().version;
  const differing = plan.files.filter((file) => file.action !== 'unchanged' && (file.action !== 'keep' || file.conflict));
  const interrupted = existsSync(join(dir, STAGING_DIR));
  for (const warning of plan.warnings) out(`Warning: ${warning}\n`);
  if (differing.length === 0 && !interrupted) {
    out(`Up to date: ${dir} is what its stored options generate with create-amplify-token-app ${version}.\n`);
    return 0;
  }
  out(`Not up to date: ${dir} is not what its stored options generate with create-amplify-token-app ${version}:\n`);
  if (interrupted) out(`  an interrupted run left ${STAGING_DIR}: run --regenerate to undo it\n`);
  for (const file of differing) out(`  ${actionOf(file).padEnd(18)} ${file.path}${sideNote(file)}\n`);
  out(`Run create-amplify-token-app --regenerate in it to bring it up to date (add --dry-run to see the diffs first).\n`);
  return 1;
}

/** The planned action, as --dry-run and --check name it. */
function actionOf(file: PlannedFile): string {
  return file.conflict ? 'conflict' : file.action;
}

function labelOf(file: PlannedFile): string {
  if (file.discardsEdit) return `${file.action === 'delete' ? 'deleted' : 'overwritten'} (--force; your changes are gone)`;
  if (file.conflict) return 'kept (yours; conflicts)';
  return LABELS[file.action];
}

function sideNote(file: PlannedFile): string {
  if (!file.conflict) return '';
  return file.conflict.alreadyThere ? ` (new version already in ${file.conflict.sidePath})` : ` (new version: ${file.conflict.sidePath})`;
}

function diffFor(file: PlannedFile): string {
  if (file.conflict) return unifiedDiff(file.path, file.before, file.conflict.content);
  switch (file.action) {
    case 'create':
    case 'update':
    case 'merge':
      return unifiedDiff(file.path, file.before, file.content);
    case 'delete':
      return unifiedDiff(file.path, file.before, undefined);
    default:
      return '';
  }
}
