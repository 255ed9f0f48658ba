// --regenerate as a user runs it: the built bin in a generated project with a hand-edited handler.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { BIN, DEFAULT_QUESTIONS, ensureBuilt, listFiles, readTree, ROOT, runBin } from './cli-helpers.js';

const WORK = join(ROOT, 'test/.work/cli-regenerate');
const HANDLER = 'amplify/auth/pre-token-generation/handler.ts';
const EDIT = '\n// my own code: must survive every regeneration\n';
let counter = 0;
let app: string;

/** A fresh project (defaults: preSignUp + preTokenGeneration V2_0, tenant_id) with an edited handler. */
async function generate(flags: string[] = []): Promise<string> {
  const cwd = join(WORK, `run-${++counter}`);
  mkdirSync(cwd, { recursive: true });
  const result = await runBin(['app', '--yes', '--skip-install', ...flags], { cwd });
  expect(result.exitCode, result.stderr).toBe(0);
  const dir = join(cwd, 'app');
  appendFileSync(join(dir, HANDLER), EDIT);
  return dir;
}

const regenerate = (dir: string, flags: string[]) => runBin(['--regenerate', ...flags], { cwd: dir });

/** Path → content and modification time of every file: "nothing written" compares both. */
function snapshot(dir: string): Map<string, [string, number]> {
  return new Map(listFiles(dir).map((file) => [file, [readFileSync(join(dir, file), 'utf8'), statSync(join(dir, file)).mtimeMs]]));
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  await ensureBuilt();
});

beforeEach(async () => {
  app = await generate();
});

