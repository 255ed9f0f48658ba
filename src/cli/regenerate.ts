// --regenerate: brings an existing project to new options. Reads the record in .yo-rc.json,
// applies the given flags on top of the options stored there, refuses what Cognito refuses on a
// live pool, and writes only what the options own (user-edited files are kept, the new version
// beside them). Free of Yeoman: it only needs the core and node:fs.
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { buildModel, hasTrigger, PRE_TOKEN_VERSION_INFO, type ProjectModel, type RawOptions, renderProject, splitList, TRIGGERS } from '../core/index.js';
import { mergePackageJson } from '../core/merge.js';
import { checkPoolChanges } from '../core/pool-changes.js';
import { type PlannedFile, planIsEmpty, planRegeneration, hashContent, SIDE_SUFFIX } from '../core/regeneration.js';
import { applyPlan, writeFileAtomically } from './apply-plan.js';
import { linkCheckout } from './checkout-link.js';
import { projectRecord, readProjectRecord, RECORD_FILE, recordFileContent } from './project-record.js';
import { unifiedDiff } from './unified-diff.js';

export interface RegenerateRequest {
  /** The project directory (absolute). */
  dir: string;
  /** Options given on this run (flags and --config), applied on top of the stored ones. */
  flags: RawOptions;
  force: boolean;
  dryRun: boolean;
  allowReplacePool: boolean;
  /** --interactive: asks for every option not in `flags`, starting from `stored`; returns all of them. */
  ask?: (flags: RawOptions, stored: RawOptions) => Promise<RawOptions>;
  out: (text: string) => void;
}

/** Files the tool merges its entries into rather than owning them whole. */
const MERGED_FILES = new Set(['package.json']);

const ACTION_LABELS: Record<PlannedFile['action'], string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  unchanged: 'unchanged',
  'keep-modified': 'kept (changed by you)',
  'overwrite-modified': 'overwritten (--force; your changes are gone)',
  'delete-modified': 'deleted (--force; your changes are gone)',
};

