// doctor over the corpus (test/fixtures/doctor: hand-written projects of every layout and mistake,
// each with the findings a correct doctor reports): each project is copied into
// test/.work/fixtures/, given what `npm install` leaves, type-checked, and inspected by the built
// bin as `npx create-amplify-token-app doctor --json` runs it. Findings are compared one to one,
// precision and recall are computed over the corpus and checked against the README. Then preview
// on two of them, and the failures doctor must explain (exit 2), stop (timeout) or clean up after
// (Ctrl-C).
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, NotChecked } from '../src/core/doctor/index.js';
import type { PreviewResult } from '../src/inspect/index.js';
import { checkTenantIsolation, type TenantIsolationReport } from '../src/inspect/data/index.js';
import { CORPUS_DIR, corpusReport, currentBlock, readCorpus, replaceBlock, scoreCorpus, scoreProject, type DoctorRun, type ProjectScore } from './doctor-corpus/corpus.js';
import { ensureBuilt, ROOT, runBin } from './cli-helpers.js';
import { childEnv, DEPS_BIN, DEPS_LOCK_FILE, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';
import { createQueue } from './verify/jobs.js';

const SLOW = 600_000;
const FIXTURES_DIR = join(WORK_DIR, 'fixtures');
const README = join(ROOT, 'README.md');
const corpus = readCorpus();

/**
 * What `npm exec` (npx) puts in the environment of the command it runs: doctor must synthesize
 * as if it were not there (CDK's bundler runs `npx --no-install esbuild`, which would read it).
 */
const NPM_EXEC_ENV = { npm_config_package: 'create-amplify-token-app', npm_command: 'exec', npm_lifecycle_event: 'npx', npm_config_yes: 'true' };

const queue = createQueue(2);
const doctorRuns = new Map<string, Promise<DoctorRun & { stderr: string }>>();
let preview: Promise<{ exitCode: number; result: PreviewResult; stderr: string }>;
let typecheck: Promise<{ exitCode: number; output: string }>;
let isolation: Promise<TenantIsolationReport>;
const started = Date.now();

/** A copy of a corpus project (or another source) as `npm install` leaves it: a lock file and node_modules. */
function installed(source: string, dir: string): string {
  cpSync(source, dir, { recursive: true, filter: (path) => !path.endsWith('expected.json') });
  copyFileSync(DEPS_LOCK_FILE, join(dir, 'package-lock.json'));
  symlinkSync(relative(dir, DEPS_NODE_MODULES), join(dir, 'node_modules'), 'dir');
  return dir;
}

beforeAll(async () => {
  await Promise.all([ensureDeps(), ensureBuilt()]);
  rmSync(FIXTURES_DIR, { recursive: true, force: true });
  mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const project of corpus) installed(join(CORPUS_DIR, project.name), join(FIXTURES_DIR, project.name));
  writeFileSync(
    join(FIXTURES_DIR, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'es2022', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, typeRoots: [join(DEPS_NODE_MODULES, '@types')] },
      include: ['*/amplify/**/*.ts'],
    }),
  );
  typecheck = queue.schedule('type-check the corpus', async () => {
    const result = await execa(join(DEPS_BIN, 'tsc'), ['-p', join(FIXTURES_DIR, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: FIXTURES_DIR, reject: false, all: true, extendEnv: false, env: childEnv(),
    });
    return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
  });
  for (const project of corpus) {
    doctorRuns.set(
      project.name,
      queue.schedule(`doctor ${project.name}`, async () => {
        const result = await runBin(['doctor', '--json'], { cwd: join(FIXTURES_DIR, project.name), env: childEnv(NPM_EXEC_ENV) });
        const report = JSON.parse(String(result.stdout) || '{}') as { findings?: Finding[]; notChecked?: NotChecked[] };
        return { exitCode: result.exitCode ?? -1, findings: report.findings ?? [], notChecked: report.notChecked ?? [], stderr: String(result.stderr) };
      }),
    );
  }
  // The offline tenant isolation check (create-amplify-token-app/data) on a rule that lets owners
  // move a record out of its tenant: the check must catch exactly that.
  isolation = queue.schedule('tenant isolation data-tenant-reassignable', () =>
    checkTenantIsolation({ projectDir: join(FIXTURES_DIR, 'data-tenant-reassignable'), model: 'Invoice', tenantField: 'tenantId', tenantAttribute: 'tenant_id', env: childEnv() }),
  );
  // preview as users run it, on a project whose pool requires a standard attribute.
  preview = queue.schedule('preview v2-add-trigger', async () => {
    const result = await runBin(['preview', 'v2-add-trigger', '--json', '--user', 'groups=staff'], { cwd: FIXTURES_DIR, env: childEnv() });
    return { exitCode: result.exitCode ?? -1, result: JSON.parse(String(result.stdout) || '{}') as PreviewResult, stderr: String(result.stderr) };
  });
}, SLOW);