describe('--regenerate', () => {
  it('with no change writes nothing and says so', async () => {
    const before = snapshot(app);
    const result = await regenerate(app, []);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing to change');
    expect(snapshot(app)).toEqual(before);
  });

  it('--dry-run prints the plan with diffs and writes nothing', async () => {
    const before = snapshot(app);
    const result = await regenerate(app, ['--triggers', 'preSignUp,preTokenGeneration,customMessage', '--dry-run']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/create\s+amplify\/auth\/custom-message\/handler\.ts/);
    expect(result.stdout).toMatch(/update\s+amplify\/auth\/resource\.ts/);
    expect(result.stdout).toContain('+++ b/amplify/auth/resource.ts');
    expect(result.stdout).toMatch(/^\+.*customMessage/m);
    expect(snapshot(app)).toEqual(before);
  });

  it('adds a trigger, lists every file in the summary, keeps the hand edit', async () => {
    const result = await regenerate(app, ['--triggers', 'preSignUp,preTokenGeneration,customMessage']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(join(app, 'amplify/auth/custom-message/handler.ts'))).toBe(true);
    for (const file of listFiles(app).filter((path) => path !== '.yo-rc.json')) expect(result.stdout).toContain(file);
    expect(readFileSync(join(app, HANDLER), 'utf8')).toContain(EDIT);
    expect(readFileSync(join(app, 'amplify/auth/resource.ts'), 'utf8')).toContain('customMessage');
  });

  it('removes a trigger: the unmodified folder goes, the modified one stays', async () => {
    const added = await regenerate(app, ['--triggers', 'preSignUp,preTokenGeneration,customMessage']);
    expect(added.exitCode, added.stderr).toBe(0);
    const result = await regenerate(app, ['--triggers', 'preSignUp']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(join(app, 'amplify/auth/custom-message'))).toBe(false);
    expect(readFileSync(join(app, HANDLER), 'utf8')).toContain(EDIT);
    expect(existsSync(join(app, 'amplify/auth/pre-token-generation/resource.ts'))).toBe(false);
    expect(result.stdout).toMatch(/deleted\s+amplify\/auth\/custom-message\/handler\.ts/);
    expect(result.stdout).toMatch(/kept \(changed by you\)\s+amplify\/auth\/pre-token-generation\/handler\.ts/);
  });

  it('a version switch merges the hand edit into the V1_0 handler', async () => {
    const result = await regenerate(app, ['--pre-token-version', 'V1_0']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/merged \(your changes kept\)\s+amplify\/auth\/pre-token-generation\/handler\.ts/);
    const handler = readFileSync(join(app, HANDLER), 'utf8');
    expect(handler).toContain(EDIT);
    expect(handler).toContain('claimsOverrideDetails: {');
    expect(handler).not.toContain('claimsAndScopeOverrideDetails: {');
    expect(existsSync(join(app, `${HANDLER}.new`))).toBe(false);
    expect(readFileSync(join(app, 'amplify/backend.ts'), 'utf8')).not.toContain('LambdaVersion.V2_0');
  });

  it('a version switch with an edit on the lines it changes is refused: kept handler and backend would disagree', async () => {
    const handlerPath = join(app, HANDLER);
    writeFileSync(handlerPath, readFileSync(handlerPath, 'utf8').replace('claimsAndScopeOverrideDetails: {', 'claimsAndScopeOverrideDetails: { // reviewed'));
    const before = snapshot(app);
    const result = await regenerate(app, ['--pre-token-version', 'V1_0']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Error: Refused: the project would be unsafe or broken (amplify/backend.ts, amplify/auth/pre-token-generation/handler.ts); nothing was written.');
    expect(result.stderr).toContain('amplify/backend.ts attaches pre token generation V1_0, but amplify/auth/pre-token-generation/handler.ts answers with claimsAndScopeOverrideDetails');
    expect(snapshot(app)).toEqual(before);
  });

  it('refuses an attribute type change: exit 1, the reason and the safe alternative, nothing written', async () => {
    const before = snapshot(app);
    const result = await regenerate(app, ['--attributes', 'tenant_id:Number']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('custom attribute "tenant_id" changed from tenant_id:String to tenant_id:Number');
    expect(result.stderr).toContain('add a new one instead');
    expect(snapshot(app)).toEqual(before);
  });

  it('--allow-replace-pool accepts the attribute change', async () => {
    const result = await regenerate(app, ['--attributes', 'tenant_id:Number', '--allow-replace-pool']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(app, 'amplify/auth/resource.ts'), 'utf8')).toMatch(/tenant_id/);
  });

  it('threat protection on: the plan follows to PLUS', async () => {
    const result = await regenerate(app, ['--threat-protection', 'AUDIT']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(app, 'amplify/backend.ts'), 'utf8')).toContain("userPoolTier = 'PLUS'");
  });

  it('threat protection on is refused when the plan was fixed explicitly', async () => {
    const fixed = await generate(['--pre-token-version', 'V1_0', '--feature-plan', 'LITE']);
    const before = snapshot(fixed);
    const result = await regenerate(fixed, ['--threat-protection', 'AUDIT']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('needs feature plan PLUS, not LITE');
    expect(snapshot(fixed)).toEqual(before);
  });

  it('--force overwrites the edited handler', async () => {
    const result = await regenerate(app, ['--pre-token-version', 'V3_0', '--force']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(app, HANDLER), 'utf8')).not.toContain(EDIT);
    expect(existsSync(join(app, `${HANDLER}.new`))).toBe(false);
  });

  it('keeps the user’s own package.json entries', async () => {
    const pkgPath = join(app, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    pkg.scripts.mine = 'echo mine';
    writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
    const result = await regenerate(app, ['--triggers', 'preSignUp,preTokenGeneration,postConfirmation']);
    expect(result.exitCode, result.stderr).toBe(0);
    const after = JSON.parse(readFileSync(pkgPath, 'utf8'));
    expect(after.scripts.mine).toBe('echo mine');
  });

  it('outside a generated project: a clear error, exit 1', async () => {
    const empty = join(WORK, 'empty');
    mkdirSync(empty, { recursive: true });
    const result = await runBin(['--regenerate'], { cwd: empty });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('No .yo-rc.json');
    expect(readTree(empty).size).toBe(0);
  });

  it('--dry-run without --regenerate is refused', async () => {
    const result = await runBin(['x', '--dry-run', '--yes'], { cwd: WORK });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--dry-run works with --regenerate only');
  });

  it('--interactive starts every question from the stored options: Enter everywhere changes nothing', async () => {
    const stored = await generate(['--pre-token-version', 'V3_0', '--suppress-claims', 'email']);
    const before = snapshot(stored);
    // A fresh run's questions, less the directory: the project is already there.
    const questions = DEFAULT_QUESTIONS.filter((question) => question !== 'Project directory');
    const session = await execa(
      'python3',
      [join(ROOT, 'test/cli-pty.py'), JSON.stringify(questions.map((question) => [question, '\r'])), '--', process.execPath, BIN, '--regenerate', '--interactive'],
      { cwd: stored, env: { ...process.env, TERM: 'xterm' }, reject: false, timeout: 90_000 },
    );
    expect(session.exitCode, session.stdout).toBe(0);
    expect(session.stdout).toContain('Nothing to change');
    expect(snapshot(stored)).toEqual(before);
  });

  it('--interactive without a terminal is refused', async () => {
    const result = await regenerate(app, ['--interactive']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('--interactive needs a terminal');
  });
});

describe('--regenerate --tenant-claim', () => {
  const RESOURCE = 'amplify/data/resource.ts';
  const TEST = 'amplify/data/tenant-isolation.test.ts';

  it('adds the tenant model, its offline test and the simulator through the usual rules, warns about the Todo table, and removes them again', async () => {
    const added = await regenerate(app, ['--tenant-claim', 'tenant_id']);
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/updated\s+amplify\/data\/resource\.ts/);
    expect(added.stdout).toMatch(/created\s+amplify\/data\/tenant-isolation\.test\.ts/);
    expect(added.stdout).toContain('now defines Invoice instead of the Todo starter: the next deployment deletes the Todo table');
    expect(readFileSync(join(app, RESOURCE), 'utf8')).toContain(".identityClaim('tenant_id')");
    const packageJson = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
    expect(packageJson.devDependencies).toMatchObject({ '@aws-amplify/amplify-appsync-simulator': expect.any(String), dynalite: expect.any(String) });
    expect(JSON.parse(readFileSync(join(app, '.yo-rc.json'), 'utf8'))['create-amplify-token-app'].options.tenantClaim).toBe('tenant_id');
    expect(readFileSync(join(app, HANDLER), 'utf8')).toContain(EDIT);

    // V1_0 cannot carry the stored claim: it no longer applies and is dropped, which the dry run
    // says, with what that costs at the next deployment.
    const before = snapshot(app);
    const v1 = await regenerate(app, ['--pre-token-version', 'V1_0', '--dry-run']);
    expect(v1.exitCode, v1.stderr).toBe(0);
    expect(v1.stdout).toContain('Stored option tenantClaim ("tenant_id") no longer applies with these options: dropped.');
    expect(v1.stdout).toContain('goes back to the Todo starter: the next deployment deletes the Invoice table');
    expect(snapshot(app)).toEqual(before);

    const removed = await regenerate(app, ['--tenant-claim', '']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/deleted\s+amplify\/data\/tenant-isolation\.test\.ts/);
    expect(removed.stdout).toContain('goes back to the Todo starter: the next deployment deletes the Invoice table');
    expect(existsSync(join(app, TEST))).toBe(false);
    expect(readFileSync(join(app, RESOURCE), 'utf8')).toContain('allow.owner()');
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).devDependencies).not.toHaveProperty('dynalite');
  });

  it('merges your edit of the data model into the tenant version, and still warns about the Todo table', async () => {
    appendFileSync(join(app, RESOURCE), '\n// my own models\n');
    const result = await regenerate(app, ['--tenant-claim', 'tenant_id']);
    expect(result.exitCode, result.stderr).toBe(0);
    const merged = readFileSync(join(app, RESOURCE), 'utf8');
    expect(merged).toContain('// my own models');
    expect(merged).toContain(".identityClaim('tenant_id')");
    expect(result.stdout).toMatch(/merged \(your changes kept\)\s+amplify\/data\/resource\.ts/);
    expect(result.stdout).toContain('now defines Invoice instead of the Todo starter');
  });

  it('keeps a data model whose lines conflict, with the tenant version beside it, and says the test needs Invoice', async () => {
    writeFileSync(join(app, RESOURCE), readFileSync(join(app, RESOURCE), 'utf8').replace('content: a.string(),', 'content: a.string(),\n      done: a.boolean(),'));
    const result = await regenerate(app, ['--tenant-claim', 'tenant_id']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(app, RESOURCE), 'utf8')).toContain('done: a.boolean()');
    expect(readFileSync(join(app, `${RESOURCE}.new`), 'utf8')).toContain(".identityClaim('tenant_id')");
    expect(result.stdout).toContain('amplify/data/resource.ts is yours and conflicts with the tenant version, so it was kept: the tenant rules are in amplify/data/resource.ts.new');
  });
});