export async function regenerate(request: RegenerateRequest): Promise<void> {
  const { dir, out } = request;
  const { record } = readProjectRecord(dir);
  const projectName = record.options.projectName;
  let given: RawOptions = { ...carriedOver(record.given, request.flags), ...request.flags };
  if (request.ask) given = { ...given, ...changedAnswers(await request.ask(request.flags, record.options), record.options) };

  // Same validation and messages as a fresh run; then what only a live pool refuses.
  const previous = buildModel(record.options);
  const next = buildModel({ ...given, projectName });
  checkPoolChanges(previous, next, request.allowReplacePool);

  // As a fresh run renders them (a checkout links itself the same way).
  const render = (model: ProjectModel) => linkCheckout(renderProject(model), dir);
  const generated = render(next);
  const files = new Map(generated);
  const read = (path: string) => {
    const file = join(dir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  for (const path of MERGED_FILES) {
    const onDisk = read(path);
    const wanted = generated.get(path);
    if (onDisk !== undefined && wanted !== undefined) {
      files.set(path, mergePackageJson(onDisk, render(previous).get(path) ?? wanted, wanted));
    }
  }
  const planned = planRegeneration({ next: files, recorded: record.files, read, force: request.force, merged: MERGED_FILES });
  const keptTests = testsOfKeptHandlers(planned);
  const plan = planned
    .map((file) => (keptTests.has(file.path) ? { ...file, action: 'keep-modified' as const, sidePath: file.path + SIDE_SUFFIX } : file))
    .map((file) => (file.sidePath && file.content !== undefined && read(file.sidePath) === file.content ? withoutContent(file) : file));
  const nextRecord = projectRecord(given, next, generated);
  // A test kept only for its handler's sake is still as generated (for the old options).
  for (const file of plan) if (keptTests.has(file.path) && file.before !== undefined) nextRecord.files[file.path] = hashContent(file.before);
  const recordChanged = !isDeepStrictEqual(JSON.parse(JSON.stringify(nextRecord)), JSON.parse(JSON.stringify(record)));

  for (const notice of next.notices) out(`${notice}\n`);
  const warnings = versionWarnings(previous, next, plan);

  if (request.dryRun) {
    out(`Dry run: nothing is written. The plan for ${dir}:\n`);
    for (const file of plan) out(`  ${file.action.padEnd(18)} ${file.path}${sideNote(file)}\n`);
    for (const file of plan) out(diffFor(file));
    if (recordChanged) out(`  ${'update'.padEnd(18)} ${RECORD_FILE} (the stored options and file hashes)\n`);
    for (const warning of warnings) out(`Warning: ${warning}\n`);
    if (planIsEmpty(plan) && !recordChanged) out(`Nothing to change: ${dir} already matches these options.\n`);
    return;
  }
  if (planIsEmpty(plan) && !recordChanged) {
    out(`Nothing to change: ${dir} already matches these options. Nothing was written.\n`);
    return;
  }
  applyPlan(dir, plan);
  writeFileAtomically(join(dir, RECORD_FILE), recordFileContent(nextRecord));

  out(`Regenerated ${dir}:\n`);
  for (const file of plan) {
    const label = keptTests.has(file.path) ? 'kept with your handler' : ACTION_LABELS[file.action];
    out(`  ${label.padEnd(24)} ${file.path}${sideNote(file)}\n`);
  }
  const kept = plan.filter((file) => file.action === 'keep-modified' && file.sidePath && file.content !== undefined);
  if (kept.length > 0) {
    out(`\nChanged by you, so kept; the version for the new options is beside each (merge it by hand, then delete the .new file):\n`);
    for (const file of kept) out(`  ${file.sidePath}\n`);
  }
  for (const warning of warnings) out(`\nWarning: ${warning}\n`);
  if (plan.some((file) => MERGED_FILES.has(file.path) && file.action === 'update')) {
    out(`\npackage.json changed: run your package manager's install.\n`);
  }
}

/** A new version already written beside the file on an earlier run: nothing to write again. */
function withoutContent(file: PlannedFile): PlannedFile {
  const { content: _content, ...rest } = file;
  return rest;
}

/**
 * The answers that differ from the stored options: only those count as given, so that pressing
 * Enter keeps a default following (the plan follows threat protection) and changes nothing.
 */
function changedAnswers(answers: RawOptions, stored: RawOptions): RawOptions {
  const same = (a: string | string[] | undefined, b: string | string[] | undefined) =>
    Array.isArray(a) || Array.isArray(b) ? JSON.stringify(splitList(a) ?? []) === JSON.stringify(splitList(b) ?? []) : a === b;
  return Object.fromEntries(
    Object.entries(answers).filter(([key, value]) => key !== 'projectName' && !same(value, stored[key as keyof RawOptions])),
  ) as RawOptions;
}

const PRE_TOKEN_OPTIONS = ['preTokenVersion', 'idTokenClaims', 'accessTokenClaims', 'suppressClaims', 'scopesToAdd'] as const;

/**
 * The stored options that still make sense with this run's flags: dropping the preTokenGeneration
 * trigger drops the options that need it, and V1_0 drops the access-token ones, instead of
 * failing on an option the user gave long ago for the trigger they are now removing.
 */
function carriedOver(stored: RawOptions, flags: RawOptions): RawOptions {
  const kept: RawOptions = { ...stored };
  const triggers = splitList(flags.triggers);
  if (triggers && !triggers.includes('preTokenGeneration')) {
    for (const key of PRE_TOKEN_OPTIONS) delete kept[key];
  }
  if (flags.preTokenVersion !== undefined && /^(V1_0|v1)$/i.test(flags.preTokenVersion.trim())) {
    delete kept.accessTokenClaims;
    delete kept.scopesToAdd;
  }
  return kept;
}

/**
 * A handler's test belongs with the handler: when the user's handler is kept, a test rewritten
 * for new options would no longer fit it (nor type-check), so the test is kept too and its new
 * version goes beside it.
 */
function testsOfKeptHandlers(plan: PlannedFile[]): Set<string> {
  const keptHandlers = new Set(plan.filter((file) => file.action === 'keep-modified' && file.path.endsWith('/handler.ts')).map((file) => file.path));
  return new Set(
    plan
      .filter((file) => file.action === 'update' && file.path.endsWith('/handler.test.ts'))
      .filter((file) => keptHandlers.has(file.path.replace(/handler\.test\.ts$/, 'handler.ts')))
      .map((file) => file.path),
  );
}

function sideNote(file: PlannedFile): string {
  return file.action === 'keep-modified' && file.sidePath && file.content !== undefined ? ` (new version: ${file.sidePath})` : '';
}

function diffFor(file: PlannedFile): string {
  switch (file.action) {
    case 'create':
      return unifiedDiff(file.path, undefined, file.content);
    case 'update':
    case 'overwrite-modified':
      return unifiedDiff(file.path, file.before, file.content);
    case 'delete':
    case 'delete-modified':
      return unifiedDiff(file.path, file.before, undefined);
    case 'keep-modified':
      return file.content !== undefined && file.sidePath ? unifiedDiff(file.path, file.before, file.content) : '';
    default:
      return '';
  }
}

/** A version switch changes the event and response shape: a kept handler no longer fits. */
function versionWarnings(previous: ProjectModel, next: ProjectModel, plan: readonly PlannedFile[]): string[] {
  if (!hasTrigger(previous, 'preTokenGeneration') || !hasTrigger(next, 'preTokenGeneration')) return [];
  const version = next.preTokenVersion;
  if (version === undefined || previous.preTokenVersion === version) return [];
  const folder = TRIGGERS.preTokenGeneration.folder;
  return plan
    .filter((file) => file.action === 'keep-modified' && file.path.startsWith(`amplify/auth/${folder}/`) && file.path.endsWith('handler.ts'))
    .map(
      (file) =>
        `pre token generation switches from ${previous.preTokenVersion} to ${next.preTokenVersion}, and ${file.path} is yours, so it was kept. Its event and response shape must change (${PRE_TOKEN_VERSION_INFO[version].responseKey}); the generated version for ${next.preTokenVersion} is in ${file.sidePath ?? file.path + '.new'}.`,
    );
}