afterAll(() => {
  const lines = queue.timings.map(({ label, ms }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`);
  console.log([`doctor corpus timings (${((Date.now() - started) / 1000).toFixed(0)} s wall, 2 jobs at a time):`, ...lines].join('\n'));
});

describe('doctor over the corpus (test/fixtures/doctor)', () => {
  it('the corpus type-checks against the pinned packages', { timeout: SLOW }, async () => {
    const result = await typecheck;
    expect(result.exitCode, `the corpus does not type-check:\n${result.output}`).toBe(0);
  });

  it.each(corpus.map((project) => [project.name, project] as const))('%s', { timeout: SLOW }, async (_name, project) => {
    const run = await doctorRuns.get(project.name)!;
    expect(run.stderr, `${project.name}: doctor wrote to stderr`).toBe('');
    const score = scoreProject(project, run);
    expect({ extra: score.extra, missed: score.missed }, `${project.name}: findings differ from expected.json`).toEqual({ extra: [], missed: [] });
    expect({ extra: score.notCheckedExtra, missed: score.notCheckedMissed }, `${project.name}: not-checked handlers`).toEqual({ extra: [], missed: [] });
    expect(run.exitCode, `${project.name}: exit code (1 with an error-level finding)`).toBe(score.expectedExitCode);
    for (const finding of run.findings) expect(finding.fix.length, `${finding.id} has a fix`).toBeGreaterThan(20);
  });

  it('precision and recall over the corpus are what the README says', { timeout: SLOW }, async () => {
    const scores: ProjectScore[] = [];
    for (const project of corpus) scores.push(scoreProject(project, await doctorRuns.get(project.name)!));
    const score = scoreCorpus(corpus, scores);
    const report = corpusReport(score);
    if (process.env.DOCTOR_CORPUS_UPDATE) writeFileSync(README, replaceBlock(readFileSync(README, 'utf8'), report));
    expect(currentBlock(readFileSync(README, 'utf8')), 'README.md is stale: run this test with DOCTOR_CORPUS_UPDATE=1').toBe(report);
    // The targets: nothing false said about a correct project, every listed mistake found.
    expect([score.falseErrorsOnCorrect, score.recall]).toEqual([0, 1]);
  });
});

describe('the offline tenant isolation check on a hand-written project', () => {
  // The generated projects pass it (test/verify.e2e.test.ts); here it must fail, and only where
  // the rule is wrong: without a field rule an owner may update tenantId, to another tenant or to
  // none at all.
  it('data-tenant-reassignable: the moves out of the tenant go through, nothing else', { timeout: SLOW }, async () => {
    const report = await isolation;
    expect(report.checks.length).toBe(14);
    const wrong = report.checks.filter((check) => check.outcome !== check.expected);
    expect(wrong.map((check) => check.description), JSON.stringify(wrong, null, 2)).toEqual([
      'the acme-corp user cannot move their Invoice into tenant globex-inc (update tenantId)',
      'the acme-corp user cannot move their Invoice out of every tenant (update tenantId to null)',
    ]);
    expect(wrong[0]!.detail).toMatch(/"tenantId":"globex-inc"/);
  });
});

describe('preview over the corpus', () => {
  it('the sample user has the required standard attribute; Cognito\'s claims table applies; an API sign-in carries one scope', { timeout: SLOW }, async () => {
    const { exitCode, result, stderr } = await preview;
    expect(exitCode, stderr).toBe(0);
    expect(result.version).toBe('V2_0');
    expect(result.userAttributes).toMatchObject({ given_name: 'Jane', 'custom:plan': 'acme-corp' });
    // cognito:groups suppressed from the ID token only; the standard attributes stay.
    expect(result.idToken!.payload).toMatchObject({ given_name: 'Jane', email: 'jane@example.com' });
    expect(result.idToken!.payload).not.toHaveProperty('cognito:groups');
    expect(result.idToken!.changes).toEqual({ 'cognito:groups': 'suppressed' });
    // aud may be added to the access token as the app client's id; the scope of an API sign-in plus the added one.
    expect(result.accessToken.payload).toMatchObject({
      aud: result.accessToken.payload.client_id,
      'cognito:groups': ['staff'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/app-user',
      scope: 'aws.cognito.signin.user.admin orders/read',
    });
    expect(result.accessToken.changes).toEqual({ aud: 'added', 'cognito:preferred_role': 'added', scope: 'overridden' });
  });
});

describe('doctor and preview say why they cannot inspect (exit 2), stop, and clean up', () => {
  /** A project of the corpus with another backend.ts. */
  function projectWith(name: string, backend: string): string {
    const dir = installed(join(CORPUS_DIR, 'threat-protection-no-tier'), join(FIXTURES_DIR, name));
    writeFileSync(join(dir, 'amplify', 'backend.ts'), backend);
    return dir;
  }

  /** A TMPDIR of its own, to see what a run leaves behind. */
  function tmpFor(name: string): string {
    const dir = join(FIXTURES_DIR, `${name}-tmp`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async function processesUnder(dir: string): Promise<string> {
    const ps = await execa('ps', ['-eo', 'pid,args'], { reject: false });
    return String(ps.stdout).split('\n').filter((line) => line.includes(dir)).join('\n');
  }

  it('a directory without amplify/backend.ts', async () => {
    const result = await runBin(['doctor', ROOT], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/has no amplify\/backend\.ts/);
  });

  it('a project whose packages are not installed', async () => {
    const result = await runBin(['preview', join(CORPUS_DIR, 'writable-tenant-claim')], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tsx, aws-cdk-lib, @aws-amplify\/backend are not installed\. Run npm install/);
  });

  it('only the project\'s own node_modules/.bin/tsx runs, never one in a folder above', async () => {
    const parent = join(FIXTURES_DIR, 'parent-with-tsx');
    mkdirSync(parent, { recursive: true });
    symlinkSync(relative(parent, DEPS_NODE_MODULES), join(parent, 'node_modules'), 'dir');
    const dir = join(parent, 'app');
    cpSync(join(CORPUS_DIR, 'threat-protection-no-tier'), dir, { recursive: true });
    const result = await runBin(['doctor', dir], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tsx is not installed\. .*runs only the project's own node_modules\/\.bin\/tsx/);
  });

  it('a backend that does not synthesize: its error is shown; the scratch directory is removed', { timeout: SLOW }, async () => {
    const dir = projectWith('broken', "throw new Error('backend exploded on purpose');\n");
    const tmp = tmpFor('broken');
    const result = await runBin(['doctor', dir], { cwd: ROOT, env: childEnv({ TMPDIR: tmp }) });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/does not synthesize/);
    expect(result.stderr).toMatch(/backend exploded on purpose/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a backend that synthesizes nothing: one message, exit 2', { timeout: SLOW }, async () => {
    const dir = projectWith('empty', "import '@aws-amplify/backend';\n");
    const result = await runBin(['doctor', dir], { cwd: ROOT, env: childEnv() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(
      `Error: cannot doctor ${dir}: amplify/backend.ts ran without error but synthesized nothing (no CloudFormation template in cdk.out): does it call defineBackend({ auth, … })?`,
    );
  });

  it('a backend that never finishes: stopped at --timeout, exit 2, no process or file left', { timeout: SLOW }, async () => {
    const dir = projectWith('hangs', "import '@aws-amplify/backend';\nsetInterval(() => undefined, 1000);\n");
    const tmp = tmpFor('hangs');
    const before = Date.now();
    const result = await runBin(['doctor', dir, '--timeout', '3'], { cwd: ROOT, env: childEnv({ TMPDIR: tmp }) });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/did not finish synthesizing within 3 s and was stopped/);
    expect(Date.now() - before).toBeLessThan(30_000);
    expect(await processesUnder(dir)).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('Ctrl-C during synthesis: exit 130, the synthesis stopped, the scratch directory removed', { timeout: SLOW }, async () => {
    const dir = projectWith('interrupted', "import '@aws-amplify/backend';\nsetInterval(() => undefined, 1000);\n");
    const tmp = tmpFor('interrupted');
    const run = runBin(['doctor', dir], { cwd: ROOT, env: childEnv({ TMPDIR: tmp }) });
    // Wait until the synthesis runs (its scratch directory exists), then interrupt.
    for (let waited = 0; readdirSync(tmp).length === 0 && waited < 30_000; waited += 100) await sleep(100);
    expect(readdirSync(tmp)).toHaveLength(1);
    await sleep(500);
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/Cancelled: doctor stopped/);
    expect(await processesUnder(dir)).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('bad arguments name the value', async () => {
    const flag = await runBin(['doctor', '--verbose'], { cwd: ROOT });
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/--verbose/);
    const user = await runBin(['preview', '.', '--user', 'tenant'], { cwd: ROOT });
    expect(user.exitCode).toBe(2);
    expect(user.stderr).toMatch(/--user "tenant" is not key=value/);
    const timeout = await runBin(['doctor', '.', '--timeout', 'soon'], { cwd: ROOT });
    expect(timeout.exitCode).toBe(2);
    expect(timeout.stderr).toMatch(/--timeout "soon" is not a number of seconds/);
  });
});
